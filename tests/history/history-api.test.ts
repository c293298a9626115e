/** The history API (Zendesk Activity Stream shape): list with cursors and filters, show, count, replay. */
import { intelliassign, generalAvailability, startTestApp, withChange, type TestApp } from '../support/app';
import { RESERVE_NOTICE } from '../../src/shared/history-api';
import { allActivities } from '../support/settle';
import { historyPages } from '../support/storage';

let app: TestApp;
afterEach(() => app.close());

function agentEvent(i: number): Record<string, unknown> {
  return withChange(intelliassign(), {
    org_agent_id: `agent-${i}`,
    status_change_timestamp: new Date(Date.parse('2026-11-23T10:45:00Z') + i * 1000).toISOString(),
  });
}

/** `count` events, spread over minutes so the `$db` quota (2 operations an event) never bites. */
async function fireSpread(count: number, perMinute = 5): Promise<void> {
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % perMinute === 0) app.clock.advance(61_000);
    await app.fire(agentEvent(i));
  }
}

describe('listActivities', () => {
  beforeEach(async () => {
    app = await startTestApp();
  });

  test('lists newest first, 25 a page by default, with working after/before cursors', async () => {
    await fireSpread(20); // 40 activities over 4 minutes
    const first = await app.call('listActivities');
    expect(first.activities).toHaveLength(25);
    expect(first.meta.has_more).toBe(true);
    const times = first.activities.map((a: any) => Date.parse(a.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const second = await app.call('listActivities', { page: { after: first.meta.after_cursor } });
    expect(second.activities).toHaveLength(15);
    expect(second.meta.has_more).toBe(false);
    const ids = [...first.activities, ...second.activities].map((a: any) => a.id);
    expect(new Set(ids).size).toBe(40);

    const back = await app.call('listActivities', { page: { size: 10, before: second.meta.before_cursor } });
    expect(back.activities.map((a: any) => a.id)).toEqual(first.activities.slice(-10).map((a: any) => a.id));
    expect(back.meta.has_more).toBe(true);
  });

  test('caps a page at 100 and rejects a larger size with a clear error', async () => {
    await fireSpread(60, 20);
    const page = await app.call('listActivities', { page: { size: 100 } });
    // Two pages' worth (a call reads at most two), never more than 100.
    expect(page.activities.length).toBeGreaterThan(60);
    expect(page.activities.length).toBeLessThanOrEqual(100);
    const error = await app.callError('listActivities', { page: { size: 500 } });
    expect(error).toMatchObject({ status: 400, message: 'page.size must be <= 100' });
  });

  test.each([
    [{ page: { after: 'forged' } }, 'page[after] is not a cursor issued by this API'],
    [{ page: { before: Buffer.from('["x","y"]').toString('base64') } }, 'page[before] is not a cursor issued by this API'],
    [{ page: { after: 'a', before: 'b' } }, 'page[after] and page[before] cannot be used together'],
    [{ filter: { colour: 'red' } }, 'filter.colour is not a known field'],
    [{ filter: { outcome: 'maybe' } }, 'filter.outcome must be one of: delivered, skipped, rejected, retrying, dead_letter'],
    [{ filter: { since: 'last tuesday' } }, 'filter[since] is not a readable date-time'],
  ])('%j answers 400: %s', async (args, message) => {
    await app.fire(intelliassign());
    expect(await app.callError('listActivities', args)).toMatchObject({ status: 400, message });
  });

  test('filters by destination, outcome, agent and since', async () => {
    app.freshdesk.enqueueFaults({ status: 400, body: '{"description":"Validation failed"}' });
    await app.fire(intelliassign()); // Maya: Freshdesk rejected
    app.clock.advance(61_000);
    const since = new Date(app.clock.now()).toISOString();
    await app.fire(withChange(generalAvailability(), { email: 'jonas@example.com', org_agent_id: 'jonas' }));

    const customerGauge = await app.call('listActivities', { filter: { destination: 'customergauge' } });
    expect(customerGauge.activities.map((a: any) => a.target.destination)).toEqual(['customergauge', 'customergauge']);
    const rejected = await app.call('listActivities', { filter: { outcome: 'rejected' } });
    expect(rejected.activities.map((a: any) => a.title)).toEqual([
      'Maya Patel: Available → In a meeting (Intelliassign), 45 min available',
    ]);
    const jonas = await app.call('listActivities', { filter: { agent: 'JONAS' } });
    expect(jonas.activities).toHaveLength(2);
    const recent = await app.call('listActivities', { filter: { since } });
    expect(recent.activities.every((a: any) => a.actor.email === 'jonas@example.com')).toBe(true);
  });

  test('an empty history answers an empty page', async () => {
    expect(await app.call('listActivities')).toEqual({
      activities: [],
      meta: {
        has_more: false,
        after_cursor: null,
        before_cursor: null,
        notice: null,
        now: new Date(app.clock.now()).toISOString(),
        dropped: 0,
      },
    });
    expect((await app.call('countActivities')).count).toMatchObject({ value: 0, exact: true });
  });

  test('a call reads at most 2 history pages, and says has_more when it stopped early', async () => {
    await fireSpread(75, 20); // 150 activities over 3 or more pages
    expect(Object.keys(historyPages(app.runtime)).length).toBeGreaterThanOrEqual(3);
    const opsBefore = app.runtime.stats().dbOps;
    const page = await app.call('listActivities', { page: { size: 100 } });
    expect(app.runtime.stats().dbOps - opsBefore).toBeLessThanOrEqual(2);
    // Two pages of about 25 events each: fewer than asked for, and has_more says there is more.
    expect(page.activities.length).toBeGreaterThan(40);
    expect(page.activities.length).toBeLessThan(100);
    expect(page.meta.has_more).toBe(true);
    expect(await allActivities(app)).toHaveLength(150);
  });
});

describe('showActivity and countActivities', () => {
  beforeEach(async () => {
    app = await startTestApp();
  });

  test('shows one activity with its attempts and the destination answer', async () => {
    app.customerGauge.enqueueFaults({
      path: '/activities',
      status: 422,
      body: '{"message":"The given data was invalid.","errors":{"account":["Too long."]}}',
    });
    await app.fire(intelliassign());
    const list = await app.call('listActivities', { filter: { destination: 'customergauge' } });
    const { activity } = await app.call('showActivity', { id: list.activities[0].id });
    expect(activity).toMatchObject({
      verb: 'agent_activity.intelliassign',
      actor: { type: 'agent', name: 'Maya Patel', email: 'maya.patel@example.com' },
      target: { destination: 'customergauge', name: 'CustomerGauge' },
      outcome: 'rejected',
      attempts: 1,
      last_status: 422,
      reason: 'HTTP 422: The given data was invalid. account: Too long.',
      sent: { name: 'Agent status change: In a meeting 📆', happened_at: '2026-11-23 10:45:00 UTC', recipient: 'Acme Support' },
    });
  });

  test.each([
    [{ id: 'nonsense' }, 400, 'id is not an activity id'],
    [{ id: 'abc.def.freshdesk' }, 404, 'activity abc.def.freshdesk was not found'],
    [{}, 400, 'id is not an activity id'],
  ])('show %j answers %d', async (args, status, message) => {
    expect(await app.callError('showActivity', args)).toMatchObject({ status, message });
  });

  test("show with the minute's reserve spent answers 429 with the reserve's notice; the next minute it shows", async () => {
    await app.fire(intelliassign());
    app.clock.set(Math.ceil(app.clock.now() / 60_000) * 60_000);
    const list = await app.call('listActivities');
    for (let i = 0; i < 3; i++) await app.call('listActivities');
    expect(await app.callError('showActivity', { id: list.activities[0].id })).toMatchObject({ status: 429, message: RESERVE_NOTICE });
    app.clock.advance(60_000);
    expect((await app.call('showActivity', { id: list.activities[0].id })).activity.id).toBe(list.activities[0].id);
  });

  test('counts like Zendesk: {count: {value, refreshed_at}}', async () => {
    await fireSpread(3);
    const { count } = await app.call('countActivities');
    expect(count).toEqual({ value: 6, refreshed_at: new Date(app.clock.now()).toISOString(), exact: true, dropped: 0, notice: null });
  });
});

describe('replay', () => {
  beforeEach(async () => {
    app = await startTestApp();
  });

  test('retryActivity answers 409 for a push that has nothing to retry', async () => {
    await app.fire(intelliassign());
    const [delivered] = (await app.call('listActivities')).activities;
    expect(await app.callError('retryActivity', { id: delivered.id })).toMatchObject({
      status: 409,
      message: `activity ${delivered.id} has nothing to retry`,
    });
  });

  test('retryAllFailed queues every failed push; the queue delivers them', async () => {
    app.freshdesk.setMode('bad_credentials');
    await fireSpread(3);
    app.freshdesk.setMode('none');
    const failed = (await allActivities(app)).filter((a) => a.outcome !== 'delivered');
    const answer = await app.call('retryAllFailed');
    expect(answer.queued).toBe(3);
    // It names each queued push as the list does, with its time and its updated_at as queued: the stored push now waits (issue 17).
    const waiting = (await allActivities(app)).filter((a) => a.outcome === 'retrying');
    expect(answer.queued_pushes.map((q: { id: string; updated_at: string }) => [q.id, q.updated_at]).sort()).toEqual(
      waiting.map((a) => [a.id, a.updated_at]).sort(),
    );
    expect(waiting.map((a) => a.id).sort()).toEqual(failed.map((a) => a.id).sort());
    expect(answer.queued_pushes.map((q: { at: string }) => q.at)).toEqual(expect.arrayContaining([answer.first_at, answer.last_at]));
    await app.runtime.runUntilIdle();
    const all = await allActivities(app);
    expect(all.filter((a) => a.outcome === 'delivered')).toHaveLength(6);
    expect(app.freshdesk.activities).toHaveLength(3);
  });
});

describe('read cost (issue 11)', () => {
  beforeEach(async () => {
    app = await startTestApp();
  });

  test('a sidebar open (list + count) costs at most 4 $db operations, however long the history', async () => {
    await fireSpread(100, 20);
    const before = app.runtime.stats().dbOps;
    const [list, { count }] = await Promise.all([app.call('listActivities', { page: { size: 25 } }), app.call('countActivities')]);
    expect(app.runtime.stats().dbOps - before).toBeLessThanOrEqual(4);
    // Still the newest pushes.
    expect(list.activities.map((a: any) => a.actor.id)).toContain('agent-99');
    expect(count).toMatchObject({ exact: false });
    expect(count.value).toBeGreaterThanOrEqual(25);
  });

  test('issue 17 item 17: whatever the calls, the server methods spend at most 4 $db operations a minute, and say so', async () => {
    for (let i = 0; i < 60; i++) await app.fire(agentEvent(i));
    app.clock.advance(60_000);
    const before = app.runtime.stats().dbOps;
    const answers = await Promise.all(Array.from({ length: 20 }, () => app.call('listActivities')));
    const { count } = await app.call('countActivities');
    expect(app.runtime.stats().dbOps - before).toBeLessThanOrEqual(4);
    expect(answers.some((a) => /so that deliveries keep their storage quota/.test(a.meta.notice))).toBe(true);
    expect(count.notice).toMatch(/so that deliveries keep their storage quota/);
    expect(answers.every((a) => a.meta.now === new Date(app.clock.now()).toISOString())).toBe(true);
    await app.runtime.runUntilIdle();
    expect(await allActivities(app)).toHaveLength(120);
  }, 120_000);
});
