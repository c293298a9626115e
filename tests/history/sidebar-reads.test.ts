/**
 * What the sidebar's reads (src/app/api.ts, src/app/filter.ts) cost and mean against the real server
 * methods in the local runtime: a small history is one call that the filters can be applied to here,
 * exactly as the server applies them, and an answer that read nothing for want of the server methods'
 * reserve is a refusal the sidebar can tell from the platform's quota.
 */
import { HistoryApi } from '../../src/app/api';
import { reserveSpent } from '../../src/app/errors';
import { matchesFilter } from '../../src/app/filter';
import { historySize } from '../../src/app/format';
import { DESCRIPTORS } from '../../src/shared/destinations';
import { OUTCOMES, type ListFilter } from '../../src/shared/history-api';
import { RESERVE_PER_MINUTE } from '../../src/server/history/reserve';
import { intelliassign, startTestApp, withChange, type TestApp } from '../support/app';
import { historyPages } from '../support/storage';

let app: TestApp;
afterEach(() => app.close());

/** The FDK client of a browser, answered by the runtime's server methods as the platform answers them. */
function clientOf(local: TestApp): FdkClient {
  const invoke = async (method: string, args: Record<string, unknown>) => {
    const result = await local.runtime.invokeServerMethod(method, args);
    if (!result.ok) throw result.error;
    return { response: result.data };
  };
  return { request: { invoke } } as unknown as FdkClient;
}

function agentEvent(i: number): Record<string, unknown> {
  return withChange(intelliassign(), {
    org_agent_id: `agent-${i}`,
    status_change_timestamp: new Date(Date.parse('2026-11-23T10:45:00Z') + i * 1000).toISOString(),
  });
}

const NEXT_MINUTE = 61_000;

test('a small history is one list call and one reserve token, and filtering it here gives the rows the server gives for every filter', async () => {
  app = await startTestApp();
  // Delivered, rejected (Freshdesk refuses one) and waiting (CustomerGauge fails one) pushes.
  app.freshdesk.enqueueFaults({ status: 400, body: '{"description":"Validation failed"}' });
  for (let i = 0; i < 5; i++) await app.fire(agentEvent(i));
  app.customerGauge.setMode('server_error');
  await app.fire(agentEvent(5));
  app.customerGauge.setMode('none');
  app.clock.advance(NEXT_MINUTE);
  const api = new HistoryApi(clientOf(app));

  const before = app.runtime.stats().dbOps;
  const whole = await api.list({}, null);
  expect(app.runtime.stats().dbOps - before).toBe(1);
  expect(whole.meta.has_more).toBe(false);
  expect(new Set(whole.activities.map((a) => a.outcome))).toEqual(new Set(['delivered', 'rejected', 'retrying']));

  const filters: ListFilter[] = [undefined, ...OUTCOMES].flatMap((outcome) =>
    [undefined, ...DESCRIPTORS.map((d) => d.id)].map((destination) => ({
      ...(outcome && { outcome }),
      ...(destination && { destination }),
    })),
  );
  for (const [i, filter] of filters.entries()) {
    // Each server read takes a token of this minute's reserve: a new minute before the reserve runs out.
    if (i % RESERVE_PER_MINUTE === 0) app.clock.advance(NEXT_MINUTE);
    const served = await api.list(filter, null);
    expect(whole.activities.filter((a) => matchesFilter(a, filter)).map((a) => a.id)).toEqual(served.activities.map((a) => a.id));
  }
});

test('once the reserve is spent, a list that could read nothing is a refusal for want of reserve, and the clock still moves to the platform’s', async () => {
  app = await startTestApp();
  await app.fire(intelliassign());
  app.clock.advance(NEXT_MINUTE);
  const api = new HistoryApi(clientOf(app));
  for (let i = 0; i < RESERVE_PER_MINUTE; i++) expect((await api.list({}, null)).activities).toHaveLength(2);

  const list = await api.list({}, null).catch((err: unknown) => err);
  expect(list).toMatchObject({ status: 429 });
  expect(reserveSpent(list)).toBe(true);
  // The platform's time, far from this process's clock, came with the refusal.
  expect(Math.abs(api.clock.now() - app.clock.now())).toBeLessThan(60_000);

  app.clock.advance(NEXT_MINUTE);
  expect((await api.list({}, null)).activities).toHaveLength(2);
});

test('while a burst’s events wait for the store’s quota the list says they are not listed yet, and stops saying so once they are stored', async () => {
  app = await startTestApp();
  // 40 events within a minute: beyond what the store takes a minute, the rest wait in their write-ahead copies.
  for (let i = 0; i < 40; i++) await app.fire(agentEvent(i));
  app.clock.advance(NEXT_MINUTE);
  const api = new HistoryApi(clientOf(app));
  const during = await api.list({}, null);
  expect(during.meta.notice).toMatch(
    /^Deliveries are catching up with a burst: some of its events are not stored yet, so they are not listed; all will be within \d+ min\.$/,
  );
  expect(during.activities.length).toBeLessThan(80);

  await app.runtime.runUntilIdle();
  app.clock.advance(NEXT_MINUTE);
  const after = await api.list({}, null);
  expect(after.meta.notice).toBeNull();
  expect(after.activities).toHaveLength(80);
}, 120_000);

test('an answer is held to 100 KB: a longer one is cut to the pushes that fit, says there are more ("At least"), and its cursors page on exactly', async () => {
  app = await startTestApp();
  // 33 events with long status names, 66 pushes on the two storage pages a call reads: about 106 KB of activities.
  for (let i = 0; i < 33; i++) {
    await app.fire(withChange(agentEvent(i), { status: `In a meeting ${'with the customer success team '.repeat(6)}${i}` }));
    app.clock.advance(3000);
  }
  await app.runtime.runUntilIdle();
  expect(Object.keys(historyPages(app.runtime))).toHaveLength(2);
  app.clock.advance(NEXT_MINUTE);
  const api = new HistoryApi(clientOf(app));
  const first = await api.list({}, null);
  expect(Buffer.byteLength(JSON.stringify(first))).toBeLessThanOrEqual(100 * 1024);
  expect(first.activities.length).toBeGreaterThan(50);
  expect(first.activities.length).toBeLessThan(66);
  expect(first.meta.has_more).toBe(true);
  expect(historySize(first.activities.length, !first.meta.has_more)).toBe(`At least ${first.activities.length} in history`);

  app.clock.advance(NEXT_MINUTE);
  const rest = await api.list({}, first.meta.after_cursor);
  expect(rest.meta.has_more).toBe(false);
  expect(new Set([...first.activities, ...rest.activities].map((a) => a.id)).size).toBe(66);

  // Back from the rest's first push: exactly the first answer's pushes, newest first.
  app.clock.advance(NEXT_MINUTE);
  const back = await app.call('listActivities', { page: { size: 100, before: rest.meta.before_cursor } });
  expect(back.activities.map((a: { id: string }) => a.id)).toEqual(first.activities.map((a) => a.id));

  // A page[before] that would be too long is cut too, keeping the pushes nearest the cursor.
  app.clock.advance(NEXT_MINUTE);
  const last = rest.activities[rest.activities.length - 1];
  const end = await app.call('listActivities', { page: { size: 100, before: rest.meta.after_cursor } });
  expect(end.meta.has_more).toBe(true);
  const upward = [...first.activities, ...rest.activities].map((a) => a.id).filter((id) => id !== last.id);
  expect(end.activities.map((a: { id: string }) => a.id)).toEqual(upward.slice(-end.activities.length));
});
