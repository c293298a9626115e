/** The `onAgentActivityCreate` payload, as documented by Freshchat (see test_data/ for examples). */
import { Type, type TSchema } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));
const Id = Type.Union([Type.String({ maxLength: 200 }), Type.Number()]);
const Timestamp = Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Number()]);
const Text = (maxLength: number) => Type.String({ maxLength });

export const ActorSchema = Type.Object({
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
export const AgentActivitySchema = Type.Object({
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
  timestamp: Nullable(Timestamp),
});
