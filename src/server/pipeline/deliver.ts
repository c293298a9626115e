/**
 * Pushes one event to every destination that still needs it. Destinations run side by side and
 * each gets its own outcome: one failing never blocks or mislabels another.
 */
import { RetryableError } from '../core/errors';
import type { CallContext } from '../core/http';
import { validate } from '../core/validation';
import { destinations } from '../destinations/registry';
import type { Destination, DestinationId, SentSummary } from '../destinations/types';
import type { AgentStatusChange } from '../event/agent-status-change';
import { isOpen, type EventRecord, type PushState } from '../history/record';
import { decide } from './retry-policy';
import { forwardsKind, PipelineSettings } from './settings';

type Iparams = Record<string, unknown>;

export interface RunContext extends CallContext {
  iparams: Iparams;
  /** The write-ahead copy of a run that died is resuming: its pushes may have landed already. */
  resuming: boolean;
}

function skipped(reason: string, now: number): PushState {
  return {
    outcome: 'skipped',
    reason,
    attempts: 0,
    last_status: null,
    next_retry_at: null,
    updated_at: now,
    sent: null,
    remote_id: null,
    may_duplicate: false,
  };
}

/** Why this destination does not get this event, or null when it should. */
function skipReason(destination: Destination, change: AgentStatusChange, iparams: Iparams): string | null {
  const settings = validate(PipelineSettings, iparams, 'iparams');
  if (!settings.ok) return `installation settings invalid: ${settings.message}`;
  if (!settings.value.destinations.includes(destination.label)) return `${destination.label} is switched off in the app settings`;
  if (!forwardsKind(settings.value.event_kinds, change.kind)) return `${change.kind} events are not forwarded (app settings)`;
  return null;
}

/** A resend of a non-idempotent push after an outcome where the first may have landed. */
function mayDuplicate(destination: Destination, err: unknown): boolean {
  return !destination.idempotent && err instanceof RetryableError && err.mayHaveLanded;
}

/** An earlier attempt may have landed: flagged before, or its run died mid-way (a non-idempotent push). */
function mayHaveLandedBefore(destination: Destination, previous: PushState | undefined, ctx: RunContext): boolean {
  return previous?.may_duplicate === true || (ctx.resuming && !destination.idempotent);
}

async function attempt(
  destination: Destination,
  change: AgentStatusChange,
  previous: PushState | undefined,
  ctx: RunContext,
): Promise<PushState> {
  const now = Date.now();
  const done = previous?.attempts ?? 0;
  const base = {
    updated_at: now,
    sent: null as SentSummary | null,
    remote_id: null,
    may_duplicate: mayHaveLandedBefore(destination, previous, ctx),
  };
  const settings = validate(destination.settings, ctx.iparams, 'iparams');
  if (!settings.ok) {
    return {
      ...base,
      outcome: 'rejected',
      reason: `installation settings invalid: ${settings.message}`,
      attempts: done,
      last_status: null,
      next_retry_at: null,
    };
  }
  try {
    const payload = destination.map(change, settings.value);
    base.sent = destination.summarize(payload);
    const receipt = await destination.send(payload, ctx);
    return {
      ...base,
      outcome: 'delivered',
      reason: null,
      attempts: done + 1,
      last_status: receipt.status,
      next_retry_at: null,
      remote_id: receipt.remoteId,
    };
  } catch (err) {
    return { ...base, ...decide(err, done + 1, now), may_duplicate: base.may_duplicate || mayDuplicate(destination, err) };
  }
}

/** Open and due: never earlier than the backoff or Retry-After recorded for it. */
function due(state: PushState | undefined, now: number): boolean {
  return isOpen(state) && (state?.next_retry_at ?? 0) <= now;
}

async function deliverTo(destination: Destination, record: EventRecord, ctx: RunContext): Promise<boolean> {
  const previous = record.pushes[destination.id];
  if (!record.change || !due(previous, Date.now())) return false;
  const reason = previous ? null : skipReason(destination, record.change, ctx.iparams);
  record.pushes[destination.id] = reason ? skipped(reason, Date.now()) : await attempt(destination, record.change, previous, ctx);
  return true;
}

/**
 * Delivers what is open and due in `record` among `only` (first delivery, retry or replay), updating
 * it in place; returns the destinations it attempted.
 */
export async function deliverOpenPushes(record: EventRecord, only: readonly DestinationId[], ctx: RunContext): Promise<DestinationId[]> {
  const mine = destinations.filter((d) => only.includes(d.id));
  const attempted = await Promise.all(mine.map((destination) => deliverTo(destination, record, ctx)));
  return mine.filter((_, i) => attempted[i]).map((d) => d.id);
}

/** Destinations of `only` still retrying, and the earliest time one of them wants another attempt. */
export function stillOpen(record: EventRecord, only: readonly DestinationId[]): { open: DestinationId[]; at: number | null } {
  const open = only.filter((id) => record.pushes[id]?.outcome === 'retrying');
  const times = open.map((id) => (record.pushes[id] as PushState).next_retry_at as number);
  return { open, at: times.length > 0 ? Math.min(...times) : null };
}

export const allDestinations = (): DestinationId[] => destinations.map((d) => d.id);
