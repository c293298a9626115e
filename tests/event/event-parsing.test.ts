/**
 * The event's identity and input bounds (issue 12 items 3, 4 and 12), unit level: ids stay exact
 * strings, numbers only while safe; every part of the change is in the dedup key; timestamps are
 * bounded; an unreadable payload is kept as a bounded excerpt whatever its depth.
 */
import fc from 'fast-check';
import { parseAgentActivityEvent, type AgentStatusChange } from '../../src/server/event/agent-status-change';
import { boundedJson, EXCERPT_CHARS, invalidPayloadIdentity } from '../../src/server/event/invalid';
import { intelliassign, withChange } from '../support/app';

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

  test.each([
    ['org_agent_id', 'data.agent_activity.org_agent_id'],
    ['custom_status_id', 'data.agent_activity.custom_status_id'],
  ])('a %s beyond 2^53 (digits already lost in JSON) is refused, naming the field', (name, field) => {
    // JSON.parse('1728394756102938475') === 1728394756102938400: the platform hands over the rounded number.
    const sent = JSON.parse(`{"id": 1728394756102938475}`).id as number;
    expect(failure(withChange(intelliassign(), { [name]: sent }))).toEqual({
      field,
      message: `${field} must be a string, or a whole number up to 2^53 (larger numbers lose digits in JSON: send the id as a string)`,
    });
  });

  test('an actor id and an account id are held to the same rule', () => {
    const payload = intelliassign() as any;
    payload.data.actor.org_actor_id = 2 ** 60;
    expect(failure(payload).field).toBe('data.actor.org_actor_id');
    expect(failure({ ...intelliassign(), account_id: 1.5 }).field).toBe('account_id');
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

  test('the previous timestamp is bounded too', () => {
    const field = 'data.agent_activity.prev_status_change_timestamp';
    expect(failure(withChange(intelliassign(), { prev_status_change_timestamp: 1e20 }))).toEqual({ field, message: message(field) });
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
