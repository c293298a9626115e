/**
 * The outbox's bookkeeping. Waiting pushes live in the history pages (stored `retrying`); what the
 * drain needs to find them is in the head: `open_from` (no waiting push below that page),
 * `failed_from` (where Retry all starts) and the destinations' outage marks. Wake-ups are one-time
 * schedules on a 16-minute wheel (`k<minute % 16>`): a timer, never storage, so a lost or refused
 * one delays a drain and loses nothing (the next arrival, sweep or the daily head re-arms it).
 */
import type { DestinationId } from '../destinations/types';
import { allDestinations } from './deliver';
import type { Redactor } from '../core/redactor';
import { redactSecrets } from '../history/redact';
import { reserveInUse, updateHead, type DownMark, type Head } from '../history/head';
import { fitToBytes, isFailed, type EventRecord, type PushState } from '../history/record';
import { sealPush, sealRecord } from '../history/seal';
import { RESERVE_PER_MINUTE } from '../history/reserve';
import { MAX_RECORD_BYTES, pageNumber } from '../history/store';
import { createOnce, MIN_LEAD_MS, NAMES } from '../platform/schedule';

/**
 * The one door to storage for what the engine writes (history, write-ahead copies): secrets
 * redacted first, then cut to size, then signed.
 */
export function forStorage(record: EventRecord, redactor: Redactor, secret: string | null): EventRecord {
  const cut = fitToBytes(redactSecrets(record, redactor), MAX_RECORD_BYTES - SEAL_ROOM);
  // Without the secret (the head unreachable) it is only bound for schedule data, which no browser reaches.
  return secret === null ? cut : sealRecord(cut, secret);
}

/** Room left for the digests (one per record and per push, 64 hex characters each). */
const SEAL_ROOM = 300;

/** Any destination id: the probe record only carries the text to the redactor. */
const PROBE = allDestinations()[0];

/** A text bound for storage (an outage mark's reason), redacted like a record. */
function redactText(text: string, redactor: Redactor): string {
  const probe: EventRecord = {
    key: '',
    page: null,
    received_at: 0,
    change: null,
    invalid: null,
    pushes: { [PROBE]: { reason: text } as PushState },
  };
  return redactSecrets(probe, redactor).pushes[PROBE]?.reason ?? '';
}

/** One push state for a rewrite: redacted and signed like a whole record. */
export function pushForStorage(key: string, id: DestinationId, push: PushState, redactor: Redactor, secret: string): PushState {
  const redacted = redactSecrets({ key, page: null, received_at: 0, change: null, invalid: null, pushes: { [id]: push } }, redactor);
  return sealPush(key, id, redacted.pushes[id] as PushState, secret);
}

/**
 * Arms a drain wake-up at `at` (at the earliest the platform's lead); an existing one on the same
 * wheel slot stands. The head notes when one is due; one that could not be armed is noted as due
 * now, so the next arrival tries again.
 */
export async function wakeAt(at: number): Promise<'armed' | 'stands'> {
  const when = Math.max(at, Date.now() + MIN_LEAD_MS);
  const armed = await createOnce(NAMES.wake(when), { kind: 'wake' }, when);
  // One already stands on that slot: its own arming noted it in the head.
  if (armed === 'exists') return 'stands';
  const due = armed === 'created' ? when : Date.now();
  await updateHead(
    (h) => ({ ...h, wake_at: h.wake_at === null || h.wake_at > due || h.wake_at < Date.now() ? due : h.wake_at }),
    (h) => h.wake_at !== null && h.wake_at <= due && h.wake_at >= Math.min(due, Date.now()),
  );
  return 'armed';
}

/** A wake-up the head knows of fires by `due` (or as soon as the platform's lead allows): no call is spent on another. */
function wakeStands(head: Head, due: number): boolean {
  const now = Date.now();
  return head.wake_at !== null && head.wake_at > now && head.wake_at <= Math.max(due, now + MIN_LEAD_MS);
}

/** How late a drain may be before an arrival re-arms it (the wake-up was lost or refused). */
const OVERDUE_MS = 2 * 60_000;

/** On an arrival: a drain that should have run and did not is armed again. */
export async function rearmIfOverdue(head: Head): Promise<void> {
  if (head.wake_at !== null && head.wake_at < Date.now() - OVERDUE_MS) await wakeAt(Date.now());
}

/** After a drain that left nothing waiting: no wake-up is expected (unless one was armed meanwhile). */
export async function noWakeNeeded(from: number | null): Promise<void> {
  await updateHead(
    (h) => (h.wake_at === from ? { ...h, wake_at: null } : h),
    (h) => h.wake_at !== from,
  );
}

