/**
 * 3. Burst drain: n distinct events arrive within a window (one minute, or 30 s), both destinations,
 * then the runtime fires schedules until nothing is left. Reports the simulated time until the last
 * delivery, and what reached each sandbox and the history (lost, duplicated, dead-lettered).
 */
import { performance } from 'node:perf_hooks';
import {
  agentId,
  backlog,
  BENCH_START,
  BOTH,
  customerGaugeCount,
  DELIVERY_TEMPLATES,
  droppedCount,
  freshdeskCount,
  historyRecords,
  isQueueSchedule,
  MINUTE_MS,
  round,
  startBenchApp,
  statsDelta,
  type DestinationCount,
} from '../harness';

const IDLE_LIMIT_MS = 24 * 60 * MINUTE_MS;

export interface DestinationOutcome extends DestinationCount {
  lost: number;
}

export interface BurstResult {
  events: number;
  /** last successful delivery request minus first arrival, simulated minutes */
  drainMinutes: number;
  /** last queued work that ran (history written, queue empty) minus first arrival, simulated minutes */
  settledMinutes: number;
  freshdesk: DestinationOutcome;
  customerGauge: DestinationOutcome;
  history: { records: number; missing: number; outcomes: Record<string, number> };
  /** largest retry backlog seen (q-* schedules; the platform allows 1,000 one-time schedules) */
  peakBacklog: number;
  backlogAfter: number;
  refused: { requests: number; dbOps: number };
  invocations: number;
  /** invocations per event: the arrival, plus each time its queued work fired */
  invocationsPerEvent: number;
  /** `$schedule` calls per event (queue probes, slot and write-ahead creation): assumed outside every quota */
  scheduleOpsPerEvent: number;
  windowSeconds: number;
  /** lines the app logged at error level (e.g. "event … dropped") */
  errorLogs: number;
  /** events the app counted as dropped (the head's count): each one reached neither a destination nor the history */
  dropped: number;
  wallMs: number;
}

function outcome(count: DestinationCount, events: number): DestinationOutcome {
  return { ...count, lost: events - count.distinct };
}

export async function runBurst(events: number, windowMs = MINUTE_MS): Promise<BurstResult> {
  const wallStart = performance.now();
  const app = await startBenchApp({ destinations: BOTH, warm: true });
  try {
    // Warm-up (token cached, directory created), then a quiet minute so the quotas start empty.
    await app.moveTo(BENCH_START);
    await app.fire(0);
    const firstArrival = BENCH_START + MINUTE_MS;
    const before = app.runtime.stats();
    const traceFrom = app.runtime.requests.length;
    const invocationsFrom = app.runtime.scheduledInvocations.length;
    const deliveredBefore = { freshdesk: freshdeskCount(app), customerGauge: customerGaugeCount(app) };
    const spacing = Math.floor(windowMs / events);
    for (let i = 0; i < events; i++) {
      await app.moveTo(firstArrival + i * spacing);
      await app.fire(1 + i);
    }
    // Drain a simulated minute at a time (runUntilIdle), looking at the backlog in between:
    // listing the schedules copies them all, too slow to do at every fire time.
    let peakBacklog = backlog(app.runtime);
    for (let waiting = peakBacklog; waiting > 0 && app.clock.now() < firstArrival + IDLE_LIMIT_MS;) {
      await app.runtime.runUntilIdle({ maxMs: MINUTE_MS });
      waiting = backlog(app.runtime);
      peakBacklog = Math.max(peakBacklog, waiting);
    }
    const deliveries = app.runtime.requests
      .slice(traceFrom)
      .filter((r) => DELIVERY_TEMPLATES.has(r.template) && r.status >= 200 && r.status < 300);
    const lastDelivery = Math.max(...deliveries.map((r) => r.at));
    const queuedRuns = app.runtime.scheduledInvocations.slice(invocationsFrom).filter((s) => isQueueSchedule(s.schedule.name));
    const settledAt = queuedRuns.length > 0 ? queuedRuns[queuedRuns.length - 1].firedAt : lastDelivery;

    const records = historyRecords(app.runtime).filter((r) => r.change?.agent?.id !== agentId(0));
    const outcomes: Record<string, number> = {};
    for (const record of records) {
      for (const [destination, push] of Object.entries(record.pushes ?? {})) {
        const name = `${destination}:${push?.outcome ?? 'none'}`;
        outcomes[name] = (outcomes[name] ?? 0) + 1;
      }
    }
    const fd = freshdeskCount(app);
    const cg = customerGaugeCount(app);
    const delta = statsDelta(before, app.runtime.stats());
    // The warm-up event reached the sandboxes too: take it out.
    const minus = (now: DestinationCount, then: DestinationCount): DestinationCount => ({
      distinct: now.distinct - then.distinct,
      extra: now.extra - then.extra,
    });
    return {
      events,
      drainMinutes: round((lastDelivery - firstArrival) / MINUTE_MS, 2),
      settledMinutes: round((settledAt - firstArrival) / MINUTE_MS, 2),
      freshdesk: outcome(minus(fd, deliveredBefore.freshdesk), events),
      customerGauge: outcome(minus(cg, deliveredBefore.customerGauge), events),
      history: { records: records.length, missing: events - records.length, outcomes },
      peakBacklog,
      backlogAfter: backlog(app.runtime),
      refused: { requests: delta.requestsRefused, dbOps: delta.dbOpsRefused },
      invocations: delta.invocations,
      invocationsPerEvent: round(delta.invocations / events, 2),
      scheduleOpsPerEvent: round(delta.scheduleOps / events, 1),
      windowSeconds: windowMs / 1000,
      errorLogs: app.logCounts.error,
      dropped: droppedCount(app.runtime),
      wallMs: Math.round(performance.now() - wallStart),
    };
  } finally {
    await app.close();
  }
}
