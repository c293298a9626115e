/** Edge cases of the mapping, the history store and the retry queue, seen from the outside. */
import { generalAvailability, history, intelliassign, startTestApp, withChange, type TestApp } from '../support/app';
import { allActivities } from '../support/settle';
import { fillPage, historyPages, waitingPushes } from '../support/storage';

let app: TestApp;
afterEach(() => app.close());

const freshdeskBody = (a: TestApp) => a.freshdesk.activities[0] as any;

describe('mapping edges', () => {
  beforeEach(async () => {
    app = await startTestApp({ iparamOverrides: { destinations: ['Freshdesk'] } });
  });

  test('a first status change (no previous status or time) still maps, without a duration', async () => {
    await app.fire(withChange(intelliassign(), { prev_status: null, prev_status_change_timestamp: null, emoji: '📅' }));
    const body = freshdeskBody(app);
    expect(body.activity.name).toBe('Agent status: In a meeting 📅');
    expect(body.activity.description).toBe('Maya Patel changed Intelliassign status from Unknown to In a meeting.');
    expect(body.activity.context).toMatchObject({
      previous_status: null,
      seconds_in_previous_status: null,
      time_in_previous_status: null,
      previous_changed_at_utc: null,
    });
    expect((await history(app))[0].title).toBe('Maya Patel: Unknown → In a meeting (Intelliassign)');
  });

  test('timestamps in epoch seconds (also as strings) and a previous time after the change', async () => {
    await app.fire(withChange(intelliassign(), { status_change_timestamp: '1795437900', prev_status_change_timestamp: 1795437999.5 }));
    const body = freshdeskBody(app);
    expect(body.activity.timestamp).toBe(new Date(1795437900_000).toISOString().replace('.000Z', 'Z'));
    expect(body.activity.context.seconds_in_previous_status).toBeNull();
  });

  test('an instant change reads "0 s"; an event without actor and account still maps', async () => {
    const payload = withChange(generalAvailability(), { prev_status_change_timestamp: '2026-11-23T17:30:12.000Z' });
    delete (payload as any).data.actor;
    (payload as any).account_id = null;
    await app.fire({ ...payload, domain: undefined });
    const body = freshdeskBody(app);
    expect(body.activity.context.time_in_previous_status).toBe('0 s');
    expect(body.activity.actor).toEqual({ type: 'system', id: '1730429837261049856', name: 'Freshchat' });
    expect(body.activity.source.id).toBe('acme.freshchat.com');
  });

  test('fixed-contact mode without the external id is rejected naming the iparam', async () => {
    await app.close();
    app = await startTestApp({
      iparamOverrides: { destinations: ['Freshdesk'], freshdesk_contact_mode: 'One fixed contact (unique external ID)' },
    });
    await app.fire(intelliassign());
    expect((await history(app))[0]).toMatchObject({
      outcome: 'rejected',
      reason: 'iparam freshdesk_contact_external_id is required in fixed-contact mode',
    });
  });

  test('broken pipeline settings skip with the reason', async () => {
    await app.close();
    app = await startTestApp({ iparamOverrides: { destinations: 'Freshdesk' } });
    await app.fire(intelliassign());
    expect((await history(app))[0].reason).toBe('installation settings invalid: iparams.destinations must be array');
  });
});

describe('vendor answers', () => {
  beforeEach(async () => {
    app = await startTestApp();
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    const at = new Date(app.clock.now() + 300_000).toUTCString();
    app.freshdesk.enqueueFaults({ status: 503, retryAfter: at });
    await app.fire(intelliassign());
    const fd = (await history(app, { destination: 'freshdesk' }))[0];
    expect(Date.parse(fd.next_retry_at)).toBe(Date.parse(at));
  });

  test('a token answer without access_token is an auth failure with the reason', async () => {
    app.customerGauge.enqueueFaults({ path: '/oauth2/token', status: 200, body: '{}', contentType: 'application/json' });
    await app.fire(intelliassign());
    const cg = (await history(app, { destination: 'customergauge' }))[0];
    expect(cg).toMatchObject({ outcome: 'rejected', reason: 'token response has no access_token' });
  });

  test('error bodies are reported by their documented fields; a body in no documented form is not kept', async () => {
    app.freshdesk.enqueueFaults({
      status: 403,
      body: '{"message":"You are not authorized to perform this action."}',
      contentType: 'application/json',
    });
    app.customerGauge.enqueueFaults({ path: '/activities', status: 400, body: 'Bad Request', contentType: 'text/plain' });
    await app.fire(intelliassign());
    const all = Object.fromEntries((await history(app)).map((a) => [a.target.destination, a]));
    expect(all.freshdesk.reason).toBe('HTTP 403: You are not authorized to perform this action.');
    expect(all.customergauge.reason).toBe('HTTP 400: answer not in the documented error form (11 characters of text/plain, not kept)');
  });
});

describe('store and queue limits', () => {
  beforeEach(async () => {
    app = await startTestApp();
  });

  test('a full history page sends the record to the next page, which readers find from the head', async () => {
    fillPage(app.runtime, '0');
    await app.fire(intelliassign());
    expect(Object.keys(historyPages(app.runtime)).sort()).toEqual(['0', '1']);
    expect((await history(app)).map((a) => a.outcome)).toEqual(['delivered', 'delivered']);
  });

  test('issue 17 item 1: with every one-time schedule in use, a push that must wait waits in the history and is delivered', async () => {
    const at = new Date(app.clock.now() + 3_600_000).toISOString();
    for (let i = 0; i < 1000; i++) await app.runtime.schedules.create({ name: `other-${i}`, data: { i }, schedule_at: at });
    app.freshdesk.enqueueFaults({ status: 503 });
    await app.fire(intelliassign());
    expect((await history(app, { destination: 'freshdesk' }))[0].outcome).toBe('retrying');
    expect(waitingPushes(app.runtime)).toHaveLength(1);
    for (let i = 0; i < 1000; i++) await app.runtime.schedules.delete({ name: `other-${i}` });
    // No wake-up could be armed: the next arrival (or the daily head) starts the drain.
    await app.fire(generalAvailability());
    await app.runtime.runUntilIdle();
    expect((await history(app, { destination: 'freshdesk' })).map((a) => a.outcome)).toEqual(['delivered', 'delivered']);
    expect(app.freshdesk.activities).toHaveLength(2);
  });

  test('since filters inside a minute too; retryAllFailed skips what has nothing to retry', async () => {
    await app.fire(intelliassign());
    app.clock.advance(10_000);
    const since = app.clock.now();
    await app.fire(generalAvailability());
    const recent = await app.call('listActivities', { filter: { since } });
    expect(recent.activities).toHaveLength(2);
    expect((await app.call('retryAllFailed')).queued).toBe(0);
    expect(await allActivities(app)).toHaveLength(4);
  });
});
