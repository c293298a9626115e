/** One event's history record: the change, and per destination what happened to its push. */
import type { AgentStatusChange } from '../event/agent-status-change';
import type { DestinationId, SentSummary } from '../destinations/types';

export const OUTCOMES = ['delivered', 'skipped', 'rejected', 'retrying', 'dead_letter'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface PushState {
  outcome: Outcome;
  /** Why it was skipped, rejected or dead-lettered, or the last transient error. */
  reason: string | null;
  /** Requests that reached (or tried to reach) the destination; platform-quota deferrals do not count. */
  attempts: number;
  last_status: number | null;
  next_retry_at: number | null;
  updated_at: number;
  sent: SentSummary | null;
  remote_id: string | null;
  /** A retry after a timeout: the earlier request may have landed too (at-least-once). */
  may_duplicate: boolean;
}

export interface InvalidEvent {
  field: string;
  message: string;
  /** The start of the raw payload, to recognise it; secrets never reach event payloads. */
  excerpt: string;
}

export interface EventRecord {
  key: string;
  /** History bucket the record lives in (set on first write). */
  bucket: string | null;
  received_at: number;
  change: AgentStatusChange | null;
  invalid: InvalidEvent | null;
  pushes: Partial<Record<DestinationId, PushState>>;
}

export function newRecord(key: string, change: AgentStatusChange | null, now: number): EventRecord {
  return { key, bucket: null, received_at: now, change, invalid: null, pushes: {} };
}

/** Outcomes the pipeline still has work for. */
export function isOpen(state: PushState | undefined): boolean {
  return state === undefined || state.outcome === 'retrying';
}

/** Outcomes an admin can replay (after fixing the cause). */
export function isReplayable(state: PushState | undefined): boolean {
  return state !== undefined && (state.outcome === 'rejected' || state.outcome === 'dead_letter' || state.outcome === 'retrying');
}
