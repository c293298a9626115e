/**
 * The drain: pushes the waiting pushes of the history pages, oldest page first, within a budget per
 * invocation that leaves most of the quotas to new events and the sidebar. A page is drained under
 * its lock (`s<page>`, a one-time schedule naming the pushes in flight): two drains, or a drain and a
 * Retry, never push the same push; if the drainer dies, the lock fires and its in-flight pushes are
 * flagged `may_duplicate` (when their destination cannot deduplicate) and drained again.
 *
 * A destination marked failing is probed with one push when its mark expires; its other pushes wait
 * (no request, no attempt) until a probe succeeds. Records whose keyed digest does not match are
 * never pushed: the browser can write `$db`.
 */
import { reasonOf } from '../core/errors';
import { INVOCATION_LIMIT_MS, type CallContext } from '../core/http';
import type { DestinationId } from '../destinations/types';
import type { AgentStatusChange } from '../event/agent-status-change';
import { readHead, updateHead, type Head } from '../history/head';
import type { EventRecord, PushState } from '../history/record';
import { pushIsAuthentic } from '../history/seal';
import { pageId, readPage, rewritePushes } from '../history/store';
import { createOnce, MIN_LEAD_MS, moveOnce, NAMES, releaseFired, removeSchedule, retakeOnce } from '../platform/schedule';
import { destinationOf, isHeldBack, pushOne, type PushResult, type RunContext } from './deliver';
import { afterStored, noWakeNeeded, pushForStorage, wakeAt } from './outbox';
import { TIME_BUDGET_MS } from './retry-policy';
import { toDeadLetter, toRecovered } from './states';

type Iparams = Record<string, unknown>;

/** Pushes per drain invocation and pages read: about 10 pushes a minute while a backlog lasts. */
const PUSHES_PER_SWEEP = 10;
const PAGES_PER_SWEEP = 3;
/** How soon the next drain is armed while a backlog lasts (the platform's lead makes it about 6.5 minutes). */
const NEXT_SWEEP_MS = 60_000;

interface Due {
  record: EventRecord;
  id: DestinationId;
  push: PushState;
}

export interface LockData {
  kind: 'page';
  page: string;
  inflight: Array<{ key: string; id: DestinationId }>;
  /** When the drain sent its pushes: one settled later than its invocation could run was settled by another run. */
  since?: number;
  /** The fired schedule's own name (page lock or deferred recovery). */
  name?: string;
}

const lockData = (page: string, inflight: LockData['inflight'], since?: number): Record<string, unknown> => ({
  kind: 'page',
  page,
  inflight,
  since,
});

type Entry = Due & { record: EventRecord };

const waitingEntries = (records: EventRecord[], secret: string): Entry[] =>
  records.flatMap((record) =>
    (Object.entries(record.pushes) as Array<[DestinationId, PushState]>)
      .filter(([id, push]) => push?.outcome === 'retrying' && pushIsAuthentic(record, id, secret))
      .map(([id, push]) => ({ record, id, push })),
  );

const isDue = (entry: Entry, head: Head, now: number): boolean =>
  (entry.push.next_retry_at ?? 0) <= now && !isHeldBack(head.down[entry.id], now);

/** The waiting pushes of `records` that may go now: authentic, due, their destination not held back; one probe per failing destination. */
function choose(records: EventRecord[], head: Head, now: number, budget: number): { due: Due[]; expired: Due[] } {
  const entries = waitingEntries(records, head.secret);
  const expired = entries.filter((e) => now - (e.push.failing_since ?? now) >= TIME_BUDGET_MS);
  const due: Due[] = [];
  const probing = new Set<DestinationId>();
  for (const entry of entries.filter((e) => !expired.includes(e) && isDue(e, head, now))) {
    // A destination marked failing gets one probe; its other pushes wait for the probe's outcome.
    if (probing.has(entry.id) || due.length >= budget) continue;
    if (head.down[entry.id]) probing.add(entry.id);
    due.push(entry);
  }
  return { due, expired };
}

function pushAll(due: Due[], ctx: RunContext): Promise<PushResult[]> {
  return Promise.all(due.map((d) => pushOne(destinationOf(d.id), d.record.change as AgentStatusChange, d.push, ctx, false)));
}

