/**
 * The life of a push, as named states. Each transition is written here, once:
 *
 *   received ─► claimed ─► in flight ─► delivered
 *                              │     ├─► rejected      (a permanent refusal: replayable by an admin)
 *                              │     └─► waiting ─► in flight …  (a transient failure, a rate limit, no quota)
 *                              └──────────────────► dead letter (failing longer than the time budget)
 *
 * - received: the event is parsed; its write-ahead copy `w<key>` (a one-time schedule) holds it.
 * - claimed: its dedup claim `ev:<key>` is in `$db`; the write-ahead copy still holds the work.
 * - in flight: a request is out; the lock that covers it (`w<key>`, or `s<page>` for a drained
 *   page) names it, so an invocation that dies here is recovered with the push flagged
 *   `may_duplicate` when its destination cannot deduplicate.
 * - waiting: stored in the history as `retrying` with `next_retry_at` (the history pages are the
 *   outbox); no schedule per push.
 * - delivered, rejected, dead letter: stored, final until an admin replays (then waiting again).
 * A push the settings do not forward is `skipped` at once (it never enters the machine).
 */
import type { SentSummary } from '../destinations/types';
import type { PushState } from '../history/record';

export const PUSH_STATES = ['received', 'claimed', 'in_flight', 'waiting', 'delivered', 'rejected', 'dead_letter'] as const;

interface Attempted {
  now: number;
  previous: PushState | undefined;
  sent: SentSummary | null;
  mayDuplicate: boolean;
}

const attemptsAfter = (a: Attempted, attempted: boolean): number => (a.previous?.attempts ?? 0) + (attempted ? 1 : 0);
const failingSince = (a: Attempted): number => a.previous?.failing_since ?? a.now;

/** A push's last wait for the installation's quota, kept across its states (the Health view counts them). */
const quotaDeferral = (previous: PushState | undefined) =>
  previous?.quota_deferred_at === undefined ? {} : { quota_deferred_at: previous.quota_deferred_at };

const carried = (a: Attempted) => ({
  updated_at: a.now,
  sent: a.sent ?? a.previous?.sent ?? null,
  may_duplicate: a.mayDuplicate,
  replayed_at: a.previous?.replayed_at ?? null,
  ...quotaDeferral(a.previous),
});

export function toDelivered(a: Attempted, status: number, remoteId: string | null): PushState {
  const attempts = (a.previous?.attempts ?? 0) + 1;
  return {
    ...carried(a),
    outcome: 'delivered',
    reason: null,
    attempts,
    last_status: status,
    next_retry_at: null,
    remote_id: remoteId,
    failing_since: null,
  };
}

export function toRejected(a: Attempted, reason: string, status: number | null, attempted: boolean): PushState {
  return {
    ...carried(a),
    outcome: 'rejected',
    reason,
    attempts: attemptsAfter(a, attempted),
    last_status: status,
    next_retry_at: null,
    remote_id: null,
    failing_since: failingSince(a),
  };
}

const lastStatus = (a: Attempted, status: number | null): number | null => status ?? a.previous?.last_status ?? null;

/** `attempted`: a request reached the destination (a rate limit, quota or outage wait spends none). */
export function toWaiting(a: Attempted, reason: string, status: number | null, at: number, attempted: boolean): PushState {
  return {
    ...carried(a),
    outcome: 'retrying',
    reason,
    attempts: attemptsAfter(a, attempted),
    last_status: lastStatus(a, status),
    next_retry_at: at,
    remote_id: null,
    failing_since: failingSince(a),
  };
}

export function toDeadLetter(a: Attempted, reason: string, status: number | null, attempted: boolean): PushState {
  return { ...toRejected(a, reason, status, attempted), outcome: 'dead_letter' };
}

export function toSkipped(now: number, reason: string): PushState {
  return {
    outcome: 'skipped',
    reason,
    attempts: 0,
    last_status: null,
    next_retry_at: null,
    updated_at: now,
    sent: null,
    remote_id: null,
    may_duplicate: false,
    failing_since: null,
    replayed_at: null,
  };
}

/** An admin's replay: waiting again, due now, with a fresh time budget; the replay time bounds the next one. */
export function toReplayed(push: PushState, now: number): PushState {
  return {
    ...push,
    outcome: 'retrying',
    reason: 'retry requested',
    attempts: 0,
    next_retry_at: now,
    updated_at: now,
    failing_since: now,
    replayed_at: now,
  };
}

/** Recovered after its invocation died with the request out: it may have landed (flagged when the destination cannot deduplicate). */
export function toRecovered(push: PushState, now: number, idempotent: boolean): PushState {
  return { ...push, may_duplicate: push.may_duplicate || !idempotent, updated_at: now };
}
