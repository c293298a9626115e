/** What a retry, "Retry all failed" and the list tell the admin, in one sentence each. */
import { errorMessage, quotaSpent, reserveSpent } from './errors';
import { destinationName, httpAnswer, outcomeLabel, pluralize, timeText, whenText } from './format';
import type { NoticeType } from './render/states';
import type { Activity, RetryAllResult, RetryResult } from './types';

export type Notice = [NoticeType, string];

/** A retry the server queued (no quota left this minute), or a push already waiting for its own retry. */
function queuedNotice(activity: Activity, queuedAt: string, now: number): Notice {
  const where = destinationName(activity);
  const when = whenText(queuedAt, now);
  // A replay restarts the attempts: a push with attempts behind it was already waiting, and keeps its time.
  if (activity.attempts > 0) return ['info', `Already waiting for its retry: ${where} is tried again ${when}.`];
  return ['info', `Retry queued: it runs ${when}.`];
}

/** The outcome of one retry. */
export function retryNotice({ activity, queued_at }: RetryResult, now: number): Notice {
  if (queued_at !== null) return queuedNotice(activity, queued_at, now);
  const where = destinationName(activity);
  if (activity.outcome === 'delivered') return ['success', `Retried: delivered to ${where}.`];
  if (activity.outcome === 'retrying') {
    const when = whenText(activity.next_retry_at, now);
    return ['warning', `Retry queued: ${where} has not taken it yet${when ? `; next try ${when}` : ''}.`];
  }
  return ['error', `Retried: ${where} refused it again (${activity.reason ?? outcomeLabel(activity.outcome)}).`];
}

function waitingNote(alreadyQueued: number): string {
  if (alreadyQueued === 0) return '';
  return ` ${pluralize(alreadyQueued, 'push', 'pushes')} already waiting for ${alreadyQueued === 1 ? 'its' : 'their'} own retry ${alreadyQueued === 1 ? 'keeps its' : 'keep their'} time.`;
}

/** When the queued retries run: "it runs in 5 min (at 12:05)", or the first and last of several. */
function runsText(result: RetryAllResult, now: number): string {
  const first = whenText(result.first_at, now);
  const last = whenText(result.last_at, now);
  if (first === '') return '';
  if (result.queued === 1) return `; it runs ${first}`;
  return first === last ? `; they run ${first}` : `; the first runs ${first}, the last ${last}`;
}

/**
 * "Queued 3 pushes for retry; the first runs in 5 min (at 12:05), the last in 6 min (at 12:06)."
 * A call that stopped short (the server's `notice`) says how far it got, as a warning: "Nothing to
 * retry" would be false while pages are left.
 */
export function retryAllNotice(result: RetryAllResult, now: number): Notice {
  const waiting = waitingNote(result.already_queued);
  const partial = result.notice ? ` ${result.notice}` : '';
  const queued =
    result.queued === 0
      ? `${result.notice ? 'Nothing queued yet' : 'Nothing to retry'}.`
      : `Queued ${pluralize(result.queued, 'push', 'pushes')} for retry${runsText(result, now)}.`;
  const type = result.notice ? 'warning' : result.queued === 0 ? 'info' : 'success';
  return [type, `${queued}${waiting}${partial}`];
}

/** Events the app could store nowhere during an overload. */
export function droppedNotice(dropped: number): string {
  return `${pluralize(dropped, 'event')} could not be stored during an overload. ${dropped === 1 ? 'It is' : 'They are'} not in this list; the app's logs name each one.`;
}

/** A failed attempt that says what it got: the push's latest attempt while it is still failing; a vendor's 429 was refused, not stored. */
function lastUnclearAnswer({ outcome, last_status }: Activity): number | null {
  if (outcome !== 'retrying' && outcome !== 'dead_letter') return null;
  return last_status === null || last_status === 429 ? null : last_status;
}

/** What happened to an attempt whose fate is unknown, from what the push says. */
function unclearAttempt(activity: Activity): string {
  const status = lastUnclearAnswer(activity);
  const where = destinationName(activity);
  if (status === null)
    return `An earlier attempt ended without a clear answer from ${where} (no answer, a timeout or a server error), or its run was cut off`;
  if (status === 0) return `The last attempt got no answer from ${where} (it timed out or the connection dropped)`;
  const timedOut = status === 408 || status === 504 ? ' (a timeout)' : '';
  return `The last attempt got ${httpAnswer(status)}${timedOut} from ${where}, which may have stored the push before answering`;
}

/** Why a push may appear twice at a destination that cannot deduplicate: what actually happened, as far as the push says. */
export function duplicateNotice(activity: Activity): string {
  return `${unclearAttempt(activity)}. ${destinationName(activity)} cannot deduplicate, so this push may appear twice there.`;
}

const MINUTE_MS = 60_000;

/**
 * When a call refused for quota can be made again: the next whole minute at least a minute after
 * the refusal, safe whether the platform counts per clock minute or over the last 60 seconds (its
 * documentation says "per minute" only).
 */
export function quotaFreeAt(now: number): string {
  return new Date(Math.ceil((now + MINUTE_MS) / MINUTE_MS) * MINUTE_MS).toISOString();
}

/** The reserve is the server's per clock minute (`r<minute>-<i>`): it has room again at the next whole minute. */
function reserveFreeAt(now: number): string {
  return new Date((Math.floor(now / MINUTE_MS) + 1) * MINUTE_MS).toISOString();
}

/** When a call refused for quota (429) can be made again: the history's reserve or the platform's quota has room. */
export function tryAgainAt(err: unknown, now: number): string {
  return reserveSpent(err) ? reserveFreeAt(now) : quotaFreeAt(now);
}

/** Which quota a 429 speaks of: the history's own share of the storage quota, or the platform's request quota. */
function spentQuota(err: unknown): string {
  if (reserveSpent(err)) return 'the history has been read as often as it may be this minute, so that deliveries keep their storage quota';
  return "the installation's request quota is spent for this minute";
}

/** Why `what` did not happen: the quota, with when to try again, or the server's message. */
export function failureNotice(what: string, err: unknown, now: number): Notice {
  if (!quotaSpent(err)) return ['error', `${what}: ${errorMessage(err)}`];
  return ['warning', `${what}: ${spentQuota(err)}. Try again from ${timeText(tryAgainAt(err, now), now)}.`];
}
