/**
 * 2. Sustained rate: the largest number of distinct events per minute the app carries
 * indefinitely within the 50/min request and `$db` quotas. A candidate rate r is run for
 * ten simulated minutes (events spread evenly, due schedules fired as time moves); it is
 * sustainable when the retry backlog does not grow and nothing is refused in the last minute.
 */
import { performance } from 'node:perf_hooks';
import { backlog, BENCH_START, MINUTE_MS, startBenchApp, type DestinationSetting } from '../harness';

const MINUTES = 10;

export interface RateRun {
  eventsPerMinute: number;
  sustainable: boolean;
  /** q-* schedules at the end of each simulated minute */
  backlogByMinute: number[];
  /** requests + `$db` operations refused during each simulated minute */
  refusedByMinute: number[];
  wallMs: number;
}

async function runRate(destinations: DestinationSetting, eventsPerMinute: number): Promise<RateRun> {
  const wallStart = performance.now();
  const app = await startBenchApp({ destinations, warm: true });
  try {
    // Warm-up: token cached, directory created; then a full minute passes so the quota windows are empty.
    await app.moveTo(BENCH_START);
    await app.fire(0);
    const start = BENCH_START + MINUTE_MS;
    const backlogByMinute: number[] = [];
    const refusedByMinute: number[] = [];
    const refused = () => {
      const s = app.runtime.stats();
      return s.requestsRefused + s.dbOpsRefused;
    };
    let next = 1;
    for (let minute = 0; minute < MINUTES; minute++) {
      const refusedBefore = refused();
      const minuteStart = start + minute * MINUTE_MS;
      for (let k = 0; k < eventsPerMinute; k++) {
        await app.moveTo(minuteStart + Math.round((k * MINUTE_MS) / eventsPerMinute));
        await app.fire(next++);
      }
      // Just before the next minute's first event: fire what is due, then look at the queue.
      await app.moveTo(minuteStart + MINUTE_MS - 1);
      backlogByMinute.push(backlog(app.runtime));
      refusedByMinute.push(refused() - refusedBefore);
    }
    const half = Math.floor(MINUTES / 2) - 1;
    const growing = backlogByMinute[MINUTES - 1] > backlogByMinute[half];
    const sustainable = !growing && refusedByMinute[MINUTES - 1] === 0 && backlogByMinute[MINUTES - 1] <= eventsPerMinute;
    return { eventsPerMinute, sustainable, backlogByMinute, refusedByMinute, wallMs: Math.round(performance.now() - wallStart) };
  } finally {
    await app.close();
  }
}

export interface SustainedResult {
  destinations: string[];
  /** largest sustainable rate found, events/min */
  maxEventsPerMinute: number;
  runs: RateRun[];
}

/**
 * Largest sustainable rate, assuming sustainability is monotonic in r. Starts next to the predicted
 * maximum (usually two or three runs), widening and bisecting only if the prediction is off.
 */
export async function runSustained(destinations: DestinationSetting, predicted: number): Promise<SustainedResult> {
  const runs: RateRun[] = [];
  const tried = new Map<number, boolean>();
  const sustainable = async (rate: number) => {
    if (rate <= 0) return true;
    if (!tried.has(rate)) {
      const run = await runRate(destinations, rate);
      runs.push(run);
      tried.set(rate, run.sustainable);
    }
    return tried.get(rate)!;
  };
  // Bracket from the prediction: one above it must fail, then step down (1, 2, 4, ...) to a rate that holds.
  let bad = Math.max(1, Math.floor(predicted)) + 1;
  while (await sustainable(bad)) bad *= 2;
  let good = bad - 1;
  for (let step = 1; !(await sustainable(good)); step *= 2) {
    bad = good;
    good = Math.max(0, good - step);
  }
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (await sustainable(mid)) good = mid;
    else bad = mid;
  }
  runs.sort((a, b) => a.eventsPerMinute - b.eventsPerMinute);
  return { destinations: [...destinations], maxEventsPerMinute: good, runs };
}
