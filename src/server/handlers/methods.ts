/**
 * Server methods for the sidebar (declared in manifest `modules.common.functions`): thin adapters.
 * Each answers through `renderData`; a bad argument is a 400 with a message, never a crash.
 */
import { reasonOf } from '../core/errors';
import { redactorFor, type Redactor } from '../core/redactor';
import { healthCheck } from '../health/check';
import { countActivities, listActivities, showActivity } from '../history/query';
import { replayAllFailed, replayPush } from '../pipeline/replay';

type Args = Record<string, unknown> & { iparams?: Record<string, unknown> };

async function answer(work: () => Promise<unknown>, redactor?: Redactor): Promise<void> {
  try {
    renderData(null, await work());
  } catch (err) {
    const status = (err as { status?: number }).status ?? 500;
    renderData({ status, message: reasonOf(err, redactor) });
  }
}

/** The platform adds `iparams` to every call; the history API's own arguments are the rest. */
function ownArgs(args: Args): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([name]) => name !== 'iparams'));
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

/** Replays one rejected or dead-lettered push; a push still retrying keeps its schedule (the answer says when). */
export async function retryActivityMethod(args: Args): Promise<void> {
  // The platform adds the installation's iparams to every server-method call.
  const call = { startedAt: Date.now(), redactor: redactorFor(args.iparams) };
  await answer(() => replayPush(args.id, args.iparams as Record<string, unknown>, call), call.redactor);
}

/** Marks every failed push waiting, a few pages a call from the oldest; the drain sends them within the quotas. */
export async function retryAllFailedMethod(args: Args): Promise<void> {
  await answer(() => replayAllFailed(args.iparams as Record<string, unknown>));
}

/** Delivery health per destination (the sidebar's Health view); reads at most a few pages, within the reserve. */
export async function healthCheckMethod(): Promise<void> {
  await answer(() => healthCheck(Date.now()));
}
