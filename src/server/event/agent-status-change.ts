/**
 * The normalised form of one `onAgentActivityCreate` event: what the destinations map from,
 * what the history stores and what the retry queue carries (compact: it must fit a 4 KB schedule).
 */
import type { Static } from '@sinclair/typebox';
import { digest, truncate } from '../core/text';
import { parseTimestamp } from '../core/time';
import { validate } from '../core/validation';
import { AgentActivityEventSchema, EARLIEST_EVENT_TIME, LATEST_EVENT_TIME } from './schema';

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
  /** `self`: the actor is the agent whose status changed (not another agent, not the system). */
  actor: { type: string; id: string | null; self: boolean };
  customStatusId: string | null;
  emoji: string | null;
  subEntity: string | null;
  account: string | null;
}

type ParsedEvent = { ok: true; change: AgentStatusChange } | { ok: false; field: string; message: string };

const str = (value: string | number | null | undefined, max = 200): string | null =>
  value === null || value === undefined || value === '' ? null : truncate(String(value), max);

type Failure = Extract<ParsedEvent, { ok: false }>;

const ID_FIELDS = new Set(['id', 'org_actor_id', 'org_agent_id', 'custom_status_id', 'account_id']);
const TIME_FIELDS = new Set(['status_change_timestamp', 'prev_status_change_timestamp']);

/** Says what an id or a timestamp must be, rather than ajv's "must be <= 9007199254740991". */
function explained(failure: Failure): Failure {
  const name = failure.field.slice(failure.field.lastIndexOf('.') + 1);
  if (TIME_FIELDS.has(name)) return unreadable(failure.field);
  if (!ID_FIELDS.has(name)) return failure;
  return {
    ...failure,
    message: `${failure.field} must be a string, or a whole number up to 2^53 (larger numbers lose digits in JSON: send the id as a string)`,
  };
}

/** Epoch milliseconds of a payload timestamp, or null when unreadable or outside the accepted years. */
function eventTime(value: unknown): number | null {
  const ms = parseTimestamp(value);
  return ms !== null && ms >= EARLIEST_EVENT_TIME && ms < LATEST_EVENT_TIME ? ms : null;
}

export function parseAgentActivityEvent(payload: unknown): ParsedEvent {
  const checked = validate(AgentActivityEventSchema, payload, '');
  if (!checked.ok) return explained(checked);
  const activity = checked.value.data.agent_activity;
  const changedAt = eventTime(activity.status_change_timestamp);
  if (changedAt === null) return unreadable('data.agent_activity.status_change_timestamp');
  const prev = activity.prev_status_change_timestamp ?? null;
  const prevChangedAt = prev === null ? null : eventTime(prev);
  if (prev !== null && prevChangedAt === null) return unreadable('data.agent_activity.prev_status_change_timestamp');
  return identified(normalise(checked.value, changedAt, prevChangedAt));
}

function identified(change: AgentStatusChange): ParsedEvent {
  if (change.agent.id || change.agent.email) return { ok: true, change };
  return {
    ok: false,
    field: 'data.agent_activity.org_agent_id',
    message: 'data.agent_activity.org_agent_id or email is required to identify the agent',
  };
}

function unreadable(field: string): Failure {
  return {
    ok: false,
    field,
    message: `${field} is not a readable timestamp (ISO 8601, or epoch seconds or milliseconds, between the years 2000 and 2100)`,
  };
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
  return {
    id: str(activity.org_agent_id) ?? str(actor.org_actor_id),
    email: str(activity.email) ?? str(actor.email),
    name: agentName(event),
  };
}

/**
 * Whether the agent changed their own status. The agent's email is the one the destinations use
 * (the activity's, else the actor's own); when both emails are there they decide, else both ids must
 * be known and equal. Anything less certain is not taken as the agent.
 */
function actorIsAgent(event: RawEvent, actor: RawActor): boolean {
  if (actor.type !== 'agent') return false;
  const activity = event.data.agent_activity;
  const agentEmail = str(activity.email);
  const actorEmail = str(actor.email);
  if (agentEmail === null) return actorEmail !== null;
  if (actorEmail !== null) return agentEmail.toLowerCase() === actorEmail.toLowerCase();
  const agentId = str(activity.org_agent_id);
  return agentId !== null && agentId === str(actor.org_actor_id);
}

function normalise(event: RawEvent, changedAt: number, prevChangedAt: number | null): AgentStatusChange {
  const activity = event.data.agent_activity;
  const actor = event.data.actor ?? NO_ACTOR;
  const agent = agentOf(event, actor);
  const status = truncate(activity.status, 200);
  const prevStatus = str(activity.prev_status);
  const account = str(event.account_id) ?? str(event.domain);
  const customStatusId = str(activity.custom_status_id);
  // Everything that tells two status changes apart; JSON keeps the parts from running into each other.
  const identity = JSON.stringify([
    activity.availability_event_type,
    account,
    agent.id,
    agent.email,
    status,
    prevStatus,
    changedAt,
    prevChangedAt,
    customStatusId,
  ]);
  return {
    key: digest(identity),
    kind: truncate(activity.availability_event_type, 60),
    status,
    prevStatus,
    changedAt,
    prevChangedAt,
    agent,
    actor: { type: actor.type, id: str(actor.id), self: actorIsAgent(event, actor) },
    customStatusId,
    emoji: str(activity.emoji, 60),
    subEntity: str(actor.sub_entity, 60),
    account,
  };
}
