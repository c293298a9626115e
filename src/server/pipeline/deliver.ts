/**
 * Pushes one event to destinations. Destinations run side by side and each gets its own outcome:
 * one failing never blocks or mislabels another. A destination marked failing (its outage mark in
 * the head) is not called: its push waits for the probe, without spending a request or an attempt.
 */
import { RetryableError } from '../core/errors';
import type { CallContext } from '../core/http';
import { validate } from '../core/validation';
import { destinations } from '../destinations/registry';
import type { Destination, DestinationId } from '../destinations/types';
import type { AgentStatusChange } from '../event/agent-status-change';
import type { DownMark, Head } from '../history/head';
import type { PushState } from '../history/record';
import { decide } from './retry-policy';
import { forwardsKind, PipelineSettings } from './settings';
import { toDelivered, toRejected, toSkipped, toWaiting } from './states';

type Iparams = Record<string, unknown>;

export interface RunContext extends CallContext {
  iparams: Iparams;
  head: Head;
}

export interface PushResult {
  id: DestinationId;
  push: PushState;
  /** The destination's outage mark after this push: a new mark, null to clear it, undefined to leave it. */
  mark: DownMark | null | undefined;
  /** A request went out. */
  attempted: boolean;
}

export const destinationOf = (id: DestinationId): Destination => destinations.find((d) => d.id === id) as Destination;
export const allDestinations = (): DestinationId[] => destinations.map((d) => d.id);

/** Why this destination does not get this event, or null when it should. */
function skipReason(destination: Destination, change: AgentStatusChange, iparams: Iparams): string | null {
  const settings = validate(PipelineSettings, iparams, 'iparams');
  if (!settings.ok) return `installation settings invalid: ${settings.message}`;
  if (!settings.value.destinations.includes(destination.label)) return `${destination.label} is switched off in the app settings`;
  if (!forwardsKind(settings.value.event_kinds, change.kind)) return `${change.kind} events are not forwarded (app settings)`;
  return null;
}

/** The destination is failing and its probe time has not come: its pushes wait for it. */
export const isHeldBack = (mark: DownMark | undefined, now: number): mark is DownMark => mark !== undefined && mark.until > now;

type Attempt = Parameters<typeof toWaiting>[0];

/** The destination is failing: the push waits for its probe, no request, no attempt. */
function heldBack(destination: Destination, base: Attempt, mark: DownMark): PushResult {
  const reason = `waiting: ${destination.label} has been failing since ${new Date(mark.since).toISOString()} (${mark.reason})`;
  return { id: destination.id, push: toWaiting(base, reason, null, mark.until, false), mark: undefined, attempted: false };
}

async function send(
  destination: Destination,
  change: AgentStatusChange,
  settings: unknown,
  base: Attempt,
  ctx: RunContext,
): Promise<PushResult> {
  const mark = ctx.head.down[destination.id];
  const attempt = { ...base };
  try {
    const payload = destination.map(change, settings as never);
    attempt.sent = destination.summarize(payload);
    const receipt = await destination.send(payload, ctx);
    return {
      id: destination.id,
      push: toDelivered(attempt, receipt.status, receipt.remoteId),
      mark: mark ? null : undefined,
      attempted: true,
    };
  } catch (err) {
    return failure(destination, attempt, err, mark);
  }
}

function failure(destination: Destination, attempt: Attempt, err: unknown, mark: DownMark | undefined): PushResult {
  const landed = !destination.idempotent && err instanceof RetryableError && err.mayHaveLanded;
  const decision = decide({ ...attempt, err, mark, mayDuplicate: attempt.mayDuplicate || landed });
  const attempted = decision.push.attempts > (attempt.previous?.attempts ?? 0);
  return { id: destination.id, push: decision.push, mark: decision.mark ?? undefined, attempted };
}

/**
 * One attempt at one push. `mayHaveLanded`: an earlier request for it may have arrived (flagged
 * before, or its invocation died with the request out), so a non-idempotent resend is flagged.
 */
export function pushOne(
  destination: Destination,
  change: AgentStatusChange,
  previous: PushState | undefined,
  ctx: RunContext,
  mayHaveLanded: boolean,
): Promise<PushResult> {
  const now = Date.now();
  const mark = ctx.head.down[destination.id];
  const flagged = previous?.may_duplicate === true || (mayHaveLanded && !destination.idempotent);
  const base = { now, previous, sent: null as PushState['sent'], mayDuplicate: flagged };
  const settings = validate(destination.settings, ctx.iparams, 'iparams');
  if (!settings.ok) {
    const push = toRejected(base, `installation settings invalid: ${settings.message}`, null, false);
    return Promise.resolve({ id: destination.id, push, mark: undefined, attempted: false });
  }
  if (isHeldBack(mark, now)) return Promise.resolve(heldBack(destination, base, mark));
  return send(destination, change, settings.value, base, ctx);
}

/** First delivery (or a recovery) of `change` to each destination of `ids`, side by side. */
export function deliverEvent(
  change: AgentStatusChange,
  ids: readonly DestinationId[],
  ctx: RunContext,
  mayHaveLanded: boolean,
): Promise<PushResult[]> {
  return Promise.all(
    ids.map((id) => {
      const destination = destinationOf(id);
      const reason = skipReason(destination, change, ctx.iparams);
      if (reason) return { id, push: toSkipped(Date.now(), reason), mark: undefined, attempted: false };
      return pushOne(destination, change, undefined, ctx, mayHaveLanded);
    }),
  );
}
