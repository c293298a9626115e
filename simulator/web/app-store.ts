/**
 * What the app stored, read straight from the runtime's `$db` and `$schedule`: no quota is spent,
 * unlike the app's own server methods (listActivities), whose quota the app needs for itself.
 *
 * The one module of the simulator that knows the app's storage layout: history pages `h:<page>`
 * holding one record per event under its key, each with its pushes by destination (a push waiting
 * for its next attempt is stored `retrying` with its `next_retry_at`: the history is the app's
 * outbox); an event held in its write-ahead copy, a one-time schedule whose data is
 * `{ kind: 'event', record: { key } }`. Waiting pushes go out when the drain runs: from a wake-up
 * (`{ kind: 'wake' }`), the daily head (`{ kind: 'head', down }`, the recurring schedule, which also
 * holds the failing destinations' marks) or a page lock whose drainer died (`{ kind: 'page' }`)
 * or whose Retry could not store its outcome (`{ kind: 'replay' }`).
 * Everything else is housekeeping (reserve tokens, the token cache). A push request's body names
 * its event's key. When the layout changes, this module changes. Stored values are read
 * defensively: whatever does not have the expected shape reads as unknown.
 */
import { parseAgentActivityEvent } from '../../src/server/event/agent-status-change';
import { invalidPayloadIdentity } from '../../src/server/event/invalid';
import { DESCRIPTORS, type DestinationDescriptor } from '../../src/shared/destinations';
import type { Outcome } from '../../src/shared/history-api';
import type { InvocationCause, PlatformRuntime, RequestTrace } from '../runtime';
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

/** Delivery work: an event held in its write-ahead copy, or a push waiting in the history. */
export interface PendingDelivery {
  key: string | null;
  /** the waiting push's destination; null for an event held in its copy (all of its pushes) */
  destination: string | null;
  /** when the push is due: the next_retry_at the app stored; null for a copy */
  due: number | null;
  /**
   * when the schedule that runs it fires: the copy, or the first drain at or after `due` (or after
   * its destination's outage mark, which holds its pushes back); null when none is scheduled yet
   */
  at: number | null;
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

/** The event an invocation worked on (its first delivery, its write-ahead copy's resume), or null for anything else (a drain). */
function invocationKeyOf(cause: InvocationCause | undefined): string | null {
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

/** Pushes stored waiting: their event key, destination and the time the app recorded for the next attempt. */
function waitingPushes(runtime: PlatformRuntime): Array<{ key: string; destination: string; due: number }> {
  const db = runtime.db.dump();
  return Object.keys(db)
    .filter((name) => HISTORY_PAGE.test(name))
    .flatMap((name) => Object.entries(db[name] as Record<string, unknown>))
    .flatMap(([key, record]) => {
      const pushes = isPlainObject(record) && isPlainObject(record.pushes) ? Object.entries(record.pushes) : [];
      return pushes
        .filter(([, p]) => isPlainObject(p) && p.outcome === 'retrying')
        .map(([destination, p]) => ({ key, destination, due: count((p as Record<string, unknown>).next_retry_at) ?? 0 }));
    });
}

/** Schedules whose firing runs the drain: its wake-ups, the daily head, a page lock left by a drainer or a Retry. */
const DRAIN_KINDS: ReadonlySet<unknown> = new Set(['wake', 'head', 'page', 'replay']);

const isDrain = (data: unknown): boolean => isPlainObject(data) && DRAIN_KINDS.has(data.kind);

/** Until when each destination marked failing holds its pushes back (the head's outage marks). */
function heldUntil(data: unknown): Map<string, number> {
  const down = isPlainObject(data) && isPlainObject(data.down) ? data.down : {};
  return new Map(
    Object.entries(down).flatMap(([id, mark]) => {
      const until = isPlainObject(mark) ? count(mark.until) : null;
      return until === null ? [] : [[id, until] as [string, number]];
    }),
  );
}

const byTime = (a: PendingDelivery, b: PendingDelivery): number => (a.at ?? Infinity) - (b.at ?? Infinity);

/**
 * Delivery work still to run, soonest first: events held in write-ahead copies (run when the copy
 * fires), and waiting pushes (run by the first drain at or after they are due). That is the earliest
 * a push can go: a drain pushes at most 10 and probes a failing destination with one push at a time.
 */
export function pendingDeliveries(runtime: PlatformRuntime): PendingDelivery[] {
  const schedules = runtime.schedules.list();
  const drains = schedules.filter((s) => isDrain(s.data)).map((s) => Date.parse(s.next_fire_at));
  const held = heldUntil(schedules.find((s) => isPlainObject(s.data) && s.data.kind === 'head')?.data);
  const copies = schedules
    .filter((s) => workKeyOf(s.data) !== null)
    .map((s): PendingDelivery => ({ key: workKeyOf(s.data), destination: null, due: null, at: Date.parse(s.next_fire_at) }));
  const waiting = waitingPushes(runtime).map(({ key, destination, due }): PendingDelivery => {
    const ready = Math.max(due, held.get(destination) ?? due);
    const at = Math.min(...drains.filter((time) => time >= ready));
    return { key, destination, due, at: Number.isFinite(at) ? at : null };
  });
  return [...copies, ...waiting].sort(byTime);
}

/** The destination whose request template `template` is, if any. */
const destinationOfTemplate = (template: string): string | undefined =>
  (DESCRIPTORS as readonly DestinationDescriptor[]).find((d) => Object.values(d.templates).includes(template))?.id;

/** The keys of every event in the history whose pushes a drain may send (a page also holds other attributes). */
function historyKeys(runtime: PlatformRuntime): string[] {
  const db = runtime.db.dump();
  return Object.keys(db)
    .filter((name) => HISTORY_PAGE.test(name))
    .flatMap((name) => Object.entries(db[name] as Record<string, unknown>))
    .filter(([, record]) => isPlainObject(record) && isPlainObject(record.pushes))
    .map(([key]) => key);
}

const names = (request: RequestTrace, key: string): boolean => request.body?.includes(key) ?? false;

/**
 * The requests among `requests` made for event `key`: those of its own invocations (its first
 * delivery, its write-ahead copy's resume) and its pushes in drains. A drain pushes several events in
 * one invocation: a push names its event in its body, and a request that names no event (a token)
 * goes with the drain's pushes of `key` to the same destination.
 */
export function requestsFor(runtime: PlatformRuntime, requests: readonly RequestTrace[], key: string): RequestTrace[] {
  const drainsOf = new Map<InvocationCause, Set<string | undefined>>();
  for (const request of requests) {
    if (!request.cause || !isDrainInvocation(request.cause) || !names(request, key)) continue;
    const destinations = drainsOf.get(request.cause) ?? new Set();
    drainsOf.set(request.cause, destinations.add(destinationOfTemplate(request.template)));
  }
  const keys = drainsOf.size > 0 ? historyKeys(runtime) : [];
  return requests.filter((request) => {
    if (!request.cause) return false;
    if (invocationKeyOf(request.cause) === key) return true;
    const pushed = drainsOf.get(request.cause);
    if (!pushed) return false;
    return names(request, key) || (pushed.has(destinationOfTemplate(request.template)) && !keys.some((k) => names(request, k)));
  });
}

function isDrainInvocation(cause: InvocationCause): boolean {
  return cause.payload.event === 'onScheduledEvent' && isDrain(cause.payload.data);
}
