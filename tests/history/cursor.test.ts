/**
 * Cursors and stored records are untrusted input (issue 12 items 11, 12, 13), through the built
 * server.js in the runtime: a forged or garbled cursor is a 400 that says what is wrong, and one
 * damaged record in `$db` never turns a listing into a 500.
 */
import { intelliassign, startTestApp, withChange, type TestApp } from '../support/app';

let app: TestApp;
afterEach(() => app.close());

const cursor = (fields: unknown) => Buffer.from(JSON.stringify(fields)).toString('base64').replace(/=+$/, '');
const REFUSAL = 'page[after] is not a cursor issued by this API';

async function firstPage(): Promise<any> {
  return app.call('listActivities', { page: { size: 1 } });
}

describe('cursors', () => {
  beforeEach(async () => {
    app = await startTestApp();
    await app.fire(intelliassign());
  });

  test('an issued cursor pages on', async () => {
    const first = await firstPage();
    const next = await app.call('listActivities', { page: { size: 1, after: first.meta.after_cursor } });
    expect(next.activities).toHaveLength(1);
    expect(next.activities[0].id).not.toBe(first.activities[0].id);
  });

  test.each([
    [
      'a non-string bucket (was a 500: id.replace is not a function)',
      [123, 1795437900000, 'abc', 0],
      `${REFUSAL}: its page must be string`,
    ],
    [
      'a bucket that is not a bucket id',
      ['../h:dir', 1795437900000, 'abc', 0],
      `${REFUSAL}: its page must match pattern "^[0-9a-z]{1,12}\\+{0,2}$"`,
    ],
    ['a text time', ['tw7yk', 'yesterday', 'abc', 0], `${REFUSAL}: its received_at must be integer`],
    ['a time beyond any date', ['tw7yk', 1e20, 'abc', 0], `${REFUSAL}: its received_at must be <= 8640000000000000`],
    ['an object key', ['tw7yk', 1795437900000, { k: 1 }, 0], `${REFUSAL}: its key must be string`],
    ['a destination slot that does not exist', ['tw7yk', 1795437900000, 'abc', 7], `${REFUSAL}: its slot must be <= 1`],
    ['too few fields (the old signed format)', ['["tw7yk",1,"abc",0]', 'signature'], REFUSAL],
    ['not JSON', 'not json at all', REFUSAL],
  ])('%s: 400 with the reason', async (_name, fields, message) => {
    const after = typeof fields === 'string' ? Buffer.from(fields).toString('base64') : cursor(fields);
    expect(await app.callError('listActivities', { page: { after } })).toMatchObject({ status: 400, message });
  });

  test('page[before] is validated the same way', async () => {
    expect(await app.callError('listActivities', { page: { before: cursor([null, 1, 'abc', 0]) } })).toMatchObject({
      status: 400,
      message: 'page[before] is not a cursor issued by this API: its page must be string',
    });
  });

  test('a well-formed cursor made up by the caller is just a position: it pages from there and reveals nothing more', async () => {
    const all = (await app.call('listActivities')).activities;
    // Newer than anything stored: the page holds everything, as the first page does.
    const fromFuture = await app.call('listActivities', { page: { after: cursor(['zzzzzz', 0, 'zzz', 0]) } });
    expect(fromFuture.activities.map((a: any) => a.id)).toEqual(all.map((a: any) => a.id));
    const fromPast = await app.call('listActivities', { page: { after: cursor(['0', 0, '0', 0]) } });
    expect(fromPast.activities).toEqual([]);
  });
});

