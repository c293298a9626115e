/**
 * The runtime's flippable platform rules (simulator/runtime/platform-rules.ts): each reading, as the
 * platform would show it to an app. The app's detection of each flip is in tests/platform-probes/.
 */
import sinon from 'sinon';

import { DbEmulator, ManualClock, RollingWindowQuota, ScheduleEmulator, UNDOCUMENTED_CONTENT_TYPE } from '../../simulator/runtime';
import { EXECUTION_TIMEOUT_ERROR as TIMED_OUT } from '../../simulator/runtime/sandbox';
import { startLocalApp, type LocalApp } from '../../simulator/local-app';
import { loadFixture } from './helpers/fixtureRuntime';

const MINUTE = 60_000;

function dbWith(updateOptions: 'honoured' | 'ignored') {
  const clock = new ManualClock();
  const counters = { dbOps: 0, dbOpsRefused: 0 };
  return new DbEmulator({ clock, quota: new RollingWindowQuota(50, MINUTE, clock), counters, updateOptions });
}

function schedulesWith(options: { firedOneTime?: 'freed' | 'kept'; metered?: boolean }) {
  const clock = new ManualClock();
  const quota = options.metered ? new RollingWindowQuota(50, MINUTE, clock) : undefined;
  const schedules = new ScheduleEmulator({ clock, counters: { scheduleOps: 0 }, firedOneTime: options.firedOneTime, quota });
  return { clock, schedules };
}

const oneTime = (clock: ManualClock, name = 'once') => ({
  name,
  data: { kind: 'test' },
  schedule_at: new Date(clock.now() + 6 * MINUTE).toISOString(),
});

describe('platform rules the runtime can flip', () => {
  describe('dbUpdateOptions', () => {
    it("'honoured': update's setIf is applied (a missing key with setIf exist is a 400)", async () => {
      const db = dbWith('honoured');
      await expect(db.update('k', 'set', { a: 1 }, { setIf: 'exist' })).rejects.toMatchObject({ status: 400 });
      expect(db.dump()).toEqual({});
    });

    it("'ignored': a fourth argument is dropped unread, as FDK 6.9's local store does (the key is created)", async () => {
      const db = dbWith('ignored');
      await expect(db.update('k', 'set', { a: 1 }, { setIf: 'exist' })).resolves.toEqual({ Updated: true });
      await expect(db.update('k', 'set', { b: 2 }, 'not even an object')).resolves.toEqual({ Updated: true });
      expect(db.dump()).toEqual({ k: { a: 1, b: 2 } });
    });
  });

  describe('firedOneTimeSchedules', () => {
    it("'freed': a fired one-time schedule is gone (404) and its name free", async () => {
      const { clock, schedules } = schedulesWith({ firedOneTime: 'freed' });
      await schedules.create(oneTime(clock));
      clock.advance(6 * MINUTE);
      expect(schedules.takeDue(clock.now()).map((s) => s.name)).toEqual(['once']);
      await expect(schedules.fetch({ name: 'once' })).rejects.toMatchObject({ status: 404 });
      await expect(schedules.create(oneTime(clock))).resolves.toMatchObject({ name: 'once' });
    });

    it("'kept': it fires once, then stays fetchable, takes its name and a place of the 1,000 until deleted", async () => {
      const { clock, schedules } = schedulesWith({ firedOneTime: 'kept' });
      await schedules.create(oneTime(clock));
      clock.advance(6 * MINUTE);
      expect(schedules.takeDue(clock.now())).toHaveLength(1);
      clock.advance(60 * MINUTE);
      expect(schedules.takeDue(clock.now())).toHaveLength(0);
      expect(schedules.nextFireAt()).toBeUndefined();
      await expect(schedules.fetch({ name: 'once' })).resolves.toMatchObject({ name: 'once' });
      await expect(schedules.create(oneTime(clock))).rejects.toMatchObject({ status: 400, message: 'This Schedule name already exists' });
      await schedules.delete({ name: 'once' });
      await expect(schedules.create(oneTime(clock))).resolves.toMatchObject({ name: 'once' });
    });
  });

  describe('scheduleCalls', () => {
    it("'unmetered': 60 calls in a minute all answer", async () => {
      const { schedules } = schedulesWith({});
      const answers = await Promise.allSettled(Array.from({ length: 60 }, () => schedules.fetch({ name: 'none' })));
      expect(answers.every((a) => a.status === 'rejected' && (a.reason as { status: number }).status === 404)).toBe(true);
    });

    it("'metered': the 51st call within a minute is refused with 429, like $db's quota", async () => {
      const { schedules } = schedulesWith({ metered: true });
      const answers = await Promise.allSettled(Array.from({ length: 51 }, () => schedules.fetch({ name: 'none' })));
      const statuses = answers.map((a) => (a.status === 'rejected' ? (a.reason as { status: number }).status : 200));
      expect(statuses.filter((s) => s === 404)).toHaveLength(50);
      expect(answers[50]).toMatchObject({ status: 'rejected', reason: { status: 429, message: 'Rate limit exceeded' } });
    });
  });

  describe('serverMethodTimeout', () => {
    it("'default': a method declaring timeout 20 is stopped after FDK's 5 s anyway", async () => {
      const { runtime } = await loadFixture({ platformRules: { serverMethodTimeout: 'default' } });
      const timer = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        let settled = false;
        const declared = runtime.invokeServerMethod('hang', {}).then((result) => ((settled = true), result));
        await timer.tickAsync(4_999);
        expect(settled).toBe(false);
        await timer.tickAsync(1);
        expect((await declared).error).toEqual(TIMED_OUT);
      } finally {
        timer.restore();
      }
    });
  });

  describe('templates (the app and its fake vendors)', () => {
    let local: LocalApp | undefined;
    afterEach(async () => {
      await local?.close();
      local = undefined;
    });
    const tokenFromPage = async (rules: Parameters<typeof startLocalApp>[0]) => {
      local = await startLocalApp({ clock: new ManualClock(), coverage: false, ...rules });
      return local.runtime.invokeTemplate('customerGaugeToken', { body: 'grant_type=client_credentials' }).then(
        (ok) => ({ ok }),
        (rejected: unknown) => ({ rejected }),
      );
    };

    it("formUrlencodedTemplates 'refused': the form token template is refused unsent (400, no attempts)", async () => {
      const outcome = await tokenFromPage({ platformRules: { formUrlencodedTemplates: 'refused' } });
      expect(outcome).toEqual({ rejected: { status: 400, headers: {}, response: UNDOCUMENTED_CONTENT_TYPE, errorSource: 'APP' } });
      expect(local!.customerGauge.received).toHaveLength(0);
    });

    it("frontEndSecureIparams 'substituted' (default): a page's token request carries the stored credentials", async () => {
      const outcome = await tokenFromPage({});
      expect(outcome).toMatchObject({ ok: { status: 200 } });
      expect(local!.customerGauge.tokensIssued).toBe(1);
    });

    it("frontEndSecureIparams 'withheld': the same request cannot render the secure iparam, nothing is sent", async () => {
      const outcome = await tokenFromPage({ platformRules: { frontEndSecureIparams: 'withheld' } });
      expect(outcome).toMatchObject({ rejected: { status: 400, response: expect.stringContaining('cg_client_credentials is missing') } });
      expect(local!.customerGauge.received).toHaveLength(0);
    });
  });
});
