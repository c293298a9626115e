/**
 * What the sidebar says after Retry and "Retry all failed", about dropped events, and the server's
 * notices, from the answers the server gives (src/shared/history-api.ts).
 */
import { ApiError } from '../../src/app/errors';
import { droppedNotice, duplicateNotice, failureNotice, quotaFreeAt, retryAllNotice, retryNotice, tryAgainAt } from '../../src/app/notices';
import { RESERVE_NOTICE } from '../../src/shared/history-api';
import type { Activity, RetryAllResult } from '../../src/app/types';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const inMinutes = (n: number) => new Date(NOW + n * 60_000 + 20_000).toISOString();

function push(id: string, outcome: Activity['outcome'], next: string | null = null, attempts = 1): Activity {
  return {
    id,
    outcome,
    attempts,
    next_retry_at: next,
    reason: 'HTTP 400: no such contact',
    target: { name: 'Freshdesk' },
  } as unknown as Activity;
}

const sent = (activity: Activity) => ({ activity, queued_at: null, message: '' });

describe('after Retry', () => {
  test.each([
    ['delivered', push('a', 'delivered'), 'success', /^Retried: delivered to Freshdesk\.$/],
    [
      'still retrying, with its time',
      push('a', 'retrying', inMinutes(5)),
      'warning',
      /^Retry queued: Freshdesk has not taken it yet; next try in 5 min \(at .+\)\.$/,
    ],
    ['still retrying, no time', push('a', 'retrying'), 'warning', /^Retry queued: Freshdesk has not taken it yet\.$/],
    ['refused again', push('a', 'rejected'), 'error', /^Retried: Freshdesk refused it again \(HTTP 400: no such contact\)\.$/],
  ])('sent now, %s', (_case, activity, type, text) => {
    const [shownType, message] = retryNotice(sent(activity), NOW);
    expect(shownType).toBe(type);
    expect(message).toMatch(text);
  });

  test('queued for want of quota: says when it runs', () => {
    // A replay restarts the attempts; the activity the server answers still carries the time of the request.
    const result = {
      activity: push('a', 'retrying', new Date(NOW).toISOString(), 0),
      queued_at: inMinutes(6),
      message: 'Queued: it runs at …',
    };
    expect(retryNotice(result, NOW)).toEqual(['info', expect.stringMatching(/^Retry queued: it runs in 6 min \(at .+\)\.$/)]);
  });

  test('a push already waiting for its own retry keeps its time, and the notice says so', () => {
    const result = { activity: push('a', 'retrying', inMinutes(3), 2), queued_at: inMinutes(3), message: 'Already queued: …' };
    expect(retryNotice(result, NOW)[1]).toMatch(/^Already waiting for its retry: Freshdesk is tried again in 3 min \(at .+\)\.$/);
  });
});

describe('after Retry all failed', () => {
  const answer = (
    queued: number,
    first: number | null,
    last: number | null,
    already = 0,
    notice: string | null = null,
  ): RetryAllResult => ({
    queued,
    first_at: first === null ? null : inMinutes(first),
    last_at: last === null ? null : inMinutes(last),
    already_queued: already,
    queued_pushes: [],
    notice,
    message: '',
  });

  test('how many were queued, and when the first and the last run', () => {
    expect(retryAllNotice(answer(3, 5, 7), NOW)).toEqual([
      'success',
      expect.stringMatching(/^Queued 3 pushes for retry; the first runs in 5 min \(at .+\), the last in 7 min \(at .+\)\.$/),
    ]);
    expect(retryAllNotice(answer(2, 5, 5), NOW)[1]).toMatch(/^Queued 2 pushes for retry; they run in 5 min \(at .+\)\.$/);
    expect(retryAllNotice(answer(1, 6, 6), NOW)[1]).toMatch(/^Queued 1 push for retry; it runs in 6 min \(at .+\)\.$/);
  });

  test('pushes already waiting for their own retry are named, and nothing queued says so', () => {
    expect(retryAllNotice(answer(1, 6, 6, 1), NOW)[1]).toMatch(/\. 1 push already waiting for its own retry keeps its time\.$/);
    expect(retryAllNotice(answer(0, null, null, 2), NOW)).toEqual([
      'info',
      'Nothing to retry. 2 pushes already waiting for their own retry keep their time.',
    ]);
    expect(retryAllNotice(answer(0, null, null), NOW)).toEqual(['info', 'Nothing to retry.']);
  });

  test('a call that stopped short says how far it got, as a warning, never "Nothing to retry"', () => {
    const short = 'Looked at 1 of the 3 history pages that may hold failed pushes: … Click again in a minute for the rest.';
    expect(retryAllNotice(answer(0, null, null, 0, short), NOW)).toEqual(['warning', `Nothing queued yet. ${short}`]);
    const [type, text] = retryAllNotice(answer(2, 5, 5, 0, short), NOW);
    expect(type).toBe('warning');
    expect(text).toMatch(/^Queued 2 pushes for retry; they run in 5 min \(at .+\)\. Looked at 1 of the 3 history pages/);
  });
});

