/** Product and app event handlers. They never throw: every failure is recorded or logged. */
import { reasonOf } from '../pipeline/retry-policy';
import { processEvent, resumeQueued } from '../pipeline/process';
import type { QueuedWork } from '../pipeline/outbox';

interface EventPayload {
  data?: unknown;
  iparams?: Record<string, unknown>;
}

const iparamsOf = (payload: EventPayload): Record<string, unknown> => payload.iparams ?? {};

export async function onAgentActivityCreate(payload: EventPayload): Promise<void> {
  try {
    const record = await processEvent(payload, iparamsOf(payload), Date.now());
    if (!record) console.info('onAgentActivityCreate: duplicate event ignored');
    else if (record.invalid) console.error(`onAgentActivityCreate: rejected event: ${record.invalid.message}`);
  } catch (err) {
    console.error(`onAgentActivityCreate: could not process the event: ${reasonOf(err)}`);
  }
}

export async function onScheduledEvent(payload: EventPayload): Promise<void> {
  const work = payload.data as QueuedWork | { kind?: string } | undefined;
  if (work?.kind !== 'deliver') return; // the token cache's expiry: nothing to do
  try {
    await resumeQueued(work as QueuedWork, iparamsOf(payload), Date.now());
  } catch (err) {
    console.error(`onScheduledEvent: could not resume queued work: ${reasonOf(err)}`);
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
