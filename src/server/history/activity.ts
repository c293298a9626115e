/**
 * The history as the sidebar reads it, shaped like Zendesk's Activity Stream: one activity per
 * (event, destination) push, with `verb`, `title`, `actor`, `object` and `target`.
 */
import { changeTitle } from '../event/describe';
import { destinations } from '../destinations/registry';
import type { DestinationId } from '../destinations/types';
import { isReplayable, type EventRecord, type PushState } from './record';
import type { Activity } from '../../shared/history-api';

// The shape the sidebar reads is the shared contract.
export type { Activity };

/** Position of an activity in the newest-first stream. */
export interface StreamPosition {
  bucket: string;
  received_at: number;
  key: string;
  slot: number;
}

export interface StreamItem extends StreamPosition {
  record: EventRecord;
  destination: DestinationId | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export const activityId = (item: StreamPosition & { destination: string | null }): string => `${item.bucket}.${item.key}.${item.destination ?? 'event'}`;

export function parseActivityId(id: string): { bucket: string; key: string; destination: string } | null {
  const match = /^([0-9a-z]+\+{0,2})\.([0-9a-z]+)\.([a-z]+)$/.exec(id);
  return match ? { bucket: match[1], key: match[2], destination: match[3] } : null;
}

/** The activities of one record, newest-first order within the record. */
export function itemsOf(record: EventRecord): StreamItem[] {
  const base = { bucket: record.bucket ?? '', received_at: record.received_at, key: record.key, record };
  if (record.invalid) return [{ ...base, slot: 0, destination: null }];
  return destinations
    .map((d, slot) => ({ ...base, slot, destination: d.id }))
    .filter((item) => record.pushes[item.destination] !== undefined);
}

function invalidActivity(item: StreamItem): Activity {
  const { record } = item;
  const invalid = record.invalid as NonNullable<EventRecord['invalid']>;
  const at = iso(record.received_at) as string;
  return {
    id: activityId(item),
    verb: 'agent_activity.invalid',
    title: `Rejected event: ${invalid.message}`,
    actor: { type: 'system', id: null, name: null, email: null },
    object: { invalid_event: invalid },
    target: null,
    outcome: 'rejected',
    reason: invalid.message,
    attempts: 0,
    last_status: null,
    next_retry_at: null,
    retryable: false,
    may_duplicate: false,
    sent: null,
    created_at: at,
    updated_at: at,
  };
}

export function toActivity(item: StreamItem): Activity {
  const { record } = item;
  const change = record.change;
  if (!change || !item.destination) return invalidActivity(item);
  const push = record.pushes[item.destination] as PushState;
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
    created_at: iso(record.received_at) as string,
    updated_at: iso(push.updated_at) as string,
  };
}