interface PageResult {
  /** The page still holds waiting pushes (or could not be looked at). */
  open: boolean;
  pushed: number;
  next: number | null;
}

const BUSY: PageResult = { open: true, pushed: 0, next: null };

/** Drains up to `budget` due pushes of page `id` under its lock. */
async function drainPage(id: string, ctx: RunContext, budget: number): Promise<PageResult> {
  const lock = NAMES.pageLock(id);
  if ((await createOnce(lock, lockData(id, []), Date.now())) !== 'created') return BUSY;
  try {
    const records = await readPage(id);
    if (records === null) return { open: false, pushed: 0, next: null };
    const now = Date.now();
    const { due, expired } = choose(records, ctx.head, now, budget);
    if (
      due.length > 0 &&
      !(await moveOnce(
        lock,
        lockData(
          id,
          due.map((d) => ({ key: d.record.key, id: d.id })),
          now,
        ),
        now,
      ))
    )
      return BUSY;
    const results = await pushAll(due, ctx);
    const changes = [
      ...results.map((r, i) => ({ key: due[i].record.key, destination: r.id, push: r.push })),
      ...expired.map((d) => ({
        key: d.record.key,
        destination: d.id,
        push: toDeadLetter(
          { now, previous: d.push, sent: null, mayDuplicate: d.push.may_duplicate },
          `gave up after 24 h failing: ${d.push.reason ?? ''}`,
          d.push.last_status,
          false,
        ),
      })),
    ].map((c) => ({ ...c, push: pushForStorage(c.key, c.destination, c.push, ctx.redactor, ctx.head.secret) }));
    await rewritePushes(id, changes);
    const marks = results
      .filter((r) => r.mark !== undefined)
      .map((r): [DestinationId, NonNullable<PushResult['mark']> | null] => [r.id, r.mark ?? null]);
    await afterStored(ctx.head, { redactor: ctx.redactor, page: id, pushes: changes.map((c) => [c.destination, c.push]), marks });
    const left = records.flatMap((r) =>
      Object.entries(r.pushes).filter(
        ([dest, p]) => p?.outcome === 'retrying' && !changes.some((c) => c.key === r.key && c.destination === dest),
      ),
    );
    const stillWaiting = [...left.map(([, p]) => p as PushState), ...changes.map((c) => c.push).filter((p) => p.outcome === 'retrying')];
    const times = stillWaiting.map((p) => p.next_retry_at ?? now);
    return {
      open: stillWaiting.length > 0,
      pushed: results.filter((r) => r.attempted).length,
      next: times.length > 0 ? Math.min(...times) : null,
    };
  } catch (err) {
    // The lock stays: it fires later, flags what was in flight and the drain goes on from there.
    console.error(`drain: page ${id} not finished: ${reasonOf(err, ctx.redactor)}`);
    return { ...BUSY, next: Date.now() };
  } finally {
    await removeSchedule(lock).catch(() => undefined);
  }
}

/** Moves the drain cursor past pages seen closed, never past the page below the head's (writers may still be on it). */
async function advance(head: Head, to: number): Promise<void> {
  const target = Math.min(to, head.page - 1);
  if (target <= head.open_from) return;
  const from = head.open_from;
  // Only from where this drain started: a replay that lowered it meanwhile wins.
  await updateHead(
    (h) => (h.open_from === from ? { ...h, open_from: target } : h),
    (h) => h.open_from !== from,
  );
}

interface Swept {
  /** The first page not looked at. */
  page: number;
  /** The first page still holding waiting pushes. */
  firstOpen: number | null;
  /** The earliest time a push left waiting is due. */
  next: number | null;
}

function note(swept: Swept, result: PageResult): void {
  if (result.open && swept.firstOpen === null) swept.firstOpen = swept.page;
  if (result.next !== null) swept.next = Math.min(swept.next ?? result.next, result.next);
}

async function drainPages(ctx: RunContext): Promise<Swept> {
  const { head } = ctx;
  const swept: Swept = { page: head.open_from, firstOpen: null, next: null };
  let budget = PUSHES_PER_SWEEP;
  const more = (read: number): boolean => read < PAGES_PER_SWEEP && swept.page <= head.page && budget > 0;
  for (let read = 0; more(read); read++, swept.page++) {
    const result = await drainPage(pageId(swept.page), ctx, budget);
    budget -= result.pushed;
    note(swept, result);
  }
  return swept;
}

