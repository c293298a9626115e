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

/** How a field the app kept differs from what the payload held. */
export type Adjustment = 'imprecise' | 'cut' | 'unreadable';

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
  /**
   * Fields kept other than as sent (by payload path), present only when there are some: an id
   * number beyond 2^53 (imprecise), a text over what the app keeps (cut), an unreadable previous
   * timestamp (dropped). An event is never refused for a field delivery does not need.
   */
  adjusted?: Record<string, Adjustment>;
}

type ParsedEvent = { ok: true; change: AgentStatusChange } | { ok: false; field: string; message: string };
type Failure = Extract<ParsedEvent, { ok: false }>;
type Value = string | number | null | undefined;

const ACTIVITY = 'data.agent_activity';
const ACTOR = 'data.actor';

/** What the app keeps of each text (code points); longer texts are cut and the cut recorded. */
const KEPT = { text: 200, short: 60 } as const;

const absent = (value: Value): value is null | undefined | '' => value === null || value === undefined || value === '';

/** Reads fields into the change's values, noting each one kept other than as sent. */
class FieldReader {
  readonly adjusted: Record<string, Adjustment>;
  /** Where the agent's id was read from (the event's own field, or the actor's). */
  agentIdPath: string;

  constructor() {
    this.adjusted = {};
    this.agentIdPath = `${ACTIVITY}.org_agent_id`;
  }

  /** Text (or an id) of at most `max` code points; null when absent or empty. */
  text(path: string, value: Value, max: number = KEPT.text): string | null {
    if (absent(value)) return null;
    if (typeof value === 'number' && !Number.isSafeInteger(value)) this.adjusted[path] = 'imprecise';
    const text = String(value);
    const kept = truncate(text, max);
    if (kept !== text) this.adjusted[path] = 'cut';
    return kept;
  }

  isImprecise(path: string): boolean {
    return this.adjusted[path] === 'imprecise';
  }
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
  if (changedAt === null) return unreadable(`${ACTIVITY}.status_change_timestamp`);
  const fields = new FieldReader();
  const prev = activity.prev_status_change_timestamp ?? null;
  const prevChangedAt = prev === null ? null : eventTime(prev);
  if (prev !== null && prevChangedAt === null) fields.adjusted[`${ACTIVITY}.prev_status_change_timestamp`] = 'unreadable';
  return identified(normalise(checked.value, changedAt, prevChangedAt, fields), fields);
}

/** A wrongly typed field is named with what it must be. */
function explained(failure: Failure): Failure {
  const name = failure.field.slice(failure.field.lastIndexOf('.') + 1);
  if (name === 'status_change_timestamp') return unreadable(failure.field);
  if (!ID_FIELDS.has(name)) return failure;
  return { ...failure, message: `${failure.field} must be a string or a number` };
}

const ID_FIELDS = new Set(['id', 'org_actor_id', 'org_agent_id', 'custom_status_id', 'account_id']);

/**
 * The agent must be told apart from every other: by an email, or by an exact id. An id number that
 * lost digits in JSON, with no email beside it, could merge two agents' events: refused by name.
 */
function identified(change: AgentStatusChange, fields: FieldReader): ParsedEvent {
  if (change.agent.email) return { ok: true, change };
  const field = fields.agentIdPath;
  if (!change.agent.id) {
    return { ok: false, field: `${ACTIVITY}.org_agent_id`, message: `${ACTIVITY}.org_agent_id or email is required to identify the agent` };
  }
  if (!fields.isImprecise(field)) return { ok: true, change };
  const message = `${field} is a number beyond 2^53 (digits lost in JSON) and no email identifies the agent: send the id as a string, or the email`;
  return { ok: false, field, message };
}

function unreadable(field: string): Failure {
  return {
    ok: false,
    field,
    message: `${field} is not a readable timestamp (ISO 8601, or epoch seconds or milliseconds, between the years 2000 and 2100)`,
  };
}

function agentName(event: RawEvent, fields: FieldReader): string | null {
  const actor = event.data.actor;
  if (!actor || actor.type !== 'agent') return null;
  return fields.text(`${ACTOR}.first_name+last_name`, [actor.first_name, actor.last_name].filter(Boolean).join(' '));
}

type RawActor = NonNullable<RawEvent['data']['actor']>;
const NO_ACTOR: RawActor = { type: 'system' };

function agentOf(event: RawEvent, actor: RawActor, fields: FieldReader): AgentStatusChange['agent'] {
  const activity = event.data.agent_activity;
  const own = fields.text(`${ACTIVITY}.org_agent_id`, activity.org_agent_id);
  fields.agentIdPath = own !== null ? `${ACTIVITY}.org_agent_id` : `${ACTOR}.org_actor_id`;
  return {
    id: own ?? fields.text(`${ACTOR}.org_actor_id`, actor.org_actor_id),
    email: fields.text(`${ACTIVITY}.email`, activity.email) ?? fields.text(`${ACTOR}.email`, actor.email),
    name: agentName(event, fields),
  };
}

/**
 * Whether the agent changed their own status. The agent's email is the one the destinations use
 * (the activity's, else the actor's own); when both emails are there they decide, else both ids must
 * be known and equal. Anything less certain is not taken as the agent.
 */
function actorIsAgent(event: RawEvent, actor: RawActor, fields: FieldReader): boolean {
  if (actor.type !== 'agent') return false;
  const activity = event.data.agent_activity;
  const agentEmail = fields.text(`${ACTIVITY}.email`, activity.email);
  const actorEmail = fields.text(`${ACTOR}.email`, actor.email);
  if (agentEmail === null) return actorEmail !== null;
  if (actorEmail !== null) return agentEmail.toLowerCase() === actorEmail.toLowerCase();
  const agentId = fields.text(`${ACTIVITY}.org_agent_id`, activity.org_agent_id);
  return agentId !== null && agentId === fields.text(`${ACTOR}.org_actor_id`, actor.org_actor_id);
}

function normalise(event: RawEvent, changedAt: number, prevChangedAt: number | null, fields: FieldReader): AgentStatusChange {
  const activity = event.data.agent_activity;
  const actor = event.data.actor ?? NO_ACTOR;
  const agent = agentOf(event, actor, fields);
  const status = fields.text(`${ACTIVITY}.status`, activity.status) as string;
  const prevStatus = fields.text(`${ACTIVITY}.prev_status`, activity.prev_status);
  const account = fields.text('account_id', event.account_id) ?? fields.text('domain', event.domain);
  const customStatusId = fields.text(`${ACTIVITY}.custom_status_id`, activity.custom_status_id);
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
  const change: AgentStatusChange = {
    key: digest(identity),
    kind: fields.text(`${ACTIVITY}.availability_event_type`, activity.availability_event_type, KEPT.short) as string,
    status,
    prevStatus,
    changedAt,
    prevChangedAt,
    agent,
    actor: {
      type: fields.text(`${ACTOR}.type`, actor.type, KEPT.short) as string,
      id: fields.text(`${ACTOR}.id`, actor.id),
      self: actorIsAgent(event, actor, fields),
    },
    customStatusId,
    emoji: fields.text(`${ACTIVITY}.emoji`, activity.emoji, KEPT.short),
    subEntity: fields.text(`${ACTOR}.sub_entity`, actor.sub_entity, KEPT.short),
    account,
  };
  return Object.keys(fields.adjusted).length > 0 ? { ...change, adjusted: fields.adjusted } : change;
}
