import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ManualClock, PlatformRuntime, SCHEDULE_LIMITS, SystemClock } from '../../simulator/runtime';
import { BASIC_APP, BASIC_IPARAMS, fixtureCopy, loadFixture } from './helpers/fixtureRuntime';

const MINUTE = 60_000;
const YEAR_MINUTES = 525_600;

/*
 * Rules and messages: FDK 6.9 lib/event_handler/features/schedule.js (hemchander23/glitch-fdk-base,
 * .fdk/fdk/package/lib/) and the Freshworks scheduled-events docs; see simulator/runtime/schedule.ts.
 */
describe('$schedule', () => {
  let runtime: PlatformRuntime;
  let clock: ManualClock;

  beforeEach(async () => {
    ({ runtime, clock } = await loadFixture());
  });

  const at = (offsetMs: number) => new Date(clock.now() + offsetMs).toISOString();
  const oneTime = (name: string, offsetMs = 10 * MINUTE, data: Record<string, unknown> = { name }) => ({
    name,
    data,
    schedule_at: at(offsetMs),
  });
  const recurring = (name: string, repeat: Record<string, unknown>, offsetMs = 10 * MINUTE) => ({ ...oneTime(name, offsetMs), repeat });
  const refused = (message: string) => ({ status: 400, message });
  /** names appended to the 'fired' record by the fixture's onScheduledEvent handler */
  const firedNames = () => ((runtime.db.dump().fired ?? { names: [] }) as { names: string[] }).names;

  describe('CRUD', () => {
    it('creates, fetches, updates and deletes', async () => {
      const created = await runtime.schedules.create(oneTime('a'));
      expect(created).toMatchObject({ name: 'a', data: { name: 'a' }, schedule_at: at(10 * MINUTE), created_at: at(0) });

      await expect(runtime.schedules.fetch({ name: 'a' })).resolves.toEqual(created);
      clock.advance(1000);
      const updated = await runtime.schedules.update({ name: 'a', data: { v: 2 }, schedule_at: at(5 * MINUTE) });
      expect(updated).toMatchObject({ data: { v: 2 }, created_at: created.created_at, updated_at: at(0) });

      await expect(runtime.schedules.delete({ name: 'a' })).resolves.toEqual({ name: 'a', deleted: true });
      await expect(runtime.schedules.fetch({ name: 'a' })).rejects.toEqual({ status: 404, message: 'Schedule does not exist' });
      await expect(runtime.schedules.delete({ name: 'a' })).rejects.toEqual({ status: 404, message: 'Schedule does not exist' });
      await expect(runtime.schedules.update(oneTime('a'))).rejects.toEqual({ status: 404, message: 'Schedule does not exist' });
      expect(runtime.stats()).toMatchObject({ scheduleOps: 7, dbOps: 0 });
    });

    it('works from the sandbox', async () => {
      const result = await runtime.invokeServerMethod('scheduleOp', { op: 'create', spec: oneTime('from-app') });
      expect(result).toMatchObject({ ok: true, data: { name: 'from-app' } });
      expect(runtime.schedules.list().map((s) => s.name)).toEqual(['from-app']);
    });

    it('rejects a duplicate name with the FDK message', async () => {
      await runtime.schedules.create(oneTime('dup'));
      await expect(runtime.schedules.create(oneTime('dup', 20 * MINUTE))).rejects.toEqual(refused('This Schedule name already exists'));
    });

    it('lists schedules with their next fire time', async () => {
      await runtime.schedules.create(oneTime('later', 20 * MINUTE));
      await runtime.schedules.create(oneTime('sooner', 10 * MINUTE));
      expect(runtime.schedules.list().map((s) => [s.name, s.next_fire_at])).toEqual([
        ['sooner', at(10 * MINUTE)],
        ['later', at(20 * MINUTE)],
      ]);
    });
  });

  describe('validation and limits', () => {
    it('accepts a 30-character name and rejects 31', async () => {
      expect(SCHEDULE_LIMITS.maxNameLength).toBe(30);
      await expect(runtime.schedules.create(oneTime('n'.repeat(30)))).resolves.toBeDefined();
      await expect(runtime.schedules.create(oneTime('n'.repeat(31)))).rejects.toEqual(refused('Name length must not be greater than 30'));
      await expect(runtime.schedules.create(oneTime(''))).rejects.toMatchObject({ status: 400 });
      await expect(runtime.schedules.create({ ...oneTime('x'), name: 7 })).rejects.toEqual(refused('Name must be of type string'));
    });

    it('names the missing mandatory keys', async () => {
      await expect(runtime.schedules.create({ name: 'x' })).rejects.toEqual(
        refused('The following mandatory keys are missing - data,schedule_at'),
      );
      await expect(runtime.schedules.create(recurring('r', { time_unit: 'hours' }))).rejects.toEqual(
        refused('The following mandatory keys are missing - frequency'),
      );
      await expect(runtime.schedules.fetch({})).rejects.toEqual(refused('The following mandatory keys are missing - name'));
    });

    it('rejects empty data and data over 4 KB', async () => {
      await expect(runtime.schedules.create(oneTime('empty', 10 * MINUTE, {}))).rejects.toEqual(
        refused("The 'data' value must be of type JSON"),
      );
      const overhead = JSON.stringify({ s: '' }).length;
      await expect(runtime.schedules.create(oneTime('fits', 10 * MINUTE, { s: 'x'.repeat(4096 - overhead) }))).resolves.toBeDefined();
      await expect(runtime.schedules.create(oneTime('big', 10 * MINUTE, { s: 'x'.repeat(4097 - overhead) }))).rejects.toEqual(
        refused("The size of the 'data' payload must not exceed 4Kb"),
      );
    });

    it('rejects schedule_at that is not ISO 8601 with a zone', async () => {
      const message = "The 'schedule_at' value must be an ISO string";
      await expect(runtime.schedules.create({ name: 'bad', data: { a: 1 }, schedule_at: 'tomorrow' })).rejects.toEqual(refused(message));
      await expect(runtime.schedules.create({ name: 'nozone', data: { a: 1 }, schedule_at: '2030-01-01T00:00:00' })).rejects.toEqual(
        refused(message),
      );
    });

    it('needs a one-time schedule_at at least 5 minutes ahead, on create and on update', async () => {
      const tooSoon = refused("The 'schedule_at' value must be at least 5 minutes in the future");
      await expect(runtime.schedules.create(oneTime('soon', 5 * MINUTE - 1))).rejects.toEqual(tooSoon);
      await expect(runtime.schedules.create(oneTime('now', 0))).rejects.toEqual(tooSoon);
      await expect(runtime.schedules.create(oneTime('past', -MINUTE))).rejects.toEqual(tooSoon);
      await expect(runtime.schedules.create(oneTime('edge', 5 * MINUTE))).resolves.toBeDefined();
      await expect(runtime.schedules.update(oneTime('edge', 30_000))).rejects.toEqual(tooSoon);
      await expect(runtime.schedules.fetch({ name: 'edge' })).resolves.toMatchObject({ schedule_at: at(5 * MINUTE) });
    });

    it('needs a one-time schedule_at at most a year ahead, on create and on update', async () => {
      const tooLate = refused("The 'schedule_at' value must not be greater than a year");
      await expect(runtime.schedules.create(oneTime('year', YEAR_MINUTES * MINUTE))).resolves.toBeDefined();
      await expect(runtime.schedules.create(oneTime('later', YEAR_MINUTES * MINUTE + 1000))).rejects.toEqual(tooLate);
      await expect(runtime.schedules.update(oneTime('year', YEAR_MINUTES * MINUTE + 1000))).rejects.toEqual(tooLate);
    });

    // Stricter than FDK 6.9 (which skips the window for recurring schedules): the docs state it without exception.
    it('applies the same window to the first firing of a recurring schedule', async () => {
      await expect(runtime.schedules.create(recurring('tick', { time_unit: 'hours', frequency: 1 }, MINUTE))).rejects.toEqual(
        refused("The 'schedule_at' value must be at least 5 minutes in the future"),
      );
    });

    it.each([
      [{ time_unit: 'weeks', frequency: 1 }, 'Time unit must either be days, minutes or hours'],
      [{ time_unit: 'hours', frequency: '1' }, "The 'frequency' value must be of type Number"],
      [{ time_unit: 'hours', frequency: 0 }, "The 'frequency' value must be greater than 0"],
      [{ time_unit: 'days', frequency: 1.5 }, "The 'frequency' value must be a whole number"],
      [{ time_unit: 'minutes', frequency: 61 }, "The maximum frequency value for the 'minutes' parameter is 60"],
      [{ time_unit: 'hours', frequency: 25 }, "The maximum frequency value for the 'hours' parameter is 24"],
      [{ time_unit: 'days', frequency: 31 }, "The maximum frequency value for the 'days' parameter is 30"],
      [{ time_unit: 'minutes', frequency: 4 }, "The 'frequency' value for 'minutes' must be at least 5"],
      [{ time_unit: 'hours', frequency: 1, timezone: 'Mars/Olympus' }, 'Invalid timezone'],
    ])('rejects repeat %p', async (repeat, message) => {
      await expect(runtime.schedules.create(recurring('r', repeat))).rejects.toEqual(refused(message));
    });

    it('accepts the bounds of each repeat unit and defaults the timezone to UTC', async () => {
      const created = await runtime.schedules.create(recurring('r', { time_unit: 'minutes', frequency: 60 }));
      expect(created.repeat).toEqual({ time_unit: 'minutes', frequency: 60, timezone: 'UTC' });
      for (const repeat of [
        { time_unit: 'minutes', frequency: 5 },
        { time_unit: 'hours', frequency: 24, timezone: 'Asia/Kolkata' },
        { time_unit: 'days', frequency: 30 },
      ]) {
        await expect(runtime.schedules.update(recurring('r', repeat))).resolves.toMatchObject({ repeat });
      }
    });

    it('allows 1000 one-time schedules and rejects the 1001st', async () => {
      for (let i = 0; i < SCHEDULE_LIMITS.maxOneTime; i++) await runtime.schedules.create(oneTime(`s${i}`));
      await expect(runtime.schedules.create(oneTime('s1000'))).rejects.toEqual(refused('The maximum number of one-time schedules is 1000'));
      await runtime.schedules.delete({ name: 's0' });
      await expect(runtime.schedules.create(oneTime('s1000'))).resolves.toBeDefined();
    });

    it('allows one recurring schedule and rejects a second, including via update', async () => {
      const repeat = { time_unit: 'minutes', frequency: 5 };
      await runtime.schedules.create(recurring('r1', repeat));
      const limit = refused('The maximum number of recurring schedules is 1');
      await expect(runtime.schedules.create(recurring('r2', repeat))).rejects.toEqual(limit);
      await runtime.schedules.create(oneTime('once'));
      await expect(runtime.schedules.update(recurring('once', repeat))).rejects.toEqual(limit);
      await expect(runtime.schedules.update(recurring('r1', { time_unit: 'hours', frequency: 1 }, 20 * MINUTE))).resolves.toBeDefined();
    });

    it('refuses schedules when the app subscribes no onScheduledEvent handler', async () => {
      const appDir = fixtureCopy((manifest) => delete manifest.modules.common.events.onScheduledEvent);
      const { runtime: bare } = await loadFixture({ appDir, clock });
      await expect(bare.schedules.create(oneTime('x'))).rejects.toEqual(refused('The app has not registered an onScheduledEvent'));
    });
  });

  describe('firing', () => {
    it('fires due schedules in time order with the scheduled payload and removes one-time ones', async () => {
      await runtime.schedules.create(oneTime('second', 7 * MINUTE));
      await runtime.schedules.create(oneTime('first', 6 * MINUTE));
      await runtime.schedules.create(oneTime('future', 20 * MINUTE));

      expect(await runtime.fireDueSchedules()).toBe(0);
      clock.advance(7 * MINUTE);
      expect(await runtime.fireDueSchedules()).toBe(2);

      expect(firedNames()).toEqual(['first', 'second']);
      expect(runtime.schedules.list().map((s) => s.name)).toEqual(['future']);
      expect(runtime.scheduledInvocations.map((s) => [s.schedule.name, s.result.ok])).toEqual([
        ['first', true],
        ['second', true],
      ]);
    });

    // FDK 6.9 Scheduler.executeSchedule: a one-time schedule is deleted as it fires.
    it('a fired one-time schedule can no longer be fetched and its name is free again', async () => {
      await runtime.schedules.create(oneTime('once'));
      clock.advance(10 * MINUTE);
      await runtime.fireDueSchedules();
      await expect(runtime.schedules.fetch({ name: 'once' })).rejects.toEqual({ status: 404, message: 'Schedule does not exist' });
      await expect(runtime.schedules.update(oneTime('once'))).rejects.toMatchObject({ status: 404 });
      await expect(runtime.schedules.create(oneTime('once'))).resolves.toMatchObject({ name: 'once' });
    });

    it('re-arms recurring schedules by their repeat interval', async () => {
      await runtime.schedules.create(recurring('tick', { time_unit: 'minutes', frequency: 5 }, 5 * MINUTE));
      clock.advance(5 * MINUTE);
      expect(await runtime.fireDueSchedules()).toBe(1);
      expect(runtime.schedules.list()[0].next_fire_at).toBe(at(5 * MINUTE));
      expect(await runtime.fireDueSchedules()).toBe(0);
    });

    it('runUntilIdle jumps the clock from fire time to fire time until nothing is left', async () => {
      const start = clock.now();
      await runtime.schedules.create(oneTime('b', 8 * MINUTE));
      await runtime.schedules.create(oneTime('a', 6 * MINUTE));

      await runtime.runUntilIdle();

      expect(firedNames()).toEqual(['a', 'b']);
      expect(clock.now()).toBe(start + 8 * MINUTE);
      expect(runtime.schedules.list()).toEqual([]);
    });

    it('runUntilIdle stops a recurring schedule at maxMs', async () => {
      const start = clock.now();
      await runtime.schedules.create(recurring('hourly', { time_unit: 'hours', frequency: 1 }, 60 * MINUTE));

      await runtime.runUntilIdle({ maxMs: 5 * 60 * MINUTE });

      expect(firedNames()).toEqual(['hourly', 'hourly', 'hourly', 'hourly', 'hourly']);
      expect(clock.now()).toBe(start + 5 * 60 * MINUTE);
    });

    it('runUntilIdle with stepMs advances in steps', async () => {
      const start = clock.now();
      const seen: number[] = [];
      await runtime.schedules.create(oneTime('a', 330_000));
      const fire = runtime.fireDueSchedules.bind(runtime);
      runtime.fireDueSchedules = async () => (seen.push(clock.now() - start), fire());

      await runtime.runUntilIdle({ stepMs: 2 * MINUTE });

      expect(seen).toEqual([0, 120_000, 240_000, 330_000]);
      expect(firedNames()).toEqual(['a']);
    });

    it('runUntilIdle refuses to run on a real clock', async () => {
      const real = await PlatformRuntime.load({ appDir: BASIC_APP, iparams: BASIC_IPARAMS, clock: new SystemClock(), coverage: false });
      await expect(real.runUntilIdle()).rejects.toThrow('ManualClock');
    });
  });

  it('persists schedules to dbFile', async () => {
    const dbFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'fdk-sched-')), 'state.json');
    const first = await loadFixture({ dbFile });
    const spec = { name: 'kept', data: { a: 1 }, schedule_at: new Date(first.clock.now() + 10 * MINUTE).toISOString() };
    await first.runtime.schedules.create(spec);

    const second = await loadFixture({ dbFile, clock: new ManualClock(first.clock.now()) });
    expect(second.runtime.schedules.list().map((s) => s.name)).toEqual(['kept']);
    await expect(second.runtime.schedules.create(spec)).rejects.toMatchObject({ status: 400 });
  });
});

describe('scheduler clock skew (scheduleSkewMs)', () => {
  it('judges the 5-minute lead and fires by the scheduler clock', async () => {
    const { runtime, clock } = await loadFixture({ scheduleSkewMs: 60_000 });
    const at = (ms: number) => new Date(clock.now() + ms).toISOString();
    // 5.5 minutes by the app's clock is 4.5 by a scheduler 60 s ahead: too soon.
    await expect(runtime.schedules.create({ name: 'soon', data: { a: 1 }, schedule_at: at(330_000) })).rejects.toMatchObject({
      status: 400,
    });
    await runtime.schedules.create({ name: 'later', data: { a: 1 }, schedule_at: at(400_000) });
    // It fires 60 s earlier by the app's clock.
    expect(runtime.schedules.nextFireAt()).toBe(clock.now() + 340_000);
  });
});
