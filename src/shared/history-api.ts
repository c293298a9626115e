/**
 * The history API between the sidebar and the server methods (listActivities, showActivity,
 * countActivities, retryActivity, retryAllFailed): the only types the two share. Types only, no
 * imports: the sidebar's compile never sees server code or the serverless globals. The server
 * builds its activities as this `Activity` (history/activity.ts) and checks at compile time that
 * its list answer conforms (server.ts).
 */

export type DestinationId = 'freshdesk' | 'customergauge';

export type Outcome = 'delivered' | 'skipped' | 'rejected' | 'retrying' | 'dead_letter';

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
  object: { agent_activity: AgentActivity } | { invalid_event: { field: string; message: string; excerpt: string } } | { unreadable_record: { reason: string } };
  target: { destination: DestinationId; name: string; reference: string | null; remote_id: string | null } | null;
  outcome: Outcome;
  reason: string | null;
  attempts: number;
  last_status: number | null;
  next_retry_at: string | null;
  retryable: boolean;
  /** Freshdesk cannot deduplicate: after a timeout the push may have landed twice. */
  may_duplicate: boolean;
  sent: SentSummary | null;
  created_at: string;
  updated_at: string;
}

export interface ListFilter {
  outcome?: Outcome;
  destination?: DestinationId;
}

/** listActivities */
export interface ListResult {
  activities: Activity[];
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
}

/** showActivity and retryActivity */
export interface ActivityResult {
  activity: Activity;
}

/** countActivities; `dropped`: events that could be stored nowhere during an overload (absent from servers that do not count them). */
export interface CountResult {
  count: { value: number; refreshed_at: string; exact: boolean; dropped?: number };
  dropped?: number;
}

/** A push that retryAllFailed queued, and when it runs. */
export interface QueuedRetry {
  id?: string;
  next_retry_at?: string | null;
}

/** retryAllFailed: how many pushes were queued, or the list of them with when they run. */
export interface RetryAllResult {
  queued: number | QueuedRetry[];
  next_retry_at?: string | null;
}
