/**
 * History storage in `$db`: numbered pages (`h:<page>`, one attribute per event, 30-day expiry),
 * filled in order. `$db` has no listing, so the newest page number is kept in the head (./head) and
 * readers walk down from it. The pages are also the engine's outbox: a waiting push is a push stored
 * as `retrying`, found by the drain from the head's `open_from`.
 *
 * `$db.update` takes no condition and creates a missing key without expiry, so a page is always
 * opened with `set` (with its expiry) before the head names it, and only pages the head names or a
 * reader just found are updated. A page opens with a reserve attribute: a push rewrite that no
 * longer fits (reasons grow) drops the reserve and fits. Records are cut to MAX_RECORD_BYTES, so a
 * write fails only for quota or an outage.
 */
import type { DestinationId } from '../destinations/types';
import { createKey, readKeyOrNull, removeAttributes, setAttributes, StoreError } from '../platform/db';
import { updateHead, type Head } from './head';
import type { EventRecord, PushState } from './record';

export const HISTORY_TTL_SECONDS = 30 * 24 * 3600;
/** One record, stored or in a write-ahead copy: leaves room for the envelope in 4 KB of schedule data. */
export const MAX_RECORD_BYTES = 3000;
/** A page is not written to after this age: it would expire while still in use. */
const PAGE_USE_MS = (HISTORY_TTL_SECONDS - 24 * 3600) * 1000;
const RESERVE = '_reserve';
const RESERVE_BYTES = 4000;

export const pageId = (page: number): string => page.toString(36);
export const pageNumber = (id: string): number => parseInt(id, 36);
const pageKey = (id: string): string => `h:${id}`;

/** Opens page `page` holding `record` (another writer may have opened it: then it is added). */
async function openPage(page: number, record: EventRecord): Promise<void> {
  try {
    await createKey(pageKey(pageId(page)), { [RESERVE]: 'x'.repeat(RESERVE_BYTES), [record.key]: record }, HISTORY_TTL_SECONDS);
  } catch (err) {
    if ((err as StoreError).kind !== 'condition') throw err;
    await setAttributes(pageKey(pageId(page)), { [record.key]: record });
  }
}

const isFull = (err: unknown): boolean => (err as StoreError).kind === 'refused';

/** Pages tried for one record before giving up (each full page sends it to the next). */
const PAGE_TRIES = 3;

/** Adds `record` to the open page `page`; false when the page is full. */
async function addTo(page: number, record: EventRecord): Promise<boolean> {
  try {
    await setAttributes(pageKey(pageId(page)), { [record.key]: record });
    return true;
  } catch (err) {
    if (isFull(err)) return false;
    throw err;
  }
}

/** Opens page `page` with `record`, or adds it there when another writer opened it; false when that page is full. */
async function openWith(page: number, record: EventRecord): Promise<boolean> {
  try {
    await openPage(page, record);
    return true;
  } catch (err) {
    if (isFull(err)) return false;
    throw err;
  }
}

/** Writes a record the history does not hold yet on the newest usable page; returns the page id. */
export async function placeNew(input: EventRecord, head: Head): Promise<string> {
  const usable = head.opened_at !== null && Date.now() - head.opened_at < PAGE_USE_MS;
  // Records arrive cut to size and signed (pipeline/outbox.ts): cutting here would break the digest.
  const record = { ...input, page: null };
  if (usable && (await addTo(head.page, record))) return pageId(head.page);
  const first = head.opened_at === null ? head.page : head.page + 1;
  for (let page = first; page < first + PAGE_TRIES; page++) {
    if (!(await openWith(page, record))) continue;
    await updateHead(
      (h) => ({ ...h, page: Math.max(h.page, page), opened_at: h.page > page ? h.opened_at : Date.now() }),
      (h) => h.page > page || (h.page === page && h.opened_at !== null),
    );
    return pageId(page);
  }
  throw new StoreError('refused', 400, `pages ${pageId(first)} to ${pageId(first + PAGE_TRIES - 1)} are full`);
}

/** Rewrites pushes of records on page `id` (`<key>.pushes.<destination>`): one `$db` operation for any number of them. */
export async function rewritePushes(
  id: string,
  changes: Array<{ key: string; destination: DestinationId; push: PushState }>,
): Promise<void> {
  if (changes.length === 0) return;
  const attributes = Object.fromEntries(changes.map((c) => [`${c.key}.pushes.${c.destination}`, c.push]));
  try {
    await setAttributes(pageKey(id), attributes);
  } catch (err) {
    if (!isFull(err)) throw err;
    await removeAttributes(pageKey(id), [RESERVE]);
    await setAttributes(pageKey(id), attributes);
  }
}

function isEventRecord(value: unknown): value is EventRecord {
  return typeof value === 'object' && value !== null && 'key' in value && 'pushes' in value;
}

/** The records of page `id`, or null when the page does not exist (expired, or never written). */
export async function readPage(id: string): Promise<EventRecord[] | null> {
  const value = await readKeyOrNull(pageKey(id));
  if (value === null) return null;
  // Skip anything that is not a record (the reserve, a hand-edited or foreign attribute). A record's
  // page is where it was found, whatever it says: ids built from it must lead back here.
  return Object.entries(value)
    .filter(([name, record]) => name !== RESERVE && isEventRecord(record))
    .map(([, record]) => ({ ...(record as EventRecord), page: id }));
}

/** Newest first: by page number. */
export function comparePages(a: string, b: string): number {
  return pageNumber(b) - pageNumber(a);
}
