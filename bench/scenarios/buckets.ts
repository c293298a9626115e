/**
 * 1c. Amortised cost of history page creation: a record that finds its page full (about every 30
 * records) opens the next one, costing extra `$db` operations. Measured at 1 event/min and
 * 25 events/min. Destinations are off:
 * `$db` costs do not depend on them, and the request quota stays out of the way.
 * Everything queued is drained at the end, so deferred work is counted too.
 */
import { backlog, BENCH_START, MINUTE_MS, round, startBenchApp, statsDelta } from '../harness';

const MINUTES = 10;

export interface BucketRateResult {
  eventsPerMinute: number;
  minutes: number;
  events: number;
  dbOpsPerEvent: number;
  /** extra `$db` operations per simulated minute beyond 2 per event */
  extraDbOpsPerMinute: number;
  dbOpsRefused: number;
  backlogAfterDrain: number;
}

async function atRate(eventsPerMinute: number): Promise<BucketRateResult> {
  const app = await startBenchApp({ destinations: [], warm: true });
  try {
    // One event first so the first page exists: its one-off creation is not amortised here.
    await app.moveTo(BENCH_START);
    await app.fire(0);
    const start = BENCH_START + MINUTE_MS;
    const before = app.runtime.stats();
    const events = MINUTES * eventsPerMinute;
    for (let k = 0; k < events; k++) {
      await app.moveTo(start + Math.round((k * MINUTE_MS) / eventsPerMinute));
      await app.fire(1 + k);
    }
    await app.moveTo(start + MINUTES * MINUTE_MS);
    await app.runtime.runUntilIdle();
    const delta = statsDelta(before, app.runtime.stats());
    return {
      eventsPerMinute,
      minutes: MINUTES,
      events,
      dbOpsPerEvent: round(delta.dbOps / events),
      extraDbOpsPerMinute: round((delta.dbOps - 2 * events) / MINUTES, 2),
      dbOpsRefused: delta.dbOpsRefused,
      backlogAfterDrain: backlog(app.runtime),
    };
  } finally {
    await app.close();
  }
}

export interface BucketResult {
  perMinute1: BucketRateResult;
  perMinute25: BucketRateResult;
}

export async function runBuckets(): Promise<BucketResult> {
  return { perMinute1: await atRate(1), perMinute25: await atRate(25) };
}
