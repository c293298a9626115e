/**
 * healthCheck: the delivery health of each destination and the platform self-check's findings.
 * What costs no `$db` operation comes from the engine's head (a schedule's data): events dropped,
 * outage marks (the last error, since when, the next probe), the storage backlog, whether a drain is
 * due. The counts come from at most MAX_PAGES history pages, and the rules from the self-check's one
 * record; each of those reads takes a token of the server methods' reserve (history/reserve) first,
 * so Health never spends the quota deliveries need and leaves some of the minute's reserve to the
 * list. What it could not read makes a count "at least", never wrong.
 */
import { destinations } from '../destinations/registry';
import { readHead, type Head } from '../history/head';
import type { EventRecord } from '../history/record';
import { RESERVE_NOTICE, takeReserve } from '../history/reserve';
import { pageId, readPage } from '../history/store';
import { readKeyOrNull, type StoreError } from '../platform/db';
import { checksOf, PLATFORM_RULES_KEY } from '../platform-probes/record';
import type { HealthResult } from '../../shared/health-api';
import type { PlatformRuleCheck } from '../../shared/platform-rules-api';
import { DAY_MS, destinationHealth, HOUR_MS, type Reads } from './figures';

/**
 * History pages a check reads at most. With the self-check's record that is 3 `$db` operations (a
 * call may spend 4), and one of the minute's 4 reserve tokens stays for the list.
 */
export const MAX_PAGES = 2;

const QUOTA_NOTICE = "The installation's storage quota is spent for this minute: the figures are from the pages read before it ran out.";
const PARTIAL_NOTICE =
  'Counts marked "at least" are lower bounds: the history is longer than one check reads (its newest pages and the oldest with a waiting push).';

/** Newest pages first; the outbox's first page last when the newest do not reach it. */
export function readPlan(head: Head, reads: number): number[] {
  const newest = Array.from({ length: Math.min(reads, head.page + 1) }, (_, i) => head.page - i);
  const lowest = newest[newest.length - 1] ?? 0;
  if (reads < 2 || head.open_from >= lowest) return newest;
  return [...newest.slice(0, -1), head.open_from];
}

/** No history page was ever opened: every count is exactly 0 without reading one. */
const nothingStored = (head: Head): boolean => head.opened_at === null && head.page === 0;

/** A read: a history page by number, or the self-check's record. */
type Read = number | 'rules';

/**
 * The reads of a check in order of worth, so that a short reserve cuts the least useful: the newest
 * page, the self-check's record, then the second page of the plan (the outbox's first page, or the
 * one below the newest). Nothing stored yet: no page to read.
 */
export function readOrder(head: Head): Read[] {
  const pages = nothingStored(head) ? [] : readPlan(head, MAX_PAGES);
  return [...pages.slice(0, 1), 'rules', ...pages.slice(1)];
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
  if (nothingStored(head)) return { records: [], known: true, hourComplete: true, dayComplete: true, waitingComplete: true };
  const waitingComplete = waitingSeen(read, head);
  const windowComplete = (window: number): boolean => {
    const start = windowStart(read, now, window);
    return start >= 0 && covers(read, Math.min(start, head.open_from), head);
  };
  return {
    records: read.flatMap((r) => r.records ?? []),
    known: read.length > 0,
    hourComplete: windowComplete(HOUR_MS),
    dayComplete: windowComplete(DAY_MS),
    waitingComplete,
  };
}

interface Done {
  pages: PageRead[];
  rules: PlatformRuleCheck[] | null;
  quotaSpent: boolean;
}

/** Does the reads in order; stops at the store's quota refusal. */
async function readAll(order: Read[]): Promise<Done> {
  const done: Done = { pages: [], rules: null, quotaSpent: false };
  for (const read of order) {
    try {
      if (read === 'rules') done.rules = checksOf(await readKeyOrNull(PLATFORM_RULES_KEY));
      else done.pages.push({ page: read, records: await readPage(pageId(read)) });
    } catch (err) {
      if ((err as StoreError).kind !== 'quota') throw err;
      return { ...done, quotaSpent: true };
    }
  }
  return done;
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
  const order = readOrder(head);
  const tokens = await takeReserve(order.length);
  const { pages, rules, quotaSpent } = await readAll(order.slice(0, tokens));
  const reads = readsOf(pages, head, now);
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
      coverage: { pages_read: pages.length, complete },
      notice: noticeOf(quotaSpent, tokens < order.length, complete),
      platform_rules: rules,
    },
  };
}
