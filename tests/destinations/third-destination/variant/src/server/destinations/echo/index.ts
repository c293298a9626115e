/** Echo, a test-only destination: one POST per status change, its reference the event key. */
import { Type } from '@sinclair/typebox';
import { echo as descriptor } from '../../../shared/destinations/echo';
import { invoke, type CallContext } from '../../core/http';
import type { AgentStatusChange } from '../../event/agent-status-change';
import { defineDestination, type Receipt } from '../types';

const EchoSettings = Type.Object({ echo_token: Type.String({ minLength: 1 }) });

interface EchoStatus {
  reference: string;
  agent: string | null;
  status: string;
  at: number;
}

function mapToEcho(change: AgentStatusChange): EchoStatus {
  return { reference: change.key, agent: change.agent.email, status: change.status, at: change.changedAt };
}

async function postStatus(payload: EchoStatus, ctx: CallContext): Promise<Receipt> {
  const options = { body: JSON.stringify(payload) };
  const res = await invoke({ template: descriptor.templates.postStatus, options, readMessage: () => null, idempotent: true }, ctx);
  return { status: res.status, remoteId: (res.body as { id?: string } | null)?.id ?? null };
}

export const echo = defineDestination(descriptor, {
  settings: EchoSettings,
  map: mapToEcho,
  summarize: (payload) => ({
    name: `Status ${payload.status}`,
    happened_at: new Date(payload.at).toISOString(),
    recipient: payload.agent,
    reference: payload.reference,
  }),
  send: postStatus,
  idempotent: true,
});
