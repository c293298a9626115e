/**
 * The one place that decides, from the class of a delivery error, what happens to a push:
 * retried later (when), rejected for good, or dead-lettered after too many attempts.
 */
import { AuthError, DeliveryError, NotSentError, PayloadInvalidError, reasonOf, RetryableError } from '../core/errors';
import type { PushState } from '../history/record';

export const MAX_ATTEMPTS = 6;
/** The platform's one-time schedules lie at least 5 minutes ahead: the ladder starts there. */
const FIRST_STEP_MS = 5 * 60_000;

/** Exponential backoff after the n-th failed attempt: 5, 10, 20, 40, 80 minutes. */
function backoffMs(attempts: number): number {
  return FIRST_STEP_MS * 2 ** Math.max(0, attempts - 1);
}

type Decision = Pick<PushState, 'outcome' | 'reason' | 'attempts' | 'last_status' | 'next_retry_at'>;

function retryLater(err: RetryableError, attempts: number, now: number): Decision {
  // Never earlier than the destination's Retry-After.
  const wait = Math.max(err.retryAfterMs ?? 0, backoffMs(attempts));
  const reason = reasonOf(err);
  if (attempts >= MAX_ATTEMPTS) {
    return {
      outcome: 'dead_letter',
      reason: `gave up after ${attempts} attempts: ${reason}`,
      attempts,
      last_status: err.status,
      next_retry_at: null,
    };
  }
  return { outcome: 'retrying', reason, attempts, last_status: err.status, next_retry_at: now + wait };
}

/** `attempts` counts the attempt that just failed. */
export function decide(err: unknown, attempts: number, now: number): Decision {
  if (err instanceof NotSentError) {
    // Nothing reached the destination (our quota, or no time left): queued again without spending an attempt.
    return {
      outcome: 'retrying',
      reason: reasonOf(err),
      attempts: attempts - 1,
      last_status: err.status,
      next_retry_at: now + (err.retryAfterMs ?? 0),
    };
  }
  if (err instanceof RetryableError) return retryLater(err, attempts, now);
  const status = err instanceof DeliveryError ? err.status : null;
  const permanent = err instanceof AuthError || err instanceof PayloadInvalidError;
  // An unexpected exception is a bug: record it and stop rather than loop on it.
  const reason = permanent ? reasonOf(err) : `unexpected error: ${reasonOf(err)}`;
  return { outcome: 'rejected', reason, attempts, last_status: status, next_retry_at: null };
}
