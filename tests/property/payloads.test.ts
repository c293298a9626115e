/**
 * Property: whatever Freshchat (or anything else) sends, the handler never crashes, and every
 * payload that cannot be mapped is recorded with the offending field named.
 * 10,000 generated payloads through the built server.js in a warm runtime (module scope reused
 * like a warm container, so ajv compiles once); destinations off, so nothing leaves the machine.
 */
import fc from 'fast-check';
import { ManualClock } from '../../simulator/runtime';
import { startLocalApp, type LocalApp } from '../../simulator/local-app';
import { digest } from '../../src/server/core/text';
import { START } from '../support/app';

const RUNS = 10_000;
const text = fc.string({ maxLength: 40 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const timestamp = fc.oneof(
  fc.integer({ min: 1_500_000_000_000, max: 2_000_000_000_000 }).map((ms) => new Date(ms).toISOString()),
  fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }),
  fc.double({ min: 1_500_000_000, max: 2_000_000_000, noNaN: true }),
  fc.integer({ min: 1_500_000_000_000, max: 2_000_000_000_000 }),
);

const validData = fc.record({
  actor: fc.record({
    type: fc.constantFrom('agent', 'system'),
    id: maybe(text),
    org_actor_id: maybe(text),
    first_name: maybe(text),
    last_name: maybe(text),
    email: maybe(text),
    login_status: maybe(fc.boolean()),
    sub_entity: maybe(text),
    avatar: fc.record({ url: maybe(text) }),
  }),
  agent_activity: fc.record({
    availability_event_type: fc.oneof(fc.constantFrom('GeneralAvailability', 'Intelliassign'), fc.string({ minLength: 1, maxLength: 30 })),
    status: fc.oneof(
      fc.constantFrom('AVAILABLE', 'UNAVAILABLE', 'In a meeting', '<img src=x onerror=alert(1)>'),
      fc.string({ minLength: 1, maxLength: 60 }),
    ),
    prev_status: maybe(text),
    status_change_timestamp: timestamp,
    prev_status_change_timestamp: maybe(timestamp),
    custom_status_id: maybe(text),
    emoji: maybe(fc.oneof(fc.constantFrom('joy', '😂', 'calendar'), text)),
    email: fc.emailAddress(),
    org_agent_id: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.integer({ min: 1 })),
  }),
});

/** Breaks one field the mapping needs, remembering which: the recorded error must name it. */
const brokenFields: Array<[string, (data: any) => void]> = [
  ['data.agent_activity', (d) => delete d.agent_activity],
  ['data.agent_activity', (d) => (d.agent_activity = 'not an object')],
  ['data.agent_activity.status', (d) => delete d.agent_activity.status],
  ['data.agent_activity.status', (d) => (d.agent_activity.status = 42)],
  ['data.agent_activity.availability_event_type', (d) => (d.agent_activity.availability_event_type = [])],
  ['data.agent_activity.status_change_timestamp', (d) => (d.agent_activity.status_change_timestamp = 'not a time')],
  ['data.agent_activity.status_change_timestamp', (d) => (d.agent_activity.status_change_timestamp = -5)],
  ['data.agent_activity.status', (d) => (d.agent_activity.status = '')],
  [
    'data.agent_activity.org_agent_id',
    (d) =>
      Object.assign(
        d.agent_activity,
        { org_agent_id: null, email: null },
        d.actor ? ((d.actor.org_actor_id = null), (d.actor.email = null), {}) : {},
      ),
  ],
  ['data.actor.type', (d) => (d.actor.type = { nested: true })],
];

const payload = fc.oneof(
  validData.map((data) => ({ data, broken: null as string | null })),
  fc.tuple(validData, fc.integer({ min: 0, max: brokenFields.length - 1 })).map(([data, i]) => {
    const [field, breakIt] = brokenFields[i];
    breakIt(data);
    return { data, broken: field as string | null };
  }),
  fc.anything().map((data) => ({ data, broken: 'data' as string | null })),
);

let local: LocalApp;
let clock: ManualClock;
beforeAll(async () => {
  clock = new ManualClock(START);
  local = await startLocalApp({ clock, warm: true, iparamOverrides: { destinations: [] } });
});
afterAll(() => local.close());

test(`${RUNS} generated payloads: no crash, every invalid one recorded with the field named`, async () => {
  const invalid = new Map<string, string>();
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(payload, async ({ data, broken }) => {
      // Stay inside the $db quota (50 operations a minute) as a real event rate would.
      if (++sent % 20 === 0) clock.advance(61_000);
      const result = await local.runtime.invokeEvent('onAgentActivityCreate', { data });
      expect(result.ok).toBe(true);
      expect(result.logs.filter((l) => l.startsWith('onAgentActivityCreate: could not'))).toEqual([]);
      if (broken) invalid.set(`x${digest(JSON.stringify(data ?? null))}`, broken);
    }),
    { numRuns: RUNS },
  );
  const stored = new Map<string, { invalid: { field: string } | null }>();
  for (const [key, value] of Object.entries(local.runtime.db.dump())) {
    if (key.startsWith('h:') && key !== 'h:dir') for (const record of Object.values(value as object)) stored.set(record.key, record);
  }
  let checked = 0;
  for (const [key, field] of invalid) {
    const record = stored.get(key);
    // "data" stands for any non-event value: the error names the first field that is wrong.
    if (field === 'data' && !record?.invalid) continue; // fc.anything() can also produce a valid event
    expect(record?.invalid?.field).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}`));
    checked++;
  }
  expect(checked).toBeGreaterThan(RUNS / 3);
  // A hang guard, not a speed limit: alone it takes 20–45 s, on a loaded 2-core machine over 120 s.
}, 600_000);
