/**
 * The health API between the sidebar's Health view and the `healthCheck` server method: the only
 * contract the two share for it. Plain data and types, like ./history-api.
 */
import type { DestinationId } from './destinations';
import type { PlatformRuleCheck } from './platform-rules-api';

/** A count read from the history. `exact` false: the pages it lives on could not all be read now, so it is at least `value`. */
export interface Figure {
  value: number;
  exact: boolean;
}

/** green: the last push went through and nothing waits past its retry time; amber: waiting or catching up; red: failing; grey: nothing known. */
export type HealthColour = 'green' | 'amber' | 'red' | 'grey';

export const ERROR_KINDS = ['credentials', 'rate_limited', 'unreachable', 'refused', 'quota', 'other'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** The latest failure of a destination, in words. */
export interface LastError {
  kind: ErrorKind;
  /** "credentials refused (HTTP 401)", "rate-limited", "unreachable (HTTP 503)", … (the view adds "until …" from `until`). */
  words: string;
  /** The reason as stored (redacted, cut), for the curious. */
  reason: string;
  /** Failing since (ISO). */
  since: string;
  /** Pushes wait until then (ISO): a rate limit's end, an outage's next probe; null when none is planned. */
  until: string | null;
  /** Still failing now (an outage mark holds, or the destination's last push did not go through). */
  ongoing: boolean;
}

export interface DestinationHealth {
  destination: DestinationId;
  label: string;
  colour: HealthColour;
  /** Why this colour, in words. */
  summary: string;
  delivered_last_hour: Figure;
  delivered_last_day: Figure;
  waiting: Figure;
  /** The oldest waiting push: since when it waits (its event's arrival, ISO) and its next attempt (ISO). */
  oldest_waiting: { since: string; next_attempt: string; overdue: boolean } | null;
  /** Dead-lettered and rejected in the last day (replayable from the list). */
  dead_letters: Figure;
  rejected: Figure;
  /** Deliveries deferred for the installation's platform quota in the last hour. */
  quota_deferred_last_hour: Figure;
  /** The newest push that was tried (ISO time and outcome), or null. */
  last_push: { outcome: 'delivered' | 'retrying' | 'rejected' | 'dead_letter'; at: string } | null;
  last_error: LastError | null;
}

/** healthCheck */
export interface HealthResult {
  health: {
    /** The server's clock when it answered (ISO): figures are as of then. */
    checked_at: string;
    destinations: DestinationHealth[];
    /** Events that reached neither a destination nor the history (exact, kept by the engine since install). */
    dropped: number;
    /** The installation's own quotas held deliveries back in the last hour (pushes deferred for requests, or events for storage). */
    quota_bound: boolean;
    /** Events waited for the installation's storage quota until then (ISO), within the last hour or still; null otherwise. */
    store_quota_until: string | null;
    /** History pages read for this answer; `complete`: every figure is exact. */
    coverage: { pages_read: number; complete: boolean };
    /** Why this answer read less than usual, or null. */
    notice: string | null;
    /**
     * The platform self-check's findings (./platform-rules-api), one per rule; null when its record
     * could not be read this time (the reserve or the store's quota): the view keeps the last list.
     */
    platform_rules: PlatformRuleCheck[] | null;
  };
}
