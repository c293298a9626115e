/**
 * The event's identity and input bounds (issue 12 items 3, 4 and 12; issue 17 finding 14): ids
 * stay exact strings, numbers beyond 2^53 are kept as imprecise; texts over what the app keeps are
 * cut and recorded; only what delivery needs is refused, by name; every part of the change is in
 * the dedup key; timestamps are bounded; an unreadable payload is kept as a bounded excerpt.
 */
import fc from 'fast-check';
import { parseAgentActivityEvent, type AgentStatusChange } from '../../src/server/event/agent-status-change';
import { boundedJson, EXCERPT_CHARS, invalidPayloadIdentity } from '../../src/server/event/invalid';
import { history, intelliassign, startTestApp, withChange, type TestApp } from '../support/app';

function change(payload: Record<string, unknown>): AgentStatusChange {
  const parsed = parseAgentActivityEvent(payload);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.change;
}

function failure(payload: Record<string, unknown>): { field: string; message: string } {
  const parsed = parseAgentActivityEvent(payload);
  if (parsed.ok) throw new Error('unexpectedly parsed');
  return { field: parsed.field, message: parsed.message };
}

describe('agent ids', () => {
  test('a 19-digit id sent as a string stays exact, and two such agents get two keys', () => {
    const a = change(withChange(intelliassign(), { org_agent_id: '1728394756102938475' }));
    const b = change(withChange(intelliassign(), { org_agent_id: '1728394756102938476' }));
    expect(a.agent.id).toBe('1728394756102938475');
    expect(b.agent.id).toBe('1728394756102938476');
    expect(a.key).not.toBe(b.key);
  });

  test('a safe integer id is accepted and kept as its exact string', () => {
    expect(change(withChange(intelliassign(), { org_agent_id: 9007199254740991 })).agent.id).toBe('9007199254740991');
  });

  // Issue 17 finding 14: never refuse an event for a field delivery does not need.
  // JSON.parse('1728394756102938475') === 1728394756102938400: the platform hands over the rounded number.
  const rounded = JSON.parse(`{"id": 1728394756102938475}`).id as number;

  test('an agent id beyond 2^53 is kept and recorded as imprecise when the email tells the agents apart', () => {
    const kept = change(withChange(intelliassign(), { org_agent_id: rounded, email: 'maya.patel@example.com' }));
    expect(kept.agent).toMatchObject({ id: String(rounded), email: 'maya.patel@example.com' });
    expect(kept.adjusted).toEqual({ 'data.agent_activity.org_agent_id': 'imprecise' });
  });

  test('an agent id beyond 2^53 with no email is refused by name: it alone would merge two agents', () => {
    const payload = withChange(intelliassign(), { org_agent_id: rounded, email: null }) as any;
    payload.data.actor.email = null;
    expect(failure(payload)).toEqual({
      field: 'data.agent_activity.org_agent_id',
      message:
        'data.agent_activity.org_agent_id is a number beyond 2^53 (digits lost in JSON) and no email identifies the agent: send the id as a string, or the email',
    });
  });

  test('the actor id it falls back to is held to the same rule', () => {
    const payload = withChange(intelliassign(), { org_agent_id: null, email: null }) as any;
    Object.assign(payload.data.actor, { org_actor_id: 2 ** 60, email: null });
    expect(failure(payload).field).toBe('data.actor.org_actor_id');
    payload.data.actor.email = 'maya.patel@example.com';
    expect(change(payload).adjusted).toEqual({ 'data.actor.org_actor_id': 'imprecise' });
  });

  test('ids delivery does not need (custom status, account) are kept and recorded as imprecise', () => {
    const kept = change({ ...withChange(intelliassign(), { custom_status_id: rounded }), account_id: 1.5 });
    expect(kept).toMatchObject({ customStatusId: String(rounded), account: '1.5' });
    expect(kept.adjusted).toEqual({ 'data.agent_activity.custom_status_id': 'imprecise', account_id: 'imprecise' });
  });

  test('texts over what the app keeps are cut and recorded as cut, whole grapheme clusters', () => {
    const kept = change(withChange(intelliassign(), { emoji: '😀'.repeat(101), status: 'S'.repeat(600) }));
    expect(kept.emoji).toBe(`${'😀'.repeat(59)}…`);
    expect(Array.from(kept.status)).toHaveLength(200);
    expect(kept.adjusted).toEqual({ 'data.agent_activity.emoji': 'cut', 'data.agent_activity.status': 'cut' });
  });

  test('an event kept as sent records nothing', () => {
    expect(change(intelliassign())).not.toHaveProperty('adjusted');
  });

  test.each([
    ['data.agent_activity.status', { status: undefined }, 'data.agent_activity.status is required'],
    ['data.agent_activity.status', { status: '' }, 'data.agent_activity.status must NOT have fewer than 1 characters'],
    ['data.agent_activity.org_agent_id', { org_agent_id: { id: 1 } }, 'data.agent_activity.org_agent_id must be a string or a number'],
  ])('what delivery does need is still refused by name: %s', (field, edit, message) => {
    expect(failure(withChange(intelliassign(), edit))).toEqual({ field, message });
  });

  test('property: events that differ in any identifying part get different keys', () => {
    const part = fc.record({
      org_agent_id: fc.oneof(fc.stringMatching(/^[0-9]{1,19}$/), fc.integer({ min: 0 })),
      email: fc.constantFrom('maya.patel@example.com', 'jonas@example.com', null),
      status: fc.constantFrom('AVAILABLE', 'UNAVAILABLE', 'In a meeting', 'a|b'),
      prev_status: fc.constantFrom('AVAILABLE', 'UNAVAILABLE', 'a', 'b|', null),
      status_change_timestamp: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_100 }),
      prev_status_change_timestamp: fc.constantFrom(1_600_000_000_000, 1_600_000_000_001, null),
      custom_status_id: fc.constantFrom('s1', 's2', null),
    });
    fc.assert(
      fc.property(part, part, (a, b) => {
        const [ka, kb] = [a, b].map((p) => change(withChange(intelliassign(), p)).key);
        const same =
          String(a.org_agent_id) === String(b.org_agent_id) &&
          JSON.stringify({ ...a, org_agent_id: 0 }) === JSON.stringify({ ...b, org_agent_id: 0 });
        expect(ka === kb).toBe(same);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('timestamps', () => {
  const TIME = 'data.agent_activity.status_change_timestamp';
  const message = (field: string) =>
    `${field} is not a readable timestamp (ISO 8601, or epoch seconds or milliseconds, between the years 2000 and 2100)`;

  test.each([1e20, 8.64e15, 4102444800001, '+275760-09-13T00:00:00.000Z', '1e20', '99999999999999999999', '1969-12-31T00:00:00Z', -5, 0])(
    '%p is refused, naming the field',
    (value) => {
      expect(failure(withChange(intelliassign(), { status_change_timestamp: value }))).toEqual({ field: TIME, message: message(TIME) });
    },
  );

  test('an unreadable previous timestamp (only the time in the previous status needs it) is dropped and recorded', () => {
    const kept = change(withChange(intelliassign(), { prev_status_change_timestamp: 1e20 }));
    expect(kept.prevChangedAt).toBeNull();
    expect(kept.adjusted).toEqual({ 'data.agent_activity.prev_status_change_timestamp': 'unreadable' });
  });

  test.each([
    ['ISO', '2026-11-23T10:45:00.000Z'],
    ['epoch seconds', 1795430700],
    ['epoch seconds with decimals', 1795430700.5],
    ['epoch milliseconds', 1795430700000],
  ])('%s within the years 2000-2100 is read', (_name, value) => {
    expect(change(withChange(intelliassign(), { status_change_timestamp: value })).changedAt).toBeGreaterThan(Date.UTC(2026, 0, 1));
  });
});

describe('the excerpt of an unreadable payload', () => {
  function nested(depth: number): unknown {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
    return value;
  }

  test('100,000 levels deep (256 KB of JSON can nest that far): bounded, no stack overflow', () => {
    const deep = nested(100_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const { key, excerpt } = invalidPayloadIdentity(deep);
    expect(Array.from(excerpt).length).toBeLessThanOrEqual(EXCERPT_CHARS);
    // Twelve levels are shown, the rest is summarised.
    expect(excerpt).toBe(`${'[{"a":'.repeat(6)}"…"${'}]'.repeat(6)}`);
    expect(key).toMatch(/^x[0-9a-z]+$/);
    expect(invalidPayloadIdentity(nested(100_000)).key).toBe(key);
  });

  test('a wide payload is cut at the length bound without serialising all of it', () => {
    const wide = Array.from({ length: 200_000 }, (_, i) => ({ i }));
    expect(boundedJson(wide, 10, 1000)).toHaveLength(1000);
  });

  test('property: within the bounds it is exactly JSON.stringify (the key of a payload never changes)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(boundedJson(value, 64, 1_000_000)).toBe(JSON.stringify(value));
      }),
      { numRuns: 2000 },
    );
  });

  test('property: beyond them it is bounded in length and never throws', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 8 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 200 }), (value, depth, chars) => {
        expect(Array.from(boundedJson(value, depth, chars)).length).toBeLessThanOrEqual(chars);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('in the app: an event with fields over what delivery needs is delivered, the adjustments listed', () => {
  let app: TestApp;
  afterEach(() => app?.close());

  test('an id beyond 2^53 and an emoji over 100 characters: delivered to both destinations, recorded as imprecise and cut', async () => {
    app = await startTestApp();
    const id = JSON.parse('{"id": 1728394756102938475}').id as number;
    await app.fire(withChange(intelliassign(), { org_agent_id: id, emoji: '📅'.repeat(150) }));
    const activities = await history(app);
    expect(activities.map((a) => a.outcome)).toEqual(['delivered', 'delivered']);
    expect(activities[0].object.agent_activity.adjusted).toBe('data.agent_activity.org_agent_id imprecise; data.agent_activity.emoji cut');
    expect(app.freshdesk.activities).toHaveLength(1);
  });

  test('an id beyond 2^53 with no email is recorded as refused by name; fields not needed are kept as adjusted', async () => {
    app = await startTestApp();
    const id = JSON.parse('{"id": 1728394756102938475}').id as number;
    const lone = withChange(intelliassign(), { org_agent_id: null, email: null }) as any;
    Object.assign(lone.data.actor, { org_actor_id: id, email: null });
    await app.fire(lone);
    await app.fire({
      ...withChange(intelliassign(), { prev_status_change_timestamp: 'soon', custom_status_id: id, status: 'İ' }),
      account_id: 1.5,
    });
    const activities = await history(app);
    const refused = activities.find((a) => 'invalid_event' in a.object);
    expect(refused.object.invalid_event.field).toBe('data.actor.org_actor_id');
    const kept = activities.filter((a) => 'agent_activity' in a.object);
    expect(kept.map((a) => a.outcome)).toEqual(['delivered', 'delivered']);
    expect(kept[0].object.agent_activity.adjusted).toBe(
      'data.agent_activity.prev_status_change_timestamp unreadable; account_id imprecise; data.agent_activity.custom_status_id imprecise',
    );
  });
});
