/**
 * healthCheck through the built server in the local runtime, against the fake vendors: an outage of
 * Freshdesk while CustomerGauge stays up, its recovery, a refused credential and a quota-bound
 * minute. Each figure is checked against what the fake vendors received and against the history;
 * the platform rules against the self-check's record, under a rule the runtime flips.
 */
import type { PlatformRules } from '../../simulator/runtime';
import { checksOf, PLATFORM_RULES_KEY } from '../../src/server/platform-probes/record';
import { FIRE_PROBE_SCHEDULE } from '../../src/server/platform-probes/probes';
import { intelliassign, startTestApp, withChange, type TestApp } from '../support/app';
import { allActivities } from '../support/settle';
import { fillPage, HEAD_SCHEDULE, historyPages } from '../support/storage';
import type { DestinationHealth, HealthResult } from '../../src/shared/health-api';

let app: TestApp;
let rules: Partial<PlatformRules> = {};
beforeEach(async () => {
  app = await startTestApp({ platformRules: rules });
});
afterEach(() => app.close());

const MINUTE = 60_000;

let agent = 0;
/** A distinct event: another agent changing status a few seconds later. */
async function fire(): Promise<void> {
  agent++;
  app.clock.advance(5000);
  const payload = withChange(intelliassign(), {
    org_agent_id: `agent-${agent}`,
    email: `agent${agent}@example.com`,
    status_change_timestamp: new Date(app.clock.now()).toISOString(),
  });
  (payload as any).data.actor.email = `agent${agent}@example.com`;
  await app.fire(payload);
}

/** healthCheck a minute after the last call (the server methods' reserve refills each minute), and the $db operations it spent. */
async function health(): Promise<{ answer: HealthResult['health']; dbOps: number }> {
  app.clock.advance(MINUTE);
  const before = app.runtime.stats().dbOps;
  const answer = ((await app.call('healthCheck')) as HealthResult).health;
  return { answer, dbOps: app.runtime.stats().dbOps - before };
}

const of = (answer: HealthResult['health'], id: string): DestinationHealth => answer.destinations.find((d) => d.destination === id)!;

/** What the history says of one destination, by outcome. */
async function historyOf(id: string) {
  const activities = (await allActivities(app)).filter((a) => a.target?.destination === id);
  const by = (outcome: string) => activities.filter((a) => a.outcome === outcome);
  return { delivered: by('delivered'), waiting: by('retrying'), rejected: by('rejected'), deadLetters: by('dead_letter') };
}

const freshdeskWrites = () => app.freshdesk.received.filter((r) => r.path.startsWith('/api/v2/contact-activities'));

