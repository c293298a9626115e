/** The `onAgentActivityCreate` payload, as documented by Freshchat (see test_data/ for examples). */
import { Type, type TSchema } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));
/**
 * Text of any length: an event is never refused for a text over what the app keeps of it; the
 * reading cuts it and records the cut (./agent-status-change).
 */
const Text = () => Type.String();
/** A field the app does not read: typed loosely so it can never refuse an event. */
const Unused = () => Type.Optional(Type.Unknown());

/**
 * An id is a string or a number. A number beyond 2^53 (or not whole) has already lost digits in
 * JSON: it is kept and recorded as imprecise; where the id is the only thing that tells agents
 * apart, the reading refuses it by name. One JSON-schema node with two types (rather than a
 * union) so that ajv's error names the id field itself.
 */
const Id = Type.Unsafe<string | number>({ type: ['string', 'number'] });

/** Accepted event times: 2000-01-01 up to 2100-01-01 (later dates cannot be real status changes). */
export const EARLIEST_EVENT_TIME = Date.UTC(2000, 0, 1);
export const LATEST_EVENT_TIME = Date.UTC(2100, 0, 1);

/** An ISO 8601 string, or epoch seconds (with decimals) or milliseconds, bounded to LATEST_EVENT_TIME. */
const Timestamp = Type.Unsafe<string | number>({
  type: ['string', 'number'],
  minLength: 1,
  maxLength: 64,
  exclusiveMinimum: 0,
  maximum: LATEST_EVENT_TIME,
});

const ActorSchema = Type.Object({
  type: Text(),
  id: Nullable(Id),
  org_actor_id: Nullable(Id),
  first_name: Nullable(Text()),
  last_name: Nullable(Text()),
  email: Nullable(Text()),
  login_status: Unused(),
  sub_entity: Nullable(Text()),
  avatar: Unused(),
});

/** Unknown `availability_event_type` and `status` values are kept as opaque strings (forward-compatible). */
const AgentActivitySchema = Type.Object({
  availability_event_type: Type.String({ minLength: 1 }),
  status: Type.String({ minLength: 1 }),
  prev_status: Nullable(Text()),
  status_change_timestamp: Timestamp,
  // Only the time in the previous status comes from it: an unreadable one is dropped and recorded.
  prev_status_change_timestamp: Unused(),
  custom_status_id: Nullable(Id),
  emoji: Nullable(Text()),
  email: Nullable(Text()),
  org_agent_id: Nullable(Id),
});

export const AgentActivityEventSchema = Type.Object({
  data: Type.Object({
    actor: Nullable(ActorSchema),
    agent_activity: AgentActivitySchema,
  }),
  account_id: Nullable(Id),
  domain: Nullable(Text()),
  // Set by the platform and not used by the app.
  region: Unused(),
  timestamp: Unused(),
});
