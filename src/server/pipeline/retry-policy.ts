/**
 * The one place that decides, from the class of a delivery error, what happens to a push:
 * retried later (when), rejected for good, or dead-lettered after too many attempts.
 */
import { AuthError, DeliveryError, PayloadInvalidError, PlatformQuotaError, RetryableError } from '../core/errors';
import { truncate } from '../core/text';
import type { PushState } from '../history/record';

export const MAX_ATTEMPTS = 6;
const FIRST_STEP_MS = 30_000;
const MAX_STEP_MS = 60 * 60_000;
/** A per-minute quota frees up within a minute: never come back sooner. */
const QUOTA_WAIT_MS = 60_000;

/** Exponential backoff: 30 s, 1 min, 2 min, 4 min, 8 min, capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(FIRST_STEP_MS * 2 ** Math.max(0, attempts - 1), MAX_STEP_MS);
}

export function reasonOf(err: unknown): string {
  return truncate(err instanceof Error ? err.message : String(err), 300);
}

type Decision = Pick<PushState, 'outcome' | 'reason' | 'attempts' | 'last_status' | 'next_retry_at'>;

function retryLater(err: RetryableError, attempts: number, now: number): Decision {
  const wait = Math.max(err.retryAfterMs ?? 0, backoffMs(attempts));
  const reason = reasonOf(err);
  if (attempts >= MAX_ATTEMPTS) {
    return { outcome: 'dead_letter', reason: `gave up after ${attempts} attempts: ${reason}`, attempts, last_status: err.status, next_retry_at: null };
  }
  return { outcome: 'retrying', reason, attempts, last_status: err.status, next_retry_at: now + wait };
}

/** `attempts` counts the attempt that just failed. */
export function decide(err: unknown, attempts: number, now: number): Decision {
  if (err instanceof PlatformQuotaError) {
    // Our own quota, not the destination's failure: defer without spending an attempt.
    const wait = Math.max(err.retryAfterMs ?? 0, QUOTA_WAIT_MS);
    return { outcome: 'retrying', reason: reasonOf(err), attempts: attempts - 1, last_status: err.status, next_retry_at: now + wait };
  }
  if (err instanceof RetryableError) return retryLater(err, attempts, now);
  const status = err instanceof DeliveryError ? err.status : null;
  const permanent = err instanceof AuthError || err instanceof PayloadInvalidError;
  // An unexpected exception is a bug: record it and stop rather than loop on it.
  const reason = permanent ? reasonOf(err) : `unexpected error: ${reasonOf(err)}`;
  return { outcome: 'rejected', reason, attempts, last_status: status, next_retry_at: null };
}