test('an outage of one destination: every figure agrees with the fake vendors and the history, within 3 $db operations', async () => {
  for (let i = 0; i < 3; i++) await fire();
  let { answer, dbOps } = await health();
  // One history page and the self-check's record.
  expect(dbOps).toBe(2);
  expect(answer.destinations.map((d) => [d.destination, d.colour])).toEqual([
    ['freshdesk', 'green'],
    ['customergauge', 'green'],
  ]);
  expect(of(answer, 'freshdesk').delivered_last_hour).toEqual({ value: app.freshdesk.activities.length, exact: true });
  expect(of(answer, 'customergauge').delivered_last_hour).toEqual({ value: app.customerGauge.activitiesByReference.size, exact: true });
  expect(app.freshdesk.activities).toHaveLength(3);
  expect(answer.coverage.complete).toBe(true);
  // Never installed here: the self-check has no record, so every rule is not yet known.
  expect(answer.platform_rules?.map((r) => r.status)).toEqual(Array(5).fill('not_yet_known'));

  // Freshdesk goes down; CustomerGauge keeps working.
  app.freshdesk.setMode('server_error');
  const downAt = app.clock.now() + 5000;
  for (let i = 0; i < 4; i++) await fire();
  ({ answer, dbOps } = await health());
  expect(dbOps).toBeLessThanOrEqual(3);
  const fd = of(answer, 'freshdesk');
  const fdHistory = await historyOf('freshdesk');
  expect(fd.colour).toBe('red');
  // Only the first push reached the failing Freshdesk; the outage mark held the others back (no request).
  const refused = freshdeskWrites().filter((r) => r.status >= 500);
  expect(refused).toHaveLength(1);
  expect(fd.last_error).toMatchObject({
    kind: 'unreachable',
    words: `unreachable (HTTP ${refused[0].status})`,
    since: new Date(downAt).toISOString(),
    ongoing: true,
  });
  expect(fd.delivered_last_hour).toEqual({ value: app.freshdesk.activities.length, exact: true });
  expect(fd.delivered_last_hour.value).toBe(fdHistory.delivered.length);
  expect(fd.waiting).toEqual({ value: fdHistory.waiting.length, exact: true });
  expect(fd.waiting.value).toBe(4);
  const oldest = fdHistory.waiting.reduce((o, a) => (a.created_at < o.created_at ? a : o));
  expect(fd.oldest_waiting).toEqual({ since: oldest.created_at, next_attempt: oldest.next_retry_at, overdue: false });
  expect(fd.last_error!.until).toBe(oldest.next_retry_at);
  // Nothing was given up or refused for good, nothing waited for the installation's quota.
  expect([fd.dead_letters, fd.rejected, fd.quota_deferred_last_hour]).toEqual([
    { value: fdHistory.deadLetters.length, exact: true },
    { value: fdHistory.rejected.length, exact: true },
    { value: 0, exact: true },
  ]);
  expect(fdHistory.deadLetters.length + fdHistory.rejected.length).toBe(0);
  expect(fd.last_push).toEqual({ outcome: 'retrying', at: expect.any(String) });
  expect(answer.quota_bound).toBe(false);
  const cg = of(answer, 'customergauge');
  expect(cg.colour).toBe('green');
  expect(cg.delivered_last_hour).toEqual({ value: app.customerGauge.activitiesByReference.size, exact: true });
  expect(cg.delivered_last_hour.value).toBe(7);
  expect(cg.waiting.value).toBe(0);

  // Recovery: the probe goes through and the drain sends the rest.
  app.freshdesk.setMode('none');
  await app.runtime.runUntilIdle({ maxMs: 30 * MINUTE });
  ({ answer } = await health());
  const recovered = of(answer, 'freshdesk');
  expect(recovered.colour).toBe('green');
  expect(recovered.delivered_last_hour.value).toBe(app.freshdesk.activities.length);
  expect(recovered.delivered_last_hour.value).toBe((await historyOf('freshdesk')).delivered.length);
  expect(recovered.waiting).toEqual({ value: 0, exact: true });
  expect(recovered.oldest_waiting).toBeNull();

  // Two hours later: nothing in the last hour, everything in the last day.
  app.clock.advance(2 * 60 * MINUTE);
  ({ answer } = await health());
  expect(of(answer, 'freshdesk').delivered_last_hour.value).toBe(0);
  expect(of(answer, 'freshdesk').delivered_last_day).toEqual({ value: 7, exact: true });
  expect(answer.dropped).toBe((await app.call('countActivities')).count.dropped);
});

test('an outage longer than the time budget: dead letters counted as the history holds them', async () => {
  app.freshdesk.setMode('server_error');
  for (let i = 0; i < 2; i++) await fire();
  // A day of the outage passes at once: the drain's failing probes in between are the engine's to
  // test (tests/pipeline/issue17.test.ts); the first drain after it dead-letters both pushes.
  app.clock.advance(24 * 60 * MINUTE);
  await app.runtime.runUntilIdle({ maxMs: 60 * MINUTE });
  const { answer } = await health();
  const fd = of(answer, 'freshdesk');
  const fdHistory = await historyOf('freshdesk');
  expect(fdHistory.deadLetters.length).toBe(2);
  expect(fd.dead_letters).toEqual({ value: fdHistory.deadLetters.length, exact: true });
  expect(fd.waiting).toEqual({ value: 0, exact: true });
  expect(fd.delivered_last_day.value).toBe(app.freshdesk.activities.length);
  expect(fd.colour).toBe('red');
  expect(fd.last_error?.kind).toBe('unreachable');
  // CustomerGauge took both pushes at once, more than a day ago: out of the day's window.
  expect(app.customerGauge.activitiesByReference.size).toBe(2);
  expect(of(answer, 'customergauge').delivered_last_day).toEqual({ value: 0, exact: true });
});

