import { SANDBOX_CREDENTIALS, SANDBOX_IPARAMS } from '../../simulator/local-app';
import { START, generalAvailability, history, intelliassign, startTestApp, withChange, type TestApp } from '../support/app';
import { queuedWork } from '../support/storage';

let app: TestApp;
afterEach(() => app.close());

const MINUTE = 60_000;
const byDestination = async (a: TestApp) => Object.fromEntries((await history(a)).map((x) => [x.target?.destination, x]));
const deliveries = (a: TestApp, path: string) => a.customerGauge.received.filter((r) => r.path === path);

describe('delivery outcomes', () => {
  beforeEach(async () => {
    app = await startTestApp();
  });

  test('the same event delivered three times is pushed once to each destination', async () => {
    for (let i = 0; i < 3; i++) await app.fire(intelliassign());
    expect(app.freshdesk.activities).toHaveLength(1);
    expect([...app.customerGauge.activitiesByReference.values()].map((a) => a.writes)).toEqual([1]);
    expect(await history(app)).toHaveLength(2);
  });

  test('429 with Retry-After waits for it (run no earlier than the platform lead) without spending an attempt, then delivers', async () => {
    app.freshdesk.enqueueFaults({ status: 429, retryAfter: '120' });
    await app.fire(intelliassign());
    const first = await byDestination(app);
    expect(first.freshdesk).toMatchObject({ outcome: 'retrying', attempts: 0, last_status: 429 });
    expect(Date.parse(first.freshdesk.next_retry_at)).toBe(START + 2 * MINUTE);
    expect(first.customergauge.outcome).toBe('delivered');

    app.clock.advance(5 * MINUTE - 1000);
    await app.runtime.fireDueSchedules();
    expect(app.freshdesk.activities).toHaveLength(0);

    await app.runtime.runUntilIdle();
    const after = await byDestination(app);
    expect(after.freshdesk).toMatchObject({ outcome: 'delivered', attempts: 1, last_status: 200, next_retry_at: null });
    expect(app.freshdesk.activities).toHaveLength(1);
    // CustomerGauge was delivered the first time and is not pushed again.
    expect(deliveries(app, '/activities')).toHaveLength(1);
    expect(queuedWork(app.runtime)).toHaveLength(0);
  });

  test('a Retry-After beyond the backoff is respected to the second', async () => {
    app.freshdesk.enqueueFaults({ status: 429, retryAfter: '3600' });
    await app.fire(intelliassign());
    expect(Date.parse((await byDestination(app)).freshdesk.next_retry_at)).toBe(START + 60 * MINUTE);
    app.clock.advance(60 * MINUTE - 1000);
    await app.runtime.fireDueSchedules();
    expect(app.freshdesk.received).toHaveLength(1);
    await app.runtime.runUntilIdle();
    expect(app.freshdesk.activities).toHaveLength(1);
  });

  test('a Freshdesk 5xx is retried in a later invocation and flagged: the write may have landed', async () => {
    app.freshdesk.setMode('server_error');
    await app.fire(intelliassign());
    const first = await byDestination(app);
    expect(first.freshdesk).toMatchObject({ outcome: 'retrying', last_status: 503, may_duplicate: true });
    expect(first.customergauge).toMatchObject({ outcome: 'delivered' });
    // One request per invocation: Freshdesk has no idempotency key, so it is never resent at once.
    expect(app.freshdesk.received).toHaveLength(1);
    app.freshdesk.setMode('none');
    await app.runtime.runUntilIdle();
    expect((await byDestination(app)).freshdesk).toMatchObject({ outcome: 'delivered', may_duplicate: true });
  });

  test('a transient CustomerGauge failure is retried at once inside the invocation (an upsert cannot duplicate)', async () => {
    app.customerGauge.enqueueFaults({ path: '/activities', status: 502 });
    await app.fire(intelliassign());
    expect((await byDestination(app)).customergauge).toMatchObject({ outcome: 'delivered', attempts: 1, may_duplicate: false });
    expect(deliveries(app, '/activities').map((r) => r.status)).toEqual([502, 201]);
    expect(queuedWork(app.runtime)).toHaveLength(0);
  });

  test('a timeout is retried, and the record says the push may have landed twice', async () => {
    app.freshdesk.enqueueFaults({ hang: true });
    await app.fire(intelliassign());
    const first = await byDestination(app);
    expect(first.freshdesk).toMatchObject({ outcome: 'retrying', may_duplicate: true });
    await app.runtime.runUntilIdle();
    expect((await byDestination(app)).freshdesk).toMatchObject({ outcome: 'delivered', may_duplicate: true, attempts: 2 });
  });

  test('a destination failing every time is dead-lettered with the reason, and can be replayed', async () => {
    app.customerGauge.setMode('server_error');
    await app.fire(intelliassign());
    await app.runtime.runUntilIdle({ maxMs: 30 * 3600_000 });
    const dead = (await byDestination(app)).customergauge;
    // Dead-lettered on the time budget (24 h failing), one probe at a time: 1 + probes at 5, 10, 20, 40, 80 min, then every 2 h.
    expect(dead).toMatchObject({ outcome: 'dead_letter', retryable: true });
    expect(dead.attempts).toBeLessThanOrEqual(16);
    expect(dead.reason).toMatch(/^gave up after 24 h failing: HTTP 503/);
    expect(queuedWork(app.runtime)).toHaveLength(0);

    app.customerGauge.setMode('none');
    const replay = await app.call('retryActivity', { id: dead.id });
    expect(replay.activity).toMatchObject({ outcome: 'delivered', attempts: 1 });
    expect(replay.queued_at).toBeNull();
    expect(app.customerGauge.activitiesByReference.size).toBe(1);
  });
});

