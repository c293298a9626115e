/** Product and app event handlers: thin adapters over the pipeline. They never throw: every failure is recorded or logged. */
import { reasonOf } from '../core/errors';
import { processEvent, resumeQueued, type QueuedWork } from '../pipeline/process';
import { checkPlatformAtInstall, checkPlatformOnSchedule } from '../platform-probes';

interface EventPayload {
  data?: unknown;
  iparams?: Record<string, unknown>;
}

const iparamsOf = (payload: EventPayload): Record<string, unknown> => payload.iparams ?? {};

export async function onAgentActivityCreate(payload: EventPayload): Promise<void> {
  const call = { startedAt: Date.now() };
  try {
    const run = await processEvent(payload, iparamsOf(payload), call);
    if (run.status === 'duplicate' || run.status === 'held')
      console.info(`onAgentActivityCreate: duplicate of event ${run.record.key} ignored`);
    else if (run.record.invalid) console.info(`onAgentActivityCreate: rejected event: ${run.record.invalid.message}`);
  } catch (err) {
    console.error(`onAgentActivityCreate: could not process the event: ${reasonOf(err)}`);
  }
}

export async function onScheduledEvent(payload: EventPayload): Promise<void> {
  const work = payload.data as Partial<QueuedWork> | undefined;
  // The history head (daily) and the self-check's probe run the platform self-check; the token cache does nothing.
  if (work?.kind !== 'deliver') return checkPlatformOnSchedule(work, iparamsOf(payload));
  try {
    await resumeQueued(work as QueuedWork, iparamsOf(payload), { startedAt: Date.now() });
  } catch (err) {
    console.error(`onScheduledEvent: could not resume queued work for event ${String(work.record?.key)}: ${reasonOf(err)}`);
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
