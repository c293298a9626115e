/**
 * healthCheck: the delivery health of each destination, from the engine's head (read from its
 * schedule: no `$db` operation) and at most MAX_READS history pages, each read only with a token of
 * the server methods' reserve (history/reserve), so Health never spends the quota deliveries need.
 * It reads the newest pages (recent deliveries and failures) and the outbox's first page (the
 * oldest waiting push); what it could not read makes the figures "at least", never wrong.
 */
import { destinations } from '../destinations/registry';
import { readHead, type Head } from '../history/head';
import type { EventRecord } from '../history/record';
import { RESERVE_NOTICE, takeReserve } from '../history/reserve';
import { pageId, readPage } from '../history/store';
import type { HealthResult, PlatformRuleCheck } from '../../shared/health-api';
import { DAY_MS, destinationHealth, HOUR_MS, type Reads } from './figures';

/**
 * Page reads per call: a call spends at most 3 of the 4 `$db` operations it may, leaving one for
 * the platform self-check's record (`platform-rules`) when it is wired in.
 */
export const MAX_READS = 3;

const QUOTA_NOTICE = "The installation's storage quota is spent for this minute: the figures are from the pages read before it ran out.";
const PARTIAL_NOTICE = 'Some figures are lower bounds ("at least"): the history is longer than one check reads.';

/** Newest pages first; the outbox's first page last when the newest do not reach it. */
export function readPlan(head: Head, reads: number): number[] {
  const newest = Array.from({ length: Math.min(reads, head.page + 1) }, (_, i) => head.page - i);
  const lowest = newest[newest.length - 1] ?? 0;
  if (reads < 2 || head.open_from >= lowest) return newest;
  return [...newest.slice(0, -1), head.open_from];
}

interface PageRead {
  page: number;
  records: EventRecord[] | null;
}

/** Whether every page in [from, head.page] was read (pages below a missing one are gone: expired in order). */
function covers(read: PageRead[], from: number, head: Head): boolean {
  const missingAt = Math.max(-1, ...read.filter((r) => r.records === null).map((r) => r.page));
  const pages = new Set(read.map((r) => r.page));
  for (let page = Math.max(from, missingAt + 1); page <= head.page; page++) if (!pages.has(page)) return false;
  return true;
}

/** The lowest page that can hold an arrival of the last `window` ms: below the first read page that starts before it. */
function windowStart(read: PageRead[], now: number, window: number): number {
  const sorted = [...read].sort((a, b) => b.page - a.page);
  for (const r of sorted) {
    if (r.records === null) return r.page + 1;
    if (r.records.some((record) => record.received_at < now - window)) return r.page;
  }
  // No read page reaches that far back: everything down to the first page is needed.
  return sorted.length > 0 && sorted[sorted.length - 1].page === 0 ? 0 : -1;
}

/**
 * Every waiting push was seen: all pages from the outbox's start were read, or the engine notes
 * that no drain is due (`wake_at` null: the last drain left nothing waiting and nothing was stored
 * waiting since) and none was seen.
 */
function waitingSeen(read: PageRead[], head: Head): boolean {
  const noneWaits =
    head.wake_at === null &&
    !read.some((r) => (r.records ?? []).some((rec) => Object.values(rec.pushes).some((p) => p?.outcome === 'retrying')));
  return noneWaits || covers(read, head.open_from, head);
}

function readsOf(read: PageRead[], head: Head, now: number): Reads {
  const waitingComplete = waitingSeen(read, head);
  const windowComplete = (window: number): boolean => {
    const start = windowStart(read, now, window);
    return start >= 0 && covers(read, Math.min(start, head.open_from), head);
  };
  return {
    records: read.flatMap((r) => r.records ?? []),
    pagesRead: read.length,
    hourComplete: windowComplete(HOUR_MS),
    dayComplete: windowComplete(DAY_MS),
    waitingComplete,
  };
}

/** The platform self-check's results (issue 20 part 2, `checksOf` of its `platform-rules` record) are wired in at merge; none yet. */
const platformRules = (): PlatformRuleCheck[] => [];

/** Reads the planned pages in order; stops at the store's quota refusal. */
async function readPages(plan: number[]): Promise<{ read: PageRead[]; quotaSpent: boolean }> {
  const read: PageRead[] = [];
  for (const page of plan) {
    try {
      read.push({ page, records: await readPage(pageId(page)) });
    } catch (err) {
      if ((err as { status?: number }).status !== 429) throw err;
      return { read, quotaSpent: true };
    }
  }
  return { read, quotaSpent: false };
}

/** Why this answer is less than complete: the store's quota, the reserve, or a history longer than one check reads. */
function noticeOf(quotaSpent: boolean, readsShort: boolean, complete: boolean): string | null {
  if (quotaSpent) return QUOTA_NOTICE;
  if (readsShort) return RESERVE_NOTICE;
  return complete ? null : PARTIAL_NOTICE;
}

/** The engine's backlog of events the store could not take waits behind `backlog_at`: within the last hour or still, when. */
const storeQuotaUntil = (head: Head, now: number): string | null =>
  head.backlog_at > now - HOUR_MS ? new Date(head.backlog_at).toISOString() : null;

export async function healthCheck(now: number): Promise<HealthResult> {
  const head = await readHead();
  const tokens = await takeReserve(MAX_READS);
  const { read, quotaSpent } = await readPages(readPlan(head, tokens));
  const reads = readsOf(read, head, now);
  const complete = reads.hourComplete && reads.dayComplete && reads.waitingComplete;
  const health = destinations.map((d) => destinationHealth(d.id, d.label, head, reads, now));
  const storeUntil = storeQuotaUntil(head, now);
  return {
    health: {
      checked_at: new Date(now).toISOString(),
      destinations: health,
      dropped: head.dropped,
      quota_bound: storeUntil !== null || health.some((h) => h.quota_deferred_last_hour.value > 0),
      store_quota_until: storeUntil,
      coverage: { pages_read: read.length, complete },
      notice: noticeOf(quotaSpent, tokens < Math.min(MAX_READS, head.page + 1), complete),
      platform_rules: platformRules(),
    },
  };
}
