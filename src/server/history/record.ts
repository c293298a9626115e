/** One event's history record: the change, and per destination what happened to its push. */
import type { AgentStatusChange } from '../event/agent-status-change';
import type { DestinationId, SentSummary } from '../destinations/types';
import type { Outcome } from '../../shared/history-api';

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
  /** Since when this push has been failing: the time budget before it is dead-lettered counts from here. */
  failing_since: number | null;
  /** When an admin last asked to replay it: a push is replayed at most once per interval. */
  replayed_at: number | null;
  /** When it last waited for the installation's platform quota (kept across states, for the Health view's "quota-bound"). */
  quota_deferred_at?: number;
  /** Keyed digest (see ./seal): a push state the browser wrote is never acted on. */
  sig?: string;
}

interface InvalidEvent {
  field: string;
  message: string;
  /** The start of the raw payload, to recognise it; secrets never reach event payloads. */
  excerpt: string;
}

export interface EventRecord {
  key: string;
  /** History page the record lives in (set where it is written or found). */
  page: string | null;
  received_at: number;
  change: AgentStatusChange | null;
  invalid: InvalidEvent | null;
  pushes: Partial<Record<DestinationId, PushState>>;
  /** Keyed digest of the key, arrival and change (see ./seal). */
  sig?: string;
}

export function newRecord(key: string, change: AgentStatusChange | null, now: number): EventRecord {
  return { key, page: null, received_at: now, change, invalid: null, pushes: {} };
}

/** Outcomes the pipeline still has work for. */
export function isOpen(state: PushState | undefined): boolean {
  return state === undefined || state.outcome === 'retrying';
}

/** Outcomes an admin can replay (after fixing the cause). */
export function isReplayable(state: PushState | undefined): boolean {
  return state !== undefined && (state.outcome === 'rejected' || state.outcome === 'dead_letter' || state.outcome === 'retrying');
}

/** Failed for good until an admin replays it. */
export const isFailed = (state: PushState | undefined): boolean => state?.outcome === 'rejected' || state?.outcome === 'dead_letter';

/** UTF-8 length of `text` without Buffer (the sandbox has none). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

interface StringSlot {
  holder: Record<string, unknown>;
  name: string;
  value: string;
}

function stringSlots(value: unknown, out: StringSlot[]): StringSlot[] {
  if (typeof value !== 'object' || value === null) return out;
  const holder = value as Record<string, unknown>;
  for (const [name, child] of Object.entries(holder)) {
    if (typeof child === 'string') out.push({ holder, name, value: child });
    else stringSlots(child, out);
  }
  return out;
}

function longest(slots: StringSlot[]): StringSlot | undefined {
  return slots.reduce<StringSlot | undefined>(
    (best, slot) => (best === undefined || slot.value.length > best.value.length ? slot : best),
    undefined,
  );
}

/** Halves the longest string, or empties it once short: each step shrinks the record. */
function shrinkOnce(copy: unknown): boolean {
  const slot = longest(stringSlots(copy, []));
  if (!slot || slot.value.length === 0) return false;
  const chars = Array.from(slot.value);
  slot.holder[slot.name] = chars.length > 16 ? chars.slice(0, Math.floor(chars.length / 2)).join('') + '…' : '';
  return true;
}

/**
 * A copy of `value` whose JSON is at most `maxBytes` (UTF-8): the longest strings are cut first.
 * What the queue and the history carry therefore fits the platform's limits by construction
 * (4 KB of schedule data, 40 KB per `$db` value), whatever the event held.
 */
export function fitToBytes<T>(value: T, maxBytes: number): T {
  const copy = JSON.parse(JSON.stringify(value)) as T;
  while (utf8Bytes(JSON.stringify(copy)) > maxBytes) {
    if (!shrinkOnce(copy)) break;
  }
  return copy;
}
