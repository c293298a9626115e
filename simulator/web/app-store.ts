/**
 * What the app stored, read straight from the runtime's `$db` and `$schedule`: no quota is spent,
 * unlike the app's own server methods (listActivities), whose quota the app needs for itself.
 *
 * The one module of the simulator that knows the app's storage layout: history pages `h:<page>`
 * holding one record per event under its key, each with its pushes by destination (a push waiting
 * for its next attempt is stored `retrying`: the history is the app's outbox); an event held in its
 * write-ahead copy, a one-time schedule whose data is `{ kind: 'event', record: { key } }`; the
 * drain's wake-ups, schedules whose data is `{ kind: 'wake' }`; an event's key as the app derives
 * it from the payload. When the layout changes, this module changes. Stored
 * values are read defensively: whatever does not have the expected shape reads as unknown.
 */
import { parseAgentActivityEvent } from '../../src/server/event/agent-status-change';
import { invalidPayloadIdentity } from '../../src/server/event/invalid';
import type { Outcome } from '../../src/shared/history-api';
import type { InvocationCause, PlatformRuntime } from '../runtime';
import { isPlainObject } from './http';

/** One push of an event as stored: its destination id and what happened to it. */
export interface StoredPush {
  destination: string;
  outcome: Outcome | 'unknown';
  reason: string | null;
  attempts: number;
  last_status: number | null;
  /** the retry time the app recorded (its schedule may be later: see `pendingDeliveries`) */
  next_retry_at: number | null;
}

export interface StoredEvent {
  /** why the app rejected the event itself (it could not be read), else null */
  invalid: string | null;
  pushes: StoredPush[];
}

/** Delivery work waiting in a schedule: whose (an event key, when the data says) and when it fires. */
export interface PendingDelivery {
  key: string | null;
  at: number;
}

const HISTORY_PAGE = /^h:/;
const OUTCOMES: ReadonlySet<string> = new Set<Outcome>(['delivered', 'skipped', 'rejected', 'retrying', 'dead_letter']);

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The key the app files an `onAgentActivityCreate` under, from the envelope the platform hands it. */
export function eventKeyOf(envelope: Readonly<Record<string, unknown>>): string {
  const parsed = parseAgentActivityEvent(envelope);
  return parsed.ok ? parsed.change.key : invalidPayloadIdentity(envelope.data ?? null).key;
}

/** The event key a write-ahead copy's data is about, or null for any other schedule. */
export function workKeyOf(data: unknown): string | null {
  if (!isPlainObject(data) || data.kind !== 'event' || !isPlainObject(data.record)) return null;
  return text(data.record.key);
}

/** Keys already worked out: the page asks every second, for every request since its event. */
const invocationKeys = new WeakMap<InvocationCause, string | null>();

function keyOfInvocation(cause: InvocationCause): string | null {
  if (cause.payload.event === 'onAgentActivityCreate') return eventKeyOf(cause.payload);
  return cause.payload.event === 'onScheduledEvent' ? workKeyOf(cause.payload.data) : null;
}

/** The event an invocation worked on (its first delivery or a parked retry), or null for anything else. */
export function invocationKeyOf(cause: InvocationCause | undefined): string | null {
  if (!cause) return null;
  if (!invocationKeys.has(cause)) invocationKeys.set(cause, keyOfInvocation(cause));
  return invocationKeys.get(cause) ?? null;
}

function readPush(destination: string, stored: unknown): StoredPush {
  const push = isPlainObject(stored) ? stored : {};
  const outcome = text(push.outcome);
  return {
    destination,
    outcome: outcome !== null && OUTCOMES.has(outcome) ? (outcome as Outcome) : 'unknown',
    reason: text(push.reason),
    attempts: count(push.attempts) ?? 0,
    last_status: count(push.last_status),
    next_retry_at: count(push.next_retry_at),
  };
}

/** The stored record of event `key`, or undefined when the history holds none (yet). */
export function readEvent(runtime: PlatformRuntime, key: string): StoredEvent | undefined {
  const db = runtime.db.dump();
  const page = Object.keys(db).find((name) => HISTORY_PAGE.test(name) && isPlainObject((db[name] as Record<string, unknown>)[key]));
  if (page === undefined) return undefined;
  const record = (db[page] as Record<string, Record<string, unknown>>)[key];
  const invalid = isPlainObject(record.invalid) ? (text(record.invalid.message) ?? 'the event could not be read') : null;
  const pushes = isPlainObject(record.pushes) ? record.pushes : {};
  return { invalid, pushes: Object.entries(pushes).map(([destination, push]) => readPush(destination, push)) };
}

/** Pushes stored waiting: their event key and the time the app recorded for the next attempt. */
function waitingPushes(runtime: PlatformRuntime): Array<{ key: string; due: number }> {
  const db = runtime.db.dump();
  return Object.keys(db)
    .filter((name) => HISTORY_PAGE.test(name))
    .flatMap((name) => Object.entries(db[name] as Record<string, unknown>))
    .flatMap(([key, record]) => {
      const pushes = isPlainObject(record) && isPlainObject(record.pushes) ? Object.values(record.pushes) : [];
      return pushes
        .filter((p) => isPlainObject(p) && p.outcome === 'retrying')
        .map((p) => ({ key, due: count((p as Record<string, unknown>).next_retry_at) ?? 0 }));
    });
}

/**
 * Delivery work still to run, soonest first: events held in write-ahead copies (when the copy
 * fires), and waiting pushes (when the first drain wake-up at or after their recorded time fires).
 */
export function pendingDeliveries(runtime: PlatformRuntime): PendingDelivery[] {
  const schedules = runtime.schedules.list();
  const wakes = schedules.filter((s) => isPlainObject(s.data) && s.data.kind === 'wake').map((s) => Date.parse(s.next_fire_at));
  const copies = schedules
    .filter((s) => workKeyOf(s.data) !== null)
    .map((s) => ({ key: workKeyOf(s.data), at: Date.parse(s.next_fire_at) }));
  // The first wake-up at or after the recorded time; without one, the recorded time.
  const waiting = waitingPushes(runtime).map(({ key, due }) => ({ key, at: Math.min(...wakes.filter((w) => w >= due), Infinity), due }));
  return [...copies, ...waiting.map((w) => ({ key: w.key, at: Number.isFinite(w.at) ? w.at : w.due }))].sort((a, b) => a.at - b.at);
}
