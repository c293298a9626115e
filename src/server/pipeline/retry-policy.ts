/**
 * The one place that decides, from the class of a delivery error, what happens to a push and to its
 * destination's outage mark. A rate limit (the vendor's 429), the installation's quota and "not
 * started" wait without spending an attempt; a transient failure spends one and marks the
 * destination failing, so its other pushes wait behind one probe instead of each spending requests.
 * Transient failures dead-letter on a time budget; permanent ones are rejected at once.
 */
import { AuthError, NotSentError, PayloadInvalidError, PlatformQuotaError, reasonOf, RetryableError, DeliveryError } from '../core/errors';
import type { DownMark } from '../history/head';
import type { PushState } from '../history/record';
import type { SentSummary } from '../destinations/types';
import { toDeadLetter, toRejected, toWaiting } from './states';

/** A push failing for this long is dead-lettered (visible, replayable). */
export const TIME_BUDGET_MS = 24 * 3600_000;
const FIRST_PROBE_MS = 5 * 60_000;
const LONGEST_PROBE_MS = 2 * 3600_000;
/** A vendor 429 without Retry-After waits this long. */
const RATE_LIMIT_WAIT_MS = 60_000;

/** Probe interval after `failures` consecutive failures: 5, 10, 20, 40, 80 minutes, then every 2 hours. */
export const probeDelayMs = (failures: number): number => Math.min(LONGEST_PROBE_MS, FIRST_PROBE_MS * 2 ** Math.max(0, failures - 1));

export interface Decision {
  push: PushState;
  /** The destination's new outage mark, when this failure says something about the destination. */
  mark: DownMark | null;
}

interface Failure {
  err: unknown;
  now: number;
  previous: PushState | undefined;
  sent: SentSummary | null;
  mayDuplicate: boolean;
  mark: DownMark | undefined;
}

function waitOrGiveUp(f: Failure, at: number, attempted: boolean): PushState {
  const status = statusOf(f.err);
  const reason = reasonOf(f.err);
  const since = f.previous?.failing_since ?? f.now;
  if (f.now - since >= TIME_BUDGET_MS)
    return toDeadLetter(f, `gave up after ${Math.round(TIME_BUDGET_MS / 3600_000)} h failing: ${reason}`, status, attempted);
  return toWaiting(f, reason, status, at, attempted);
}

const statusOf = (err: unknown): number | null => (err instanceof DeliveryError ? err.status : null);

/** The vendor's rate limit holds for every push to it: all wait until it says, none spends an attempt. */
function rateLimited(f: Failure, err: RetryableError): Decision {
  const until = f.now + (err.retryAfterMs ?? RATE_LIMIT_WAIT_MS);
  const mark = { until, failures: f.mark?.failures ?? 0, since: f.mark?.since ?? f.now, reason: reasonOf(err) };
  return { push: waitOrGiveUp(f, until, false), mark };
}

/** A transient failure: one attempt spent, the destination marked failing until its next probe. */
function failed(f: Failure, err: RetryableError): Decision {
  const failures = (f.mark?.failures ?? 0) + 1;
  const until = f.now + Math.max(err.retryAfterMs ?? 0, probeDelayMs(failures));
  return { push: waitOrGiveUp(f, until, true), mark: { until, failures, since: f.mark?.since ?? f.now, reason: reasonOf(err) } };
}

/** Permanent (auth, a refused payload) or a bug: rejected, never looped on. */
function refused(f: Failure): Decision {
  const permanent = f.err instanceof AuthError || f.err instanceof PayloadInvalidError;
  const reason = permanent ? reasonOf(f.err) : `unexpected error: ${reasonOf(f.err)}`;
  return { push: toRejected(f, reason, statusOf(f.err), true), mark: null };
}

/** Not sent (no quota, too little time): waits without spending an attempt; a quota wait is recorded for the Health view. */
function notSent(f: Failure, err: NotSentError): PushState {
  const push = waitOrGiveUp(f, f.now + (err.retryAfterMs ?? 0), false);
  return err instanceof PlatformQuotaError ? { ...push, quota_deferred_at: f.now } : push;
}

export function decide(f: Failure): Decision {
  const { err } = f;
  if (err instanceof NotSentError) return { push: notSent(f, err), mark: null };
  if (err instanceof RetryableError) return err.status === 429 ? rateLimited(f, err) : failed(f, err);
  return refused(f);
}
