/**
 * Server methods for the sidebar (declared in manifest `modules.common.functions`). Each answers
 * through `renderData`; a bad argument is a 400 with a message, never a crash.
 */
import { reasonOf } from '../pipeline/retry-policy';
import { destinations } from '../destinations/registry';
import { isReplayable, type EventRecord } from '../history/record';
import { itemsOf, toActivity } from '../history/activity';
import { countActivities, findActivityItem, listActivities, MAX_BUCKETS_PER_CALL, showActivity } from '../history/query';
import { readBucket, readDirectory } from '../history/store';
import { dequeue, enqueue } from '../pipeline/outbox';
import { runClaimed } from '../pipeline/process';

type Args = Record<string, unknown> & { iparams?: Record<string, unknown> };

async function answer(work: () => Promise<unknown>): Promise<void> {
  try {
    renderData(null, await work());
  } catch (err) {
    const status = (err as { status?: number }).status ?? 500;
    renderData({ status, message: reasonOf(err) });
  }
}

/** The platform adds `iparams` to every call; the history API's own arguments are the rest. */
function ownArgs(args: Args): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([name]) => name !== 'iparams'));
}

/** Reopens a finished push so the pipeline delivers it again, as if new (attempts restart). */
function reopen(record: EventRecord, destination: string, now: number): boolean {
  const push = record.pushes[destination as keyof EventRecord['pushes']];
  if (!isReplayable(push) || !push) return false;
  record.pushes[destination as keyof EventRecord['pushes']] = { ...push, outcome: 'retrying', attempts: 0, next_retry_at: now };
  return true;
}

export async function listActivitiesMethod(args: Args): Promise<void> {
  await answer(() => listActivities(ownArgs(args)));
}

export async function showActivityMethod(args: Args): Promise<void> {
  await answer(() => showActivity(args));
}

export async function countActivitiesMethod(): Promise<void> {
  await answer(() => countActivities(Date.now()));
}

/** Replays one failed, rejected or dead-lettered push now, and answers with its new state. */
export async function retryActivityMethod(args: Args): Promise<void> {
  await answer(async () => {
    const now = Date.now();
    const item = await findActivityItem(args.id);
    if (!item.destination || !reopen(item.record, item.destination, now)) {
      throw Object.assign(new Error(`activity ${String(args.id)} has nothing to retry`), { status: 409 });
    }
    // A queued copy of this event would replay stale state: this run supersedes it.
    await dequeue(item.record.key);
    const record = await runClaimed(item.record, args.iparams ?? {}, now);
    return { activity: toActivity({ ...item, record }) };
  });
}

/** Queues every replayable push in the recent history; the queue drains them within the quotas. */
export async function retryAllFailedMethod(): Promise<void> {
  await answer(async () => {
    const now = Date.now();
    const buckets = (await readDirectory()).slice(0, MAX_BUCKETS_PER_CALL);
    let queued = 0;
    for (const bucket of buckets) {
      for (const record of await readBucket(bucket)) {
        const reopened = itemsOf(record).filter((i) => i.destination && reopen(record, i.destination, now));
        if (reopened.length === 0) continue;
        await enqueue({ kind: 'deliver', claimed: true, record }, now + 1000 + queued * 100, now);
        queued += reopened.length;
      }
    }
    return { queued, destinations: destinations.map((d) => d.id) };
  });
}
