/**
 * Replays: the sidebar's Retry (one push) and Retry all. A replay claims the event like a first
 * delivery (its write-ahead copy is the event's lock, and the stored push must still be the one the
 * admin saw), so two Retry clicks, or a Retry while a queued retry fires, push once. A push that is
 * still `retrying` keeps its backoff and the destination's Retry-After: the answer says when it runs.
 */
import { HttpStatusError } from '../core/errors';
import type { CallContext } from '../core/http';
import type { DestinationId } from '../destinations/types';
import { itemsOf, toActivity, type StreamItem } from '../history/activity';
import { findActivityItem, readBudget } from '../history/query';
import { isReplayable, type EventRecord, type PushState } from '../history/record';
import { pageId, readPage } from '../history/store';
import { readHead } from '../history/head';
import type { QueuedPush, RetryAllResult, RetryResult } from '../../shared/history-api';
import { newRunToken } from './dedup';
import { queueWork, runWork, type QueuedWork } from './process';

type Iparams = Record<string, unknown>;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The work that replays `ids` of `record`: attempts restart, the stored states are the basis to check. */
function replayWork(record: EventRecord, ids: DestinationId[], now: number): QueuedWork {
  const copy = JSON.parse(JSON.stringify(record)) as EventRecord;
  const basis: Partial<Record<DestinationId, number>> = {};
  for (const id of ids) {
    const push = copy.pushes[id] as PushState;
    basis[id] = push.updated_at;
    copy.pushes[id] = { ...push, outcome: 'retrying', attempts: 0, next_retry_at: now, reason: 'retry requested' };
  }
  return { kind: 'deliver', claimed: true, run: newRunToken(now), only: ids, basis, record: copy, priority: ids.length === 1 };
}

const replayable = (item: StreamItem): boolean => item.destination !== null && isReplayable(item.record.pushes[item.destination]);

function alreadyWaiting(item: StreamItem, push: PushState): RetryResult {
  const at = iso(push.next_retry_at);
  return { activity: toActivity(item), queued_at: at, message: `Already queued: the next attempt is at ${at}, as the destination asked.` };
}

function answerFor(item: StreamItem, record: EventRecord, status: string, at: number | null): RetryResult {
  const activity = toActivity({ ...item, record });
  if (status === 'held') throw new HttpStatusError(409, `activity ${activity.id} is being retried already`);
  if (status === 'queued') return { activity, queued_at: iso(at), message: `Queued: it runs at ${iso(at)}.` };
  return { activity, queued_at: null, message: `Retried: ${activity.outcome}.` };
}

/**
 * Retry of one push: sent now (a rare admin action may take a queued delivery's quota; that one
 * waits for its next slot). Without quota it takes the next minute's extra slot: the answer says when.
 */
export async function replayPush(id: unknown, iparams: Iparams, call: CallContext): Promise<RetryResult> {
  const item = await findActivityItem(id);
  const push = item.destination ? item.record.pushes[item.destination] : undefined;
  if (push?.outcome === 'retrying') return alreadyWaiting(item, push);
  if (!replayable(item)) throw new HttpStatusError(409, `activity ${String(id)} has nothing to retry`);
  const work = replayWork(item.record, [item.destination as DestinationId], Date.now());
  const run = await runWork(work, { ...call, iparams, resuming: false });
  return answerFor(item, run.record, run.status, run.at);
}

/** At most this many events are queued per call: each needs a few schedule calls within the 20 s. */
const RETRY_ALL_MAX = 40;

async function newestRecords(now: number): Promise<EventRecord[]> {
  const head = await readHead();
  const budget = await readBudget(now);
  const pages = Array.from({ length: Math.min(budget.pages, head.page + 1) }, (_, i) => pageId(head.page - i));
  return (await Promise.all(pages.map((page) => readPage(page)))).flatMap((r) => r ?? []);
}

const idsWhere = (record: EventRecord, test: (push: NonNullable<EventRecord['pushes'][DestinationId]>) => boolean): DestinationId[] =>
  (Object.keys(record.pushes) as DestinationId[]).filter((id) => {
    const push = record.pushes[id];
    return push !== undefined && test(push);
  });

/** The activities of `ids` of `record`, queued to run at `at`. */
const queuedPushes = (record: EventRecord, ids: DestinationId[], at: number): QueuedPush[] =>
  itemsOf(record)
    .filter((item) => ids.includes(item.destination as DestinationId))
    .map((item) => toActivity(item))
    .map((activity) => ({ id: activity.id, at: new Date(at).toISOString(), updated_at: activity.updated_at }));

/** Queues each record's failed pushes, one slot per record, each after the previous; lists them with their times. */
async function queueFailed(records: EventRecord[], now: number): Promise<QueuedPush[]> {
  const queued: QueuedPush[] = [];
  let after = now;
  for (const record of records) {
    const failed = idsWhere(record, (p) => p.outcome !== 'retrying' && isReplayable(p));
    if (failed.length === 0 || queued.length >= RETRY_ALL_MAX) continue;
    const { at } = await queueWork(replayWork(record, failed, now), after);
    if (at === null) continue;
    after = at;
    queued.push(...queuedPushes(record, failed, at));
  }
  return queued;
}

/** Queues every failed push on the newest pages; each runs in its own slot, spread within the quotas. */
export async function replayAllFailed(now: number): Promise<RetryAllResult> {
  const records = await newestRecords(now);
  const already = records.reduce((n, record) => n + idsWhere(record, (p) => p.outcome === 'retrying').length, 0);
  const queued = await queueFailed(records, now);
  const first = queued.length > 0 ? queued[0].at : null;
  const last = queued.length > 0 ? queued[queued.length - 1].at : null;
  const message = queued.length > 0 ? `Queued ${queued.length} to run from ${first} to ${last}.` : 'Nothing to retry.';
  return { queued: queued.length, first_at: first, last_at: last, already_queued: already, queued_pushes: queued, message };
}
