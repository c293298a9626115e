/**
 * The sidebar's time-in-status summary (issue 11): durations from each event's own timestamps,
 * never overlapping within one agent's timeline, so totals are never impossible.
 */
import fc from 'fast-check';
import { summarize } from '../../src/app/summary';
import type { Activity } from '../../src/app/types';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T09:00:00Z');
let serial = 0;

function activity(
  change: { agent?: string; kind?: string; prev: string; status: string; since: number | null; at: number },
  destination = 'freshdesk',
): Activity {
  const key = `k${serial++}`;
  return {
    id: `b.${key}.${destination}`,
    actor: { type: 'agent', id: null, name: change.agent ?? 'Maya Patel', email: `${change.agent ?? 'maya'}@example.com` },
    object: {
      agent_activity: {
        kind: change.kind ?? 'Intelliassign',
        status: change.status,
        prev_status: change.prev,
        changed_at: new Date(change.at).toISOString(),
        prev_changed_at: change.since === null ? null : new Date(change.since).toISOString(),
      },
    },
  } as unknown as Activity;
}

describe('time in status', () => {
  test('an event counts the time in its previous status, once however many destinations it went to', () => {
    const event = activity({ prev: 'AVAILABLE', status: 'In a meeting', since: T0, at: T0 + HOUR });
    const [summary] = summarize([event, { ...event, id: event.id.replace('freshdesk', 'customergauge') }]);
    expect(summary).toEqual({ agent: 'Maya Patel', kind: 'Intelliassign', total: HOUR, statuses: [{ status: 'Available', ms: HOUR }] });
  });

  test('events stamped "now" by the simulator, all claiming the same old start, do not add up to an impossible total', () => {
    // Each event says "available since a week ago"; they were fired an hour apart.
    const weekAgo = T0 - 7 * 24 * HOUR;
    const events = [0, 1, 2, 3].map((i) => activity({ prev: 'AVAILABLE', status: 'AVAILABLE', since: weekAgo, at: T0 + i * HOUR }));
    const [summary] = summarize(events);
    // The first event's own claim (a week), then only the observed hours between the events.
    expect(summary.total).toBe(7 * 24 * HOUR + 3 * HOUR);
  });

  test('a change without a previous time is counted from the same agent’s previous change', () => {
    const summary = summarize([
      activity({ prev: 'AVAILABLE', status: 'Lunch break', since: T0, at: T0 + HOUR }),
      activity({ prev: 'Lunch break', status: 'AVAILABLE', since: null, at: T0 + 1.5 * HOUR }),
    ]);
    expect(summary[0].statuses).toEqual([
      { status: 'Available', ms: HOUR },
      { status: 'Lunch break', ms: HOUR / 2 },
    ]);
  });

  test('general availability and Intelliassign are separate timelines of one agent', () => {
    const summary = summarize([
      activity({ kind: 'GeneralAvailability', prev: 'AVAILABLE', status: 'UNAVAILABLE', since: T0, at: T0 + 8 * HOUR }),
      activity({ prev: 'AVAILABLE', status: 'In a meeting', since: T0 + HOUR, at: T0 + 2 * HOUR }),
    ]);
    expect(summary.map((s) => [s.agent, s.kind, s.total])).toEqual([
      ['Maya Patel', 'General availability', 8 * HOUR],
      ['Maya Patel', 'Intelliassign', HOUR],
    ]);
  });

  test('property: a timeline never totals more than the time from its earliest start to its last change', () => {
    const change = fc.record({
      agent: fc.constantFrom('Maya', 'Jonas'),
      kind: fc.constantFrom('Intelliassign', 'GeneralAvailability'),
      prev: fc.constantFrom('AVAILABLE', 'UNAVAILABLE', 'Lunch break'),
      status: fc.constantFrom('AVAILABLE', 'In a meeting'),
      since: fc.option(fc.integer({ min: T0 - 60 * 24 * HOUR, max: T0 + 48 * HOUR }), { nil: null }),
      at: fc.integer({ min: T0, max: T0 + 48 * HOUR }),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), (changes) => {
        for (const summary of summarize(changes.map((c) => activity(c)))) {
          const mine = changes.filter(
            (c) => c.agent === summary.agent && (c.kind === 'GeneralAvailability' ? 'General availability' : c.kind) === summary.kind,
          );
          const first = Math.min(...mine.map((c) => Math.min(c.at, c.since ?? c.at)));
          const last = Math.max(...mine.map((c) => c.at));
          expect(summary.total).toBeLessThanOrEqual(last - first);
          expect(summary.statuses.every((s) => s.ms >= 0)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