test('refused credentials: rejected, red, in words', async () => {
  app.freshdesk.setMode('bad_credentials');
  await fire();
  const { answer } = await health();
  const fd = of(answer, 'freshdesk');
  expect(fd.colour).toBe('red');
  expect(fd.rejected).toEqual({ value: (await historyOf('freshdesk')).rejected.length, exact: true });
  expect(fd.rejected.value).toBe(1);
  expect(fd.last_error).toMatchObject({ kind: 'credentials', words: 'credentials refused (HTTP 401)', until: null });
  expect(of(answer, 'customergauge').colour).toBe('green');
});

test('a vendor rate limit: "rate-limited" until the time its Retry-After gives, without spending attempts', async () => {
  app.customerGauge.enqueueFaults({ path: '/activities', status: 429, retryAfter: '600' });
  await fire();
  const limitedAt = app.clock.now();
  const { answer } = await health();
  const cg = of(answer, 'customergauge');
  expect([cg.colour, cg.summary]).toEqual(['amber', 'Rate-limited: its pushes wait until the limit lifts.']);
  expect(cg.last_error).toMatchObject({
    kind: 'rate_limited',
    words: 'rate-limited (HTTP 429)',
    until: new Date(limitedAt + 600_000).toISOString(),
  });
  const [waiting] = (await historyOf('customergauge')).waiting;
  expect(cg.oldest_waiting?.next_attempt).toBe(waiting.next_retry_at);
  expect(waiting.attempts).toBe(0);
  expect(of(answer, 'freshdesk').colour).toBe('green');
});

test("the installation's request quota as the bottleneck: deferrals counted for the last hour, and after they are delivered", async () => {
  // The installation page spent most of this minute's requests checking credentials.
  for (let i = 0; i < 45; i++)
    await app.runtime
      .invokeTemplate('freshdeskVerifyCredentials', { context: { subdomain: 'sandbox', api_key: 'k' } })
      .catch(() => undefined);
  for (let i = 0; i < 6; i++) await app.fire(withChange(intelliassign(), { org_agent_id: `q-${i}`, email: `q${i}@example.com` }));
  const waiting = [...(await historyOf('freshdesk')).waiting, ...(await historyOf('customergauge')).waiting];
  expect(waiting.length).toBeGreaterThan(0);
  let { answer } = await health();
  expect(answer.quota_bound).toBe(true);
  const deferred = answer.destinations.reduce((n, d) => n + d.quota_deferred_last_hour.value, 0);
  expect(deferred).toBe(waiting.length);
  const late = answer.destinations.find((d) => d.quota_deferred_last_hour.value > 0)!;
  expect(late.colour).toBe('amber');
  expect(late.last_error?.kind).toBe('quota');

  await app.runtime.runUntilIdle({ maxMs: 30 * MINUTE });
  ({ answer } = await health());
  expect(answer.destinations.reduce((n, d) => n + d.quota_deferred_last_hour.value, 0)).toBe(deferred);
  expect(answer.destinations.map((d) => d.colour)).toEqual(['green', 'green']);
  app.clock.advance(61 * MINUTE);
  ({ answer } = await health());
  expect(answer.quota_bound).toBe(false);
});

