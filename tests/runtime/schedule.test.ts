import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ManualClock, PlatformRuntime, SCHEDULE_LIMITS, SystemClock } from '../../simulator/runtime';
import { BASIC_APP, BASIC_IPARAMS, loadFixture } from './helpers/fixtureRuntime';

const MINUTE = 60_000;

describe('$schedule', () => {
  let runtime: PlatformRuntime;
  let clock: ManualClock;

  beforeEach(async () => {
    ({ runtime, clock } = await loadFixture());
  });

  const at = (offsetMs: number) => new Date(clock.now() + offsetMs).toISOString();
  const oneTime = (name: string, offsetMs = MINUTE, data: Record<string, unknown> = { name }) => ({ name, data, schedule_at: at(offsetMs) });
  /** names appended to the 'fired' record by the fixture's onScheduledEvent handler */
  const fired = async () => runtime.db.dump().fired ?? { names: [] };
  const firedNames = async () => ((await fired()) as { names: string[] }).names;

  describe('CRUD', () => {
    it('creates, fetches, updates and deletes', async () => {
      const created = await runtime.schedules.create(oneTime('a'));
      expect(created).toMatchObject({ name: 'a', data: { name: 'a' }, schedule_at: at(MINUTE), created_at: at(0) });

      await expect(runtime.schedules.fetch({ name: 'a' })).resolves.toEqual(created);
      clock.advance(1000);
      const updated = await runtime.schedules.update({ name: 'a', data: { v: 2 }, schedule_at: at(5 * MINUTE) });
      expect(updated).toMatchObject({ data: { v: 2 }, created_at: created.created_at, updated_at: at(0) });

      await expect(runtime.schedules.delete({ name: 'a' })).resolves.toEqual({ name: 'a', deleted: true });
      await expect(runtime.schedules.fetch({ name: 'a' })).rejects.toEqual({ status: 404, message: 'Schedule not found' });
      await expect(runtime.schedules.delete({ name: 'a' })).rejects.toMatchObject({ status: 404 });
      await expect(runtime.schedules.update(oneTime('a'))).rejects.toMatchObject({ status: 404 });
      expect(runtime.stats()).toMatchObject({ scheduleOps: 7, dbOps: 0 });
    });

    it('works from the sandbox', async () => {
      const result = await runtime.invokeServerMethod('scheduleOp', { op: 'create', spec: oneTime('from-app') });
      expect(result).toMatchObject({ ok: true, data: { name: 'from-app' } });
      expect(runtime.schedules.list().map((s) => s.name)).toEqual(['from-app']);
    });

    it('rejects a duplicate name', async () => {
      await runtime.schedules.create(oneTime('dup'));
      await expect(runtime.schedules.create(oneTime('dup'))).rejects.toEqual({ status: 400, message: 'Schedule already exists' });
    });

    it('lists schedules with their next fire time', async () => {
      await runtime.schedules.create(oneTime('later', 2 * MINUTE));
      await runtime.schedules.create(oneTime('sooner', MINUTE));
      expect(runtime.schedules.list().map((s) => [s.name, s.next_fire_at])).toEqual([
        ['sooner', at(MINUTE)],
        ['later', at(2 * MINUTE)],
      ]);
    });
  });

  describe('validation and limits', () => {
    it('accepts a 100-character name and rejects 101', async () => {
      await expect(runtime.schedules.create(oneTime('n'.repeat(SCHEDULE_LIMITS.maxNameLength)))).resolves.toBeDefined();
      await expect(runtime.schedules.create(oneTime('n'.repeat(101)))).rejects.toMatchObject({
        status: 400,
        message: expect.stringContaining('100'),
      });
      await expect(runtime.schedules.create(oneTime(''))).rejects.toMatchObject({ status: 400 });
    });

    it('rejects empty data and data over 4 KB', async () => {
      await expect(runtime.schedules.create(oneTime('empty', MINUTE, {}))).rejects.toMatchObject({ status: 400 });
      const overhead = JSON.stringify({ s: '' }).length;
      await expect(runtime.schedules.create(oneTime('fits', MINUTE, { s: 'x'.repeat(4096 - overhead) }))).resolves.toBeDefined();
      await expect(runtime.schedules.create(oneTime('big', MINUTE, { s: 'x'.repeat(4097 - overhead) }))).rejects.toEqual({
        status: 400,
        message: 'Schedule data is 4097 bytes; the limit is 4 KB',
      });
    });

    it('rejects schedule_at in the past or not ISO 8601 with a zone', async () => {
      await expect(runtime.schedules.create(oneTime('past', -1))).rejects.toEqual({
        status: 400,
        message: 'schedule_at must not be in the past',
      });
      await expect(runtime.schedules.create({ name: 'bad', data: { a: 1 }, schedule_at: 'tomorrow' })).rejects.toMatchObject({ status: 400 });
      await expect(runtime.schedules.create({ name: 'nozone', data: { a: 1 }, schedule_at: '2030-01-01T00:00:00' })).rejects.toMatchObject({
        status: 400,
      });
      await expect(runtime.schedules.create(oneTime('now', 0))).resolves.toBeDefined();
    });

    it.each([
      [{ time_unit: 'minutes', frequency: 4 }, 'at least 5'],
      [{ time_unit: 'weeks', frequency: 1 }, 'time_unit'],
      [{ time_unit: 'hours', frequency: 0 }, 'frequency'],
      [{ time_unit: 'days', frequency: 1.5 }, 'frequency'],
    ])('rejects repeat %p', async (repeat, message) => {
      await expect(runtime.schedules.create({ ...oneTime('r'), repeat })).rejects.toMatchObject({
        status: 400,
        message: expect.stringContaining(message),
      });
    });

    it('allows 1000 one-time schedules and rejects the 1001st', async () => {
      for (let i = 0; i < SCHEDULE_LIMITS.maxOneTime; i++) await runtime.schedules.create(oneTime(`s${i}`));
      await expect(runtime.schedules.create(oneTime('s1000'))).rejects.toEqual({
        status: 400,
        message: 'Limit of 1000 one-time schedules per installation reached',
      });
      await runtime.schedules.delete({ name: 's0' });
      await expect(runtime.schedules.create(oneTime('s1000'))).resolves.toBeDefined();
    });

    it('allows one recurring schedule and rejects a second, including via update', async () => {
      const repeat = { time_unit: 'minutes', frequency: 5 } as const;
      await runtime.schedules.create({ ...oneTime('r1'), repeat });
      await expect(runtime.schedules.create({ ...oneTime('r2'), repeat })).rejects.toEqual({
        status: 400,
        message: 'Limit of 1 recurring schedule per installation reached',
      });
      await runtime.schedules.create(oneTime('once'));
      await expect(runtime.schedules.update({ ...oneTime('once'), repeat })).rejects.toMatchObject({ status: 400 });
      await expect(
        runtime.schedules.update({ ...oneTime('r1', 2 * MINUTE), repeat: { time_unit: 'hours', frequency: 1 } }),
      ).resolves.toBeDefined();
    });
  });

  describe('firing', () => {
    it('fires due schedules in time order with the scheduled payload and removes one-time ones', async () => {
      await runtime.schedules.create(oneTime('second', 2 * MINUTE));
      await runtime.schedules.create(oneTime('first', MINUTE));
      await runtime.schedules.create(oneTime('future', 10 * MINUTE));

      expect(await runtime.fireDueSchedules()).toBe(0);
      clock.advance(2 * MINUTE);
      expect(await runtime.fireDueSchedules()).toBe(2);

      expect(await firedNames()).toEqual(['first', 'second']);
      expect(runtime.schedules.list().map((s) => s.name)).toEqual(['future']);
      expect(runtime.scheduledInvocations.map((s) => [s.schedule.name, s.result.ok])).toEqual([
        ['first', true],
        ['second', true],
      ]);
    });

    it('re-arms recurring schedules by their repeat interval', async () => {
      await runtime.schedules.create({ ...oneTime('tick', 5 * MINUTE), repeat: { time_unit: 'minutes', frequency: 5 } });
      clock.advance(5 * MINUTE);
      expect(await runtime.fireDueSchedules()).toBe(1);
      expect(runtime.schedules.list()[0].next_fire_at).toBe(at(5 * MINUTE));
      expect(await runtime.fireDueSchedules()).toBe(0);
    });

    it('runUntilIdle jumps the clock from fire time to fire time until nothing is left', async () => {
      const start = clock.now();
      await runtime.schedules.create(oneTime('b', 3 * MINUTE));
      await runtime.schedules.create(oneTime('a', MINUTE));

      await runtime.runUntilIdle();

      expect(await firedNames()).toEqual(['a', 'b']);
      expect(clock.now()).toBe(start + 3 * MINUTE);
      expect(runtime.schedules.list()).toEqual([]);
    });

    it('runUntilIdle stops a recurring schedule at maxMs', async () => {
      const start = clock.now();
      await runtime.schedules.create({ ...oneTime('hourly', 60 * MINUTE), repeat: { time_unit: 'hours', frequency: 1 } });

      await runtime.runUntilIdle({ maxMs: 5 * 60 * MINUTE });

      expect(await firedNames()).toEqual(['hourly', 'hourly', 'hourly', 'hourly', 'hourly']);
      expect(clock.now()).toBe(start + 5 * 60 * MINUTE);
    });

    it('runUntilIdle with stepMs advances in steps', async () => {
      const start = clock.now();
      const seen: number[] = [];
      await runtime.schedules.create(oneTime('a', 150_000));
      const fire = runtime.fireDueSchedules.bind(runtime);
      runtime.fireDueSchedules = async () => (seen.push(clock.now() - start), fire());

      await runtime.runUntilIdle({ stepMs: MINUTE });

      expect(seen).toEqual([0, 60_000, 120_000, 150_000]);
      expect(await firedNames()).toEqual(['a']);
    });

    it('runUntilIdle refuses to run on a real clock', async () => {
      const real = await PlatformRuntime.load({ appDir: BASIC_APP, iparams: BASIC_IPARAMS, clock: new SystemClock(), coverage: false });
      await expect(real.runUntilIdle()).rejects.toThrow('ManualClock');
    });
  });

  it('persists schedules to dbFile', async () => {
    const dbFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'fdk-sched-')), 'state.json');
    const first = await loadFixture({ dbFile });
    const spec = { name: 'kept', data: { a: 1 }, schedule_at: new Date(first.clock.now() + MINUTE).toISOString() };
    await first.runtime.schedules.create(spec);

    const second = await loadFixture({ dbFile, clock: new ManualClock(first.clock.now()) });
    expect(second.runtime.schedules.list().map((s) => s.name)).toEqual(['kept']);
    await expect(second.runtime.schedules.create(spec)).rejects.toMatchObject({ status: 400 });
  });
});
