/** Product and app event handlers: thin adapters over the engine. They never throw: every failure is recorded or logged. */
import { reasonOf } from '../core/errors';
import { receiveEvent, resumeEvent } from '../pipeline/process';
import { recoverPage, sweep, type LockData } from '../pipeline/sweep';
import type { WriteAhead } from '../pipeline/write-ahead';

interface EventPayload {
  data?: unknown;
  iparams?: Record<string, unknown>;
}

const iparamsOf = (payload: EventPayload): Record<string, unknown> => payload.iparams ?? {};

export async function onAgentActivityCreate(payload: EventPayload): Promise<void> {
  const call = { startedAt: Date.now() };
  try {
    const run = await receiveEvent(payload, iparamsOf(payload), call);
    if (run.status === 'duplicate') console.info(`onAgentActivityCreate: duplicate of event ${run.record.key} ignored`);
    else if (run.record.invalid) console.info(`onAgentActivityCreate: rejected event: ${run.record.invalid.message}`);
  } catch (err) {
    console.error(`onAgentActivityCreate: could not process the event: ${reasonOf(err)}`);
  }
}

/**
 * A fired schedule: a write-ahead copy (its run died or could not finish), a drain's lock (its
 * drainer died), a drain wake-up, or the daily head (the drain's safety net). Reserve tokens and
 * the token cache only expire.
 */
export async function onScheduledEvent(payload: EventPayload): Promise<void> {
  const data = (payload.data ?? {}) as { kind?: unknown };
  const call = { startedAt: Date.now() };
  try {
    if (data.kind === 'event') await resumeEvent(data as WriteAhead, iparamsOf(payload), call);
    else if (data.kind === 'page') await recoverPage(data as LockData, iparamsOf(payload), call);
    else if (data.kind === 'wake' || data.kind === 'head') await sweep(iparamsOf(payload), call);
  } catch (err) {
    console.error(`onScheduledEvent: ${String(data.kind)} not handled: ${reasonOf(err)}`);
  }
}

export async function onAppInstall(): Promise<void> {
  await Promise.resolve();
  renderData(null, {});
}

export async function onAppUninstall(): Promise<void> {
  await Promise.resolve();
  renderData(null, {});
}
