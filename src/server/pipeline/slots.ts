/**
 * The retry queue's timetable. Work that must wait is parked in a one-time schedule whose name is a
 * slot: `q<minute>-<i>`, with at most SLOTS_PER_MINUTE slots a minute, each firing at its own second.
 * Each slot fires one event's delivery, so the quota a minute's slots need (2 requests and 2 `$db`
 * operations each) is there when they fire: a parked event wakes about once, however long the queue.
 *
 * A new entry takes the first free slot at or after its earliest time (at least 5 minutes ahead: the
 * platform's minimum), found by probing with `$schedule.fetch`: minutes fill in order and the slots
 * of a minute fill in order, so an exponential then binary search finds it in a few calls.
 * Schedule names are unique, so two invocations can never take one slot: the loser takes the next.
 */
import { messageOf } from '../core/errors';

const SLOTS_PER_MINUTE = 23;
const MINUTE_MS = 60_000;
/** The platform refuses one-time schedules less than 5 minutes ahead; 15 s covers clock skew. */
export const MIN_LEAD_MS = 5 * MINUTE_MS + 15_000;
/** How far ahead the search looks (a year is the platform's maximum; the queue is never that long). */
const HORIZON_MINUTES = 4096;
const CREATE_TRIES = 6;

interface Slot {
  minute: number;
  index: number;
}

const slotName = (slot: Slot): string => `q${slot.minute.toString(36)}-${slot.index.toString(36)}`;
const slotTime = (slot: Slot): number => slot.minute * MINUTE_MS + Math.floor((slot.index * MINUTE_MS) / SLOTS_PER_MINUTE);

class QueueFullError extends Error {}

async function taken(slot: Slot): Promise<boolean> {
  try {
    await $schedule.fetch({ name: slotName(slot) });
    return true;
  } catch (err) {
    // Anything but "not found" counts as taken: a wrong guess only costs a later slot.
    return (err as { status?: number }).status !== 404;
  }
}

const lastOf = (minute: number): Slot => ({ minute, index: SLOTS_PER_MINUTE - 1 });

/** The first slot whose time is at or after `at`. */
function firstSlotAt(at: number): Slot {
  const minute = Math.floor(at / MINUTE_MS);
  const index = Math.ceil(((at - minute * MINUTE_MS) * SLOTS_PER_MINUTE) / MINUTE_MS);
  return index < SLOTS_PER_MINUTE ? { minute, index } : { minute: minute + 1, index: 0 };
}

/** First minute from `from` whose last slot is free: doubling steps, then bisection. */
async function firstOpenMinute(from: number): Promise<number> {
  if (!(await taken(lastOf(from)))) return from;
  let full = from;
  let step = 1;
  while (step < HORIZON_MINUTES && (await taken(lastOf(from + step)))) {
    full = from + step;
    step *= 2;
  }
  let open = from + step;
  while (open - full > 1) {
    const mid = Math.floor((full + open) / 2);
    if (await taken(lastOf(mid))) full = mid;
    else open = mid;
  }
  return open;
}

/** First free index of `minute` at or after `from` (the last one is known free). */
async function firstOpenIndex(minute: number, from: number): Promise<number> {
  let low = from;
  let high = SLOTS_PER_MINUTE - 1;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (await taken({ minute, index: mid })) low = mid + 1;
    else high = mid;
  }
  return low;
}

async function firstFreeSlot(at: number): Promise<Slot> {
  const start = firstSlotAt(at);
  const minute = await firstOpenMinute(start.minute);
  return { minute, index: await firstOpenIndex(minute, minute === start.minute ? start.index : 0) };
}

const nextSlot = (slot: Slot): Slot =>
  slot.index + 1 < SLOTS_PER_MINUTE ? { minute: slot.minute, index: slot.index + 1 } : { minute: slot.minute + 1, index: 0 };

type CreateResult = 'created' | 'taken' | 'full';

async function createAt(slot: Slot, data: Record<string, unknown>): Promise<CreateResult> {
  try {
    await $schedule.create({ name: slotName(slot), data, schedule_at: new Date(slotTime(slot)).toISOString() });
    return 'created';
  } catch (err) {
    return /maximum number|limit/i.test(messageOf(err)) ? 'full' : 'taken';
  }
}

/**
 * One more slot a minute, beyond the regular ones, for an admin's Retry: it runs within about 6
 * minutes even behind a burst. The quota it needs is the reserve the regular slots leave free.
 */
const PRIORITY_INDEX = SLOTS_PER_MINUTE;
const PRIORITY_MINUTES = 30;

async function firstFreePrioritySlot(at: number): Promise<Slot> {
  const first = Math.ceil(at / MINUTE_MS) - 1;
  for (let minute = first; minute < first + PRIORITY_MINUTES; minute++) {
    const slot = { minute, index: PRIORITY_INDEX };
    if (slotTime(slot) >= at && !(await taken(slot))) return slot;
  }
  return firstFreeSlot(at);
}

/** Parks `data` in the first free slot at or after `notBefore` (and at least 5 minutes ahead); returns its time. */
export async function park(data: Record<string, unknown>, notBefore: number, priority: boolean): Promise<number> {
  const earliest = Math.max(notBefore, Date.now() + MIN_LEAD_MS);
  let slot = priority ? await firstFreePrioritySlot(earliest) : await firstFreeSlot(earliest);
  for (let i = 0; i < CREATE_TRIES; i++) {
    const result = await createAt(slot, data);
    if (result === 'created') return slotTime(slot);
    if (result === 'full') throw new QueueFullError('the platform holds 1,000 one-time schedules and all are in use');
    slot = nextSlot(slot);
  }
  throw new QueueFullError(`no free slot found after ${CREATE_TRIES} tries from ${new Date(earliest).toISOString()}`);
}

/**
 * True while deliveries are queued for this minute or the next at full capacity: a new event then
 * queues behind them instead of taking the quota their slots count on, and the sidebar reads less.
 */
export async function queueBusy(now: number): Promise<boolean> {
  const minute = Math.floor(now / MINUTE_MS);
  return (await taken(lastOf(minute))) || taken(lastOf(minute + 1));
}
