/**
 * Replays: the sidebar's Retry (one push) and Retry all. Both are idempotent and bounded whatever
 * the clicks: a push is replayed at most once per REPLAY_INTERVAL_MS (its `replayed_at`), a replay
 * acts only on a record and push whose keyed digest matches (the browser can write `$db`), and it
 * spends only the server methods' reserve of the `$db` quota.
 *
 * Retry pushes at once, under the page's lock (a drain or another Retry holding it: the answer says
 * so), which names the push in flight and stays until its outcome is stored (ReplayLock). Retry
 * all marks the failed pushes waiting on their pages (one write a page) from the head's
 * `failed_from` on, so every failed push the history keeps is reached, a few pages per click; the
 * drain then sends them within its budget. A Retry all that could read no page for want of the
 * reserve is refused with its notice; one that stopped short says how far it got.
 */
import { HttpStatusError, reasonOf } from '../core/errors';
import type { CallContext } from '../core/http';
import { redactorFor, type Redactor } from '../core/redactor';
import type { DestinationId } from '../destinations/types';
import type { AgentStatusChange } from '../event/agent-status-change';
import { parseActivityId, toActivity, itemsOf } from '../history/activity';
import { readHead, updateHead, type DownMark, type Head } from '../history/head';
import { isFailed, type EventRecord, type PushState } from '../history/record';
import { RESERVE_NOTICE, takeReserve } from '../history/reserve';
import { pushIsAuthentic } from '../history/seal';
import { pageId, pageNumber, readPage, rewritePushes } from '../history/store';
import { createOnce, MIN_LEAD_MS, moveOnce, NAMES, removeSchedule } from '../platform/schedule';
import type { QueuedPush, RetryAllResult, RetryResult } from '../../shared/history-api';
import { destinationOf, pushOne, type RunContext } from './deliver';
import { afterStored, pushForStorage, wakeAt, type Stored } from './outbox';
import { sweep } from './sweep';
import { toRecovered, toReplayed } from './states';

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

/**
 * A Retry's in-flight record: the page lock's data while the push is out. If the outcome cannot be
 * stored (the `$db` quota spent between the read and the write, or the invocation dies), the lock
 * stays and fires later (recordReplay): it stores `push` when the outcome was known, else the
 * replayed push flagged as a possible duplicate, so no later click or drain resends it unflagged.
 */
export interface ReplayLock {
  kind: 'replay';
  page: string;
  key: string;
  id: DestinationId;
  /** The replay's time: the stored push's `replayed_at` once its outcome is recorded. */
  at: number;
  push?: PushState;
  mark?: DownMark | null;
}

const replayLock = (data: ReplayLock): Record<string, unknown> => ({ ...data });

function storedFor(lock: ReplayLock, push: PushState, redactor: Redactor): Stored {
  return { redactor, page: lock.page, pushes: [[lock.id, push]], marks: lock.mark === undefined ? [] : [[lock.id, lock.mark]] };
}

/** Stores the replay's outcome and tells the head; throws when the store refuses (the lock then keeps it). */
async function record(lock: ReplayLock, push: PushState, ctx: RunContext): Promise<void> {
  await rewritePushes(lock.page, [{ key: lock.key, destination: lock.id, push }]);
  await afterStored(ctx.head, storedFor(lock, push, ctx.redactor));
}

/** The outcome could not be stored now: the lock keeps it and stores it when it fires; the answer says so. */
async function recordLater(lock: ReplayLock, push: PushState, err: unknown, redactor: Redactor): Promise<string> {
  const name = NAMES.pageLock(lock.page);
  // Moved, it fires at the platform's minimum lead; a failed move leaves the in-flight record, which flags the push.
  await moveOnce(name, replayLock({ ...lock, push }), Date.now());
  const reason = reasonOf(err, redactor);
  console.error(`retry: the outcome of ${lock.key}.${lock.id} is recorded later: ${reason}`);
  return ` The history could not record it now (${reason}); it does within ${Math.ceil(MIN_LEAD_MS / 60_000)} minutes.`;
}

