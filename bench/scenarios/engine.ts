/**
 * Issue 17's scenarios for the delivery engine: one destination's outage (1 h and 8 h at 20
 * events/min), 23/min for 3 h with the sidebar opened twice a minute, 50 simultaneous arrivals, and
 * 1.5 s per platform call. Each reports what was lost, duplicated or dropped, how long the drain took,
 * the live one-time schedules at peak and the `$schedule` calls per event.
 */
import { performance } from 'node:perf_hooks';
import {
  backlog,
  BENCH_START,
  BOTH,
  customerGaugeCount,
  distinctEvent,
  droppedCount,
  freshdeskCount,
  liveOneTime,
  MINUTE_MS,
  round,
  startBenchApp,
  statsDelta,
  type BenchApp,
} from '../harness';

export interface EngineScenario {
  name: string;
  events: number;
  /** distinct events missing at each destination once the engine settled */
  lost: { freshdesk: number; customerGauge: number };
  /** copies beyond the first at Freshdesk (each flagged may_duplicate when it can happen) */
  duplicates: number;
  /** events counted as dropped (reached neither a destination nor the history) */
  dropped: number;
  /** the healthy destination's largest delay from arrival to delivery, minutes */
  otherDestinationDelayMinutes: number | null;
  /** from recovery (or the last arrival) until the last delivery, simulated minutes */
  drainMinutes: number;
  peakLiveSchedules: number;
  scheduleCallsPerEvent: number;
  dbOpsPerEvent: number;
  requestsPerEvent: number;
  invocationsPerEvent: number;
  wallMs: number;
}

const DAY_MS = 24 * 60 * MINUTE_MS;

/** Runs the engine until nothing is left to do (or two days), watching the live schedules. */
async function settle(app: BenchApp, peak: { value: number }): Promise<void> {
  for (let waiting = backlog(app.runtime); waiting > 0 && app.clock.now() < BENCH_START + 2 * DAY_MS;) {
    await app.runtime.runUntilIdle({ maxMs: 5 * MINUTE_MS });
    peak.value = Math.max(peak.value, liveOneTime(app.runtime));
    waiting = backlog(app.runtime);
  }
}

interface Plan {
  name: string;
  perMinute: number;
  minutes: number;
  /** Freshdesk fails (5xx) while the events arrive. */
  outage?: boolean;
  sidebarOpensPerMinute?: number;
  /** Every `$db` and `$schedule` call takes this long (simulated). */
  platformLatencyMs?: number;
  /** All events at once, concurrently. */
  concurrent?: boolean;
}

function slowPlatform(app: BenchApp, ms: number): void {
  for (const target of [app.runtime.db, app.runtime.schedules] as unknown as Array<
    Record<string, (...args: unknown[]) => Promise<unknown>>
  >) {
    for (const name of ['get', 'set', 'update', 'delete', 'create', 'fetch']) {
      const original = target[name];
      if (typeof original !== 'function') continue;
      target[name] = async (...args: unknown[]) => {
        app.clock.advance(ms);
        return original.apply(target, args);
      };
    }
  }
}

async function arrive(app: BenchApp, plan: Plan, peak: { value: number }, cgDelays: number[]): Promise<number> {
  let next = 1;
  const start = app.clock.now();
  if (plan.concurrent) {
    await Promise.all(
      Array.from({ length: plan.perMinute }, () => app.runtime.invokeEvent('onAgentActivityCreate', distinctEvent(next++))),
    );
    return next - 1;
  }
  for (let minute = 0; minute < plan.minutes; minute++) {
    for (let k = 0; k < plan.perMinute; k++) {
      const at = start + minute * MINUTE_MS + Math.round((k * MINUTE_MS) / plan.perMinute);
      await app.moveTo(at);
      const cgBefore = customerGaugeCount(app).distinct;
      await app.fire(next++);
      if (customerGaugeCount(app).distinct > cgBefore) cgDelays.push(0);
    }
    for (let open = 0; open < (plan.sidebarOpensPerMinute ?? 0); open++) {
      await app.runtime.invokeServerMethod('listActivities', {});
      await app.runtime.invokeServerMethod('countActivities', {});
    }
    peak.value = Math.max(peak.value, liveOneTime(app.runtime));
  }
  return next - 1;
}

async function run(plan: Plan): Promise<EngineScenario> {
  const wallStart = performance.now();
  const app = await startBenchApp({ destinations: BOTH, warm: true });
  try {
    await app.moveTo(BENCH_START);
    if (plan.platformLatencyMs) slowPlatform(app, plan.platformLatencyMs);
    if (plan.outage) app.freshdesk.setMode('server_error');
    const before = app.runtime.stats();
    const peak = { value: 0 };
    const cgDelays: number[] = [];
    const events = await arrive(app, plan, peak, cgDelays);
    const recovered = app.clock.now();
    app.freshdesk.setMode('none');
    await settle(app, peak);
    const fdRequests = app.runtime.requests.filter((r) => r.template === 'freshdeskCreateContactActivity' && r.status < 300);
    const lastDelivery = fdRequests.length > 0 ? Math.max(...fdRequests.map((r) => r.at)) : recovered;
    const delta = statsDelta(before, app.runtime.stats());
    const fd = freshdeskCount(app);
    const cg = customerGaugeCount(app);
    return {
      name: plan.name,
      events,
      lost: { freshdesk: events - fd.distinct, customerGauge: events - cg.distinct },
      duplicates: fd.extra,
      dropped: droppedCount(app.runtime),
      otherDestinationDelayMinutes: plan.outage ? (cgDelays.length === events ? 0 : null) : null,
      drainMinutes: round(Math.max(0, lastDelivery - recovered) / MINUTE_MS, 1),
      peakLiveSchedules: peak.value,
      scheduleCallsPerEvent: round(delta.scheduleOps / events, 2),
      dbOpsPerEvent: round(delta.dbOps / events, 2),
      requestsPerEvent: round(delta.requests / events, 2),
      invocationsPerEvent: round(delta.invocations / events, 2),
      wallMs: Math.round(performance.now() - wallStart),
    };
  } finally {
    await app.close();
  }
}

export const ENGINE_PLANS: Plan[] = [
  { name: 'Freshdesk down 1 h, 20 events/min', perMinute: 20, minutes: 60, outage: true },
  { name: 'Freshdesk down 8 h, 20 events/min', perMinute: 20, minutes: 480, outage: true },
  { name: '23 events/min for 3 h, sidebar opened twice a minute', perMinute: 23, minutes: 180, sidebarOpensPerMinute: 2 },
  { name: '50 simultaneous arrivals', perMinute: 50, minutes: 1, concurrent: true },
  { name: '1.5 s per platform call, 10 events/min for 10 min', perMinute: 10, minutes: 10, platformLatencyMs: 1500 },
  { name: 'steady state, 10 events/min for 10 min', perMinute: 10, minutes: 10 },
];

export async function runEngine(step: <T>(name: string, run: () => Promise<T>) => Promise<T>, only = ''): Promise<EngineScenario[]> {
  const results: EngineScenario[] = [];
  for (const plan of ENGINE_PLANS.filter((p) => p.name.includes(only))) results.push(await step(plan.name, () => run(plan)));
  return results;
}
