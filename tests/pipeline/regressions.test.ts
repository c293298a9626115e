/**
 * Regression tests for issues 11 and 12 (the items this area owns), named after the item they prove.
 * Each drives the built server.js in the runtime (real platform rules) against the sandbox vendors.
 */
import { history, intelliassign, startTestApp, withChange, type TestApp } from '../support/app';
import { allActivities, expectSettled } from '../support/settle';
import { claims, fillPage, holdPage, pageOf, storedRecords, ttls, writeAheads } from '../support/storage';

let app: TestApp;
afterEach(() => app.close());

const MINUTE = 60_000;

function agentEvent(i: number): Record<string, unknown> {
  return withChange(intelliassign(), {
    org_agent_id: `agent-${i}`,
    email: `agent${i}@example.com`,
    status_change_timestamp: new Date(Date.parse('2026-11-23T10:45:00Z') + i * 1000).toISOString(),
  });
}

/** Spends `n` of this minute's `$db` operations (or all that are left), as other work of the installation would. */
async function spendDbOps(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const spent = await app.runtime.db.set(`other-${i}`, { i }).then(
      () => true,
      () => false,
    );
    if (!spent) return;
  }
}

const byDestination = async () => Object.fromEntries((await history(app)).map((x) => [x.target?.destination, x]));

/** Resolves once `predicate` holds (polled on the event loop). */
async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setImmediate(resolve));
}

describe('issue 11', () => {
  test('full pages: a history write that can never succeed is logged and given up after a few tries; delivery goes on', async () => {
    app = await startTestApp();
    for (const page of ['0', '1', '2', '3', '4']) fillPage(app.runtime, page);
    await app.fire(agentEvent(1));
    await app.fire(agentEvent(2));
    await app.runtime.runUntilIdle();
    // Both delivered once, nothing left looping in the queue.
    expect(app.freshdesk.activities).toHaveLength(2);
    expect(app.customerGauge.activitiesByReference.size).toBe(2);
    expect(writeAheads(app.runtime)).toHaveLength(0);
    expect(app.logs.filter((l) => l.startsWith('error: history:'))).toHaveLength(2);
    // They reached the destinations: not dropped (issue 17 item 10: dropped counts only what reached neither).
    expect((await app.call('countActivities')).count.dropped).toBe(0);
  });

  test('a history write refused by the $db quota is written later: nothing becomes invisible, the count is right', async () => {
    app = await startTestApp();
    await spendDbOps(49); // the claim gets the 50th operation, the history write is refused
    await app.fire(agentEvent(1));
    expect(app.freshdesk.activities).toHaveLength(1);
    expect(storedRecords(app.runtime)).toHaveLength(0);
    await app.runtime.runUntilIdle();
    expect((await history(app)).map((a) => a.outcome)).toEqual(['delivered', 'delivered']);
    expect((await app.call('countActivities')).count).toMatchObject({ value: 2, exact: true });
    expect(app.freshdesk.activities).toHaveLength(1);
  });

  test('sidebar opens during a burst never take the quota deliveries need: nothing lost', async () => {
    app = await startTestApp();
    for (let i = 0; i < 80; i++) await app.fire(agentEvent(i));
    // Two sidebar opens a minute while the queue drains.
    for (let minute = 0; minute < 12; minute++) {
      for (let open = 0; open < 2; open++) {
        app.clock.advance(MINUTE / 2);
        await app.runtime.fireDueSchedules();
        await app.call('listActivities');
        await app.call('countActivities');
      }
    }
    await app.runtime.runUntilIdle();
    const settled = await expectSettled(app, 80);
    expect(settled.delivered).toEqual({ freshdesk: 80, customergauge: 80 });
  }, 60_000);

  test('a parked event wakes about once: a burst of 100 costs under 3 invocations an event', async () => {
    app = await startTestApp();
    const before = app.runtime.stats().invocations;
    for (let i = 0; i < 100; i++) await app.fire(agentEvent(i));
    await app.runtime.runUntilIdle();
    expect((app.runtime.stats().invocations - before) / 100).toBeLessThanOrEqual(2);
    await expectSettled(app, 100);
  });

  test('beyond physical capacity ($db quota spent, every schedule in use) an event is logged by name and counted', async () => {
    app = await startTestApp();
    const at = new Date(app.clock.now() + 3_600_000).toISOString();
    for (let i = 0; i < 1000; i++) await app.runtime.schedules.create({ name: `other-${i}`, data: { i }, schedule_at: at });
    await spendDbOps(50);
    await app.fire(agentEvent(1));
    expect(app.freshdesk.received).toHaveLength(0);
    expect(app.logs.filter((l) => /^error: event \w+ dropped/.test(l))).toHaveLength(1);
    app.clock.advance(MINUTE);
    expect((await app.call('countActivities')).count.dropped).toBe(1);
  });

  test('while events wait in their copies for the store quota, a new arrival takes its chance or waits too: nothing lost', async () => {
    app = await startTestApp();
    for (let i = 0; i < 80; i++) await app.fire(agentEvent(i));
    app.clock.advance(MINUTE);
    await app.fire(agentEvent(100));
    await app.runtime.runUntilIdle();
    await expectSettled(app, 81);
  }, 120_000);

  test('a retry whose history page has filled up still fits (the page keeps a reserve), listed once', async () => {
    app = await startTestApp();
    const longReason = JSON.stringify({ description: 'y'.repeat(280) });
    app.freshdesk.enqueueFaults({ status: 503, body: '{}' }, { status: 503, body: longReason, contentType: 'application/json' });
    await app.fire(agentEvent(1));
    const [record] = storedRecords(app.runtime);
    // The record's page is left 20 bytes short of the 40 KB limit: the longer reason fits only in the page's reserve.
    fillPage(app.runtime, pageOf(app.runtime, record.key), [record], 20);
    await app.runtime.runUntilIdle();
    const listed = await allActivities(app);
    expect(listed.map((a) => a.outcome)).toEqual(['delivered', 'delivered']);
    expect(new Set(listed.map((a) => a.id.split('.')[0]))).toEqual(new Set(['0']));
  });

  test('reasons are words: a platform {status, message} error never reads [object Object]', async () => {
    app = await startTestApp();
    await app.fire(intelliassign());
    const [activity] = await history(app);
    await spendDbOps(50);
    const error = await app.callError('showActivity', { id: activity.id });
    expect(error.message).toBe('HTTP 429: Rate limit exceeded');
  });
});

