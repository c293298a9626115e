/**
 * Replays: the sidebar's Retry (one push) and Retry all. Both are idempotent and bounded whatever
 * the clicks: a push is replayed at most once per REPLAY_INTERVAL_MS (its `replayed_at`), a replay
 * acts only on a record and push whose keyed digest matches (the browser can write `$db`), and it
 * spends only the server methods' reserve of the `$db` quota.
 *
 * Retry pushes at once, under the page's lock (a drain or another Retry holding it: the answer says
 * so). Retry all marks the failed pushes waiting on their pages (one write a page) from the head's
 * `failed_from` on, so every failed push the history keeps is reached, a few pages per click; the
 * drain then sends them within its budget.
 */
import { HttpStatusError } from '../core/errors';
import type { CallContext } from '../core/http';
import { redactorFor, type Redactor } from '../core/redactor';
import type { DestinationId } from '../destinations/types';
import type { AgentStatusChange } from '../event/agent-status-change';
import { parseActivityId, toActivity, itemsOf } from '../history/activity';
import { readHead, updateHead, type Head } from '../history/head';
import { isFailed, type EventRecord, type PushState } from '../history/record';
import { RESERVE_NOTICE, takeReserve } from '../history/reserve';
import { pushIsAuthentic } from '../history/seal';
import { pageId, pageNumber, readPage, rewritePushes } from '../history/store';
import { createOnce, MIN_LEAD_MS, moveOnce, NAMES, removeSchedule } from '../platform/schedule';
import type { QueuedPush, RetryAllResult, RetryResult } from '../../shared/history-api';
import { destinationOf, pushOne, type RunContext } from './deliver';
import { afterStored, pushForStorage, wakeAt } from './outbox';
import { toReplayed } from './states';

type Iparams = Record<string, unknown>;

/** A push is replayed at most once in this interval, however many clicks. */
export const REPLAY_INTERVAL_MS = 10 * 60_000;
/** Retry all marks at most this many pushes a click, on at most RETRY_ALL_PAGES pages. */
const RETRY_ALL_MAX = 100;
const RETRY_ALL_PAGES = 2;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const recentlyReplayed = (push: PushState, now: number): boolean =>
  push.replayed_at !== null && now - push.replayed_at < REPLAY_INTERVAL_MS;

function activityOf(record: EventRecord, id: DestinationId) {
  const item = itemsOf(record).find((i) => i.destination === id);
  if (!item) throw new HttpStatusError(404, `activity ${record.page}.${record.key}.${id} was not found`);
  return toActivity(item);
}

async function reserve(ops: number): Promise<void> {
  if ((await takeReserve(ops)) < ops) throw new HttpStatusError(429, RESERVE_NOTICE);
}

/** Finds the push and checks it may be replayed now; the answer when it may not. */
function authentic(record: EventRecord | undefined, id: DestinationId, head: Head): EventRecord {
  if (!record?.pushes[id]) throw new HttpStatusError(404, 'activity was not found');
  if (!pushIsAuthentic(record, id, head.secret))
    throw new HttpStatusError(409, 'this history record was not written by the app: it is never replayed');
  return record;
}

function vet(found: EventRecord | undefined, id: DestinationId, head: Head, now: number): RetryResult | PushState {
  const record = authentic(found, id, head);
  const push = record.pushes[id] as PushState;
  const activity = activityOf(record, id);
  if (push.outcome === 'retrying') {
    const at = iso(push.next_retry_at);
    return { activity, queued_at: at, message: `Already queued: the next attempt is at ${at}.` };
  }
  if (!isFailed(push)) throw new HttpStatusError(409, `activity ${activity.id} has nothing to retry`);
  if (recentlyReplayed(push, now)) {
    const next = iso((push.replayed_at as number) + REPLAY_INTERVAL_MS);
    return { activity, queued_at: null, message: `Already retried at ${iso(push.replayed_at)}: it can be retried again from ${next}.` };
  }
  return push;
}