describe('filters', () => {
  test('a destination switched off is skipped with the reason', async () => {
    app = await startTestApp({ iparamOverrides: { destinations: ['CustomerGauge'] } });
    await app.fire(intelliassign());
    const all = await byDestination(app);
    expect(all.freshdesk).toMatchObject({ outcome: 'skipped', reason: 'Freshdesk is switched off in the app settings' });
    expect(all.customergauge.outcome).toBe('delivered');
    expect(app.freshdesk.received).toHaveLength(0);
  });

  test('an event kind not forwarded is skipped for every destination', async () => {
    app = await startTestApp({ iparamOverrides: { event_kinds: ['Intelliassign'] } });
    await app.fire(generalAvailability());
    const all = await history(app);
    expect(all.map((a) => a.outcome)).toEqual(['skipped', 'skipped']);
    expect(all[0].reason).toBe('GeneralAvailability events are not forwarded (app settings)');
    expect(app.freshdesk.received.length + app.customerGauge.received.length).toBe(0);
  });

  test('event kinds Freshchat adds later are forwarded with the "Kinds added later" option (the default)', async () => {
    app = await startTestApp({ iparamOverrides: { event_kinds: ['GeneralAvailability', 'Intelliassign', 'Kinds added later'] } });
    await app.fire(withChange(intelliassign(), { availability_event_type: 'Shift', status: 'ON_BREAK' }));
    expect((app.freshdesk.activities[0] as any).activity.name).toBe('Agent status: ON_BREAK 📆');
  });

  test('without the "Kinds added later" option a new kind is skipped with the reason', async () => {
    app = await startTestApp({ iparamOverrides: { event_kinds: ['GeneralAvailability', 'Intelliassign'] } });
    await app.fire(withChange(intelliassign(), { availability_event_type: 'Shift', status: 'ON_BREAK' }));
    expect((await history(app)).map((a) => a.reason)).toEqual([
      'Shift events are not forwarded (app settings)',
      'Shift events are not forwarded (app settings)',
    ]);
  });
});

