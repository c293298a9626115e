/**
 * 7. Single Retry behind a burst: a push rejected earlier (bad credentials, since fixed) is retried
 * by an admin one minute into a 300-event burst, with the minute's `$db` quota spent. Reports the
 * simulated time from the click to the request reaching Freshdesk.
 */
import { BENCH_START, BOTH, MINUTE_MS, round, startBenchApp } from '../harness';

export interface RetryResult {
  burst: number;
  /** how the Retry answered: sent at once, or queued (and for when) */
  answer: string;
  minutesToVendor: number;
  /** the retried event's Freshdesk activities after everything drained */
  activities: number;
}

export async function runRetry(): Promise<RetryResult> {
  const app = await startBenchApp({ destinations: BOTH, warm: true });
  try {
    await app.moveTo(BENCH_START);
    app.freshdesk.setMode('bad_credentials');
    await app.fire(0);
    app.freshdesk.setMode('none');
    const list = await app.runtime.invokeServerMethod('listActivities', { filter: { destination: 'freshdesk' } });
    const id = (list.data as { activities: Array<{ id: string }> }).activities[0].id;
    const burst = 300;
    const start = BENCH_START + MINUTE_MS;
    for (let i = 0; i < burst; i++) {
      await app.moveTo(start + Math.floor((i * MINUTE_MS) / burst));
      await app.fire(1 + i);
    }
    await app.moveTo(start + MINUTE_MS + 30_000);
    const clicked = app.clock.now();
    const isRetried = () =>
      app.freshdesk.received.filter(
        (r) => (r.json as { contact?: { email?: string } } | undefined)?.contact?.email === 'agent0@example.com' && r.status === 200,
      ).length;
    const answer = await app.runtime.invokeServerMethod('retryActivity', { id });
    const data = answer.data as { message?: string } | undefined;
    while (isRetried() === 0 && app.clock.now() < clicked + 60 * MINUTE_MS) await app.runtime.runUntilIdle({ maxMs: 5_000 });
    const reached = isRetried() > 0 ? app.clock.now() : Number.NaN;
    await app.runtime.runUntilIdle();
    return {
      burst,
      answer: answer.ok ? (data?.message ?? 'ok') : JSON.stringify(answer.error),
      minutesToVendor: round((reached - clicked) / MINUTE_MS, 2),
      activities: isRetried(),
    };
  } finally {
    await app.close();
  }
}
