/**
 * The normalised form of one `onAgentActivityCreate` event: what the destinations map from,
 * what the history stores and what the retry queue carries (compact: it must fit a 4 KB schedule).
 */
import type { Static } from '@sinclair/typebox';
import { digest, truncate } from '../core/text';
import { parseTimestamp } from '../core/time';
import { validate } from '../core/validation';
import { AgentActivityEventSchema } from './schema';

type RawEvent = Static<typeof AgentActivityEventSchema>;

export interface AgentStatusChange {
  /** Deterministic key of the event: the same event delivered twice has the same key. */
  key: string;
  kind: string;
  status: string;
  prevStatus: string | null;
  changedAt: number;
  prevChangedAt: number | null;
  agent: { id: string | null; email: string | null; name: string | null };
  actor: { type: string; id: string | null };
  customStatusId: string | null;
  emoji: string | null;
  subEntity: string | null;
  account: string | null;
}

export type ParsedEvent = { ok: true; change: AgentStatusChange } | { ok: false; field: string; message: string };

const str = (value: string | number | null | undefined, max = 200): string | null =>
  value === null || value === undefined || value === '' ? null : truncate(String(value), max);

export function parseAgentActivityEvent(payload: unknown): ParsedEvent {
  const checked = validate(AgentActivityEventSchema, payload, '');
  if (!checked.ok) return checked;
  const activity = checked.value.data.agent_activity;
  const changedAt = parseTimestamp(activity.status_change_timestamp);
  if (changedAt === null) return unreadable('data.agent_activity.status_change_timestamp');
  const prevStamp = activity.prev_status_change_timestamp ?? null;
  const prevChangedAt = parseTimestamp(prevStamp);
  if (prevStamp !== null && prevChangedAt === null) {
    return unreadable('data.agent_activity.prev_status_change_timestamp');
  }
  return identified(normalise(checked.value, changedAt, prevChangedAt));
}

function identified(change: AgentStatusChange): ParsedEvent {
  if (change.agent.id || change.agent.email) return { ok: true, change };
  return { ok: false, field: 'data.agent_activity.org_agent_id', message: 'data.agent_activity.org_agent_id or email is required to identify the agent' };
}

function unreadable(field: string): ParsedEvent {
  return { ok: false, field, message: `${field} is not a readable timestamp (ISO 8601, or epoch seconds or milliseconds)` };
}

function agentName(event: RawEvent): string | null {
  const actor = event.data.actor;
  if (!actor || actor.type !== 'agent') return null;
  return str([actor.first_name, actor.last_name].filter(Boolean).join(' '));
}

type RawActor = NonNullable<RawEvent['data']['actor']>;
const NO_ACTOR: RawActor = { type: 'system' };

function agentOf(event: RawEvent, actor: RawActor): AgentStatusChange['agent'] {
  const activity = event.data.agent_activity;
  return { id: str(activity.org_agent_id) ?? str(actor.org_actor_id), email: str(activity.email) ?? str(actor.email), name: agentName(event) };
}

function normalise(event: RawEvent, changedAt: number, prevChangedAt: number | null): AgentStatusChange {
  const activity = event.data.agent_activity;
  const actor = event.data.actor ?? NO_ACTOR;
  const agent = agentOf(event, actor);
  const status = truncate(activity.status, 200);
  const prevStatus = str(activity.prev_status);
  const identity = [activity.availability_event_type, agent.id ?? agent.email, status, prevStatus, changedAt].join('|');
  return {
    key: digest(identity),
    kind: truncate(activity.availability_event_type, 60),
    status,
    prevStatus,
    changedAt,
    prevChangedAt,
    agent,
    actor: { type: actor.type, id: str(actor.id) },
    customStatusId: str(activity.custom_status_id),
    emoji: str(activity.emoji, 60),
    subEntity: str(actor.sub_entity, 60),
    account: str(event.account_id) ?? str(event.domain),
  };
}