test("the installation's storage quota as the bottleneck: events waiting for it are said, with until when", async () => {
  for (let i = 0; i < 30; i++) await app.fire(withChange(intelliassign(), { org_agent_id: `s-${i}`, email: `s${i}@example.com` }));
  expect(app.runtime.stats().dbOpsRefused).toBeGreaterThan(0);
  // In the same minute the store refuses the check's reads too: it says so, and counts nothing as exact.
  const during = ((await app.call('healthCheck')) as HealthResult).health;
  expect([during.notice, during.coverage, during.platform_rules]).toEqual([
    expect.stringMatching(/storage quota is spent/),
    { pages_read: 0, complete: false },
    null,
  ]);
  expect(during.destinations.map((d) => d.delivered_last_hour.exact)).toEqual([false, false]);
  let { answer } = await health();
  expect(answer.quota_bound).toBe(true);
  expect(Date.parse(answer.store_quota_until!)).toBeGreaterThan(app.clock.now());
  await app.runtime.runUntilIdle({ maxMs: 30 * MINUTE });
  ({ answer } = await health());
  expect(answer.destinations.map((d) => d.delivered_last_hour)).toEqual([
    { value: app.freshdesk.activities.length, exact: true },
    { value: app.customerGauge.activitiesByReference.size, exact: true },
  ]);
  expect(app.freshdesk.activities).toHaveLength(30);
  app.clock.advance(61 * MINUTE);
  ({ answer } = await health());
  expect([answer.quota_bound, answer.store_quota_until]).toEqual([false, null]);
});

test('with the reserve spent by other sidebar calls, it reads nothing, spends no $db operation and says so', async () => {
  await fire();
  app.clock.advance(MINUTE);
  // Four list reads (one page each) take the minute's four reserve tokens.
  for (let i = 0; i < 4; i++) await app.call('listActivities', { page: { size: 5 } });
  const before = app.runtime.stats().dbOps;
  const answer = ((await app.call('healthCheck')) as HealthResult).health;
  expect(app.runtime.stats().dbOps - before).toBe(0);
  expect(answer.coverage).toEqual({ pages_read: 0, complete: false });
  expect(answer.notice).toMatch(/at most a few times a minute/);
  expect(answer.destinations.map((d) => [d.colour, d.summary])).toEqual([
    ['grey', 'Nothing known yet: the history could not be read now.'],
    ['grey', 'Nothing known yet: the history could not be read now.'],
  ]);
});

/** `count` pages of one event each: each page is filled up after its event, so the next event opens a page. */
async function pagesOfOneEvent(count: number): Promise<void> {
  for (let page = 0; page < count; page++) {
    await fire();
    const id = page.toString(36);
    fillPage(
      app.runtime,
      id,
      Object.values(historyPages(app.runtime)[id]).filter((r: any) => r.pushes),
    );
  }
}

test('a history longer than one check reads: counts say "at least"; the engine\'s note that no drain is due settles "nothing waits"', async () => {
  await pagesOfOneEvent(5);
  expect(Object.keys(historyPages(app.runtime))).toHaveLength(5);
  const { answer, dbOps } = await health();
  expect(dbOps).toBe(3);
  expect(answer.coverage).toEqual({ pages_read: 2, complete: false });
  expect(answer.notice).toMatch(/lower bounds/);
  const fd = of(answer, 'freshdesk');
  expect(fd.delivered_last_hour.exact).toBe(false);
  expect(fd.delivered_last_hour.value).toBeLessThan(app.freshdesk.activities.length);
  expect(fd.waiting).toEqual({ value: 0, exact: true });
  expect(fd.colour).toBe('green');
});

test('waiting pushes on pages the check does not read: Waiting says "at least"; the oldest is found on the outbox\'s first page', async () => {
  // CustomerGauge is down: each page holds one of its waiting pushes.
  app.customerGauge.setMode('server_error');
  await pagesOfOneEvent(5);
  const { answer } = await health();
  const cg = of(answer, 'customergauge');
  expect((await historyOf('customergauge')).waiting).toHaveLength(5);
  // The newest page and the outbox's first page are read, the three between are not.
  expect(cg.waiting).toEqual({ value: 2, exact: false });
  expect(cg.oldest_waiting?.since).toBe((await historyOf('customergauge')).waiting.map((a) => a.created_at).sort()[0]);
  expect(cg.colour).not.toBe('green');
  expect(of(answer, 'freshdesk').waiting).toEqual({ value: 0, exact: false });
});

