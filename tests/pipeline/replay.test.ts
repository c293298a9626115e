/**
 * Replays (Retry, Retry all failed) when the platform refuses part of the work: the `$db` quota spent
 * between a Retry's push and its record, an invocation that dies with the push out, the server
 * methods' reserve spent. Each drives the built server.js in the runtime against the fake vendors.
 */
import sinon from 'sinon';
import { history, intelliassign, startTestApp, withChange, type TestApp } from '../support/app';
import { RESERVE_NOTICE } from '../../src/shared/history-api';
import { queuedWork } from '../support/storage';

let app: TestApp;
afterEach(async () => {
  sinon.restore();
  await app.close();
});

const MINUTE = 60_000;

/** Spends `n` of this minute's `$db` operations, as other work of the installation would. */
async function spendDbOps(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await app.runtime.db.set(`other-${i}`, { i });
}

const freshdeskPush = async () => (await history(app, { destination: 'freshdesk' }))[0];

/** One event whose Freshdesk push was rejected (bad credentials, since fixed); the quota window left behind. */
async function rejectedFreshdeskPush(): Promise<string> {
  app.freshdesk.setMode('bad_credentials');
  await app.fire(intelliassign());
  app.freshdesk.setMode('none');
  const push = await freshdeskPush();
  expect(push.outcome).toBe('rejected');
  app.clock.advance(2 * MINUTE);
  return push.id as string;
}

describe('Retry', () => {
  test('the push went out but the $db quota refused its record: recorded later, never sent again unflagged', async () => {
    app = await startTestApp();
    const id = await rejectedFreshdeskPush();
    await spendDbOps(49); // the page read takes the 50th operation: the record write is refused
    const first = await app.runtime.invokeServerMethod('retryActivity', { id });
    expect(app.freshdesk.activities).toHaveLength(1);
    expect(first).toMatchObject({ ok: true, data: { activity: { outcome: 'delivered' } } });
    expect((first as { data: { message: string } }).data.message).toMatch(/could not record it now/);
    // Agents keep clicking, one after another and at once, before and after the quota frees up.
    app.clock.advance(MINUTE);
    const clicks = await Promise.all([0, 1, 2].map(() => app.runtime.invokeServerMethod('retryActivity', { id })));
    expect(clicks.map((c) => (c.ok ? 200 : (c.error as { status: number }).status))).toEqual([409, 409, 409]);
    await app.runtime.runUntilIdle();
    expect(await freshdeskPush()).toMatchObject({ outcome: 'delivered', may_duplicate: false });
    expect(queuedWork(app.runtime)).toHaveLength(0);
    for (let click = 0; click < 3; click++) await app.runtime.invokeServerMethod('retryActivity', { id });
    expect(app.freshdesk.activities).toHaveLength(1);
    app.clock.advance(MINUTE);
    expect(await history(app)).toHaveLength(2); // listed once per destination
  });

  test('the invocation dies with the push out: the replay is recorded as a possible duplicate and settled', async () => {
    // The Freshdesk request hangs longer than the invocation may run: it dies with the push out.
    app = await startTestApp({ executionTimeoutMs: 1000, requestTimeoutMs: 10_000 });
    const id = await rejectedFreshdeskPush();
    app.freshdesk.enqueueFaults({ hang: true });
    const killed = await app.runtime.invokeServerMethod('retryActivity', { id });
    expect(killed).toMatchObject({ ok: false, error: { status: 504 } });
    expect(await app.runtime.invokeServerMethod('retryActivity', { id })).toMatchObject({ ok: false, error: { status: 409 } });
    await app.runtime.runUntilIdle();
    expect(await freshdeskPush()).toMatchObject({ outcome: 'delivered', may_duplicate: true });
    expect(app.freshdesk.activities).toHaveLength(1);
  });
});

