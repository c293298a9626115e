/**
 * 1b. Amortised cost of the CustomerGauge token: issued for 3600 s, cached in a `$schedule`
 * entry until five minutes before expiry, so one token request every ~55 minutes however many
 * events flow. Measured with one event a minute for six simulated hours.
 */
import { BENCH_START, MINUTE_MS, round, startBenchApp, TOKEN_TEMPLATE } from '../harness';

const HOURS = 6;
const EVENTS_PER_MINUTE = 1;
/** Token lifetime issued by the sandbox (and CustomerGauge) minus the app's 5-minute margin. */
export const EXPECTED_REFRESH_MINUTES = 60 - 5;

export interface TokenResult {
  simulatedHours: number;
  events: number;
  tokenRequests: number;
  tokensIssuedBySandbox: number;
  /** mean time between two token requests, minutes */
  refreshIntervalMinutes: number;
  tokenRequestsPerEvent: number;
  expectedRefreshMinutes: number;
}

export async function runToken(): Promise<TokenResult> {
  const app = await startBenchApp({ destinations: ['CustomerGauge'], warm: true });
  try {
    const events = HOURS * 60 * EVENTS_PER_MINUTE;
    for (let i = 0; i < events; i++) {
      await app.moveTo(BENCH_START + (i * MINUTE_MS) / EVENTS_PER_MINUTE);
      await app.fire(i);
    }
    const fetches = app.runtime.requests.filter((r) => r.template === TOKEN_TEMPLATE && r.status === 200).map((r) => r.at);
    const span = fetches.length > 1 ? fetches[fetches.length - 1] - fetches[0] : NaN;
    return {
      simulatedHours: HOURS,
      events,
      tokenRequests: app.runtime.requests.filter((r) => r.template === TOKEN_TEMPLATE).length,
      tokensIssuedBySandbox: app.customerGauge.tokensIssued,
      refreshIntervalMinutes: round(span / (fetches.length - 1) / MINUTE_MS, 2),
      tokenRequestsPerEvent: round(fetches.length / events, 4),
      expectedRefreshMinutes: EXPECTED_REFRESH_MINUTES,
    };
  } finally {
    await app.close();
  }
}