export interface Stored {
  /** The run's redactor (it also knows the tokens the run obtained). */
  redactor: Redactor;
  page: string;
  pushes: Array<[DestinationId, PushState]>;
  marks: Array<[DestinationId, DownMark | null]>;
}

function headNeeds(head: Head, s: Stored): boolean {
  const page = pageNumber(s.page);
  const waiting = s.pushes.some(([, p]) => p.outcome === 'retrying');
  const failed = s.pushes.some(([, p]) => isFailed(p));
  const marksHold = s.marks.every(([id, mark]) => (mark === null ? head.down[id] === undefined : head.down[id]?.until === mark.until));
  return (waiting && head.open_from > page) || (failed && (head.failed_from === null || head.failed_from > page)) || !marksHold;
}

function applyTo(head: Head, s: Stored): Head {
  const page = pageNumber(s.page);
  const down = { ...head.down };
  for (const [id, mark] of s.marks) {
    if (mark === null) delete down[id];
    else down[id] = mark;
  }
  const waiting = s.pushes.some(([, p]) => p.outcome === 'retrying');
  const failed = s.pushes.some(([, p]) => isFailed(p));
  return {
    ...head,
    down,
    open_from: waiting ? Math.min(head.open_from, page) : head.open_from,
    failed_from: failed ? Math.min(head.failed_from ?? page, page) : head.failed_from,
  };
}

/** After pushes were stored on `page`: the head learns of waiting and failed pushes and of outage marks; a wake-up is armed. */
export async function afterStored(head: Head, stored: Stored): Promise<void> {
  // Outage marks carry a vendor's words into schedule data: redacted like everything stored.
  const s = {
    ...stored,
    marks: stored.marks.map(([id, mark]): [DestinationId, DownMark | null] => [
      id,
      mark && { ...mark, reason: redactText(mark.reason, stored.redactor) },
    ]),
  };
  if (headNeeds(head, s))
    await updateHead(
      (h) => applyTo(h, s),
      (h) => !headNeeds(h, s),
    );
  const due = s.pushes.filter(([, p]) => p.outcome === 'retrying').map(([, p]) => p.next_retry_at ?? Date.now());
  if (due.length > 0 && !wakeStands(head, Math.min(...due))) await wakeAt(Math.min(...due));
}

/** The store's operations a minute; an event waiting for it needs two (its claim and its history write). */
const OPS_PER_MINUTE = 50;
const OPS_PER_EVENT = 2;
/** Kept free: a rolling minute may hold one event more than the average, and a page's opening. */
const SPARE_OPS = OPS_PER_EVENT + 1;
const FREE_OPS = OPS_PER_MINUTE - SPARE_OPS;
const spacing = (ops: number): number => Math.ceil((60_000 * OPS_PER_EVENT) / ops);
/** Time between two events of the backlog: about 23.5 a minute, or 21.5 while the server methods use their reserve. */
const SPACING_MS = { whole: spacing(FREE_OPS), booked: spacing(FREE_OPS - RESERVE_PER_MINUTE) };
/** An event placed without the reserve, firing while it is in use, gives its place up one time in this many (4 of 47 operations). */
const YIELD_ONE_IN = Math.round(FREE_OPS / RESERVE_PER_MINUTE);

/**
 * The reserve is booked only while it is used. Events placed while it was not (before `booked_from`)
 * give their place up when it comes into use, one in YIELD_ONE_IN (by firing time: evenly, and
 * never the same event twice in a row), leaving the server methods their share. Only behind a
 * backlog longer than the platform's lead: a place given up near its end would cost the whole lead.
 */
export function yieldsToReserve(head: Head, now: number): boolean {
  if (!reserveInUse(head, now) || now >= head.booked_from || head.backlog_at <= now + MIN_LEAD_MS) return false;
  return Math.floor(now / SPACING_MS.whole) % YIELD_ONE_IN === 0;
}

/**
 * A time for an event the store could not take now (its quota is spent): behind the backlog, one
 * every SPACING_MS, so the copies fire when there is quota for them instead of all at once.
 */
export async function backlogSlot(head: Head): Promise<number> {
  const now = Date.now();
  const at = Math.max(now + MIN_LEAD_MS, head.backlog_at + (reserveInUse(head, now) ? SPACING_MS.booked : SPACING_MS.whole));
  await updateHead(
    (h) => ({ ...h, backlog_at: Math.max(h.backlog_at, at) }),
    (h) => h.backlog_at >= at,
  ).catch(() => undefined);
  return at;
}