describe('Retry refused or settled without sending', () => {
  test('an id that is no activity is refused; an activity the history does not hold is not found', async () => {
    app = await startTestApp();
    const id = await rejectedFreshdeskPush();
    expect(await app.callError('retryActivity', { id: 42 })).toMatchObject({ status: 400, message: 'id is not an activity id' });
    const [page, , destination] = id.split('.');
    expect(await app.callError('retryActivity', { id: `${page}.nosuchevent.${destination}` })).toMatchObject({
      status: 404,
      message: 'activity was not found',
    });
    expect(app.freshdesk.activities).toHaveLength(0);
  });

  test('a push refused again is not retried again within 10 minutes: the answer says from when', async () => {
    app = await startTestApp();
    const id = await rejectedFreshdeskPush();
    app.freshdesk.setMode('bad_credentials');
    expect(await app.call('retryActivity', { id })).toMatchObject({ activity: { outcome: 'rejected' }, message: 'Retried: rejected.' });
    const retriedAt = new Date(app.clock.now()).toISOString();
    app.clock.advance(MINUTE);
    const again = await app.call('retryActivity', { id });
    const from = new Date(Date.parse(retriedAt) + 10 * MINUTE).toISOString();
    expect(again).toMatchObject({ queued_at: null, message: `Already retried at ${retriedAt}: it can be retried again from ${from}.` });
    expect(app.freshdesk.received.filter((r) => r.path.startsWith('/api/v2/contact-activities'))).toHaveLength(2);
  });

  test('the scheduler cannot take the push in flight: nothing is sent and the answer says to try again; the next click delivers', async () => {
    app = await startTestApp();
    const id = await rejectedFreshdeskPush();
    const update = sinon.stub(app.runtime.schedules, 'update').rejects({ status: 500, message: 'Internal Server Error' });
    expect(await app.callError('retryActivity', { id })).toMatchObject({
      status: 503,
      message: 'the retry could not be started (the scheduler failed): nothing was sent, try again in a minute',
    });
    expect(app.freshdesk.activities).toHaveLength(0);
    update.restore();
    app.clock.advance(MINUTE);
    expect(await app.call('retryActivity', { id })).toMatchObject({ activity: { outcome: 'delivered' } });
    expect(app.freshdesk.activities).toHaveLength(1);
  });

  test('the page lock outlives a recorded Retry (its removal failed): when it fires, the recorded outcome stands and nothing is resent', async () => {
    app = await startTestApp();
    const id = await rejectedFreshdeskPush();
    const remove = sinon.stub(app.runtime.schedules, 'delete');
    remove.callsFake((query: unknown) =>
      /^s/.test((query as { name: string }).name)
        ? Promise.reject({ status: 500, message: 'Internal Server Error' })
        : remove.wrappedMethod.call(app.runtime.schedules, query),
    );
    expect(await app.call('retryActivity', { id })).toMatchObject({ activity: { outcome: 'delivered' }, message: 'Retried: delivered.' });
    expect(queuedWork(app.runtime)).toHaveLength(1);
    remove.restore();
    await app.runtime.runUntilIdle();
    expect(queuedWork(app.runtime)).toHaveLength(0);
    expect(await freshdeskPush()).toMatchObject({ outcome: 'delivered', may_duplicate: false });
    expect(app.freshdesk.activities).toHaveLength(1);
  });
});

describe('Retry all failed', () => {
  /** Five events whose Freshdesk pushes were rejected; a new minute begins. */
  async function rejected(): Promise<void> {
    app.freshdesk.setMode('bad_credentials');
    for (let i = 0; i < 5; i++)
      await app.fire(withChange(intelliassign(), { org_agent_id: `agent-${i}`, status_change_timestamp: `2026-11-23T10:4${i}:00Z` }));
    app.freshdesk.setMode('none');
    app.clock.set(Math.ceil(app.clock.now() / MINUTE) * MINUTE);
  }

  /** Spends `n` of this minute's reserve tokens, as sidebars opened by other agents would (one page: one token a list). */
  async function openSidebars(n: number): Promise<void> {
    for (let i = 0; i < n; i++) await app.call('listActivities', { page: { size: 100 } });
  }

  test('with the reserve spent it is refused with the reserve notice, not "Nothing to retry"; a minute later it queues them all', async () => {
    app = await startTestApp();
    await rejected();
    await openSidebars(4);
    expect(await app.callError('retryAllFailed')).toMatchObject({ status: 429, message: RESERVE_NOTICE });
    app.clock.advance(MINUTE);
    expect(await app.call('retryAllFailed')).toMatchObject({ queued: 5, notice: null });
  });

  test('with a token for the read but none for the write it says how far it got; the next click queues them', async () => {
    app = await startTestApp();
    await rejected();
    await openSidebars(3);
    const short = await app.call('retryAllFailed');
    expect(short).toMatchObject({
      queued: 0,
      notice: expect.stringMatching(/^Looked at 1 of the 1 history pages .* Click again in a minute/),
    });
    expect(short.message).toMatch(/^Nothing queued yet\. Looked at 1 of the 1/);
    app.clock.advance(MINUTE);
    expect(await app.call('retryAllFailed')).toMatchObject({ queued: 5, notice: null });
    await app.runtime.runUntilIdle();
    expect(app.freshdesk.activities).toHaveLength(5);
  });
});
