/**
 * The platform self-check (src/server/platform-probes) in the built app: for each flippable rule of
 * the runtime (simulator/runtime/platform-rules.ts), the app detects the reading it runs under and
 * keeps delivering.
 */
import type { PlatformRules } from '../../simulator/runtime';
import type { PlatformRuleCheck, PlatformRuleId } from '../../src/shared/platform-rules-api';
import { checksOf, PLATFORM_RULES_KEY } from '../../src/server/platform-probes/record';
import { FIRE_PROBE_SCHEDULE } from '../../src/server/platform-probes/probes';
import { history, intelliassign, startTestApp, type TestApp } from '../support/app';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const started: TestApp[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((test) => test.close()));
});

async function start(options: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const test = await startTestApp(options);
  started.push(test);
  return test;
}

const under = (rules: Partial<PlatformRules>) => start({ platformRules: rules });

const checks = (test: TestApp): Record<PlatformRuleId, PlatformRuleCheck> =>
  Object.fromEntries(checksOf(test.runtime.db.dump()[PLATFORM_RULES_KEY]).map((check) => [check.rule, check])) as Record<
    PlatformRuleId,
    PlatformRuleCheck
  >;

async function install(test: TestApp): Promise<void> {
  const result = await test.runtime.invokeEvent('onAppInstall');
  expect(result.ok).toBe(true);
}

/** The probe schedule armed at install fires (at least 5 minutes later). */
async function fireProbe(test: TestApp): Promise<void> {
  test.clock.advance(6 * MINUTE);
  const before = test.runtime.scheduledInvocations.length;
  await test.runtime.fireDueSchedules();
  const fired = test.runtime.scheduledInvocations.slice(before).filter((f) => f.schedule.name === FIRE_PROBE_SCHEDULE);
  expect(fired.map((f) => f.result.ok)).toEqual([true]);
}

/** The app's recurring schedule (the history head) fires: the daily run. */
async function daily(test: TestApp): Promise<void> {
  test.clock.advance(DAY);
  const result = await test.runtime.invokeEvent('onScheduledEvent', { data: { kind: 'head', page: 0, dropped: 0 } });
  expect(result.ok).toBe(true);
}

async function deliversBoth(test: TestApp): Promise<void> {
  test.clock.advance(2 * MINUTE); // past any minute a probe's burst spent
  await test.fire(intelliassign());
  const outcomes = (await history(test)).map((activity) => activity.outcome);
  expect(outcomes).toEqual(['delivered', 'delivered']);
}

