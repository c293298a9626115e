/**
 * What the sidebar says after Retry and "Retry all failed", and about dropped events: tolerant of
 * servers that answer a bare count (today) and of those that list queued pushes and when they run.
 */
import { droppedCount, droppedNotice, markQueued, retryAllNotice, retryNotice } from '../../src/app/notices';
import type { Activity } from '../../src/app/types';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const inMinutes = (n: number) => new Date(NOW + n * 60_000 + 20_000).toISOString();

function push(id: string, outcome: Activity['outcome'], next: string | null = null): Activity {
  return { id, outcome, next_retry_at: next, reason: 'HTTP 400: no such contact', target: { name: 'Freshdesk' } } as unknown as Activity;
}

describe('after Retry', () => {
  test.each([
    [push('a', 'delivered'), 'success', /^Retried: delivered to Freshdesk\.$/],
    [push('a', 'retrying', inMinutes(5)), 'warning', /^Retry queued: Freshdesk has not taken it yet; next try in 5 min \(at .+\)\.$/],
    [push('a', 'retrying'), 'warning', /^Retry queued: Freshdesk has not taken it yet\.$/],
    [push('a', 'rejected'), 'error', /^Retried: Freshdesk refused it again \(HTTP 400: no such contact\)\.$/],
  ])('%#: %s', (activity, type, text) => {
    const [shownType, message] = retryNotice(activity, NOW);
    expect(shownType).toBe(type);
    expect(message).toMatch(text);
  });
});

describe('after Retry all failed', () => {
  const rows = [push('a', 'rejected'), push('b', 'dead_letter'), push('c', 'retrying', inMinutes(9))];

  test('a server that answers a count: how many, and when the first waiting row runs', () => {
    expect(retryAllNotice({ queued: 2 }, rows, NOW)[1]).toMatch(/^Queued 2 pushes for retry; the first runs in 9 min \(at .+\)\.$/);
    expect(retryAllNotice({ queued: 1 }, [], NOW)).toEqual(['success', 'Queued 1 push for retry.']);
    expect(retryAllNotice({ queued: 0 }, rows, NOW)).toEqual(['info', 'Nothing to retry.']);
    expect(markQueued(rows, { queued: 2 })).toEqual(rows);
  });

  test('a server that lists the queued pushes: the earliest run, and those rows turn to retrying with their time', () => {
    const result = { queued: [{ id: 'a', next_retry_at: inMinutes(6) }, { id: 'b', next_retry_at: inMinutes(5) }] };
    expect(retryAllNotice(result, rows, NOW)[1]).toMatch(/^Queued 2 pushes for retry; the first runs in 5 min \(at .+\)\.$/);
    expect(markQueued(rows, result).map((a) => [a.id, a.outcome, a.next_retry_at])).toEqual([
      ['a', 'retrying', inMinutes(6)],
      ['b', 'retrying', inMinutes(5)],
      ['c', 'retrying', inMinutes(9)],
    ]);
  });
});

describe('dropped events', () => {
  test('read from the answer wherever the server puts it, and absent means none', () => {
    const count = { value: 3, refreshed_at: '', exact: true };
    expect(droppedCount({ count })).toBe(0);
    expect(droppedCount({ count, dropped: 4 })).toBe(4);
    expect(droppedCount({ count: { ...count, dropped: 1 } })).toBe(1);
    expect(droppedNotice(1)).toBe("1 event could not be stored during an overload. It is not in this list; the app's logs name each one.");
  });
});
