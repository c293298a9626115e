/**
 * The history API between the sidebar and the server methods (listActivities, showActivity,
 * countActivities, retryActivity, retryAllFailed): the only contract the two share besides the
 * destination descriptors (./destinations). Plain data and types: the sidebar's compile never sees
 * server code or the serverless globals. The server builds its answers with these types.
 */

import type { DestinationId } from './destinations';

export type { DestinationId };

/** A push's outcome as the API names it (`retrying`: the push is waiting for its next attempt). */
export const OUTCOMES = ['delivered', 'skipped', 'rejected', 'retrying', 'dead_letter'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The status-change part of an activity; invalid events have none. */
export type AgentActivity = Record<string, string | number | null>;

/** What the history keeps of a sent payload: enough to read what was sent, never a secret. */
export interface SentSummary {
  name: string;
  happened_at: string;
  recipient: string | null;
  reference: string | null;
}

/** One (event, destination) push, shaped like a Zendesk Activity Stream activity. */
export interface Activity {
  id: string;
  verb: string;
  title: string;
  actor: { type: string; id: string | null; name: string | null; email: string | null };
  /** The status change; for an event that could not be read, why; for a stored record that cannot be read, why. */
  object:
    | { agent_activity: AgentActivity }
    | { invalid_event: { field: string; message: string; excerpt: string } }
    | { unreadable_record: { reason: string } };
  target: { destination: DestinationId; name: string; reference: string | null; remote_id: string | null } | null;
  outcome: Outcome;
  reason: string | null;
  attempts: number;
  last_status: number | null;
  next_retry_at: string | null;
  retryable: boolean;
  /** The destination cannot deduplicate (not idempotent): after a timeout the push may have landed twice. */
  may_duplicate: boolean;
  sent: SentSummary | null;
  created_at: string;
  updated_at: string;
}

export interface ListFilter {
  outcome?: Outcome;
  destination?: DestinationId;
}

/**
 * Why a server method read less than usual, or (429) nothing: the history methods have spent this
 * minute's share of the `$db` quota (the server methods' reserve), which deliveries never wait for.
 * The sidebar tells this refusal from the platform's own quota by it.
 */
export const RESERVE_NOTICE =
  'The history is read at most a few times a minute, so that deliveries keep their storage quota: showing what could be read now. Try again in a minute.';

/**
 * listActivities. `meta.notice`: why the answer shows less than usual (RESERVE_NOTICE, this
 * minute's storage quota is spent, or a burst's events are not stored yet), for the admin to read;
 * null otherwise. `meta.now`: the
 * platform's time of the answer (ISO), which the sidebar's relative times count from (the browser's
 * clock may be far off the platform's, and the simulator's clock moves). `meta.dropped`: as in
 * CountResult, so a list that holds the whole history needs no count call.
 */
export interface ListResult {
  activities: Activity[];
  meta: {
    has_more: boolean;
    after_cursor: string | null;
    before_cursor: string | null;
    notice: string | null;
    now: string;
    dropped: number;
  };
}

/** retryActivity: the push as it is now, and when it runs if it was queued rather than sent (ISO). */
export interface RetryResult {
  activity: Activity;
  queued_at: string | null;
  message: string;
}

/**
 * countActivities. `dropped`: events that could be stored nowhere during an overload; `notice` as
 * in ListResult.
 */
export interface CountResult {
  count: { value: number; refreshed_at: string; exact: boolean; dropped: number; notice: string | null };
}

/**
 * A push Retry all queued: its activity id, when it runs (ISO), and its `updated_at` as it was
 * queued. The stored push still shows its failure until the retry runs; then `updated_at` moves on.
 */
export interface QueuedPush {
  id: string;
  at: string;
  updated_at: string;
}

/**
 * retryAllFailed: how many pushes this call queued and when the first and last of them run (ISO);
 * `already_queued`: pushes still waiting for their own retry, left as they are; `queued_pushes`:
 * each push queued; `notice`: how far the call got when it stopped before the newest page (the
 * server methods' reserve spent, or its pages a click), null when it looked at every page. A call
 * that could read no page for want of the reserve answers 429 with RESERVE_NOTICE instead.
 */
export interface RetryAllResult {
  queued: number;
  first_at: string | null;
  last_at: string | null;
  already_queued: number;
  queued_pushes: QueuedPush[];
  notice: string | null;
  message: string;
}