describe('notices from the server', () => {
  test('dropped events are counted in words', () => {
    expect(droppedNotice(1)).toBe("1 event could not be stored during an overload. It is not in this list; the app's logs name each one.");
    expect(droppedNotice(3)).toMatch(/^3 events could not be stored .* They are not in this list/);
  });
});

describe('a push that may appear twice says what happened', () => {
  const flagged = (outcome: Activity['outcome'], last_status: number | null) => ({ ...push('a', outcome), last_status }) as Activity;
  const TAIL = ' Freshdesk cannot deduplicate, so this push may appear twice there.';
  test.each([
    ['no answer', flagged('retrying', 0), 'The last attempt got no answer from Freshdesk (it timed out or the connection dropped).'],
    [
      'a gateway timeout',
      flagged('dead_letter', 504),
      'The last attempt got 504 Gateway Timeout (a timeout) from Freshdesk, which may have stored the push before answering.',
    ],
    [
      'a server error',
      flagged('retrying', 500),
      'The last attempt got 500 Internal Server Error from Freshdesk, which may have stored the push before answering.',
    ],
    // The vendor refused the last attempt (429), or a later attempt delivered it: the unclear one came earlier.
    [
      'an earlier attempt, then a 429',
      flagged('retrying', 429),
      'An earlier attempt ended without a clear answer from Freshdesk (no answer, a timeout or a server error), or its run was cut off.',
    ],
    [
      'an earlier attempt, then delivered',
      flagged('delivered', 200),
      'An earlier attempt ended without a clear answer from Freshdesk (no answer, a timeout or a server error), or its run was cut off.',
    ],
  ])('%s', (_case, activity, text) => {
    expect(duplicateNotice(activity)).toBe(text + TAIL);
  });
});

describe('a call that failed', () => {
  test('for quota: says so and when to try again, the next whole minute at least a minute later', () => {
    expect(quotaFreeAt(Date.parse('2026-11-23T12:00:00Z'))).toBe('2026-11-23T12:01:00.000Z');
    expect(quotaFreeAt(Date.parse('2026-11-23T12:00:30Z'))).toBe('2026-11-23T12:02:00.000Z');
    const [type, text] = failureNotice('Retry failed', new ApiError({ status: 429, message: 'Rate limit exceeded' }), NOW);
    expect(type).toBe('warning');
    expect(text).toMatch(/^Retry failed: the installation's request quota is spent for this minute\. Try again from .+\.$/);
  });

  test('for the history’s reserve: says the history has been read enough this minute, and to try again at the next minute', () => {
    const spent = new ApiError({ status: 429, message: RESERVE_NOTICE });
    expect(tryAgainAt(spent, Date.parse('2026-11-23T12:00:30Z'))).toBe('2026-11-23T12:01:00.000Z');
    expect(tryAgainAt(spent, Date.parse('2026-11-23T12:00:00Z'))).toBe('2026-11-23T12:01:00.000Z');
    // The platform's own quota keeps its safer time.
    expect(tryAgainAt(new ApiError({ status: 429, message: 'Rate limit exceeded' }), Date.parse('2026-11-23T12:00:30Z'))).toBe(
      '2026-11-23T12:02:00.000Z',
    );
    const [type, text] = failureNotice('The list could not be refreshed', spent, NOW);
    expect(type).toBe('warning');
    expect(text).toMatch(
      /^The list could not be refreshed: the history has been read as often as it may be this minute, so that deliveries keep their storage quota\. Try again from .+\.$/,
    );
  });

  test('otherwise: the server’s message', () => {
    expect(failureNotice('Retry failed', new ApiError({ status: 404, message: 'activity x was not found' }), NOW)).toEqual([
      'error',
      'Retry failed: activity x was not found',
    ]);
  });
});
