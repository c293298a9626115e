/**
 * What a destination is: its settings schema (a slice of the iparams), a pure mapping from a status
 * change to its payload, and a `send` that calls its API client and throws the typed errors of
 * core/errors. Retries, dedup, quotas and history belong to the pipeline, not here.
 */
import type { Static, TObject } from '@sinclair/typebox';
import type { CallContext } from '../core/http';
import type { DestinationDescriptor, DestinationId } from '../../shared/destinations';
import type { SentSummary } from '../../shared/history-api';
import type { AgentStatusChange } from '../event/agent-status-change';

export type { DestinationId, SentSummary };

export interface Receipt {
  status: number;
  /** The destination's id for the pushed record, when it returns one. */
  remoteId: string | null;
}

/** How a destination behaves; what it is (id, label, iparams, templates) is its descriptor. */
interface Behaviour<S extends TObject, P> {
  settings: S;
  map(change: AgentStatusChange, settings: Static<S>): P;
  summarize(payload: P): SentSummary;
  send(payload: P, ctx: CallContext): Promise<Receipt>;
  /** False when the vendor cannot deduplicate: a timed-out push may have landed, so a retry may duplicate it. */
  idempotent: boolean;
  /**
   * A destination whose token request template sends application/x-www-form-urlencoded (not a
   * documented template Content-Type) gets its token here, cached as for a delivery: the platform
   * self-check learns from it whether the platform sends that Content-Type, at no extra request.
   */
  fetchToken?(ctx: CallContext): Promise<unknown>;
}

export interface Destination<S extends TObject = TObject, P = unknown> extends Behaviour<S, P> {
  id: DestinationId;
  /** Shown to people, and the destination's value in the `destinations` iparam. */
  label: string;
}

/** Joins a descriptor and its behaviour, erasing the destination's own types for the registry (the pipeline only passes values through). */
export function defineDestination<S extends TObject, P>(
  descriptor: DestinationDescriptor & { id: DestinationId },
  behaviour: Behaviour<S, P>,
): Destination {
  return { ...behaviour, id: descriptor.id, label: descriptor.label } as unknown as Destination;
}
