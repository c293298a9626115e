/**
 * An event's way through the engine, in the order it happens: received (its write-ahead copy),
 * claimed (dedup), in flight (pushed to each destination), stored (the history, which is also the
 * outbox for pushes that must wait), done (the copy deleted). A fired write-ahead copy resumes at
 * the step its copy says it reached, spending no operation to find out again what the copy knows.
 *
 * Per event on the fast path: one claim and one history write (2 `$db` operations), one request per
 * destination, and four schedule calls (the head read, the copy, its deletion, the token cache).
 */
import { reasonOf } from '../core/errors';
import type { CallContext } from '../core/http';
import { truncate } from '../core/text';
import { parseAgentActivityEvent, type AgentStatusChange } from '../event/agent-status-change';
import { invalidPayloadIdentity } from '../event/invalid';
import { countDrop, readHead } from '../history/head';
import { newRecord, type EventRecord } from '../history/record';
import { pageId, placeNew, readPage } from '../history/store';
import type { StoreError } from '../platform/db';
import { claimEvent, newRunToken } from './dedup';
import { allDestinations, deliverEvent, type RunContext } from './deliver';
import { afterStored, backlogSlot, forStorage, rearmIfOverdue, yieldsToReserve } from './outbox';
import { atResume, clearWriteAhead, parkAhead, retakeCopy, writeAhead, type Step, type WriteAhead } from './write-ahead';

type Iparams = Record<string, unknown>;

export type RunStatus = 'done' | 'duplicate' | 'deferred' | 'dropped' | 'unrecorded';

const MAX_REASON_CHARS = 300;

/** Nothing holds the event: it reached neither a destination nor the history. Logged and counted. */
async function drop(key: string, why: string): Promise<RunStatus> {
  console.error(`event ${key} dropped: ${why}`);
  await countDrop(key).catch(() => undefined);
  return 'dropped';
}

/** History writes a write-ahead copy tries (quota refusals aside) before the outcome is given up (logged). */
const MAX_STORE_TRIES = 3;

type Stored = Parameters<typeof afterStored>[1];
type Work = WriteAhead & { marks?: Stored['marks'] };

/** The copy's data: the work, without what only this invocation uses. */
function copyOf(work: Work): WriteAhead {
  const data = { ...work };
  delete data.marks;
  return data;
}

/** The store's quota refused the call: a refusal is never executed, so nothing was written. */
const isQuota = (err: unknown): boolean => (err as Partial<StoreError>).kind === 'quota';
/** Refused (quota, or every page tried was full): certainly not written. Anything else may have landed. */
const certainlyNotStored = (err: unknown): boolean => isQuota(err) || (err as Partial<StoreError>).kind === 'refused';

/**
 * Parks the work in its copy until the store can take it (behind the backlog), saying which step
 * it reached. Without a copy, a backup still holds the work; without either it is dropped.
 */
async function defer(work: Work, ctx: RunContext, hasCopy: boolean, step: Step | undefined): Promise<RunStatus> {
  if (!hasCopy) return work.backup ? 'deferred' : drop(work.record.key, 'neither the store nor a write-ahead copy could take it');
  // A copy that could not be moved still stands at its first time: it fires and resumes from there.
  await parkAhead({ ...copyOf(work), step }, await backlogSlot(ctx.head));
  return 'deferred';
}

/**
 * The history write failed: the copy keeps the outcomes for another try. A quota refusal waits
 * behind the backlog and spends no try; other failures a few, then the outcome is given up loudly.
 */
async function notStored(work: Work, ctx: RunContext, sealed: EventRecord, hasCopy: boolean, err: unknown): Promise<RunStatus> {
  const tries = (work.tries ?? 0) + (isQuota(err) ? 0 : 1);
  const parked: WriteAhead = {
    ...copyOf(work),
    record: sealed,
    inflight: [],
    tries,
    step: 'pushed',
    mayBeStored: !certainlyNotStored(err),
  };
  // Without a copy of its own, a run resumed from a backup leaves the work to that backup's next firing.
  const kept = hasCopy ? tries < MAX_STORE_TRIES && (await parkAhead(parked, await backlogSlot(ctx.head))) : work.backup === true;
  if (kept) return 'deferred';
  console.error(`history: event ${work.record.key} pushed but not recorded: ${reasonOf(err, ctx.redactor)}`);
  return finish(work, hasCopy, 'unrecorded');
}

