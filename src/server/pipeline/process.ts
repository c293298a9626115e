/**
 * The pipeline for one event: validate, dedup, deliver, record, and queue what must be retried.
 * Used for first delivery, for queued retries and for replays alike.
 */
import { truncate } from '../core/text';
import { parseAgentActivityEvent } from '../event/agent-status-change';
import { invalidPayloadIdentity } from '../event/invalid';
import { newRecord, type EventRecord } from '../history/record';
import { redactSecrets } from '../history/redact';
import { saveRecord } from '../history/store';
import { claimEvent } from './dedup';
import { deliverOpenPushes, nextRetryAt } from './deliver';
import { enqueue, QueueFullError, type QueuedWork } from './outbox';

type Iparams = Record<string, unknown>;

/** When `$db` itself is out of quota, come back once the minute has passed. */
const DB_QUOTA_WAIT_MS = 60_000;

/** Keyed and excerpted by the event's `data` only: the envelope also carries the iparams. */
function invalidRecord(payload: unknown, field: string, message: string, now: number): EventRecord {
  const { key, excerpt } = invalidPayloadIdentity((payload as { data?: unknown } | null)?.data ?? null);
  const record = newRecord(key, null, now);
  record.invalid = { field, message: truncate(message, 300), excerpt };
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
  if (retryAt === null && saved) return record;
  try {
    await enqueue({ kind: 'deliver', claimed: true, record }, retryAt ?? now + DB_QUOTA_WAIT_MS, now);
  } catch (err) {
    if (!(err instanceof QueueFullError)) throw err;
    // No room to wait: give up visibly (dead letter, replayable) instead of leaving "retrying" forever.
    deadLetterOpen(record, `retry queue full: ${err.message}`, now);
    await saveRecord(record, now);
  }
  return record;
}

function deadLetterOpen(record: EventRecord, reason: string, now: number): void {
  for (const push of Object.values(record.pushes)) {
    if (push?.outcome === 'retrying') Object.assign(push, { outcome: 'dead_letter', reason, next_retry_at: null, updated_at: now });
  }
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
