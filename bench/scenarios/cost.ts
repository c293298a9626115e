/**
 * 1. Cost per event in steady state: CustomerGauge token cached, history bucket of the minute
 * already there, no failure, no quota hit. Warm-up events at the start of a minute create the
 * token and the bucket; the measured events follow in the same minute, spread so that the
 * 50/min quotas are never reached.
 */
import { backlog, BENCH_START, requestsByTemplate, round, startBenchApp, statsDelta, type DestinationSetting } from '../harness';

export const COST_SETTINGS: Record<string, DestinationSetting> = {
  'Freshdesk only': ['Freshdesk'],
  'CustomerGauge only': ['CustomerGauge'],
  both: ['Freshdesk', 'CustomerGauge'],
};

const WARMUP_EVENTS = 2;
/** 2 warm-up + 20 measured events stay under 50 requests and 50 `$db` operations in the minute. */
const MEASURED_EVENTS = 20;
const FIRST_MEASURED_AT_MS = 5_000;
const SPACING_MS = 2_000;

export interface CostResult {
  setting: string;
  destinations: string[];
  warm: boolean;
  events: number;
  requestsPerEvent: number;
  dbOpsPerEvent: number;
  /** `$schedule` calls (token cache read): not metered by the 50/min `$db` quota */
  scheduleOpsPerEvent: number;
  requestsByTemplate: Record<string, number>;
  refused: { requests: number; dbOps: number };
  backlogAfter: number;
  /** floor: one request per enabled destination */
  requestFloor: number;
}

export async function measureCost(setting: string, warm: boolean): Promise<CostResult> {
  const destinations = COST_SETTINGS[setting];
  const app = await startBenchApp({ destinations, warm });
  try {
    for (let i = 0; i < WARMUP_EVENTS; i++) {
      await app.moveTo(BENCH_START + i * 1000);
      await app.fire(i);
    }
    const before = app.runtime.stats();
    const traceFrom = app.runtime.requests.length;
    for (let k = 0; k < MEASURED_EVENTS; k++) {
      await app.moveTo(BENCH_START + FIRST_MEASURED_AT_MS + k * SPACING_MS);
      await app.fire(WARMUP_EVENTS + k);
    }
    const delta = statsDelta(before, app.runtime.stats());
    return {
      setting,
      destinations: [...destinations],
      warm,
      events: MEASURED_EVENTS,
      requestsPerEvent: round(delta.requests / MEASURED_EVENTS),
      dbOpsPerEvent: round(delta.dbOps / MEASURED_EVENTS),
      scheduleOpsPerEvent: round(delta.scheduleOps / MEASURED_EVENTS),
      requestsByTemplate: requestsByTemplate(app.runtime, traceFrom),
      refused: { requests: delta.requestsRefused, dbOps: delta.dbOpsRefused },
      backlogAfter: backlog(app.runtime),
      requestFloor: destinations.length,
    };
  } finally {
    await app.close();
  }
}

export interface CostResults {
  /** cold (a fresh context per invocation, as the emulator does by default) */
  bySetting: Record<string, CostResult>;
  /** the same measurement in a warm container gives the same counts (so warm runs are representative) */
  warmMatchesCold: boolean;
}

export async function runCost(): Promise<CostResults> {
  const bySetting: Record<string, CostResult> = {};
  let warmMatchesCold = true;
  for (const setting of Object.keys(COST_SETTINGS)) {
    const cold = await measureCost(setting, false);
    const warm = await measureCost(setting, true);
    bySetting[setting] = cold;
    warmMatchesCold &&= cold.requestsPerEvent === warm.requestsPerEvent && cold.dbOpsPerEvent === warm.dbOpsPerEvent;
  }
  return { bySetting, warmMatchesCold };
}
