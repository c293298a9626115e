/**
 * History storage in `$db`: numbered pages (`h:<page>`, one attribute per event, 30-day TTL), filled
 * in order. `$db` has no listing, so the newest page number is kept in the head (./head) and readers
 * walk down from it: pages are created in order, so the first missing page below the head is where
 * the history ends. No directory: nothing has to be registered, so no record can become invisible.
 *
 * A first write is one `update` with `setIf: exist` (the platform's update would otherwise create a
 * page without expiry); a new page costs one `set` more, about once every 30 records. A full page
 * (the 40 KB value limit) sends the record to the next one. Records are cut to MAX_RECORD_BYTES, so a
 * write fails only for quota or an outage: bounded, never retried forever.
 */
import { messageOf } from '../core/errors';
import type { DestinationId } from '../destinations/types';
import { raisePage, readHead } from './head';
import { fitToBytes, type EventRecord } from './record';

export const HISTORY_TTL_SECONDS = 30 * 24 * 3600;
/** One record, stored or queued: leaves room for the queue's envelope in 4 KB of schedule data. */
export const MAX_RECORD_BYTES = 3000;
/** Pages tried for one record before giving up (each full page sends it to the next). */
const PAGE_TRIES = 3;

export const pageId = (page: number): string => page.toString(36);
export const pageNumber = (id: string): number => parseInt(id, 36);
const pageKey = (id: string): string => `h:${id}`;

export class HistoryWriteError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

type WriteResult = 'ok' | 'missing' | 'full';

const statusOf = (err: unknown): number => (err as FdkDbError | undefined)?.status ?? 0;
const isSetIfFailure = (err: unknown): boolean => statusOf(err) === 400 && /setif/i.test(messageOf(err));

function classify(err: unknown): WriteResult {
  if (isSetIfFailure(err)) return 'missing';
  if (statusOf(err) === 400) return 'full';
  const { status, message } = (err ?? {}) as Partial<FdkDbError>;
  throw new HistoryWriteError(status ?? 0, `history not saved: ${message ?? 'the store failed'}`);
}

async function updateExisting(id: string, attributes: Record<string, unknown>): Promise<WriteResult> {
  try {
    await $db.update(pageKey(id), 'set', attributes, { setIf: 'exist' });
    return 'ok';
  } catch (err) {
    return classify(err);
  }
}

/** Opens page `id` with this record; another writer may have opened it first. */
async function openPage(id: string, record: EventRecord): Promise<WriteResult> {
  try {
    await $db.set(pageKey(id), { [record.key]: record }, { setIf: 'not_exist', ttl: HISTORY_TTL_SECONDS });
    return 'ok';
  } catch (err) {
    return isSetIfFailure(err) ? updateExisting(id, { [record.key]: record }) : classify(err);
  }
}

async function placeOn(page: number, record: EventRecord): Promise<WriteResult> {
  const id = pageId(page);
  const placed = { ...record, bucket: id };
  const result = await updateExisting(id, { [record.key]: placed });
  return result === 'missing' ? openPage(id, placed) : result;
}

/** Writes a record the history does not hold yet on the newest page with room. */
async function placeNew(record: EventRecord): Promise<void> {
  const start = (await readHead()).page;
  for (let page = start; page < start + PAGE_TRIES; page++) {
    if ((await placeOn(page, record)) === 'ok') {
      record.bucket = pageId(page);
      if (page > start) await raisePage(page);
      return;
    }
  }
  throw new HistoryWriteError(400, `history not saved: pages ${pageId(start)} to ${pageId(start + PAGE_TRIES - 1)} are full`);
}

/**
 * Rewrites only the pushes this run changed (`<key>.pushes.<destination>`), so two runs on one
 * event (a replay and a queued retry) never overwrite each other's outcome with a stale copy.
 */
function rewrite(record: EventRecord, touched: readonly DestinationId[]): Promise<WriteResult> {
  const attributes: Record<string, unknown> = {};
  for (const id of touched) attributes[`${record.key}.pushes.${id}`] = record.pushes[id];
  if (touched.length === 0) attributes[record.key] = record;
  return updateExisting(record.bucket as string, attributes);
}

/** Moves a record whose page is full or gone to the newest page; its old copy is removed. */
async function move(record: EventRecord): Promise<void> {
  const old = record.bucket as string;
  record.bucket = null;
  await placeNew(record);
  if (old !== record.bucket) await $db.update(pageKey(old), 'remove', [record.key]).catch(() => undefined);
}

/** Saves `record` (first write, or the pushes in `touched` after a retry or replay). */
export async function saveRecord(input: EventRecord, touched: readonly DestinationId[]): Promise<void> {
  const record = fitToBytes(input, MAX_RECORD_BYTES);
  if (record.bucket === null) {
    await placeNew(record);
  } else if ((await rewrite(record, touched)) !== 'ok') {
    await move(record);
  }
  input.bucket = record.bucket;
}

function isEventRecord(value: unknown): value is EventRecord {
  return typeof value === 'object' && value !== null && 'key' in value && 'pushes' in value;
}

/** The records of page `id`, or null when the page does not exist (expired, or never written). */
export async function readPage(id: string): Promise<EventRecord[] | null> {
  try {
    const value = await $db.get(pageKey(id));
    // Skip anything that is not a record (a hand-edited or foreign attribute must not break the list).
    // A record's page is where it was found, whatever its stored `bucket` says: ids built from it
    // must lead `showActivity` and replays back here.
    return Object.values(value)
      .filter(isEventRecord)
      .map((record) => ({ ...record, bucket: id }));
  } catch (err) {
    if (statusOf(err) === 404) return null;
    throw err;
  }
}

/** Newest first: by page number. */
export function compareBuckets(a: string, b: string): number {
  return pageNumber(b) - pageNumber(a);
}
