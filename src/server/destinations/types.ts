/**
 * What a destination is: its settings schema (a slice of the iparams), a pure mapping from a status
 * change to its payload, and a `send` that calls its API client and throws the typed errors of
 * core/errors. Retries, dedup, quotas and history belong to the pipeline, not here.
 */
import type { Static, TObject } from '@sinclair/typebox';
import type { CallContext } from '../core/http';
import type { AgentStatusChange } from '../event/agent-status-change';

export type DestinationId = 'freshdesk' | 'customergauge';

/** What the history keeps of a sent payload: enough to read what was sent, never a secret. */
export interface SentSummary {
  name: string;
  happened_at: string;
  recipient: string | null;
  reference: string | null;
}

export interface Receipt {
  status: number;
  /** The destination's id for the pushed record, when it returns one. */
  remoteId: string | null;
}

export interface Destination<S extends TObject = TObject, P = unknown> {
  id: DestinationId;
  label: string;
  /** Value of this destination in the `destinations` multiselect iparam. */
  iparamOption: string;
  settings: S;
  map(change: AgentStatusChange, settings: Static<S>): P;
  summarize(payload: P): SentSummary;
  send(payload: P, ctx: CallContext): Promise<Receipt>;
  /** Freshdesk cannot deduplicate: a timed-out push may have landed, so a retry may duplicate it. */
  idempotent: boolean;
}

/** Erases a destination's own types for the registry (the pipeline only passes values through). */
export function defineDestination<S extends TObject, P>(destination: Destination<S, P>): Destination {
  return destination as unknown as Destination;
}