describe('damaged records in $db', () => {
  beforeEach(async () => {
    app = await startTestApp();
    await app.fire(intelliassign());
  });

  /** The stored bucket holding the one event, and a writer that puts extra attributes next to it. */
  function bucket(): { key: string; record: any; put(attributes: Record<string, unknown>): void } {
    const dump = app.runtime.db.dump() as Record<string, Record<string, any>>;
    const key = Object.keys(dump).find((k) => k.startsWith('h:') && k !== 'h:dir')!;
    const record = Object.entries(dump[key]).find(([name]) => name !== '_reserve')![1];
    return { key, record, put: (attributes) => app.runtime.db.seed(key, { ...dump[key], ...attributes }, 3600) };
  }

  const copy = (record: any, key: string, change: (r: any) => void) => {
    const damaged = JSON.parse(JSON.stringify({ ...record, key }));
    change(damaged);
    return { [key]: damaged };
  };

  test('a stored change time of 1e20 (was a 500 for every page holding it): listed, the unreadable time left out', async () => {
    const { record, put } = bucket();
    put(copy(record, 'far', (r) => (r.change.changedAt = 1e20)));
    const page = await app.call('listActivities');
    expect(page.activities).toHaveLength(4);
    const far = page.activities.filter((a: any) => a.id.includes('.far.'));
    expect(far.map((a: any) => a.object.agent_activity.changed_at)).toEqual([null, null]);
    expect(far.map((a: any) => a.outcome)).toEqual(['delivered', 'delivered']);
  });

  test.each([
    ['a change that is not an object', (r: any) => (r.change = 'garbage')],
    ['a push that is not an object', (r: any) => (r.pushes.freshdesk = 42)],
    ['a kind that is not text', (r: any) => (r.change.kind = { nested: true })],
    ['an invalid-event note without a message', (r: any) => (r.invalid = { field: 'data' })],
  ])('%s: shown as an unreadable record, the rest of the page intact', async (_name, damage) => {
    const { record, put } = bucket();
    put(copy(record, 'bad', damage));
    const page = await app.call('listActivities');
    const bad = page.activities.filter((a: any) => a.id.includes('.bad.'));
    expect(bad.length).toBeGreaterThan(0);
    expect(bad[0]).toMatchObject({ verb: 'agent_activity.unreadable', title: 'Unreadable history record', retryable: false });
    expect(bad[0].reason).toMatch(/^This history record could not be read \(.+\)\.$/);
    expect(page.activities.filter((a: any) => !a.id.includes('.bad.')).map((a: any) => a.outcome)).toEqual(['delivered', 'delivered']);
    expect((await app.call('showActivity', { id: bad[0].id })).activity.verb).toBe('agent_activity.unreadable');
    expect((await app.call('countActivities')).count.value).toBe(page.activities.length);
  });

  test('a record that cannot be addressed (no usable key) is left out; a damaged bucket field is ignored (a record lives where it is found)', async () => {
    const { record, put } = bucket();
    put({
      ...copy(record, '../x', () => undefined),
      ...copy(record, 'nobucket', (r) => (r.bucket = 5)),
      ...copy(record, 'elsewhere', (r) => (r.bucket = 'a')),
      ...copy(record, 'late', (r) => (r.received_at = 'soon')),
    });
    const page = await app.call('listActivities');
    const keys = [record.key, 'nobucket', 'elsewhere', 'late'].flatMap((key) => [key, key]);
    expect(page.activities.map((a: any) => a.id.split('.')[1]).sort()).toEqual(keys.sort());
    // Found by the fuzz suite: an id built from a damaged `bucket` field led showActivity to a 404.
    for (const activity of page.activities) {
      app.clock.advance(60_000); // each read takes a token of the server methods' reserve (4 a minute)
      expect((await app.call('showActivity', { id: activity.id })).activity.id).toBe(activity.id);
    }
    const late = page.activities.find((a: any) => a.id.includes('.late.'));
    expect(Date.parse(late.created_at) % 60_000).toBe(0);
  });

  test('an agent filter skips a record whose stored names are not text', async () => {
    const { record, put } = bucket();
    put(copy(record, 'odd', (r) => Object.assign(r.change.agent, { name: 5, email: ['x'] })));
    const page = await app.call('listActivities', { filter: { agent: 'maya' } });
    expect(page.activities.map((a: any) => a.id.split('.')[1])).toEqual([record.key, record.key]);
  });

  test('an event with a timestamp of 1e20 is refused at the door, naming the field', async () => {
    await app.fire(withChange(intelliassign(), { status_change_timestamp: 1e20 }));
    const page = await app.call('listActivities', { filter: { outcome: 'rejected' } });
    expect(page.activities.map((a: any) => a.reason)).toEqual([
      'data.agent_activity.status_change_timestamp is not a readable timestamp (ISO 8601, or epoch seconds or milliseconds, between the years 2000 and 2100)',
    ]);
  });
});
