/**
 * Retries the server queued but has not run yet. The stored push keeps showing its failure until
 * its retry runs (rewriting each would spend the `$db` quota deliveries need), so the sidebar
 * remembers what Retry and Retry all queued and shows those rows as Retrying at their time, across
 * Refresh, until the push changes (its `updated_at` moves on: the retry ran) or the time is well past.
 */
import { parseTime } from './format';
import type { Activity, RetryAllResult, RetryResult } from './types';

/** A queued retry still unseen this long after its time was skipped or lost: the row shows the stored push again. */
const MARGIN_MS = 10 * 60_000;

interface QueuedRetry {
  at: string;
  /** The push's `updated_at` when it was queued. */
  updated_at: string;
}

export class QueuedRetries {
  // Set in the constructor: class fields are not ES2020 (FDK's parser).
  private readonly marks: Map<string, QueuedRetry>;

  constructor() {
    this.marks = new Map();
  }

  /** What Retry all queued. */
  noteAll(result: RetryAllResult): void {
    for (const { id, at, updated_at } of result.queued_pushes) this.marks.set(id, { at, updated_at });
  }

  /** A Retry: remembered when it was queued rather than sent. */
  note({ activity, queued_at }: RetryResult): void {
    if (queued_at === null) this.marks.delete(activity.id);
    else this.marks.set(activity.id, { at: queued_at, updated_at: activity.updated_at });
  }

  isQueued(id: string): boolean {
    return this.marks.has(id);
  }

  /** The push as the sidebar shows it: a queued one is Retrying at its time, with no Retry of its own. Forgets settled marks. */
  shown(activity: Activity, now: number): Activity {
    const mark = this.marks.get(activity.id);
    if (!mark) return activity;
    const at = parseTime(mark.at);
    if (mark.updated_at !== activity.updated_at || at === null || now > at + MARGIN_MS) {
      this.marks.delete(activity.id);
      return activity;
    }
    return { ...activity, outcome: 'retrying', next_retry_at: mark.at, retryable: false };
  }
}
