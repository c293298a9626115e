import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DB_LIMITS, ManualClock, PLATFORM_QUOTA_LIMIT, type PlatformRuntime } from '../../simulator/runtime';
import { loadFixture } from './helpers/fixtureRuntime';

describe('$db', () => {
  let runtime: PlatformRuntime;
  let clock: ManualClock;

  beforeEach(async () => {
    ({ runtime, clock } = await loadFixture());
  });

  const db = () => runtime.db;

  describe('basic operations', () => {
    it('set/get/delete return the documented values and store deep copies', async () => {
      const value = { nested: { list: [1, 2] } };
      await expect(db().set('k', value)).resolves.toEqual({ Created: true });
      value.nested.list.push(3);

      const read = await db().get('k');
      expect(read).toEqual({ nested: { list: [1, 2] } });
      (read.nested as { list: number[] }).list.push(99);
      await expect(db().get('k')).resolves.toEqual({ nested: { list: [1, 2] } });

      await expect(db().delete('k')).resolves.toEqual({ Deleted: true });
      await expect(db().get('k')).rejects.toEqual({ status: 404, message: 'Record not found' });
    });

    // FDK 6.9 lib/utils/data-util.js DataStore.delete: deletes unconditionally and answers { Deleted: true }.
    it('delete of a missing key succeeds', async () => {
      await expect(db().delete('never-set')).resolves.toEqual({ Deleted: true });
      expect(runtime.stats().dbOps).toBe(1);
    });

    it('works from the sandbox and rejects there with plain {status, message}', async () => {
      await runtime.invokeServerMethod('dbOp', { op: 'set', args: ['s', { a: 1 }] });
      expect(await runtime.invokeServerMethod('dbOp', { op: 'get', args: ['s'] })).toMatchObject({ ok: true, data: { a: 1 } });
      expect(await runtime.invokeServerMethod('dbOp', { op: 'get', args: ['missing'] })).toMatchObject({
        ok: false,
        error: { status: 404, message: 'Record not found' },
      });
    });

    it('dump() and size() inspect live records without using quota', async () => {
      db().seed('a', { x: 1 });
      db().seed('b', { y: 2 }, 10);
      expect(db().dump()).toEqual({ a: { x: 1 }, b: { y: 2 } });
      expect(db().size()).toBe(2);
      expect(runtime.stats().dbOps).toBe(0);
    });
  });

  describe('limits', () => {
    it('accepts a 60-character key and rejects a 61-character key', async () => {
      await expect(db().set('k'.repeat(DB_LIMITS.maxKeyLength), { a: 1 })).resolves.toEqual({ Created: true });
      await expect(db().set('k'.repeat(61), { a: 1 })).rejects.toEqual({
        status: 400,
        message: 'Key length exceeds the limit of 60 characters',
      });
      await expect(db().get('k'.repeat(61))).rejects.toMatchObject({ status: 400 });
    });

    it.each([[''], [42]])('rejects key %p', async (key) => {
      await expect(db().set(key, { a: 1 })).rejects.toEqual({ status: 400, message: 'Key must be a non-empty string' });
    });

    it.each([[{}], [[1, 2]], ['text'], [null], [7]])('rejects value %p (must be a non-empty object)', async (value) => {
      await expect(db().set('k', value)).rejects.toEqual({ status: 400, message: 'Value must be a non-empty JSON object' });
    });

    it('accepts exactly 40 KB of key+value and rejects one byte more', async () => {
      const key = 'big';
      const overhead = Buffer.byteLength(key) + JSON.stringify({ s: '' }).length;
      const fits = { s: 'x'.repeat(DB_LIMITS.maxRecordBytes - overhead) };
      await expect(db().set(key, fits)).resolves.toEqual({ Created: true });

      const tooBig = { s: 'x'.repeat(DB_LIMITS.maxRecordBytes - overhead + 1) };
      await expect(db().set(key, tooBig)).rejects.toEqual({ status: 400, message: 'Record size 40961 bytes exceeds the limit of 40 KB' });
    });

    it('counts UTF-8 bytes, not characters', async () => {
      const value = { s: '€'.repeat(14_000) }; // 14,000 chars, 42,000 bytes
      await expect(db().set('k', value)).rejects.toMatchObject({ status: 400, message: expect.stringContaining('40 KB') });
    });

    it('checks the size limit on the result of update', async () => {
      await db().set('grow', { list: ['x'.repeat(30_000)] });
      await expect(db().update('grow', 'append', { list: ['y'.repeat(11_000)] })).rejects.toMatchObject({
        status: 400,
        message: expect.stringContaining('40 KB'),
      });
      await expect(db().get('grow')).resolves.toEqual({ list: ['x'.repeat(30_000)] });
    });

    it('refuses the 51st operation in a rolling 60 s window without executing it', async () => {
      for (let i = 0; i < PLATFORM_QUOTA_LIMIT; i++) {
        const op = i % 2 === 0 ? db().set(`k${i}`, { i }) : db().get(`k${i - 1}`);
        await op;
        clock.advance(1000);
      }
      await expect(db().set('over', { a: 1 })).rejects.toEqual({ status: 429, message: 'Rate limit exceeded', retryAfter: 10 });
      expect(db().dump()).not.toHaveProperty('over');
      expect(runtime.stats()).toMatchObject({ dbOps: 50, dbOpsRefused: 1 });

      clock.advance(10_000); // the first operation leaves the window
      await expect(db().set('over', { a: 1 })).resolves.toEqual({ Created: true });
    });

    it('counts failed and invalid calls against the quota too', async () => {
      for (let i = 0; i < PLATFORM_QUOTA_LIMIT; i++)
        await db()
          .get('missing')
          .catch(() => undefined);
      await expect(db().get('missing')).rejects.toMatchObject({ status: 429 });
    });

    it('shares one quota between sandbox calls and direct calls but not with $request or $schedule', async () => {
      for (let i = 0; i < 49; i++) await db().set(`k${i}`, { i });
      await runtime.invokeServerMethod('scheduleOp', {
        op: 'create',
        spec: { name: 's', data: { a: 1 }, schedule_at: new Date(clock.now() + 10 * 60_000).toISOString() },
      });
      expect(await runtime.invokeServerMethod('dbOp', { op: 'set', args: ['k49', { a: 1 }] })).toMatchObject({ ok: true });
      expect(await runtime.invokeServerMethod('dbOp', { op: 'set', args: ['k50', { a: 1 }] })).toMatchObject({
        ok: false,
        error: { status: 429 },
      });
      expect(runtime.stats()).toMatchObject({ dbOps: 50, dbOpsRefused: 1, scheduleOps: 1 });
    });
  });

  describe('ttl', () => {
    it('expires keys on the clock', async () => {
      await db().set('session', { a: 1 }, { ttl: 60 });
      clock.advance(59_999);
      await expect(db().get('session')).resolves.toEqual({ a: 1 });
      clock.advance(1);
      await expect(db().get('session')).rejects.toEqual({ status: 404, message: 'Record not found' });
      expect(db().size()).toBe(0);
    });

    it('treats expired keys as missing for setIf and update (update re-creates them without a ttl)', async () => {
      await db().set('session', { a: 1 }, { ttl: 1 });
      clock.advance(1000);
      await expect(db().set('session', { a: 2 }, { setIf: 'not_exist' })).resolves.toEqual({ Created: true });
      await db().set('gone', { n: 1 }, { ttl: 1 });
      clock.advance(1000);
      await expect(db().update('gone', 'increment', { n: 1 })).resolves.toEqual({ Updated: true });
      clock.advance(365 * 24 * 3600 * 1000);
      await expect(db().get('gone')).resolves.toEqual({ n: 1 });
    });

    // FDK 6.9 lib/api/db.js validateOptions: `!parseFloat(options.ttl)` is refused with this message.
    it.each([[0], ['60'], [Number.NaN]])('rejects ttl %p', async (ttl) => {
      await expect(db().set('k', { a: 1 }, { ttl })).rejects.toEqual({
        status: 400,
        message: 'Time to live(ttl) should be of type float and a non-zero value',
      });
    });

    // FDK 6.9 lib/utils/data-util.js store: an expiry is only set when `options.ttl > 0`.
    it('a negative ttl stores the record without expiry', async () => {
      await expect(db().set('forever', { a: 1 }, { ttl: -5 })).resolves.toEqual({ Created: true });
      clock.advance(365 * 24 * 3600 * 1000);
      await expect(db().get('forever')).resolves.toEqual({ a: 1 });
    });

    it('keeps the ttl across update', async () => {
      await db().set('k', { n: 1 }, { ttl: 10 });
      clock.advance(5000);
      await db().update('k', 'increment', { n: 1 });
      clock.advance(5000);
      await expect(db().get('k')).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('setIf', () => {
    const failed = { status: 400, message: 'The setIf conditional request failed' };

    it("'not_exist' only creates", async () => {
      await expect(db().set('k', { v: 1 }, { setIf: 'not_exist' })).resolves.toEqual({ Created: true });
      await expect(db().set('k', { v: 2 }, { setIf: 'not_exist' })).rejects.toEqual(failed);
      await expect(db().get('k')).resolves.toEqual({ v: 1 });
    });

    it("'exist' only overwrites", async () => {
      await expect(db().set('k', { v: 1 }, { setIf: 'exist' })).rejects.toEqual(failed);
      expect(db().size()).toBe(0);
      await db().set('k', { v: 1 });
      await expect(db().set('k', { v: 2 }, { setIf: 'exist' })).resolves.toEqual({ Created: true });
      await expect(db().get('k')).resolves.toEqual({ v: 2 });
    });

    it('rejects unknown setIf values', async () => {
      await expect(db().set('k', { v: 1 }, { setIf: 'maybe' })).rejects.toMatchObject({ status: 400 });
    });
  });

  describe('update', () => {
    beforeEach(() => db().seed('rec', { count: 1, tags: ['a'], meta: { owner: 'x' }, drop: true }));

    it('increment adds to numbers and creates missing attributes', async () => {
      await expect(db().update('rec', 'increment', { count: 2, fresh: 5, 'meta.hits': 1 })).resolves.toEqual({ Updated: true });
      await expect(db().get('rec')).resolves.toMatchObject({ count: 3, fresh: 5, meta: { owner: 'x', hits: 1 } });
    });

    it('increment rejects non-numbers', async () => {
      await expect(db().update('rec', 'increment', { tags: 1 })).rejects.toMatchObject({ status: 400 });
      await expect(db().update('rec', 'increment', { count: '1' })).rejects.toMatchObject({ status: 400 });
    });

    it('append adds items to arrays and creates missing arrays', async () => {
      await db().update('rec', 'append', { tags: ['b', 'c'], other: [1] });
      await expect(db().get('rec')).resolves.toMatchObject({ tags: ['a', 'b', 'c'], other: [1] });
      await expect(db().update('rec', 'append', { count: [1] })).rejects.toMatchObject({ status: 400 });
    });

    it('set overwrites top-level and dotted attributes', async () => {
      await db().update('rec', 'set', { count: 10, 'meta.owner': 'y', 'deep.er': true });
      await expect(db().get('rec')).resolves.toEqual({ count: 10, tags: ['a'], meta: { owner: 'y' }, drop: true, deep: { er: true } });
    });

    it('remove deletes the named attributes', async () => {
      await db().update('rec', 'remove', ['drop', 'meta.owner', 'absent']);
      await expect(db().get('rec')).resolves.toEqual({ count: 1, tags: ['a'], meta: {} });
      await expect(db().update('rec', 'remove', { drop: true })).rejects.toMatchObject({ status: 400 });
    });

    // FDK 6.9 lib/utils/data-util.js DataStore.update: a missing key is created for increment/append
    // (the attributes become the record) and for set (paths set on {}); no expiry is attached.
    it.each([
      ['set', { a: 1, 'deep.er': true }, { a: 1, deep: { er: true } }],
      ['increment', { hits: 2 }, { hits: 2 }],
      ['append', { names: ['x'] }, { names: ['x'] }],
    ])('%s on a missing key creates it with no ttl', async (action, attributes, stored) => {
      await expect(db().update('fresh', action, attributes)).resolves.toEqual({ Updated: true });
      clock.advance(365 * 24 * 3600 * 1000);
      await expect(db().get('fresh')).resolves.toEqual(stored);
    });

    it('remove on a missing key is a 400 and unknown actions are a 400', async () => {
      await expect(db().update('nope', 'remove', ['a'])).rejects.toEqual({
        status: 400,
        message: 'The specified key for remove operation does not exist in the data store',
      });
      expect(db().dump()).not.toHaveProperty('nope');
      await expect(db().update('rec', 'multiply', { count: 2 })).rejects.toMatchObject({ status: 400 });
    });

    // FDK 6.9 lib/api/db.js updateValidations.
    it('checks the attribute values per action with the FDK messages', async () => {
      await expect(db().update('rec', 'increment', { count: '1' })).rejects.toEqual({
        status: 400,
        message: 'The value passed to increment should be of type number',
      });
      await expect(db().update('rec', 'append', { tags: [] })).rejects.toEqual({
        status: 400,
        message: 'The value passed to append should be of type array and should not be an empty array',
      });
      await expect(db().update('rec', 'remove', { drop: true })).rejects.toEqual({
        status: 400,
        message: 'The attributes object passed to remove action should be of type array',
      });
    });

    // FDK's update(key, action, attributes) drops a fourth argument: a setIf there changes nothing.
    it('ignores a fourth argument (FDK drops it): setIf on update has no effect', async () => {
      await expect((db().update as any)('rec', 'set', { a: 1 }, { setIf: 'not_exist' })).resolves.toEqual({ Updated: true });
      await expect((db().update as any)('missing', 'set', { a: 1 }, { setIf: 'exist' })).resolves.toEqual({ Updated: true });
      expect(db().dump()).toMatchObject({ rec: { a: 1 }, missing: { a: 1 } });
    });

    // Freshworks key-value storage docs: empty strings, NaN and ±Infinity inside stored values are stored as null.
    it('stores empty strings, NaN and ±Infinity inside values as null (set and update)', async () => {
      await db().set('odd', { s: '', n: NaN, deep: { p: Infinity, m: -Infinity, list: ['', 1, 'x'] }, kept: 'x' });
      await db().update('odd', 'set', { later: '', 'deep.q': NaN });
      expect(await db().get('odd')).toEqual({
        s: null,
        n: null,
        deep: { p: null, m: null, list: [null, 1, 'x'], q: null },
        kept: 'x',
        later: null,
      });
    });
  });

  describe('persistence', () => {
    it('writes every change to dbFile and loads it back, ttl included', async () => {
      const dbFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'fdk-db-')), 'state.json');
      const first = await loadFixture({ dbFile });
      await first.runtime.db.set('kept', { a: 1 });
      await first.runtime.db.set('short', { b: 2 }, { ttl: 30 });
      await first.runtime.db.set('dropped', { c: 3 });
      await first.runtime.db.delete('dropped');

      const saved = JSON.parse(readFileSync(dbFile, 'utf8'));
      expect(saved.db).toEqual({
        kept: { value: { a: 1 }, expiresAt: null },
        short: { value: { b: 2 }, expiresAt: first.clock.now() + 30_000 },
      });

      const clock = new ManualClock(first.clock.now() + 31_000);
      const second = await loadFixture({ dbFile, clock });
      expect(second.runtime.db.dump()).toEqual({ kept: { a: 1 } });
    });
  });
});