/** Stores the outcomes, then the copy goes; without the history, the copy keeps them for its resume. */
async function store(work: Work, ctx: RunContext, hasCopy: boolean): Promise<RunStatus> {
  const sealed = forStorage(work.record, ctx.redactor, ctx.head.secret);
  let page: string;
  try {
    page = await placeNew(sealed, ctx.head);
  } catch (err) {
    return notStored(work, ctx, sealed, hasCopy, err);
  }
  const pushes = Object.entries(sealed.pushes) as Stored['pushes'];
  await afterStored(ctx.head, { redactor: ctx.redactor, page, pushes, marks: work.marks ?? [] }).catch((err: unknown) =>
    console.error(`engine: event ${work.record.key} stored, its bookkeeping failed: ${reasonOf(err, ctx.redactor)}`),
  );
  return finish(work, hasCopy, 'done');
}

/** In flight, then stored. `mayHaveLanded`: a resume after a death with these requests out. */
async function pushAndStore(work: Work, ctx: RunContext, hasCopy: boolean, mayHaveLanded: boolean): Promise<RunStatus> {
  const results = await deliverEvent(work.record.change as AgentStatusChange, work.inflight, ctx, mayHaveLanded);
  for (const result of results) work.record.pushes[result.id] = result.push;
  work.marks = results.filter((r) => r.mark !== undefined).map((r) => [r.id, r.mark ?? null]);
  return store(work, ctx, hasCopy);
}

/** Keyed and excerpted by the event's `data` only (the envelope also carries the iparams), within fixed bounds. */
function invalidRecord(payload: unknown, field: string, message: string, now: number): EventRecord {
  const { key, excerpt } = invalidPayloadIdentity((payload as { data?: unknown } | null)?.data ?? null);
  const record = newRecord(key, null, now);
  record.invalid = { field, message: truncate(message, MAX_REASON_CHARS), excerpt };
  return record;
}

async function recordInvalid(record: EventRecord, ctx: RunContext): Promise<RunStatus> {
  try {
    await placeNew(forStorage(record, ctx.redactor, ctx.head.secret), ctx.head);
    return 'done';
  } catch (err) {
    return drop(record.key, `rejected event not recorded: ${reasonOf(err, ctx.redactor)}`);
  }
}

const contextFor = async (iparams: Iparams, call: CallContext): Promise<RunContext> => ({ ...call, iparams, head: await readHead() });

/** First delivery of an `onAgentActivityCreate` payload. */
export async function receiveEvent(
  payload: unknown,
  iparams: Iparams,
  call: CallContext,
): Promise<{ status: RunStatus; record: EventRecord }> {
  const now = Date.now();
  const parsed = parseAgentActivityEvent(payload);
  const ctx = await contextFor(iparams, call).catch(() => null);
  if (!ctx)
    return {
      status: await withoutHead(parsed.ok ? newRecord(parsed.change.key, parsed.change, now) : null, call),
      record: newRecord('', null, now),
    };
  if (!parsed.ok) {
    const record = invalidRecord(payload, parsed.field, parsed.message, now);
    return { status: await recordInvalid(record, ctx), record };
  }
  await rearmIfOverdue(ctx.head);
  const record = newRecord(parsed.change.key, parsed.change, now);
  const work: Work = { kind: 'event', run: newRunToken(ctx.head.secret, record.key, now), record, inflight: allDestinations() };
  return { status: await receive(work, ctx), record };
}

/**
 * The head (and with it the secret and the history page) cannot be read: the event waits in its
 * write-ahead copy (schedule data, which needs no signature) and runs when the copy fires.
 */
async function withoutHead(record: EventRecord | null, call: CallContext): Promise<RunStatus> {
  if (!record) return 'dropped';
  const data: WriteAhead = {
    kind: 'event',
    run: `r${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`,
    record: forStorage(record, call.redactor, null),
    inflight: allDestinations(),
  };
  const copy = await writeAhead(data);
  if (copy === 'created') return 'deferred';
  if (copy === 'exists') return 'duplicate';
  console.error(`event ${record.key} dropped: neither the engine head nor a write-ahead copy could be reached`);
  return 'dropped';
}

