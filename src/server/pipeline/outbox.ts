/**
 * The retry queue. Work that cannot finish now (a destination asked us to wait, or the
 * installation's quotas are spent) is parked in a one-time `$schedule` named after the event,
 * and `onScheduledEvent` resumes it. Schedules cost no `$db` operations, so deferring during a
 * burst spends nothing of the quota that is already exhausted; the unique name keeps one entry
 * per event. The platform allows 1,000 one-time schedules per installation: beyond that the
 * push is recorded as dead-lettered (replayable) rather than lost.
 */
import type { EventRecord } from '../history/record';

export const QUEUE_PREFIX = 'q-';

export interface QueuedWork {
  kind: 'deliver';
  /** False while the dedup claim is still to be made (the event arrived when `$db` was out of quota). */
  claimed: boolean;
  record: EventRecord;
}

export class QueueFullError extends Error {}

/** Parks `work` until `at` (epoch ms). Replaces an earlier entry of the same event. */
export async function enqueue(work: QueuedWork, at: number, now: number): Promise<void> {
  const spec = {
    name: QUEUE_PREFIX + work.record.key,
    data: work as unknown as Record<string, unknown>,
    // The platform refuses times in the past; a second from now is "as soon as possible".
    schedule_at: new Date(Math.max(at, now + 1000)).toISOString(),
  };
  try {
    await $schedule.create(spec);
  } catch (createErr) {
    try {
      await $schedule.update(spec);
    } catch {
      throw new QueueFullError(`could not queue event ${work.record.key}: ${(createErr as { message?: string }).message ?? 'schedule refused'}`);
    }
  }
}

export async function dequeue(key: string): Promise<void> {
  await $schedule.delete({ name: QUEUE_PREFIX + key }).catch(() => undefined);
}