describe('bad input', () => {
  beforeEach(async () => {
    app = await startTestApp();
  });

  test.each([
    ['no agent_activity', (p: any) => delete p.data.agent_activity, 'data.agent_activity is required'],
    ['a numeric status', (p: any) => (p.data.agent_activity.status = 42), 'data.agent_activity.status must be string'],
    [
      'an unreadable timestamp',
      (p: any) => (p.data.agent_activity.status_change_timestamp = 'yesterday-ish'),
      'data.agent_activity.status_change_timestamp is not a readable timestamp',
    ],
    ['no data at all', (p: any) => delete p.data, 'data.agent_activity is required'],
  ])('%s is rejected, recorded with the field named, and the handler keeps working', async (_name, mutate, message) => {
    const payload = intelliassign();
    mutate(payload);
    await app.fire(payload);
    const [rejected] = await history(app);
    expect(rejected).toMatchObject({ verb: 'agent_activity.invalid', outcome: 'rejected', target: null });
    expect(rejected.reason).toContain(message);
    expect(app.freshdesk.received).toHaveLength(0);
    await app.fire(intelliassign());
    expect(app.freshdesk.activities).toHaveLength(1);
  });

  test('hostile strings are carried as text', async () => {
    const status = '<img src=x onerror=alert(1)>';
    await app.fire(withChange(intelliassign(), { status }));
    const [activity] = await history(app);
    expect(activity.title).toContain(status);
    expect((app.freshdesk.activities[0] as any).activity.context.status).toBe(status);
  });
});

describe('secrets', () => {
  test('never appear in history, logs or anything the server methods return', async () => {
    app = await startTestApp();
    app.freshdesk.setMode('bad_credentials');
    // CustomerGauge's documented error form, echoing the secret in its message and a field error.
    const body = JSON.stringify({
      message: `upstream echoed ${SANDBOX_CREDENTIALS.cgClientSecret}`,
      errors: { secret: [`${Buffer.from(`${SANDBOX_CREDENTIALS.freshdeskApiKey}:X`).toString('base64')} refused`] },
    });
    const echo = { path: '/activities', status: 500, body, contentType: 'application/json' };
    app.customerGauge.enqueueFaults(echo, echo);
    await app.fire(intelliassign());
    await app.fire(generalAvailability());
    const answers = JSON.stringify([
      await app.call('listActivities', { page: { size: 100 } }),
      await app.call('countActivities'),
      ...(await history(app)).map((a) => a.id),
    ]);
    const queued = JSON.stringify(app.runtime.schedules.list().filter((s) => s.name !== 'cg-token'));
    const shown = [answers, queued, JSON.stringify(app.runtime.db.dump()), app.logs.join('\n'), JSON.stringify(app.runtime.requests)].join(
      '\n',
    );
    for (const secret of [
      SANDBOX_CREDENTIALS.freshdeskApiKey,
      SANDBOX_CREDENTIALS.cgClientSecret,
      SANDBOX_IPARAMS.cg_client_credentials as string,
    ]) {
      expect(shown).not.toContain(secret);
      expect(shown).not.toContain(Buffer.from(secret).toString('base64'));
    }
    expect(shown).toContain('[redacted]');
  });
});

describe('credentials echoed by a vendor (issue 12 item 9)', () => {
  test('item 9: a bearer token in an error body is redacted from history, queue data and answers', async () => {
    app = await startTestApp();
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzYW5kYm94In0.c2lnbmF0dXJlLXNhbmRib3g';
    const echo = {
      path: '/activities',
      status: 500,
      body: JSON.stringify({ message: `bad gateway for Authorization: Bearer ${token}`, access_token: token }),
    };
    app.customerGauge.enqueueFaults(echo, echo);
    await app.fire(intelliassign());
    const activity = (await byDestination(app)).customergauge;
    expect(activity.outcome).toBe('retrying');
    expect(activity.reason).toContain('[redacted]');
    const stored = [
      JSON.stringify(await history(app)),
      JSON.stringify(app.runtime.db.dump()),
      JSON.stringify(app.runtime.schedules.list()),
    ].join('\n');
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(0, 20));
  });
});
