/**
 * The pipeline for one event: validate, claim, deliver, record, and park what must wait. The same
 * run serves first deliveries, queued retries, write-ahead recoveries and replays.
 *
 * Per event on the fast path: one claim and one history write (2 `$db` operations), one request per
 * destination, and three schedule calls (the write-ahead copy, its deletion, the queue check).
 */
import { reasonOf } from '../core/errors';
import type { CallContext } from '../core/http';
import { truncate } from '../core/text';
import type { DestinationId } from '../destinations/types';
import { parseAgentActivityEvent } from '../event/agent-status-change';
import { invalidPayloadIdentity } from '../event/invalid';
import { countDrop } from '../history/head';
import { fitToBytes, newRecord, type EventRecord, type PushState } from '../history/record';
import { redactSecrets } from '../history/redact';
import { HistoryWriteError, MAX_RECORD_BYTES, readPage, saveRecord } from '../history/store';
import { claimEvent, newRunToken } from './dedup';
import { allDestinations, deliverOpenPushes, stillOpen, type RunContext } from './deliver';
import { park, queueBusy } from './slots';
import { clearWriteAhead, keepAsQueued, writeAhead } from './write-ahead';

type Iparams = Record<string, unknown>;

/** What a parked run carries (schedule data, ≤ 4 KB: the record is cut to MAX_RECORD_BYTES). */
export interface QueuedWork {
  kind: 'deliver';
  /** False while the dedup claim is still to be made. */
  claimed: boolean;
  /** Token of this event's claim (see ./dedup). */
  run: string;
  /** The destinations this work is responsible for (a replay: only the retried one). */
  only: DestinationId[];
  /** This is the write-ahead copy of a run that died. */
  resuming?: boolean;
  /** A replay: the stored push must still be as it was when the replay was asked for (`updated_at`). */
  basis?: Partial<Record<DestinationId, number>>;
  /** An admin's Retry: parked in a minute's extra slot, so it runs within about 6 minutes. */
  priority?: boolean;
  /** History writes that failed so far, and the pushes whose state is still to be written. */
  historyTries?: number;
  unsaved?: DestinationId[];
  record: EventRecord;
}

type RunStatus = 'done' | 'duplicate' | 'queued' | 'held' | 'dropped';

interface RunResult {
  status: RunStatus;
  record: EventRecord;
  /** When parked work runs next. */
  at: number | null;
}

/** A history write is retried a few times (it failed for quota or an outage), then given up loudly. */
const MAX_HISTORY_TRIES = 3;
const MAX_REASON_CHARS = 300;

const result = (status: RunStatus, record: EventRecord, at: number | null = null): RunResult => ({ status, record, at });

async function drop(work: QueuedWork, why: string): Promise<RunResult> {
  console.error(`event ${work.record.key} dropped: ${why}`);
  await countDrop().catch(() => undefined);
  return result('dropped', work.record);
}

/** A claimed event whose pushes cannot wait anywhere: dead-lettered in the history (visible, replayable). */
async function giveUp(work: QueuedWork, why: string): Promise<RunResult> {
  const { open } = stillOpen(work.record, work.only);
  if (!work.claimed || open.length === 0) return drop(work, why);
  const now = Date.now();
  for (const id of open)
    Object.assign(work.record.pushes[id] as PushState, {
      outcome: 'dead_letter',
      reason: `could not be queued for retry: ${why}`,
      next_retry_at: null,
      updated_at: now,
    });
  const saved = await saveRecord(work.record, open).then(
    () => true,
    () => false,
  );
  return saved ? result('done', work.record) : drop(work, why);
}

/** Parks `work` in a slot; without one, its write-ahead copy (if any) holds it; without that it is given up visibly. */
async function parkWork(work: QueuedWork, at: number, hasWriteAhead: boolean): Promise<RunResult & { kept: boolean }> {
  const data = { ...work, resuming: false, record: fitToBytes(work.record, MAX_RECORD_BYTES) } as unknown as Record<string, unknown>;
  try {
    return { ...result('queued', work.record, await park(data, at, work.priority === true)), kept: false };
  } catch (err) {
    if (hasWriteAhead && (await keepAsQueued(work.record.key, data, at))) return { ...result('queued', work.record, at), kept: true };
    return { ...(await giveUp(work, reasonOf(err))), kept: false };
  }
}

/** Writes the history; false when it must be tried again later. Bounded: a write that keeps failing is logged and counted. */
async function save(work: QueuedWork, touched: DestinationId[]): Promise<boolean> {
  const pushes = [...new Set([...(work.unsaved ?? []), ...touched])];
  try {
    await saveRecord(work.record, pushes);
    return true;
  } catch (err) {
    const tries = (work.historyTries ?? 0) + 1;
    const hopeless = err instanceof HistoryWriteError && err.status === 400;
    if (hopeless || tries >= MAX_HISTORY_TRIES) {
      console.error(`history: event ${work.record.key} not recorded after ${tries} tries: ${reasonOf(err)}`);
      await countDrop().catch(() => undefined);
      return true;
    }
    Object.assign(work, { historyTries: tries, unsaved: pushes });
    return false;
  }
}