describe('platform self-check', () => {
  it('under the runtime defaults: each probed rule is verified or contradicted, and the timeout is not yet known', async () => {
    const test = await start();
    await install(test);
    expect(test.customerGauge.received).toHaveLength(0); // install sends nothing to a vendor
    await fireProbe(test);
    const found = checks(test);
    expect(found.fired_schedule).toMatchObject({ status: 'verified', observed: 'freed', fallback: null });
    expect(found.schedule_calls).toMatchObject({ status: 'verified', observed: 'unmetered' });
    expect(found.form_content_type).toMatchObject({ status: 'verified', observed: 'accepted' });
    // The runtime's default is FDK's reading: a fourth argument to update is dropped.
    expect(found.db_update_options).toMatchObject({ status: 'verified', observed: 'ignored', fallback: null });
    expect(found.server_method_timeout).toMatchObject({
      status: 'not_yet_known',
      observed: null,
      checked_at: null,
      evidence: expect.stringContaining('only a server-method call'),
    });
    expect(found.fired_schedule.checked_at).toBe(new Date(test.clock.now()).toISOString());
  });

  it('the token the form probe obtains is the one the next delivery uses: no extra vendor traffic', async () => {
    const test = await start();
    await install(test);
    await fireProbe(test);
    expect(test.customerGauge.tokensIssued).toBe(1);
    await deliversBoth(test);
    expect(test.customerGauge.tokensIssued).toBe(1);
  });

  it("dbUpdateOptions 'ignored' (FDK's reading): verified, and the scratch key is cleaned up", async () => {
    const test = await under({ dbUpdateOptions: 'ignored' });
    await install(test);
    expect(checks(test).db_update_options).toMatchObject({ status: 'verified', observed: 'ignored' });
    expect(Object.keys(test.runtime.db.dump())).toEqual([PLATFORM_RULES_KEY]);
    await deliversBoth(test);
  });

  it("dbUpdateOptions 'honoured': contradicted, and nothing changes for the engine, which passes no options", async () => {
    const test = await under({ dbUpdateOptions: 'honoured' });
    await install(test);
    expect(checks(test).db_update_options).toMatchObject({
      status: 'contradicted',
      observed: 'honoured',
      fallback: expect.stringContaining('passes no options'),
    });
    await deliversBoth(test);
  });

  it("firedOneTimeSchedules 'kept': noted when it fires, contradicted by the daily run, which deletes and re-arms it", async () => {
    const test = await under({ firedOneTimeSchedules: 'kept' });
    await install(test);
    await fireProbe(test);
    expect(checks(test).fired_schedule).toMatchObject({ status: 'not_yet_known', evidence: expect.stringContaining('still listed') });
    await daily(test);
    expect(checks(test).fired_schedule).toMatchObject({
      status: 'contradicted',
      observed: 'kept',
      fallback: expect.stringContaining('deletes each one-time schedule once it has fired'),
    });
    // Re-armed for the next check, due again in 5.5 minutes.
    const probe = test.runtime.schedules.list().find((s) => s.name === FIRE_PROBE_SCHEDULE);
    expect(Date.parse(probe!.next_fire_at) - test.clock.now()).toBe(5.5 * MINUTE);
    await deliversBoth(test);
  });

  it("firedOneTimeSchedules 'freed': the daily run finds no fired probe and arms the next one", async () => {
    const test = await start();
    await install(test);
    await fireProbe(test);
    await daily(test);
    expect(checks(test).fired_schedule).toMatchObject({ status: 'verified', observed: 'freed' });
    expect(test.runtime.schedules.list().map((s) => s.name)).toContain(FIRE_PROBE_SCHEDULE);
  });

  it("scheduleCalls 'metered': contradicted after one burst, which is not repeated once seen", async () => {
    const test = await under({ scheduleCalls: 'metered' });
    await install(test);
    await fireProbe(test);
    expect(checks(test).schedule_calls).toMatchObject({
      status: 'contradicted',
      observed: 'metered',
      evidence: expect.stringMatching(/of 51 \$schedule calls .* refused with 429/),
    });
    const callsBefore = test.runtime.stats().scheduleOps;
    await daily(test);
    await fireProbe(test);
    expect(test.runtime.stats().scheduleOps - callsBefore).toBeLessThan(10);
    await deliversBoth(test);
  });

  it("formUrlencodedTemplates 'refused': contradicted, nothing reaches CustomerGauge, Freshdesk still delivers", async () => {
    const test = await under({ formUrlencodedTemplates: 'refused' });
    await install(test);
    await fireProbe(test);
    expect(checks(test).form_content_type).toMatchObject({
      status: 'contradicted',
      observed: 'refused',
      fallback: expect.stringContaining('the other destinations are unaffected'),
    });
    expect(test.customerGauge.received).toHaveLength(0);
    test.clock.advance(2 * MINUTE);
    await test.fire(intelliassign());
    const outcomes = Object.fromEntries((await history(test)).map((a) => [a.target.destination ?? a.target.id, a.outcome]));
    expect(Object.values(outcomes).sort()).toEqual(['delivered', 'rejected']);
  });

  it('with CustomerGauge switched off, the form rule stays not yet known and no token is requested', async () => {
    const test = await start({ iparamOverrides: { destinations: ['Freshdesk'] } });
    await install(test);
    await fireProbe(test);
    expect(checks(test).form_content_type).toMatchObject({
      status: 'not_yet_known',
      evidence: expect.stringContaining('nothing to learn from'),
    });
    expect(test.customerGauge.received).toHaveLength(0);
  });

  it('install costs at most 4 $db operations and one $schedule call; a failing self-check never fails the install', async () => {
    const test = await start();
    const before = test.runtime.stats();
    await install(test);
    const after = test.runtime.stats();
    expect(after.dbOps - before.dbOps).toBeLessThanOrEqual(4);
    expect(after.scheduleOps - before.scheduleOps).toBe(1);

    // Spend the minute's $db quota: the self-check fails, the install still answers.
    const spent = await start();
    for (let i = 0; i < 50; i++) await spent.runtime.db.get('x').catch(() => undefined);
    await install(spent);
    expect(spent.logs.some((line) => line.startsWith('error: onAppInstall: platform self-check'))).toBe(true);
  });

  it('a stored record written from a browser (client.db) is read entry by entry: anything unreadable is not yet known', () => {
    const forged = {
      db_update_options: { reading: 'ignored', at: 0, evidence: 'ok' },
      fired_schedule: { reading: 'maybe', at: 0, evidence: 'a reading the rule does not have' },
      schedule_calls: { reading: 'unmetered', at: 'yesterday', evidence: 'x' },
      form_content_type: 'accepted',
    };
    const byRule = Object.fromEntries(checksOf(forged).map((c) => [c.rule, c.status]));
    expect(byRule).toEqual({
      db_update_options: 'verified',
      fired_schedule: 'not_yet_known',
      schedule_calls: 'not_yet_known',
      server_method_timeout: 'not_yet_known',
      form_content_type: 'not_yet_known',
    });
    expect(checksOf(undefined).every((c) => c.status === 'not_yet_known')).toBe(true);
    expect(checksOf([1, 2]).every((c) => c.status === 'not_yet_known')).toBe(true);
  });
});
