/**
 * History storage in `$db`. `$db` has no listing, so records are grouped in one-minute buckets
 * (`h:<bucket>`, one attribute per event, kept 30 days) and a directory (`h:dir`) lists the
 * buckets. Writing a record is one `update` (two more the first time in a minute), which keeps
 * an event at two `$db` operations: its dedup claim and this write.
 */
import type { EventRecord } from './record';

export const BUCKET_MS = 60_000;
export const HISTORY_TTL_SECONDS = 30 * 24 * 3600;
export const DIRECTORY_KEY = 'h:dir';
/** A full bucket (40 KB) spills into `<bucket>+`, then `<bucket>++`. */
const OVERFLOW_LEVELS = 3;

export const bucketKey = (bucket: string): string => `h:${bucket}`;
export const bucketOf = (now: number): string => Math.floor(now / BUCKET_MS).toString(36);

const statusOf = (err: unknown): number => (err as FdkDbError)?.status ?? 0;

/** The directory must fit one 40 KB value: when full, the oldest buckets leave it (they expire anyway). */
export const DIRECTORY_KEEP = 1000;

async function pruneFullDirectory(): Promise<void> {
  const oldest = (await readDirectory()).slice(DIRECTORY_KEEP);
  await pruneDirectory(oldest);
}

async function registerBucket(bucket: string, now: number): Promise<void> {
  try {
    await $db.update(DIRECTORY_KEY, 'set', { [bucket]: now });
  } catch (err) {
    const status = statusOf(err);
    if (status === 400) {
      await pruneFullDirectory();
      await $db.update(DIRECTORY_KEY, 'set', { [bucket]: now });
      return;
    }
    if (status !== 404) throw err;
    await $db.set(DIRECTORY_KEY, { [bucket]: now });
  }
}

async function createBucket(bucket: string, record: EventRecord, now: number): Promise<void> {
  try {
    await $db.set(bucketKey(bucket), { [record.key]: record }, { setIf: 'not_exist', ttl: HISTORY_TTL_SECONDS });
  } catch (err) {
    // Another invocation created it first: add to it instead.
    if (statusOf(err) !== 400) throw err;
    await $db.update(bucketKey(bucket), 'set', { [record.key]: record });
    return;
  }
  await registerBucket(bucket, now);
}

async function writeTo(bucket: string, record: EventRecord, now: number): Promise<void> {
  try {
    await $db.update(bucketKey(bucket), 'set', { [record.key]: record });
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
    await createBucket(bucket, record, now);
  }
}

/** Writes (or rewrites) `record` in its bucket, choosing the current minute's bucket on first write. */
export async function saveRecord(record: EventRecord, now: number): Promise<void> {
  // A record already placed stays in its bucket; a new one may spill over when a bucket is full.
  const candidates = record.bucket ? [record.bucket] : Array.from({ length: OVERFLOW_LEVELS }, (_, level) => bucketOf(now) + '+'.repeat(level));
  for (const [index, bucket] of candidates.entries()) {
    const isLast = index === candidates.length - 1;
    // 400 here means the bucket hit the 40 KB limit.
    const placed = await writeTo(bucket, { ...record, bucket }, now).then(
      () => true,
      (err: unknown) => (statusOf(err) === 400 && !isLast ? false : Promise.reject(err)),
    );
    if (placed) {
      record.bucket = bucket;
      return;
    }
  }
}

function isEventRecord(value: unknown): value is EventRecord {
  return typeof value === 'object' && value !== null && 'key' in value && 'pushes' in value;
}

export async function readBucket(bucket: string): Promise<EventRecord[]> {
  try {
    const value = await $db.get(bucketKey(bucket));
    // Skip anything that is not a record (a hand-edited or foreign attribute must not break the list).
    return Object.values(value).filter(isEventRecord);
  } catch (err) {
    if (statusOf(err) === 404) return [];
    throw err;
  }
}

/** Bucket ids, newest first. */
export async function readDirectory(): Promise<string[]> {
  try {
    const value = await $db.get(DIRECTORY_KEY);
    return Object.keys(value).sort(compareBuckets);
  } catch (err) {
    if (statusOf(err) === 404) return [];
    throw err;
  }
}

/** Newest first: by minute, then overflow level. */
export function compareBuckets(a: string, b: string): number {
  const minute = (id: string) => parseInt(id.replace(/\+/g, ''), 36);
  return minute(b) - minute(a) || b.length - a.length;
}

/** Drops directory entries whose buckets have expired. */
export async function pruneDirectory(expired: string[]): Promise<void> {
  if (expired.length > 0) await $db.update(DIRECTORY_KEY, 'remove', expired);
}
