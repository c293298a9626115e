/** Product and app event handlers: thin adapters over the engine. They never throw: every failure is recorded or logged. */
import { reasonOf } from '../core/errors';
import type { CallContext } from '../core/http';
import { redactorFor } from '../core/redactor';
import { receiveEvent, resumeEvent } from '../pipeline/process';
import { recordReplay, type ReplayLock } from '../pipeline/replay';
import { recoverPage, sweep, type LockData } from '../pipeline/sweep';
import type { WriteAhead } from '../pipeline/write-ahead';
import { releaseFired } from '../platform/schedule';
import { checkPlatformOnSchedule, checkPlatformAtInstall } from '../platform-probes';

interface EventPayload {
  data?: unknown;
  iparams?: Record<string, unknown>;
}

const iparamsOf = (payload: EventPayload): Record<string, unknown> => payload.iparams ?? {};

/** The invocation's start and its redactor, built once from the secure iparams. */
const callFor = (payload: EventPayload): CallContext => ({ startedAt: Date.now(), redactor: redactorFor(payload.iparams) });

export async function onAgentActivityCreate(payload: EventPayload): Promise<void> {
  const call = callFor(payload);
  try {
    const run = await receiveEvent(payload, iparamsOf(payload), call);
    if (run.status === 'duplicate') console.info(`onAgentActivityCreate: duplicate of event ${run.record.key} ignored`);
    else if (run.record.invalid) console.info(`onAgentActivityCreate: rejected event: ${run.record.invalid.message}`);
  } catch (err) {
    console.error(`onAgentActivityCreate: could not process the event: ${reasonOf(err, call.redactor)}`);
  }
}

/**
 * A fired schedule: a write-ahead copy (its run died or could not finish), a drain's lock (its
 * drainer died), a Retry's lock (its outcome was not stored), a drain wake-up, the daily head
 * (the drain's safety net and the platform self-check) or the self-check's probe. A reserve token only deletes itself (where the platform
 * keeps fired schedules it would hold its place for good); the token cache only expires.
 */
type ScheduledWork = (data: Record<string, unknown>, iparams: Record<string, unknown>, call: CallContext) => Promise<unknown>;

/** What each kind of fired schedule does (by its data's `kind`). */
const BY_KIND: Record<string, ScheduledWork> = {
  event: (data, iparams, call) => resumeEvent(data as unknown as WriteAhead, iparams, call),
  page: (data, iparams, call) => recoverPage(data as unknown as LockData, iparams, call),
  replay: (data, iparams, call) => recordReplay(data as unknown as ReplayLock, iparams, call),
  wake: (data, iparams, call) => sweep(iparams, call, data),
  head: (data, iparams, call) => sweep(iparams, call, data),
  reserve: (data) => releaseFired(data),
};

export async function onScheduledEvent(payload: EventPayload): Promise<void> {
  const data = (payload.data ?? {}) as Record<string, unknown>;
  const call = callFor(payload);
  try {
    const work = typeof data.kind === 'string' && Object.hasOwn(BY_KIND, data.kind) ? BY_KIND[data.kind] : undefined;
    if (work) await work(data, iparamsOf(payload), call);
    // The platform self-check acts on the daily head and on its own probe schedule only; it never throws.
    await checkPlatformOnSchedule(data, iparamsOf(payload));
  } catch (err) {
    console.error(`onScheduledEvent: ${String(data.kind)} not handled: ${reasonOf(err, call.redactor)}`);
  }
}

export async function onAppInstall(): Promise<void> {
  await checkPlatformAtInstall().catch((err) => console.error(`onAppInstall: platform self-check: ${reasonOf(err)}`));
  renderData(null, {});
}

export async function onAppUninstall(): Promise<void> {
  await Promise.resolve();
  renderData(null, {});
}
