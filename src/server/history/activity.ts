/**
 * The history as the sidebar reads it, shaped like Zendesk's Activity Stream: one activity per
 * (event, destination) push, with `verb`, `title`, `actor`, `object` and `target`.
 */
import { changeTitle } from '../event/describe';
import { destinations } from '../destinations/registry';
import type { DestinationId } from '../destinations/types';
import { isReplayable, type EventRecord, type PushState } from './record';
import { OUTCOMES, type Activity, type Outcome } from '../../shared/history-api';

// The shape the sidebar reads is the shared contract.
export type { Activity };

/** Position of an activity in the newest-first stream. */
export interface StreamPosition {
  page: string;
  received_at: number;
  key: string;
  slot: number;
}

export interface StreamItem extends StreamPosition {
  record: EventRecord;
  destination: DestinationId | null;
}

/** Any time a stored record may hold; a Date beyond ±8.64e15 ms has no ISO form. */
const isTime = (ms: unknown): ms is number => typeof ms === 'number' && Math.abs(ms) <= 8.64e15;

/** ISO text of a stored time; null (never a throw) for a value that is not a time. */
const iso = (ms: unknown): string | null => (isTime(ms) ? new Date(ms).toISOString() : null);

/** History page ids (`<page number in base 36>`; older ids may end in overflow `+`s) and record keys, as cursors and activity ids carry them. */
export const PAGE_PATTERN = '^[0-9a-z]{1,12}\\+{0,2}$';
export const KEY_PATTERN = '^[0-9a-z]{1,40}$';
const isPage = (value: unknown): value is string => typeof value === 'string' && new RegExp(PAGE_PATTERN).test(value);
const isKey = (value: unknown): value is string => typeof value === 'string' && new RegExp(KEY_PATTERN).test(value);

const activityId = (item: StreamPosition & { destination: string | null }): string =>
  `${item.page}.${item.key}.${item.destination ?? 'event'}`;

export function parseActivityId(id: string): { page: string; key: string; destination: string } | null {
  const [page, key, destination, ...rest] = id.split('.');
  if (rest.length > 0 || !isPage(page) || !isKey(key) || !/^[a-z]+$/.test(destination ?? '')) return null;
  return { page, key, destination };
}

/**
 * The activities of one stored record, newest-first order within the record. A record without a
 * usable page or key cannot be addressed and is left out; any other damage shows in its activity.
 */
export function itemsOf(record: EventRecord): StreamItem[] {
  if (!isPage(record.page) || !isKey(record.key)) return [];
  // A page holds records of any time: without a readable arrival time the record sorts as the oldest.
  const receivedAt = isTime(record.received_at) ? record.received_at : 0;
  const base = { page: record.page, received_at: receivedAt, key: record.key, record };
  const pushes = typeof record.pushes === 'object' && record.pushes !== null ? record.pushes : {};
  if (record.invalid) return [{ ...base, slot: 0, destination: null }];
  return destinations.map((d, slot) => ({ ...base, slot, destination: d.id })).filter((item) => pushes[item.destination] !== undefined);
}

type Described = Pick<Activity, 'verb' | 'title' | 'object' | 'target' | 'outcome' | 'reason'>;

/** An activity that pushed nothing (an invalid event, an unreadable record): no attempts, no retry, by the system. */
function systemActivity(item: StreamItem, described: Described): Activity {
  const at = iso(item.received_at) as string;
  const nothingSent = { attempts: 0, last_status: null, next_retry_at: null, retryable: false, may_duplicate: false, sent: null };
  return {
    id: activityId(item),
    actor: { type: 'system', id: null, name: null, email: null },
    ...described,
    ...nothingSent,
    created_at: at,
    updated_at: at,
  };
}

function invalidActivity(item: StreamItem): Activity {
  const invalid = item.record.invalid as NonNullable<EventRecord['invalid']>;
  if (typeof invalid.message !== 'string') throw new Error('its note on the invalid event has no message');
  return systemActivity(item, {
    verb: 'agent_activity.invalid',
    title: `Rejected event: ${invalid.message}`,
    object: { invalid_event: invalid },
    target: null,
    outcome: 'rejected',
    reason: invalid.message,
  });
}

/** A stored record that cannot be shown as it is (damaged, or written by another version): shown as unreadable. */
function unreadableActivity(item: StreamItem, err: unknown): Activity {
  const stored = item.destination ? item.record.pushes?.[item.destination]?.outcome : undefined;
  const destination = destinations[item.slot];
  const reason = `This history record could not be read (${err instanceof Error ? err.message : String(err)}).`;
  return systemActivity(item, {
    verb: 'agent_activity.unreadable',
    title: 'Unreadable history record',
    object: { unreadable_record: { reason } },
    target: item.destination ? { destination: destination.id, name: destination.label, reference: null, remote_id: null } : null,
    outcome: OUTCOMES.includes(stored as Outcome) ? (stored as Outcome) : 'rejected',
    reason,
  });
}

function storedPush(record: EventRecord, destination: DestinationId): PushState {
  const push = record.pushes[destination];
  if (typeof push !== 'object' || push === null || !OUTCOMES.includes(push.outcome))
    throw new Error(`the ${destination} push has no known outcome`);
  return push;
}

/** The activity of one stream item; one damaged record never breaks a listing. */
export function toActivity(item: StreamItem): Activity {
  try {
    return readActivity(item);
  } catch (err) {
    return unreadableActivity(item, err);
  }
}

function readActivity(item: StreamItem): Activity {
  const { record } = item;
  const change = record.change;
  if (!change || !item.destination) return invalidActivity(item);
  const push = storedPush(record, item.destination);
  const destination = destinations[item.slot];
  return {
    id: activityId(item),
    verb: `agent_activity.${change.kind.toLowerCase()}`,
    title: changeTitle(change),
    actor: { type: change.actor.type, id: change.agent.id, name: change.agent.name, email: change.agent.email },
    object: {
      agent_activity: {
        kind: change.kind,
        status: change.status,
        prev_status: change.prevStatus,
        changed_at: iso(change.changedAt),
        prev_changed_at: iso(change.prevChangedAt),
        custom_status_id: change.customStatusId,
        emoji: change.emoji,
        // Fields kept other than as sent: "data.agent_activity.emoji cut; …" (issue 17 finding 14).
        adjusted: change.adjusted
          ? Object.entries(change.adjusted)
              .map(([field, how]) => `${field} ${how}`)
              .join('; ')
          : null,
      },
    },
    target: { destination: destination.id, name: destination.label, reference: push.sent?.reference ?? null, remote_id: push.remote_id },
    outcome: push.outcome,
    reason: push.reason,
    attempts: push.attempts,
    last_status: push.last_status,
    next_retry_at: iso(push.next_retry_at),
    retryable: isReplayable(push),
    may_duplicate: push.may_duplicate,
    sent: push.sent,
    created_at: iso(item.received_at) as string,
    updated_at: iso(push.updated_at) ?? (iso(item.received_at) as string),
  };
}
