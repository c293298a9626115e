/**
 * Fuzz suite for the hardening findings of issue 12 (items 3, 4, 12, 13, 14), through the built
 * server/server.js in the platform runtime, on a manual clock (the clock moves so the 50-a-minute
 * `$db` and server-method quotas never bite). Each property states what a user relies on:
 * - 3: an id is exact or refused: two agents never share an event key;
 * - 4: a payload of any depth the platform accepts is recorded, bounded, never a crash;
 * - 12: no timestamp and no damaged stored record makes a listing fail;
 * - 13: no cursor makes listActivities answer anything but a page or a 400 that says why;
 * - 14: truncated text is a whole-cluster prefix (what a reader sees as one character stays whole).
 */
import fc from 'fast-check';
import { ManualClock } from '../../simulator/runtime';
import { startLocalApp, type LocalApp } from '../../simulator/local-app';
import { invalidPayloadIdentity } from '../../src/server/event/invalid';
import { intelliassign, START, withChange } from '../support/app';

let local: LocalApp;
let clock: ManualClock;

async function start(iparamOverrides: Record<string, unknown> = { destinations: [] }): Promise<void> {
  clock = new ManualClock(START);
  local = await startLocalApp({ clock, warm: true, iparamOverrides });
}
afterEach(() => local.close());

/** Fires one event a minute apart from the last 20 (an event costs two `$db` operations). */
let fired = 0;
async function fire(data: unknown): Promise<string[]> {
  if (++fired % 10 === 0) clock.advance(61_000);
  const result = await local.runtime.invokeEvent('onAgentActivityCreate', { data });
  expect(result.ok).toBe(true);
  expect(result.logs.filter((l) => l.includes('could not process'))).toEqual([]);
  return result.logs;
}

/** A server method, a minute after the previous one so no quota bites: the answer or the error. */
async function call(method: string, args: Record<string, unknown> = {}): Promise<{ ok: boolean; data?: any; error?: any }> {
  clock.advance(61_000);
  return local.runtime.invokeServerMethod(method, args) as Promise<{ ok: boolean; data?: any; error?: any }>;
}

/** Every history record in `$db`, by key. */
function storedRecords(): Map<string, any> {
  const records = new Map<string, any>();
  for (const [key, value] of Object.entries(local.runtime.db.dump())) {
    if (key.startsWith('h:') && key !== 'h:dir') for (const record of Object.values(value as object)) records.set(record.key, record);
  }
  return records;
}

const eventData = (change: Record<string, unknown>) => (withChange(intelliassign(), change) as { data: unknown }).data;