async function replayUnderLock(page: string, key: string, id: DestinationId, ctx: RunContext): Promise<RetryResult> {
  const records = await readPage(page);
  const record = records?.find((r) => r.key === key);
  const now = Date.now();
  const vetted = vet(record, id, ctx.head, now);
  if ('activity' in vetted) return vetted;
  const stored = record as EventRecord;
  await reserve(1); // the write that records the push
  await moveOnce(NAMES.pageLock(page), { kind: 'page', page, inflight: [{ key, id }] }, now);
  const result = await pushOne(destinationOf(id), stored.change as AgentStatusChange, toReplayed(vetted, now), ctx, false);
  const push = pushForStorage(key, id, result.push, ctx.redactor, ctx.head.secret);
  await rewritePushes(page, [{ key, destination: id, push }]);
  await afterStored(ctx.head, {
    redactor: ctx.redactor,
    page,
    pushes: [[id, push]],
    marks: result.mark === undefined ? [] : [[id, result.mark]],
  });
  const activity = activityOf({ ...stored, pushes: { ...stored.pushes, [id]: push } }, id);
  if (push.outcome === 'retrying')
    return { activity, queued_at: iso(push.next_retry_at), message: `Queued: it runs at ${iso(push.next_retry_at)}.` };
  return { activity, queued_at: null, message: `Retried: ${activity.outcome}.` };
}

/** Retry of one rejected or dead-lettered push: sent now, once, under the page's lock. */
export async function replayPush(rawId: unknown, iparams: Iparams, call: CallContext): Promise<RetryResult> {
  const parsed = typeof rawId === 'string' ? parseActivityId(rawId) : null;
  if (!parsed || parsed.destination === 'event') throw new HttpStatusError(400, 'id is not an activity id');
  const head = await readHead();
  const lock = NAMES.pageLock(parsed.page);
  const locked = await createOnce(lock, { kind: 'page', page: parsed.page, inflight: [] }, Date.now());
  if (locked !== 'created')
    throw new HttpStatusError(409, `activity ${rawId} is being retried or drained right now: try again in a minute`);
  try {
    await reserve(1); // the page read
    return await replayUnderLock(parsed.page, parsed.key, parsed.destination as DestinationId, { ...call, iparams, head });
  } finally {
    await removeSchedule(lock);
  }
}

interface Marked {
  queued: QueuedPush[];
  already: number;
  /** The page still holds failed pushes this click did not mark. */
  failedLeft: boolean;
}

type Change = { key: string; destination: DestinationId; push: PushState };

/** What Retry all does with each push of a page: mark it, count it as already waiting, or leave it for a later click. */
function sortPushes(
  records: EventRecord[],
  head: Head,
  room: number,
  now: number,
): { marks: Array<[EventRecord, DestinationId, PushState]>; already: number; left: boolean } {
  const all = records.flatMap((record) =>
    (Object.entries(record.pushes) as Array<[DestinationId, PushState]>).map(([id, push]) => ({ record, id, push })),
  );
  const already = all.filter((p) => p.push?.outcome === 'retrying').length;
  const failed = all.filter((p) => isFailed(p.push) && pushIsAuthentic(p.record, p.id, head.secret));
  const ready = failed.filter((p) => !recentlyReplayed(p.push, now));
  const marks = ready.slice(0, room).map((p): [EventRecord, DestinationId, PushState] => [p.record, p.id, p.push]);
  return { marks, already, left: marks.length < failed.length };
}

function queuedPush(records: EventRecord[], change: Change, at: number): QueuedPush {
  const record = records.find((r) => r.key === change.key) as EventRecord;
  const activity = activityOf({ ...record, pushes: { ...record.pushes, [change.destination]: change.push } }, change.destination);
  return { id: activity.id, at: iso(at) as string, updated_at: activity.updated_at };
}

