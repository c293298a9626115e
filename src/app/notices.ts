/** What a retry, "Retry all failed" or the count tell the admin, in one sentence each. */
import { destinationName, outcomeLabel, parseTime, pluralize, whenText } from './format';
import type { NoticeType } from './render/states';
import type { Activity, CountResult, QueuedRetry, RetryAllResult } from './types';

export type Notice = [NoticeType, string];

/** The outcome of one retry. */
export function retryNotice(activity: Activity, now: number): Notice {
  const where = destinationName(activity);
  if (activity.outcome === 'delivered') return ['success', `Retried: delivered to ${where}.`];
  if (activity.outcome === 'retrying') {
    const when = whenText(activity.next_retry_at, now);
    return ['warning', `Retry queued: ${where} has not taken it yet${when ? `; next try ${when}` : ''}.`];
  }
  return ['error', `Retried: ${where} refused it again (${activity.reason ?? outcomeLabel(activity.outcome)}).`];
}

function queuedList(result: RetryAllResult): QueuedRetry[] {
  return Array.isArray(result.queued) ? result.queued : [];
}

function queuedCount(result: RetryAllResult): number {
  return Array.isArray(result.queued) ? result.queued.length : Number(result.queued) || 0;
}

/** The earliest run of the queued retries: from the answer, else from the retrying rows. */
function firstRun(result: RetryAllResult, activities: Activity[]): string | null {
  const listed = queuedList(result);
  const answered = [result.next_retry_at, ...listed.map((q) => q.next_retry_at)];
  const ids = new Set(listed.map((q) => q.id));
  const rows = activities.filter((a) => a.outcome === 'retrying' && (ids.size === 0 || ids.has(a.id))).map((a) => a.next_retry_at);
  for (const candidates of [answered, rows]) {
    const times = candidates.map((iso) => parseTime(iso)).filter((t): t is number => t !== null);
    if (times.length > 0) return new Date(Math.min(...times)).toISOString();
  }
  return null;
}

/** "Queued 3 pushes for retry; the first runs in 5 min (at 12:05)." */
export function retryAllNotice(result: RetryAllResult, activities: Activity[], now: number): Notice {
  const count = queuedCount(result);
  if (count === 0) return ['info', 'Nothing to retry.'];
  const when = whenText(firstRun(result, activities), now);
  const runs = count === 1 ? 'it runs' : 'the first runs';
  return ['success', `Queued ${pluralize(count, 'push', 'pushes')} for retry${when ? `; ${runs} ${when}` : ''}.`];
}

/** The rows "Retry all failed" queued, shown as retrying with their run time (the list is reloaded too). */
export function markQueued(activities: Activity[], result: RetryAllResult): Activity[] {
  const queued = new Map(queuedList(result).map((q) => [q.id, q]));
  return activities.map((a) => {
    const entry = queued.get(a.id);
    if (!entry || a.outcome === 'retrying') return a;
    return { ...a, outcome: 'retrying', next_retry_at: entry.next_retry_at ?? a.next_retry_at };
  });
}

/** Events the app could store nowhere during an overload; 0 from servers that do not count them. */
export function droppedCount(result: CountResult): number {
  const dropped = result.dropped ?? result.count.dropped;
  return typeof dropped === 'number' && dropped > 0 ? dropped : 0;
}

export function droppedNotice(dropped: number): string {
  return `${pluralize(dropped, 'event')} could not be stored during an overload. ${dropped === 1 ? 'It is' : 'They are'} not in this list; the app's logs name each one.`;
}