/** Wake-ups armed ahead while a backlog lasts: with the platform's lead of about 6.5 minutes, one drain a minute. */
const DRAINS_AHEAD = 7;

/**
 * Arms the drains ahead, one a minute. When the nearest slot already stands, the chain armed by the
 * drains before this one stands too: only its far end is added. Otherwise the whole chain is armed.
 */
async function armDrains(from: number): Promise<void> {
  const start = Math.max(from, Date.now() + MIN_LEAD_MS);
  const first = (await wakeAt(start)) === 'stands' ? DRAINS_AHEAD - 1 : 1;
  for (let i = first; i < DRAINS_AHEAD; i++) await wakeAt(start + i * NEXT_SWEEP_MS);
}

/** One drain invocation: a wake-up (`fired`, released first so that its slot can be armed again), the daily head, or a recovered lock. */
export async function sweep(iparams: Iparams, call: CallContext, fired: Record<string, unknown> = {}): Promise<void> {
  await releaseFired(fired);
  const head = await readHead();
  const { page, firstOpen, next } = await drainPages({ ...call, iparams, head });
  await advance(head, firstOpen ?? page);
  // Work left (pages not reached, or pushes not yet due): the next drains are armed, one a minute
  // while pushes are due (each wake-up lies at least the platform's lead ahead).
  if (page <= head.page || next !== null) await armDrains(Math.max(next ?? 0, Date.now() + NEXT_SWEEP_MS));
  else if (head.wake_at !== null) await noWakeNeeded(head.wake_at);
}

/**
 * What a dead drain's in-flight pushes become: still waiting, flagged (when their destination cannot
 * deduplicate) and due now; or, when another run settled one after the drain died (it found the
 * page free once the platform deleted the fired lock), flagged where it stands: it went out twice.
 */
function recovered(data: LockData, records: EventRecord[], secret: string, redactor: CallContext['redactor'], now: number) {
  const othersSettleAfter = data.since === undefined ? Infinity : data.since + INVOCATION_LIMIT_MS;
  return data.inflight.flatMap(({ key, id }) => {
    const record = records.find((r) => r.key === key);
    const push = record && pushIsAuthentic(record, id, secret) ? record.pushes[id] : undefined;
    const state = push && recoveredPush(push, destinationOf(id).idempotent, othersSettleAfter, now);
    return state ? [{ key, destination: id, push: pushForStorage(key, id, state, redactor, secret) }] : [];
  });
}

function recoveredPush(push: PushState, idempotent: boolean, othersSettleAfter: number, now: number): PushState | null {
  if (push.outcome === 'retrying') return { ...toRecovered(push, now, idempotent), next_retry_at: now };
  const sentTwice = push.updated_at > othersSettleAfter && !idempotent;
  return sentTwice && !push.may_duplicate ? toRecovered(push, now, idempotent) : null;
}

/**
 * A drain's lock fired: it died with pushes in flight. The lock is taken again first, so that a
 * death here leaves it to fire again; the pushes are flagged, made due, and the drain goes on. When
 * another run holds the page now, it may be pushing the same pushes: flags written now would be
 * overwritten by its outcome, so the recovery runs again once that run is done.
 */
export async function recoverPage(data: LockData, iparams: Iparams, call: CallContext): Promise<void> {
  const lock = NAMES.pageLock(data.page);
  const fired = lockData(data.page, data.inflight, data.since);
  const held = data.inflight.length > 0 && (await retakeOnce(lock, fired)) === 'exists';
  if (held && (await createOnce(NAMES.pageRecovery(data.page), fired, Date.now())) === 'created') return;
  const head = await readHead();
  const records = (await readPage(data.page)) ?? [];
  await rewritePushes(data.page, recovered(data, records, head.secret, call.redactor, Date.now()));
  // Gone now, also where the platform keeps fired schedules (it would hold the page for good).
  await removeSchedule(lock);
  if (data.name !== lock) await releaseFired(data);
  await sweep(iparams, call);
}
