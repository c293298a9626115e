/**
 * Write-ahead copy of a run. Before a run claims an event or pushes anything, it parks a copy of its
 * work in a one-time schedule named after the event (`w<key>`), and deletes it when the outcome is
 * recorded or parked. If the invocation dies in between (the 20 s limit, a platform fault), the copy
 * fires about 5 minutes later and resumes the work, so a claim is never left without a durable record.
 * The name is unique, so it is also the event's lock: a second run on the same event (two Retry
 * clicks, a Retry while a queued retry fires) cannot start while one is in progress.
 */
import { messageOf } from '../core/errors';
import { MIN_LEAD_MS } from './slots';

type WriteAhead = 'written' | 'held' | 'unavailable';

const nameOf = (key: string): string => `w${key}`;

export async function writeAhead(key: string, data: Record<string, unknown>): Promise<WriteAhead> {
  try {
    await $schedule.create({ name: nameOf(key), data, schedule_at: new Date(Date.now() + MIN_LEAD_MS).toISOString() });
    return 'written';
  } catch (err) {
    return /exist/i.test(messageOf(err)) ? 'held' : 'unavailable';
  }
}

/** Turns the copy into the work's parking place (when no slot is left): it fires at `at` instead. */
export function keepAsQueued(key: string, data: Record<string, unknown>, at: number): Promise<boolean> {
  const spec = { name: nameOf(key), data, schedule_at: new Date(Math.max(at, Date.now() + MIN_LEAD_MS)).toISOString() };
  return $schedule.update(spec).then(
    () => true,
    () => false,
  );
}

export async function clearWriteAhead(key: string): Promise<void> {
  await $schedule.delete({ name: nameOf(key) }).catch(() => undefined);
}
