/**
 * Write-ahead copy of a run: before an event is claimed or pushed, its work is parked in a one-time
 * schedule named after the event (`w<key>`), deleted once the outcome is in the history. If the
 * invocation dies in between, the copy fires (about 6 minutes later) and resumes. The name is unique,
 * so the copy is also the event's lock: a second run on the same event cannot start meanwhile.
 *
 * Work that is expected to fire (an event deferred for the store's quota, outcomes waiting for
 * their history write) behind a shallow backlog also gets a backup copy (`b<key>`), firing BACKUP_DELAY_MS later: the
 * platform deletes a one-time schedule as it fires, so a resume that dies before it has written
 * anything would otherwise take the work with it. Both copies are deleted once the work is done.
 */
import type { DestinationId } from '../destinations/types';
import type { EventRecord } from '../history/record';
import { createHolder, MIN_LEAD_MS, moveOnce, NAMES, removeSchedule, retakeOnce, upsertOnce } from '../platform/schedule';

/**
 * What the run that wrote the copy knew, so that a resume spends no operation to find it out again:
 * - absent: the run may have died anywhere (after its claim, with requests out, during its history write);
 * - `unclaimed`: its claim failed: nothing was pushed or stored;
 * - `claimed`: the claim is this run's (made on page `claimPage`); pushes and the history write may have happened;
 * - `pushed`: the outcomes are in `record`; only the history write is left (`mayBeStored`: a failed one may have landed).
 */
export type Step = 'unclaimed' | 'claimed' | 'pushed';

export interface WriteAhead {
  kind: 'event';
  run: string;
  /** The event, with the outcomes known so far (all of them when only the history write is left). */
  record: EventRecord;
  /** Pushes whose request may be out: a resume resends them flagged when they cannot deduplicate. */
  inflight: DestinationId[];
  /** History writes that failed (quota refusals aside) so far: bounded, then given up loudly. */
  tries?: number;
  step?: Step;
  claimPage?: number;
  mayBeStored?: boolean;
  /** A backup copy exists (deleted with the copy). */
  backup?: boolean;
}

/** Work parked behind at most this much backlog (about 20 events, at most 24 a minute) gets a backup copy. */
const BACKUP_BACKLOG_MS = 50_000;

/** A backup fires this long after its copy: far beyond an invocation's 20 s, so the two never run together. */
export const BACKUP_DELAY_MS = 10 * 60_000;

const dataOf = (data: WriteAhead): Record<string, unknown> => data as unknown as Record<string, unknown>;

/** A copy found under the event's name is this run's when it carries the run's token. */
const sameRun =
  (data: WriteAhead) =>
  (found: Record<string, unknown>): boolean =>
    found.run === data.run;

/**
 * What a resume may assume when it starts from this copy: a run that started from it may have
 * gone on (claimed, pushed, written) and died, so the copy written at a resume's start says less.
 */
export function atResume(data: WriteAhead): WriteAhead {
  if (data.step === 'pushed') return { ...data, mayBeStored: true };
  if (data.step === 'unclaimed') return { ...data, step: undefined };
  return data;
}

/**
 * An arrival's copy, firing at `at` (at the earliest the platform's lead). Until it exists nothing
 * holds the event, so a create that answered an error is tried once more (see createHolder).
 */
export const writeAhead = (data: WriteAhead, at = Date.now()) =>
  createHolder(NAMES.writeAhead(data.record.key), dataOf(data), at, sameRun(data));

/** A resume takes its copy again (see retakeOnce); 'exists': another run holds it, or it waits to fire. */
export const retakeCopy = (data: WriteAhead) => retakeOnce(NAMES.writeAhead(data.record.key), dataOf(data), sameRun(data));

/**
 * Parks the work until `at`: the copy (which this run holds) moved there, and a backup after it.
 * False when the copy could not be moved; a backup that could not be written costs only the
 * protection against a second death.
 */
export async function parkAhead(data: WriteAhead, at: number): Promise<boolean> {
  // Behind a deep backlog (a burst) the copies need every place among the 1,000: no backups then.
  const backup = data.backup === true || at - Date.now() < MIN_LEAD_MS + BACKUP_BACKLOG_MS;
  const parked = { ...data, backup };
  if (!(await moveOnce(NAMES.writeAhead(data.record.key), dataOf(parked), at))) return false;
  if (backup) await upsertOnce(NAMES.backupAhead(data.record.key), dataOf(atResume(parked)), at + BACKUP_DELAY_MS);
  return true;
}

/** Deletes the copy (and its backup, when one was written); true when the copy is gone. */
export async function clearWriteAhead(data: WriteAhead): Promise<boolean> {
  const cleared = await removeSchedule(NAMES.writeAhead(data.record.key));
  if (data.backup) await removeSchedule(NAMES.backupAhead(data.record.key));
  return cleared;
}