async function replayUnderLock(
  page: string,
  key: string,
  id: DestinationId,
  ctx: RunContext,
): Promise<RetryResult & { keepLock?: boolean }> {
  const records = await readPage(page);
  const found = records?.find((r) => r.key === key);
  const now = Date.now();
  const vetted = vet(found, id, ctx.head, now);
  if ('activity' in vetted) return vetted;
  const stored = found as EventRecord;
  await reserve(1); // the write that records the push
  const lock: ReplayLock = { kind: 'replay', page, key, id, at: now };
  // Nothing goes out unless the lock names it: whatever happens next, its outcome is recorded once.
  if (!(await moveOnce(NAMES.pageLock(page), replayLock(lock), now)))
    throw new HttpStatusError(503, 'the retry could not be started (the scheduler failed): nothing was sent, try again in a minute');
  const result = await pushOne(destinationOf(id), stored.change as AgentStatusChange, toReplayed(vetted, now), ctx, false);
  const push = pushForStorage(key, id, result.push, ctx.redactor, ctx.head.secret);
  const sent = { ...lock, mark: result.mark };
  const later = await record(sent, push, ctx).then(
    () => null,
    (err: unknown) => recordLater(sent, push, err, ctx.redactor),
  );
  const activity = activityOf({ ...stored, pushes: { ...stored.pushes, [id]: push } }, id);
  const keepLock = later !== null;
  if (push.outcome === 'retrying')
    return {
      activity,
      queued_at: iso(push.next_retry_at),
      message: `Queued: it runs at ${iso(push.next_retry_at)}.${later ?? ''}`,
      keepLock,
    };
  return { activity, queued_at: null, message: `Retried: ${activity.outcome}.${later ?? ''}`, keepLock };
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
  let keepLock = false;
  try {
    await reserve(1); // the page read
    const { keepLock: keep, ...result } = await replayUnderLock(parsed.page, parsed.key, parsed.destination as DestinationId, {
      ...call,
      iparams,
      head,
    });
    keepLock = keep === true;
    return result;
  } finally {
    if (!keepLock) await removeSchedule(lock);
  }
}

/**
 * A Retry's lock fired: its outcome was not stored (or the lock could not be removed). The outcome
 * it carries is stored, or, when the push went out with no outcome known, the replayed push waits
 * again flagged as a possible duplicate; then the drain goes on. An outcome already stored (the
 * push's `replayed_at` is this replay's) is left as it is.
 */
export async function recordReplay(lock: ReplayLock, iparams: Iparams, call: CallContext): Promise<void> {
  const head = await readHead();
  const found = (await readPage(lock.page))?.find((r) => r.key === lock.key);
  if (!found || !pushIsAuthentic(found, lock.id, head.secret)) return;
  const stored = found.pushes[lock.id] as PushState;
  const push = outcomeOf(lock, stored, call.redactor, head.secret);
  try {
    if (push === stored) await afterStored(head, storedFor(lock, push, call.redactor));
    else await record(lock, push, { ...call, iparams, head });
  } catch (err) {
    // Still not stored: the lock is set again (it fired, so its name is free) and tries later.
    const again = await createOnce(NAMES.pageLock(lock.page), replayLock({ ...lock, push }), Date.now());
    console.error(`retry: the outcome of ${lock.key}.${lock.id} is not recorded yet (${reasonOf(err, call.redactor)}); lock ${again}`);
    return;
  }
  await sweep(iparams, call);
}

/**
 * The push to store: the stored one when it already holds this replay, the outcome the lock carries,
 * or (the push went out and nothing is known of it) waiting again, due now, flagged when its
 * destination cannot deduplicate.
 */
function outcomeOf(lock: ReplayLock, stored: PushState, redactor: Redactor, secret: string): PushState {
  if (stored.replayed_at === lock.at) return stored;
  if (lock.push) return lock.push;
  const now = Date.now();
  const recovered = { ...toRecovered(toReplayed(stored, lock.at), now, destinationOf(lock.id).idempotent), next_retry_at: now };
  return pushForStorage(lock.key, lock.id, recovered, redactor, secret);
}