describe('issue 12', () => {
  test('item 1: a call that could not finish within the 20 s is never started; the push waits instead', async () => {
    app = await startTestApp();
    app.customerGauge.enqueueFaults({ path: '/oauth2/token', delayMs: 100 });
    const fired = app.fire(intelliassign());
    await until(() => app.customerGauge.received.some((r) => r.path === '/oauth2/token'));
    app.clock.advance(16_000); // the token answered after 16 s of the invocation: no time left for the upsert
    await fired;
    const first = await byDestination();
    expect(first.customergauge).toMatchObject({ outcome: 'retrying', attempts: 0 });
    expect(first.customergauge.reason).toMatch(/not started/);
    expect(app.customerGauge.received.filter((r) => r.path === '/activities')).toHaveLength(0);
    await app.runtime.runUntilIdle();
    expect((await byDestination()).customergauge.outcome).toBe('delivered');
  });

  test('item 1: a hanging token endpoint is tried once, not twice (2 × 15 s would outlast the invocation)', async () => {
    app = await startTestApp();
    app.customerGauge.enqueueFaults({ path: '/oauth2/token', hang: true });
    const fired = app.fire(intelliassign());
    await until(() => app.customerGauge.received.some((r) => r.path === '/oauth2/token'));
    app.clock.advance(15_000);
    await fired;
    expect(app.customerGauge.received.map((r) => r.path)).toEqual(['/oauth2/token']);
    expect((await byDestination()).customergauge.outcome).toBe('retrying');
    await app.runtime.runUntilIdle();
    expect((await byDestination()).customergauge.outcome).toBe('delivered');
  });

  test('item 1: an invocation killed after its claim is resumed by its write-ahead copy, not dropped as a duplicate', async () => {
    app = await startTestApp({ executionTimeoutMs: 2000, requestTimeoutMs: 10_000 });
    app.freshdesk.enqueueFaults({ hang: true });
    await app.runtime.invokeEvent('onAgentActivityCreate', intelliassign());
    expect(claims(app.runtime)).toHaveLength(1);
    expect(writeAheads(app.runtime)).toHaveLength(1);
    await app.runtime.runUntilIdle();
    const after = await byDestination();
    expect(after.freshdesk).toMatchObject({ outcome: 'delivered', may_duplicate: true });
    expect(after.customergauge.outcome).toBe('delivered');
    expect(app.freshdesk.activities).toHaveLength(1);
    expect(writeAheads(app.runtime)).toHaveLength(0);
  });

  test('item 2: queued work fits 4 KB of schedule data by construction, however large the event', async () => {
    app = await startTestApp();
    const long = (c: string, n: number) => c.repeat(n);
    const payload = withChange(intelliassign(), {
      status: long('é', 500),
      prev_status: long('ß', 500),
      email: `${long('a', 480)}@example.com`,
      emoji: long('😀', 100),
    });
    Object.assign((payload as any).data.actor, { first_name: long('Ж', 500), last_name: long('字', 500) });
    app.freshdesk.enqueueFaults({ status: 503, body: JSON.stringify({ description: long('Ü', 2000) }) });
    await app.fire(payload);
    for (const schedule of app.runtime.schedules.list()) expect(Buffer.byteLength(JSON.stringify(schedule.data))).toBeLessThanOrEqual(4096);
    await app.runtime.runUntilIdle();
    expect((await byDestination()).freshdesk.outcome).toBe('delivered');
  });

  test.each([
    ['500', { status: 500 }],
    ['502', { status: 502 }],
    ['503', { status: 503 }],
    ['a connection reset', { reset: true }],
  ])('item 5: Freshdesk wrote the activity, then answered %s: flagged may_duplicate', async (_name, fault) => {
    app = await startTestApp();
    app.freshdesk.enqueueFaults({ ...fault, afterProcessing: true });
    await app.fire(intelliassign());
    expect((await byDestination()).freshdesk).toMatchObject({ outcome: 'retrying', may_duplicate: true });
    await app.runtime.runUntilIdle();
    expect((await byDestination()).freshdesk).toMatchObject({ outcome: 'delivered', may_duplicate: true });
  });

  test('item 6: two concurrent Retry clicks make one Freshdesk activity', async () => {
    app = await startTestApp();
    app.freshdesk.setMode('bad_credentials');
    await app.fire(intelliassign());
    app.freshdesk.setMode('none');
    const { id } = (await byDestination()).freshdesk;
    const answers = await Promise.all([0, 1].map(() => app.runtime.invokeServerMethod('retryActivity', { id })));
    expect(app.freshdesk.activities).toHaveLength(1);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(1);
    const refused = answers.filter((a) => !a.ok).map((a) => (a.error as { status: number }).status);
    expect(refused.every((status) => status === 409)).toBe(true);
    expect((await byDestination()).freshdesk.outcome).toBe('delivered');
  });

  test('item 6: a Retry while another run holds the page is refused; a drain then waits for the page', async () => {
    app = await startTestApp();
    app.freshdesk.setMode('bad_credentials');
    app.customerGauge.enqueueFaults({ path: '/activities', status: 429, retryAfter: '60' });
    await app.fire(intelliassign());
    app.freshdesk.setMode('none');
    const before = await byDestination();
    await holdPage(app.runtime, before.freshdesk.id.split('.')[0]);
    expect(await app.callError('retryActivity', { id: before.freshdesk.id })).toMatchObject({ status: 409 });
    expect(app.freshdesk.received.length).toBe(1);
    app.clock.advance(7 * MINUTE); // the drain fires while the page is held: CustomerGauge waits on
    await app.runtime.fireDueSchedules();
    expect((await byDestination()).customergauge.outcome).toBe('retrying');
    await app.runtime.runUntilIdle();
    expect((await byDestination()).customergauge.outcome).toBe('delivered');
    expect(app.customerGauge.activitiesByReference.size).toBe(1);
  });

  test('item 7: the dedup claim lives as long as the history; a redelivery after 8 days is still a duplicate', async () => {
    app = await startTestApp();
    await app.fire(intelliassign());
    const stored = ttls(app.runtime);
    const claimTtl = stored[claims(app.runtime)[0]];
    expect(claimTtl).toBe(30 * 24 * 3600);
    expect(
      Object.entries(stored)
        .filter(([key]) => key.startsWith('h:'))
        .every(([, ttl]) => ttl === claimTtl),
    ).toBe(true);
    app.clock.advance(8 * 24 * 60 * MINUTE);
    await app.fire(intelliassign());
    expect(app.freshdesk.activities).toHaveLength(1);
  });

  test('item 8: Retry and Retry all on a push still retrying keep its Retry-After and say when it runs', async () => {
    app = await startTestApp();
    app.freshdesk.enqueueFaults({ status: 429, retryAfter: '3600' });
    await app.fire(intelliassign());
    const { freshdesk } = await byDestination();
    const retry = await app.call('retryActivity', { id: freshdesk.id });
    expect(retry.queued_at).toBe(freshdesk.next_retry_at);
    expect(retry.message).toMatch(/^Already queued/);
    const all = await app.call('retryAllFailed');
    expect(all).toMatchObject({ queued: 0, already_queued: 1 });
    app.clock.advance(59 * MINUTE);
    await app.runtime.fireDueSchedules();
    expect(app.freshdesk.received).toHaveLength(1);
    await app.runtime.runUntilIdle();
    expect(app.freshdesk.activities).toHaveLength(1);
    expect((await allActivities(app)).every((a) => a.outcome === 'delivered')).toBe(true);
  });
});
