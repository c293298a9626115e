/**
 * Pushes one event to every destination that still needs it. Destinations run side by side and
 * each gets its own outcome: one failing never blocks or mislabels another.
 */
import { RetryableError } from '../core/errors';
import { validate } from '../core/validation';
import { destinations } from '../destinations/registry';
import type { Destination, SentSummary } from '../destinations/types';
import type { AgentStatusChange } from '../event/agent-status-change';
import { isOpen, type EventRecord, type PushState } from '../history/record';
import { decide } from './retry-policy';
import { PipelineSettings } from './settings';

type Iparams = Record<string, unknown>;

function skipped(reason: string, now: number): PushState {
  return { outcome: 'skipped', reason, attempts: 0, last_status: null, next_retry_at: null, updated_at: now, sent: null, remote_id: null, may_duplicate: false };
}

/** Why this destination does not get this event, or null when it should. */
function skipReason(destination: Destination, change: AgentStatusChange, iparams: Iparams): string | null {
  const settings = validate(PipelineSettings, iparams, 'iparams');
  if (!settings.ok) return `installation settings invalid: ${settings.message}`;
  if (!settings.value.destinations.includes(destination.iparamOption)) return `${destination.label} is switched off in the app settings`;
  if (!settings.value.event_kinds.includes(change.kind)) return `${change.kind} events are not forwarded (app settings)`;
  return null;
}

async function attempt(destination: Destination, change: AgentStatusChange, iparams: Iparams, previous: PushState | undefined, now: number): Promise<PushState> {
  const done = previous?.attempts ?? 0;
  const base = { updated_at: now, sent: null as SentSummary | null, remote_id: null, may_duplicate: previous?.may_duplicate === true };
  const settings = validate(destination.settings, iparams, 'iparams');
  if (!settings.ok) {
    return { ...base, outcome: 'rejected', reason: `installation settings invalid: ${settings.message}`, attempts: done, last_status: null, next_retry_at: null };
  }
  try {
    const payload = destination.map(change, settings.value);
    base.sent = destination.summarize(payload);
    const receipt = await destination.send(payload, settings.value, now);
    return { ...base, outcome: 'delivered', reason: null, attempts: done + 1, last_status: receipt.status, next_retry_at: null, remote_id: receipt.remoteId };
  } catch (err) {
    return { ...base, ...decide(err, done + 1, now), may_duplicate: base.may_duplicate || mayDuplicate(destination, err) };
  }
}

/** A retry of a non-idempotent push after a timeout may land a second copy. */
function mayDuplicate(destination: Destination, err: unknown): boolean {
  return !destination.idempotent && err instanceof RetryableError && err.mayHaveLanded;
}

async function deliverTo(destination: Destination, record: EventRecord, iparams: Iparams, now: number): Promise<void> {
  const previous = record.pushes[destination.id];
  if (!record.change || !isOpen(previous)) return;
  const reason = previous ? null : skipReason(destination, record.change, iparams);
  record.pushes[destination.id] = reason ? skipped(reason, now) : await attempt(destination, record.change, iparams, previous, now);
}

/** Delivers what is still open in `record` (first delivery, retry or replay), updating it in place. */
export async function deliverOpenPushes(record: EventRecord, iparams: Iparams, now: number): Promise<void> {
  await Promise.all(destinations.map((destination) => deliverTo(destination, record, iparams, now)));
}

/** The earliest time a retrying push wants another attempt, or null when none is retrying. */
export function nextRetryAt(record: EventRecord): number | null {
  const times = Object.values(record.pushes)
    .filter((p): p is PushState => p?.outcome === 'retrying' && p.next_retry_at !== null)
    .map((p) => p.next_retry_at as number);
  return times.length > 0 ? Math.min(...times) : null;
}