/** Marks the failed pushes of one page waiting (one `$db` write). */
async function markPage(page: string, head: Head, redactor: Redactor, room: number, at: number): Promise<Marked> {
  const records = (await readPage(page)) ?? [];
  const now = Date.now();
  const sorted = sortPushes(records, head, room, now);
  const changes: Change[] = sorted.marks.map(([record, id, push]) => ({
    key: record.key,
    destination: id,
    push: pushForStorage(record.key, id, toReplayed(push, now), redactor, head.secret),
  }));
  // The write takes a token of the reserve too; without one, nothing is marked on this page.
  if (changes.length > 0 && (await takeReserve(1)) < 1) return { queued: [], already: sorted.already, failedLeft: true };
  await rewritePushes(page, changes);
  return { queued: changes.map((c) => queuedPush(records, c, at)), already: sorted.already, failedLeft: sorted.left };
}

interface Walked extends Marked {
  /** The first page not looked at. */
  next: number;
}

/** Marks pages from `from` on, while the reserve and the caps allow. */
async function markPages(head: Head, redactor: Redactor, at: number): Promise<Walked> {
  const walked: Walked = { queued: [], already: 0, failedLeft: false, next: Math.min(head.failed_from ?? head.page + 1, head.open_from) };
  let firstLeft: number | null = null;
  const more = (read: number): boolean => read < RETRY_ALL_PAGES && walked.next <= head.page && walked.queued.length < RETRY_ALL_MAX;
  for (let read = 0; more(read); read++) {
    if ((await takeReserve(1)) < 1) break;
    const marked = await markPage(pageId(walked.next), head, redactor, RETRY_ALL_MAX - walked.queued.length, at);
    walked.queued.push(...marked.queued);
    walked.already += marked.already;
    if (marked.failedLeft && firstLeft === null) firstLeft = walked.next;
    walked.next++;
  }
  return { ...walked, failedLeft: firstLeft !== null, next: firstLeft ?? walked.next };
}

function answer(walked: Walked, head: Head, at: number): RetryAllResult {
  const { queued } = walked;
  const more = walked.next <= head.page ? ' Older pages are still to be looked at: click again in a minute.' : '';
  const message = queued.length > 0 ? `Queued ${queued.length} to run from ${iso(at)}.${more}` : `Nothing to retry.${more}`;
  const first = queued.length > 0 ? queued[0].at : null;
  const last = queued.length > 0 ? queued[queued.length - 1].at : null;
  return { queued: queued.length, first_at: first, last_at: last, already_queued: walked.already, queued_pushes: queued, message };
}

/** Retry all: every failed push, from the oldest page holding one, a few pages a click; the drain sends them. */
export async function replayAllFailed(iparams: Iparams): Promise<RetryAllResult> {
  const head = await readHead();
  const at = Date.now() + MIN_LEAD_MS;
  // From the oldest page holding a failed or waiting push (waiting ones are counted as already queued).
  const walked = await markPages(head, redactorFor(iparams), at);
  if (walked.queued.length > 0) {
    const first = pageNumber(walked.queued[0].id.split('.')[0]);
    await updateHead(
      (h) => ({ ...h, open_from: Math.min(h.open_from, first) }),
      (h) => h.open_from <= first,
    );
    await wakeAt(Date.now());
  }
  await moveFailedCursor(head, walked.next);
  return answer(walked, head, at);
}

/** Retry all's cursor moves past pages it has cleared; a failure stored meanwhile lower down wins. */
async function moveFailedCursor(head: Head, to: number): Promise<void> {
  const from = head.failed_from;
  if (from === null || to <= from) return;
  // Never past the head's page: a failure stored there meanwhile must stay reachable.
  const target = Math.min(to, head.page);
  if (target <= from) return;
  await updateHead(
    (h) => (h.failed_from === from ? { ...h, failed_from: target } : h),
    (h) => h.failed_from !== from,
  );
}