/** received, then claimed, then in flight and stored. */
async function receive(work: Work, ctx: RunContext): Promise<RunStatus> {
  const data = { ...work, record: forStorage(work.record, ctx.redactor, ctx.head.secret) };
  const copy = await writeAhead(data);
  if (copy === 'exists') return 'duplicate'; // the same event is being run elsewhere
  const hasCopy = copy === 'created';
  const claim = await claimEvent(work.record.key, work.run, ctx.head.page);
  if (claim === 'duplicate') return finish(work, hasCopy, 'duplicate');
  if (claim === 'unknown') return defer(data, ctx, hasCopy, 'unclaimed');
  // Claimed (or claimed by this very call, its answer lost): nothing was pushed yet.
  return pushAndStore({ ...work, claimPage: ctx.head.page }, ctx, hasCopy, false);
}

/** The stored record of `key`, searched from the page its claim noted: null when it is not there, 'unknown' when unreadable. */
async function findStored(key: string, from: number, head: number): Promise<EventRecord | null | 'unknown'> {
  for (let page = from; page <= Math.min(head, from + 2); page++) {
    const records = await readPage(pageId(page)).catch(() => 'unknown' as const);
    if (records === 'unknown') return 'unknown';
    const found = (records ?? []).find((r) => r.key === key);
    if (found) return found;
  }
  return null;
}

/** A claim of this run, made on `claimPage`, whose history write may have happened: what is left, from the stored record. */
async function resumeClaimed(work: Work, ctx: RunContext, hasCopy: boolean, claimPage: number): Promise<RunStatus> {
  const stored = await findStored(work.record.key, claimPage, ctx.head.page);
  if (stored === 'unknown') return defer({ ...work, claimPage }, ctx, hasCopy, work.step ?? 'claimed');
  if (stored) return finish(work, hasCopy, 'done');
  if (work.inflight.length > 0) return pushAndStore(work, ctx, hasCopy, true);
  return store(work, ctx, hasCopy);
}

/** An event still to be claimed, holding its copy, leaves the server methods their reserve while they use it (outbox.ts). */
const givesWay = (work: Work, ctx: RunContext, hasCopy: boolean): boolean =>
  hasCopy && work.step === 'unclaimed' && yieldsToReserve(ctx.head, Date.now());

/** No step known past the claim: the claim says whether this run made it, and from there what is left. */
async function reclaim(work: Work, ctx: RunContext, hasCopy: boolean): Promise<RunStatus> {
  if (givesWay(work, ctx, hasCopy)) return defer(work, ctx, hasCopy, work.step);
  const claim = await claimEvent(work.record.key, work.run, ctx.head.page);
  if (claim === 'duplicate') return finish(work, hasCopy, 'duplicate');
  if (claim === 'unknown') return defer(work, ctx, hasCopy, work.step);
  if (claim === 'claimed') return pushAndStore({ ...work, claimPage: ctx.head.page }, ctx, hasCopy, false);
  // This run's own claim: made before it deferred with nothing pushed, or before it died.
  if (work.step === 'unclaimed') return pushAndStore({ ...work, claimPage: claim.ours.page }, ctx, hasCopy, false);
  return resumeClaimed(work, ctx, hasCopy, claim.ours.page);
}

/** A fired write-ahead copy (or its backup): the run it stood for died, could not finish, or waited for the store's quota. */
export async function resumeEvent(data: WriteAhead, iparams: Iparams, call: CallContext): Promise<RunStatus> {
  // The fired copy is gone: re-create it first, as this run's lock and its durability, saying only
  // what stays true if this run dies.
  const copy = await retakeCopy(atResume(data));
  if (copy === 'exists') return 'duplicate';
  const ctx = await contextFor(iparams, call);
  const hasCopy = copy === 'created';
  const work: Work = { ...data, record: { ...data.record, page: null } };
  if (work.step === 'pushed' && !work.mayBeStored) return store(work, ctx, hasCopy);
  if (work.step === 'pushed' || work.step === 'claimed') return resumeClaimed(work, ctx, hasCopy, work.claimPage ?? ctx.head.page);
  return reclaim(work, ctx, hasCopy);
}

async function finish(work: Work, hasCopy: boolean, status: RunStatus): Promise<RunStatus> {
  if (hasCopy) await clearWriteAhead(work);
  return status;
}