test('a fresh installation: every count exactly 0 without reading a page, one $db operation (the rules)', async () => {
  const { answer, dbOps } = await health();
  expect(dbOps).toBe(1);
  expect(answer.coverage).toEqual({ pages_read: 0, complete: true });
  expect(answer.notice).toBeNull();
  expect(of(answer, 'freshdesk')).toMatchObject({
    colour: 'grey',
    delivered_last_day: { value: 0, exact: true },
    waiting: { value: 0, exact: true },
    dead_letters: { value: 0, exact: true },
  });
});

test("a check leaves the list part of the minute's reserve: the list still reads its newest page in the same minute", async () => {
  await pagesOfOneEvent(3);
  const { answer } = await health();
  expect(answer.coverage.pages_read).toBe(2);
  const list = (await app.call('listActivities', { page: { size: 5 } })) as { activities: unknown[] };
  expect(list.activities.length).toBeGreaterThan(0);
});

describe('under a platform rule the runtime flips', () => {
  beforeAll(() => {
    rules = { formUrlencodedTemplates: 'refused' };
  });
  afterAll(() => {
    rules = {};
  });

  test("the self-check's finding is listed as contradicted with its fallback, as its record says; the figures stay true", async () => {
    expect((await app.runtime.invokeEvent('onAppInstall')).ok).toBe(true);
    app.clock.advance(6 * MINUTE);
    await app.runtime.fireDueSchedules();
    expect(app.runtime.scheduledInvocations.map((f) => f.schedule.name)).toContain(FIRE_PROBE_SCHEDULE);
    await fire();
    const { answer, dbOps } = await health();
    expect(dbOps).toBeLessThanOrEqual(3);
    expect(answer.platform_rules).toEqual(checksOf(app.runtime.db.dump()[PLATFORM_RULES_KEY]));
    const form = answer.platform_rules!.find((r) => r.rule === 'form_content_type')!;
    expect(form).toMatchObject({ status: 'contradicted', observed: 'refused', fallback: expect.stringContaining('rejected') });
    expect(answer.platform_rules!.find((r) => r.rule === 'db_update_options')).toMatchObject({ status: 'verified' });
    // The fallback in action: CustomerGauge's push is rejected with the platform's reason, Freshdesk delivers.
    const cg = of(answer, 'customergauge');
    expect(app.customerGauge.activitiesByReference.size).toBe(0);
    expect([cg.colour, cg.rejected, cg.delivered_last_hour]).toEqual(['red', { value: 1, exact: true }, { value: 0, exact: true }]);
    expect(of(answer, 'freshdesk').delivered_last_hour).toEqual({ value: app.freshdesk.activities.length, exact: true });
  });
});

test('a head written by an earlier version (no secret, a bare outage mark, odd counts) is taken up: Freshdesk shows failing until its probe', async () => {
  const until = app.clock.now() + 30 * MINUTE;
  await app.runtime.schedules.create({
    name: HEAD_SCHEDULE,
    data: { kind: 'head', page: 0, dropped: -3, drops: 'none', down: { freshdesk: { until }, customergauge: null } },
    schedule_at: new Date(app.clock.now() + 24 * 60 * MINUTE).toISOString(),
    repeat: { time_unit: 'days', frequency: 1 },
  });
  const { answer } = await health();
  expect(answer.dropped).toBe(0);
  const fd = of(answer, 'freshdesk');
  expect(fd.colour).toBe('red');
  const at = new Date(until).toISOString();
  expect(fd.last_error).toMatchObject({ words: 'unreachable', reason: 'failing', since: at, until: at, ongoing: true });
  expect(of(answer, 'customergauge').last_error).toBeNull();
  // The head now has its secret: events are stored and signed as usual, Freshdesk's push waits for the probe.
  await fire();
  expect(app.freshdesk.received).toHaveLength(0);
  expect((await historyOf('freshdesk')).waiting).toHaveLength(1);
  expect((await historyOf('customergauge')).delivered).toHaveLength(1);
});
