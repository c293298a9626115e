/**
 * Write-ahead copy of a run: before an event is claimed or pushed, its work is parked in a one-time
 * schedule named after the event (`w<key>`), deleted once the outcome is in the history. If the
 * invocation dies in between, the copy fires (about 6 minutes later) and resumes. The name is unique,
 * so the copy is also the event's lock: a second run on the same event cannot start meanwhile.
 */
import type { DestinationId } from '../destinations/types';
import type { EventRecord } from '../history/record';
import { createOnce, moveOnce, NAMES, removeSchedule } from '../platform/schedule';

export interface WriteAhead {
  kind: 'event';
  run: string;
  /** The event, with the outcomes known so far (all of them when only the history write is left). */
  record: EventRecord;
  /** Pushes whose request may be out: a resume resends them flagged when they cannot deduplicate. */
  inflight: DestinationId[];
  /** History writes that failed so far: bounded, then given up loudly. */
  tries?: number;
}

/** The copy, firing at `at` (at the earliest the platform's lead). */
export const writeAhead = (data: WriteAhead, at = Date.now()) =>
  createOnce(NAMES.writeAhead(data.record.key), data as unknown as Record<string, unknown>, at);

/** Replaces the copy's content and time; false when that failed. */
export const rewriteAhead = (data: WriteAhead, at = Date.now()): Promise<boolean> =>
  moveOnce(NAMES.writeAhead(data.record.key), data as unknown as Record<string, unknown>, at);

export const clearWriteAhead = (key: string): Promise<boolean> => removeSchedule(NAMES.writeAhead(key));