interface Marked {
  queued: QueuedPush[];
  already: number;
  /** The page still holds failed pushes this click did not mark. */
  failedLeft: boolean;
  /** The reserve had no token for the page's write: its failed pushes wait for a later click. */
  starved: boolean;
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
  if (changes.length > 0 && (await takeReserve(1)) < 1) return { queued: [], already: sorted.already, failedLeft: true, starved: true };
  await rewritePushes(page, changes);
  return { queued: changes.map((c) => queuedPush(records, c, at)), already: sorted.already, failedLeft: sorted.left, starved: false };
}

interface Walked extends Marked {
  /** The first page looked at, and the first not looked at. */
  from: number;
  next: number;
  /** Pages read. */
  read: number;
}

/** Another page may be read: the caps allow it and the reserve gives a token (else the walk is starved). */
async function mayReadAnother(walked: Walked, head: Head): Promise<boolean> {
  if (walked.starved || walked.read >= RETRY_ALL_PAGES || walked.next > head.page || walked.queued.length >= RETRY_ALL_MAX) return false;
  walked.starved = (await takeReserve(1)) < 1;
  return !walked.starved;
}

/** Marks pages from `from` on, while the reserve and the caps allow. */
async function markPages(head: Head, redactor: Redactor, at: number): Promise<Walked> {
  const from = Math.min(head.failed_from ?? head.page + 1, head.open_from);
  const walked: Walked = { queued: [], already: 0, failedLeft: false, starved: false, from, next: from, read: 0 };
  let firstLeft: number | null = null;
  while (await mayReadAnother(walked, head)) {
    const marked = await markPage(pageId(walked.next), head, redactor, RETRY_ALL_MAX - walked.queued.length, at);
    walked.queued.push(...marked.queued);
    walked.already += marked.already;
    walked.starved = marked.starved;
    if (marked.failedLeft && firstLeft === null) firstLeft = walked.next;
    walked.next++;
    walked.read++;
  }
  return { ...walked, failedLeft: firstLeft !== null, next: firstLeft ?? walked.next };
}

/** How far a click got when it stopped before the newest page; null when it looked at every page it had to. */
function progress(walked: Walked, head: Head): string | null {
  if (walked.next > head.page && !walked.starved) return null;
  const pages = `Looked at ${walked.read} of the ${head.page - walked.from + 1} history pages that may hold failed pushes`;
  if (walked.starved)
    return `${pages}: the history is read and written at most a few times a minute, so that deliveries keep their storage quota. Click again in a minute for the rest.`;
  return `${pages} (${RETRY_ALL_PAGES} a click): click again for the rest.`;
}

function answer(walked: Walked, head: Head, at: number): RetryAllResult {
  const { queued } = walked;
  const notice = progress(walked, head);
  const done =
    queued.length > 0 ? `Queued ${queued.length} to run from ${iso(at)}.` : notice === null ? 'Nothing to retry.' : 'Nothing queued yet.';
  const first = queued.length > 0 ? queued[0].at : null;
  const last = queued.length > 0 ? queued[queued.length - 1].at : null;
  return {
    queued: queued.length,
    first_at: first,
    last_at: last,
    already_queued: walked.already,
    queued_pushes: queued,
    notice,
    message: notice === null ? done : `${done} ${notice}`,
  };
}

/**
 * Retry all: every failed push, from the oldest page holding one, a few pages a click; the drain
 * sends them. A click that could read no page for want of the reserve is refused (429, RESERVE_NOTICE):
 * "nothing to retry" would be false.
 */
export async function replayAllFailed(iparams: Iparams): Promise<RetryAllResult> {
  const head = await readHead();
  const at = Date.now() + MIN_LEAD_MS;
  // From the oldest page holding a failed or waiting push (waiting ones are counted as already queued).
  const walked = await markPages(head, redactorFor(iparams), at);
  if (walked.read === 0 && walked.starved) throw new HttpStatusError(429, RESERVE_NOTICE);
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
