/** The `onAgentActivityCreate` payload, as documented by Freshchat (see test_data/ for examples). */
import { Type, type TSchema } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));
const Text = (maxLength: number) => Type.String({ maxLength });

/**
 * An id is a string, or a number only while it is exact: JSON numbers beyond 2^53 lose their last
 * digits when parsed, so two agents could end up with one id. One JSON-schema node with two types
 * (rather than a union) so that ajv's error names the id field itself.
 */
const Id = Type.Unsafe<string | number>({
  type: ['string', 'integer'],
  maxLength: 200,
  minimum: -Number.MAX_SAFE_INTEGER,
  maximum: Number.MAX_SAFE_INTEGER,
});

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
  type: Text(64),
  id: Nullable(Id),
  org_actor_id: Nullable(Id),
  first_name: Nullable(Text(500)),
  last_name: Nullable(Text(500)),
  email: Nullable(Text(500)),
  login_status: Nullable(Type.Boolean()),
  sub_entity: Nullable(Text(200)),
  avatar: Nullable(Type.Object({ url: Nullable(Text(2000)) })),
});

/** Unknown `availability_event_type` and `status` values are kept as opaque strings (forward-compatible). */
const AgentActivitySchema = Type.Object({
  availability_event_type: Type.String({ minLength: 1, maxLength: 100 }),
  status: Type.String({ minLength: 1, maxLength: 500 }),
  prev_status: Nullable(Text(500)),
  status_change_timestamp: Timestamp,
  prev_status_change_timestamp: Nullable(Timestamp),
  custom_status_id: Nullable(Id),
  emoji: Nullable(Text(100)),
  email: Nullable(Text(500)),
  org_agent_id: Nullable(Id),
});

export const AgentActivityEventSchema = Type.Object({
  data: Type.Object({
    actor: Nullable(ActorSchema),
    agent_activity: AgentActivitySchema,
  }),
  account_id: Nullable(Id),
  domain: Nullable(Text(255)),
  region: Nullable(Text(32)),
  // Set by the platform and not used by the app: typed loosely so it can never reject an event.
  timestamp: Nullable(Type.Union([Type.String({ maxLength: 64 }), Type.Number()])),
});