/**
 * A replay proceeds only with the pushes still stored as they were when it was asked for (read under
 * the event's lock). False when the history cannot be read now: the replay waits for its slot.
 */
async function checkBasis(work: QueuedWork): Promise<boolean> {
  if (!work.basis || !work.record.bucket) return true;
  const page = await readPage(work.record.bucket).catch(() => undefined);
  if (page === undefined) return false;
  const stored = (page ?? []).find((r) => r.key === work.record.key);
  work.only = work.only.filter((id) => stored?.pushes[id]?.updated_at === work.basis?.[id]);
  return true;
}

async function deliverAndRecord(work: QueuedWork, ctx: RunContext, hasWriteAhead: boolean): Promise<RunResult & { kept: boolean }> {
  if (!(await checkBasis(work))) return parkWork(work, Date.now(), hasWriteAhead);
  const touched = await deliverOpenPushes(work.record, work.only, ctx);
  work.record = redactSecrets(work.record, ctx.redactor);
  const saved = await save(work, touched);
  const { open, at } = stillOpen(work.record, work.only);
  if (open.length === 0 && saved) return { ...result('done', work.record), kept: false };
  const next: QueuedWork = {
    ...work,
    basis: undefined,
    priority: undefined,
    only: open.length > 0 ? open : work.only,
    unsaved: saved ? undefined : work.unsaved,
  };
  return parkWork(next, at ?? Date.now(), hasWriteAhead);
}

async function runHeld(work: QueuedWork, ctx: RunContext, hasWriteAhead: boolean): Promise<RunResult & { kept: boolean }> {
  if (!work.claimed) {
    const claim = await claimEvent(work.record.key, work.run, Date.now(), ctx.resuming);
    if (claim === 'duplicate') return { ...result('duplicate', work.record), kept: false };
    // `$db` out of quota (or failing): queued unclaimed, claimed when its slot fires.
    if (claim === 'deferred') return parkWork(work, Date.now(), hasWriteAhead);
    work.claimed = true;
  }
  return deliverAndRecord(work, ctx, hasWriteAhead);
}

/** Runs `work` under its write-ahead copy, which is also the event's lock. */
export async function runWork(work: QueuedWork, ctx: RunContext): Promise<RunResult> {
  if (work.record.change === null) return runHeld(work, ctx, false);
  const copy = await writeAhead(work.record.key, { ...work, resuming: true, record: fitToBytes(work.record, MAX_RECORD_BYTES) });
  if (copy === 'held') return result('held', work.record);
  const outcome = await runHeld(work, ctx, copy === 'written');
  if (copy === 'written' && !outcome.kept) await clearWriteAhead(work.record.key);
  return outcome;
}

/** Keyed and excerpted by the event's `data` only (the envelope also carries the iparams), within fixed bounds. */
function invalidRecord(payload: unknown, field: string, message: string, now: number): EventRecord {
  const { key, excerpt } = invalidPayloadIdentity((payload as { data?: unknown } | null)?.data ?? null);
  const record = newRecord(key, null, now);
  record.invalid = { field, message: truncate(message, MAX_REASON_CHARS), excerpt };
  return record;
}

const contextFor = (iparams: Iparams, call: CallContext, resuming: boolean): RunContext => ({ ...call, iparams, resuming });

/** First delivery of an `onAgentActivityCreate` payload. */
export async function processEvent(payload: unknown, iparams: Iparams, call: CallContext): Promise<RunResult> {
  const now = Date.now();
  const parsed = parseAgentActivityEvent(payload);
  if (!parsed.ok) {
    const work: QueuedWork = {
      kind: 'deliver',
      claimed: true,
      run: '',
      only: [],
      record: invalidRecord(payload, parsed.field, parsed.message, now),
    };
    return runWork(work, contextFor(iparams, call, false));
  }
  const work: QueuedWork = {
    kind: 'deliver',
    claimed: false,
    run: newRunToken(now),
    only: allDestinations(),
    record: newRecord(parsed.change.key, parsed.change, now),
  };
  // Deliveries are queued for this minute and the next: wait behind them rather than take their quota.
  if (await queueBusy(now)) return parkWork(work, now, false);
  return runWork(work, contextFor(iparams, call, false));
}

/** Parks `work` (a replay) in the retry queue without running it now. */
export function queueWork(work: QueuedWork, at: number): Promise<RunResult> {
  return parkWork(work, at, false);
}

/** Resumes parked work when its schedule fires; work whose event is busy elsewhere waits for another slot. */
export async function resumeQueued(work: QueuedWork, iparams: Iparams, call: CallContext): Promise<RunResult> {
  const outcome = await runWork(work, contextFor(iparams, call, work.resuming === true));
  return outcome.status === 'held' ? parkWork({ ...work, resuming: false }, Date.now(), false) : outcome;
}