describe('item 3: agent ids', () => {
  beforeEach(() => start());

  test('an id sent as a JSON number is kept exactly when safe, kept as imprecise beside the email otherwise; never two agents on one key', async () => {
    const template = JSON.stringify(eventData({ org_agent_id: '@ID@' }));
    const seen = new Map<string, string>();
    // Short ids, ids around 2^53, and 19-digit ids like Freshchat's.
    const digitsOf = fc.oneof(
      fc.stringMatching(/^[1-9][0-9]{0,8}$/),
      fc.bigInt({ min: 2n ** 53n - 1000n, max: 2n ** 53n + 1000n }).map(String),
      fc.bigInt({ min: 10n ** 18n, max: 10n ** 19n - 1n }).map(String),
    );
    await fc.assert(
      fc.asyncProperty(digitsOf, async (digits) => {
        // The payload as Freshchat would send it: the id as a bare number in the JSON text.
        const data = JSON.parse(template.replace('"@ID@"', digits));
        await fire(data);
        const safe = BigInt(digits) <= BigInt(Number.MAX_SAFE_INTEGER);
        const records = [...storedRecords().values()];
        if (safe) {
          const mine = records.filter((r) => r.change?.agent.id === digits);
          expect(mine).toHaveLength(1);
          const owner = seen.get(mine[0].key);
          expect(owner === undefined || owner === digits).toBe(true);
          seen.set(mine[0].key, digits);
        } else {
          // Issue 17 finding 14: digits already lost in JSON; the email (same in every payload here) tells the agent.
          const kept = records.filter((r) => r.change?.agent.id === String(Number(digits)));
          expect(kept.length).toBeGreaterThanOrEqual(1);
          expect(kept.every((r) => r.change.adjusted['data.agent_activity.org_agent_id'] === 'imprecise')).toBe(true);
          expect(kept.every((r) => r.change.agent.email === data.agent_activity.email)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('agents whose ids differ only beyond 2^53 (as strings) each get their own record', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.bigInt({ min: 2n ** 53n, max: 10n ** 19n }), { minLength: 2, maxLength: 6 }), async (ids) => {
        // Same change, same time; ids that collapse to one JSON number.
        const base = BigInt(Number(ids[0]));
        const close = ids.map((id, i) => (i === 0 ? base : base + (id % 256n) + BigInt(i)));
        const unique = [...new Set(close.map(String))];
        for (const id of unique) await fire(eventData({ org_agent_id: id, email: null }));
        const stored = [...storedRecords().values()].filter((r) => unique.includes(r.change?.agent.id));
        expect(new Set(stored.map((r) => r.change.agent.id))).toEqual(new Set(unique));
        expect(new Set(stored.map((r) => r.key)).size).toBe(stored.length);
      }),
      { numRuns: 60 },
    );
  });
});

describe('item 4: deeply nested invalid payloads', () => {
  beforeEach(() => start());

  function nested(depth: number, shape: number): unknown {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i++) value = (shape >> (i % 8)) & 1 ? [value] : { k: value };
    return value;
  }

  /** The deepest payload the runtime accepts, up to 20,000 levels (only its 256 KB limit bounds the depth; the cap keeps the run short). */
  async function deepestAccepted(): Promise<number> {
    let [ok, refused] = [1, 20_000];
    while (refused - ok > 1) {
      const depth = (ok + refused) >> 1;
      clock.advance(61_000);
      const accepted = await local.runtime.invokeEvent('onAgentActivityCreate', { data: nested(depth, 0) }).then(
        () => true,
        () => false,
      );
      [ok, refused] = accepted ? [depth, refused] : [ok, depth];
    }
    return ok;
  }

  test('recorded as rejected, with a bounded excerpt, at every depth the platform hands over', async () => {
    const deepest = await deepestAccepted();
    let nearLimit = 0;
    // Where the nesting sits, and how many levels that place adds above it.
    const where = fc.constantFrom<[number, (v: unknown) => unknown]>(
      [0, (v) => v],
      [1, (v) => ({ agent_activity: v })],
      [2, (v) => eventData({ status: v })],
      [1, (v) => ({ ...(eventData({}) as object), actor: v })],
    );
    // Up to the limit, and just below it, where the app's own stack is the first to run out.
    const depth = fc.oneof(fc.integer({ min: 1, max: deepest }), fc.integer({ min: deepest - 40, max: deepest }));
    await fc.assert(
      fc.asyncProperty(depth, fc.integer({ min: 0, max: 255 }), where, async (d, shape, [levels, place]) => {
        const data = place(nested(Math.max(1, d - levels), shape));
        clock.advance(61_000);
        // Nothing beyond the runtime's limits reaches the app.
        const result = await local.runtime.invokeEvent('onAgentActivityCreate', { data }).catch(() => null);
        if (!result) return;
        if (d > deepest - 40) nearLimit++;
        expect(result.logs).toEqual([expect.stringMatching(/^onAgentActivityCreate: rejected event: data/)]);
        const record = storedRecords().get(invalidPayloadIdentity(data).key);
        expect(record?.invalid.field).toMatch(/^data/);
        expect(Array.from(record.invalid.excerpt).length).toBeLessThanOrEqual(300);
      }),
      { numRuns: 60 },
    );
    expect(nearLimit).toBeGreaterThan(5);
  }, 120_000);
});

describe('item 12: timestamps and damaged records never break a listing', () => {
  beforeEach(() => start());

  const timestamp = fc.oneof(
    fc.double({ noNaN: true }),
    fc.integer(),
    fc.constantFrom(1e20, 8.64e15, 8.64e15 + 1, -1, 0, 4102444800000, 4102444799999, 946684800, 946684799),
    fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String),
    fc.string({ maxLength: 30 }),
  );

  async function everyPage(): Promise<any[]> {
    const all: any[] = [];
    let after: string | undefined;
    for (;;) {
      const result = await call('listActivities', { page: { size: 100, ...(after ? { after } : {}) } });
      expect(result.error).toBeUndefined();
      all.push(...result.data.activities);
      if (!result.data.meta.has_more) return all;
      after = result.data.meta.after_cursor;
    }
  }

  test('any status-change time: accepted within 2000-2100 or refused by name; every page still lists', async () => {
    await fc.assert(
      fc.asyncProperty(timestamp, fc.option(timestamp, { nil: null }), async (at, prev) => {
        const data = eventData({ status_change_timestamp: at, prev_status_change_timestamp: prev, org_agent_id: `agent-${fired}` });
        await fire(data);
        const refused = storedRecords().get(invalidPayloadIdentity(data).key);
        if (refused) expect(refused.invalid.field).toMatch(/^data\.agent_activity\.(prev_)?status_change_timestamp$/);
      }),
      { numRuns: 300 },
    );
    const activities = await everyPage();
    expect(activities.length).toBeGreaterThan(0);
    for (const activity of activities.filter((a) => a.object.agent_activity)) {
      const changed = Date.parse(activity.object.agent_activity.changed_at);
      expect(changed).toBeGreaterThanOrEqual(Date.UTC(2000, 0, 1));
      expect(changed).toBeLessThan(Date.UTC(2100, 0, 1));
    }
  }, 120_000);

  test('any damage to a stored record: list, count and show still answer', async () => {
    await fire(eventData({}));
    const [bucketKey, bucket] = Object.entries(local.runtime.db.dump()).find(([k]) => k.startsWith('h:') && k !== 'h:dir') as [
      string,
      Record<string, any>,
    ];
    const original = Object.entries(bucket).find(([name]) => name !== '_reserve')![1];
    const paths = [
      ['change'],
      ['change', 'changedAt'],
      ['change', 'kind'],
      ['change', 'agent'],
      ['change', 'agent', 'name'],
      ['pushes'],
      ['pushes', 'freshdesk'],
      ['pushes', 'freshdesk', 'outcome'],
      ['pushes', 'customergauge', 'updated_at'],
      ['pushes', 'customergauge', 'sent'],
      ['received_at'],
      ['invalid'],
      ['page'],
      ['key'],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), async (path, value) => {
        const damaged = JSON.parse(JSON.stringify(original));
        const parent = path.slice(0, -1).reduce((node, name) => (node[name] ??= {}), damaged);
        parent[path[path.length - 1]] = value;
        local.runtime.db.seed(
          bucketKey,
          { ...bucket, [original.key]: original, damaged: { ...damaged, key: path[0] === 'key' ? damaged.key : 'damaged' } },
          3600,
        );
        const list = await call('listActivities', { filter: { agent: 'maya' } });
        expect(list.error).toBeUndefined();
        const all = await call('listActivities');
        expect(all.error).toBeUndefined();
        expect((await call('countActivities')).error).toBeUndefined();
        for (const activity of all.data.activities) expect((await call('showActivity', { id: activity.id })).error).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

describe('item 13: cursors are untrusted input', () => {
  beforeEach(() => start());

  test('any cursor: a page, or a 400 saying the cursor is not one this API issued and why', async () => {
    for (let i = 0; i < 3; i++) await fire(eventData({ org_agent_id: `agent-${i}` }));
    const issued: string = (await call('listActivities', { page: { size: 1 } })).data.meta.after_cursor;
    const fields = JSON.parse(Buffer.from(issued, 'base64').toString('utf8')) as unknown[];
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null').toString('base64');
    const cursor = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.jsonValue({ maxDepth: 3 }).map(encode),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 4, maxLength: 4 }).map(encode),
      // An issued cursor with one field replaced by anything.
      fc
        .tuple(fc.integer({ min: 0, max: 3 }), fc.jsonValue({ maxDepth: 2 }))
        .map(([i, v]) => encode(fields.map((f, j) => (j === i ? v : f)))),
    );
    await fc.assert(
      fc.asyncProperty(cursor, fc.constantFrom('after', 'before'), async (value, name) => {
        const result = await call('listActivities', { page: { [name]: value } });
        if (result.ok) return expect(Array.isArray(result.data.activities)).toBe(true);
        expect(result.error.status).toBe(400);
        expect(result.error.message).toMatch(
          value.length > 500
            ? /^page\.\w+ must NOT have more than 500 characters$/
            : new RegExp(`^page\\[${name}\\] is not a cursor issued by this API(: its \\w+ .+)?$`),
        );
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});

describe('item 14: truncation keeps grapheme clusters whole', () => {
  beforeEach(() => start({ destinations: ['Freshdesk', 'CustomerGauge'] }));

  const PIECES = ['👨‍👩‍👧‍👦', '🧑🏽‍🤝‍🧑🏻', '🏳️‍🌈', '🇫🇷', '🇯🇵', '👍🏽', '👋🏿', 'e\u0301', 'q\u0307\u0323', '1️⃣', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', 'स्ते', 'a', ' '];
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const clusters = (text: string) => Array.from(segmenter.segment(text), (s) => s.segment);

  /** `cut` is `whole` or a whole-cluster prefix of it followed by "…". */
  function expectClusterPrefix(cut: string, whole: string): void {
    if (cut === whole) return;
    expect(cut.endsWith('…')).toBe(true);
    const kept = clusters(cut.slice(0, -1));
    expect(clusters(whole).slice(0, kept.length)).toEqual(kept);
  }

  test('statuses of emoji sequences, flags, skin tones and combining marks: stored, sent to Freshdesk and CustomerGauge whole-cluster', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...PIECES), { minLength: 20, maxLength: 120 }), async (parts) => {
        const status = parts.join('');
        fc.pre(Array.from(status).length <= 500);
        local.freshdesk.activities.length = 0;
        clock.advance(61_000);
        await fire(eventData({ status, emoji: null, org_agent_id: `agent-${fired}` }));
        const sent = local.freshdesk.activities[0] as { activity: { name: string; object: { id: string } } };
        const stored = storedRecords().get(sent.activity.object.id);
        expectClusterPrefix(stored.change.status, status);
        expectClusterPrefix(sent.activity.name, `Agent status: ${stored.change.status}`);
        const cg = local.customerGauge.activitiesByReference.get(`freshchat-agent-activity-${stored.key}`)?.body as {
          additional_information_object: { status: string };
        };
        // CustomerGauge's type is one category; the status travels whole in additional_information_object.
        expect(cg.additional_information_object.status).toBe(stored.change.status);
      }),
      { numRuns: 80 },
    );
  }, 120_000);
});
