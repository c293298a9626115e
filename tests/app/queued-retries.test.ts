/**
 * The sidebar's memory of retries the server queued (src/app/queued-retries.ts): the stored push
 * still shows its failure until the retry runs, so the row shows Retrying at the queued time until
 * the push changes or the time is well past.
 */
import { QueuedRetries } from '../../src/app/queued-retries';
import type { Activity, RetryAllResult } from '../../src/app/types';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const MINUTE = 60_000;
const at = (minutes: number) => new Date(NOW + minutes * MINUTE).toISOString();
const STORED = at(-30);

function push(id: string, outcome: Activity['outcome'] = 'rejected', updatedAt = STORED): Activity {
  return {
    id,
    outcome,
    attempts: 1,
    next_retry_at: null,
    retryable: outcome === 'rejected',
    updated_at: updatedAt,
    reason: 'HTTP 400',
  } as unknown as Activity;
}

const retryAll = (...pushes: Array<[string, number]>): RetryAllResult => ({
  queued: pushes.length,
  first_at: null,
  last_at: null,
  already_queued: 0,
  queued_pushes: pushes.map(([id, minutes]) => ({ id, at: at(minutes), updated_at: STORED })),
  notice: null,
  message: '',
});

describe('after Retry all failed', () => {
  test('each queued push shows as Retrying at its time, without a Retry of its own; the others as stored', () => {
    const queued = new QueuedRetries();
    queued.noteAll(retryAll(['p.a.freshdesk', 6], ['p.b.customergauge', 7]));
    expect(queued.shown(push('p.a.freshdesk'), NOW)).toMatchObject({
      outcome: 'retrying',
      next_retry_at: at(6),
      retryable: false,
      reason: 'HTTP 400',
    });
    expect(queued.shown(push('p.b.customergauge'), NOW)).toMatchObject({ outcome: 'retrying', next_retry_at: at(7) });
    expect(queued.isQueued('p.a.freshdesk')).toBe(true);
    const other = push('p.c.freshdesk');
    expect(queued.shown(other, NOW)).toBe(other);
    expect(queued.isQueued('p.c.freshdesk')).toBe(false);
  });

  test('the mark stays across reloads while the stored push is unchanged, even a little past its time', () => {
    const queued = new QueuedRetries();
    queued.noteAll(retryAll(['p.a.freshdesk', 6]));
    for (const minutes of [0, 3, 6, 12]) expect(queued.shown(push('p.a.freshdesk'), NOW + minutes * MINUTE).outcome).toBe('retrying');
  });

  test('once the retry ran (the push changed), the row shows the real outcome and the mark is gone', () => {
    const queued = new QueuedRetries();
    queued.noteAll(retryAll(['p.a.freshdesk', 6]));
    const ran = push('p.a.freshdesk', 'delivered', at(6));
    expect(queued.shown(ran, NOW + 7 * MINUTE)).toBe(ran);
    expect(queued.isQueued('p.a.freshdesk')).toBe(false);
    // Even the old copy no longer shows as queued.
    expect(queued.shown(push('p.a.freshdesk'), NOW + 7 * MINUTE).outcome).toBe('rejected');
  });

  test('a retry long past its time that never changed the push (skipped, lost) no longer shows as queued', () => {
    const queued = new QueuedRetries();
    queued.noteAll(retryAll(['p.a.freshdesk', 6]));
    expect(queued.shown(push('p.a.freshdesk'), NOW + 30 * MINUTE).outcome).toBe('rejected');
    expect(queued.isQueued('p.a.freshdesk')).toBe(false);
  });
});

describe('after Retry', () => {
  test('a retry queued for want of quota shows as Retrying at its time until it ran', () => {
    const queued = new QueuedRetries();
    // The answer's activity is the push as queued: attempts restarted, the stored updated_at.
    const answer = { ...push('p.a.freshdesk', 'retrying'), attempts: 0, next_retry_at: at(0) };
    queued.note({ activity: answer, queued_at: at(6), message: '' });
    expect(queued.shown(push('p.a.freshdesk'), NOW + MINUTE)).toMatchObject({
      outcome: 'retrying',
      next_retry_at: at(6),
      retryable: false,
    });
    expect(queued.shown(push('p.a.freshdesk', 'delivered', at(6)), NOW + 7 * MINUTE).outcome).toBe('delivered');
  });

  test('a retry sent at once leaves no mark, and clears one left by Retry all', () => {
    const queued = new QueuedRetries();
    queued.noteAll(retryAll(['p.a.freshdesk', 6]));
    queued.note({ activity: push('p.a.freshdesk', 'delivered', at(0)), queued_at: null, message: '' });
    expect(queued.isQueued('p.a.freshdesk')).toBe(false);
    expect(queued.shown(push('p.a.freshdesk'), NOW).outcome).toBe('rejected');
  });
});
