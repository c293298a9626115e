/**
 * The pipeline for one event: validate, dedup, deliver, record, and queue what must be retried.
 * Used for first delivery, for queued retries and for replays alike.
 */
import { digest, truncate } from '../core/text';
import { parseAgentActivityEvent } from '../event/agent-status-change';
import { newRecord, type EventRecord } from '../history/record';
import { redactSecrets } from '../history/redact';
import { saveRecord } from '../history/store';
import { claimEvent } from './dedup';
import { deliverOpenPushes, nextRetryAt } from './deliver';
import { enqueue, type QueuedWork } from './outbox';

type Iparams = Record<string, unknown>;

/** When `$db` itself is out of quota, come back once the minute has passed. */
const DB_QUOTA_WAIT_MS = 60_000;

function invalidRecord(payload: unknown, field: string, message: string, now: number): EventRecord {
  const raw = JSON.stringify(payload ?? null) ?? 'undefined';
  const record = newRecord(`x${digest(raw)}`, null, now);
  record.invalid = { field, message: truncate(message, 300), excerpt: truncate(raw, 300) };
  return record;
}

/** Delivers what is open, records the outcome, and parks whatever still has to happen. */
export async function runClaimed(input: EventRecord, iparams: Iparams, now: number): Promise<EventRecord> {
  await deliverOpenPushes(input, iparams, now);
  const record = redactSecrets(input, iparams);
  const saved = await saveRecord(record, now).then(
    () => true,
    () => false,
  );
  const retryAt = nextRetryAt(record);
  if (retryAt !== null || !saved) {
    await enqueue({ kind: 'deliver', claimed: true, record }, retryAt ?? now + DB_QUOTA_WAIT_MS, now);
  }
  return record;
}

/** First delivery of an `onAgentActivityCreate` payload. Returns null for a duplicate. */
export function processEvent(payload: unknown, iparams: Iparams, now: number): Promise<EventRecord | null> {
  const parsed = parseAgentActivityEvent(payload);
  if (!parsed.ok) {
    // Recorded like any outcome (queued if the store is out of quota), never pushed.
    return runClaimed(invalidRecord(payload, parsed.field, parsed.message, now), iparams, now);
  }
  const record = newRecord(parsed.change.key, parsed.change, now);
  return claimAndRun({ kind: 'deliver', claimed: false, record }, iparams, now);
}

async function claimAndRun(work: QueuedWork, iparams: Iparams, now: number): Promise<EventRecord | null> {
  const claim = await claimEvent(work.record.key, now);
  if (claim === 'duplicate') return null;
  if (claim === 'deferred') {
    await enqueue(work, now + DB_QUOTA_WAIT_MS, now);
    return work.record;
  }
  return runClaimed(work.record, iparams, now);
}

/** Resumes queued work when its schedule fires. */
export function resumeQueued(work: QueuedWork, iparams: Iparams, now: number): Promise<EventRecord | null> {
  return work.claimed ? runClaimed(work.record, iparams, now) : claimAndRun(work, iparams, now);
}
