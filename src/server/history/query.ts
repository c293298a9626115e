/**
 * Reading the history: the list (cursor pagination, filters), one activity, and the count.
 * Every `$db` read here spends the installation's 50-a-minute quota, so a call reads at most
 * MAX_BUCKETS_PER_CALL buckets and says `has_more` when it stopped early.
 */
import { Type, type Static } from '@sinclair/typebox';
import { base64, unbase64 } from '../core/text';
import { parseTimestamp } from '../core/time';
import { OneOf, validate } from '../core/validation';
import { destinations } from '../destinations/registry';
import { OUTCOMES } from './record';
import { BUCKET_PATTERN, itemsOf, KEY_PATTERN, parseActivityId, toActivity, type Activity, type StreamItem, type StreamPosition } from './activity';
import { BUCKET_MS, compareBuckets, readBucket, readDirectory } from './store';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_BUCKETS_PER_CALL = 8;


export const ListArgs = Type.Object({
  page: Type.Optional(
    Type.Object(
      {
        size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
        after: Type.Optional(Type.String({ maxLength: 500 })),
        before: Type.Optional(Type.String({ maxLength: 500 })),
      },
      { additionalProperties: false },
    ),
  ),
  filter: Type.Optional(
    Type.Object(
      {
        since: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Number()])),
        destination: Type.Optional(OneOf(destinations.map((d) => d.id))),
        outcome: Type.Optional(OneOf(OUTCOMES)),
        agent: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      },
      { additionalProperties: false },
    ),
  ),
});

type Filter = NonNullable<Static<typeof ListArgs>['filter']>;

export class QueryError extends Error {
  readonly status: number;
  constructor(message: string) {
    super(message);
    this.status = 400;
  }
}

/** Newest first: bucket, then arrival, then key, then destination slot. */
export function comparePositions(a: StreamPosition, b: StreamPosition): number {
  return compareBuckets(a.bucket, b.bucket) || b.received_at - a.received_at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0) || a.slot - b.slot;
}

/**
 * A cursor is a position in the stream: base64 of `[bucket, received_at, key, slot]`. It is not
 * signed. The sandbox has no crypto and no secret the server could keep from `$db` for free, and a
 * signature would protect nothing: any position a caller could forge is one it can page to. So a
 * decoded cursor is validated like any other input, field by field.
 */
export function encodeCursor(position: StreamPosition): string {
  return base64(JSON.stringify([position.bucket, position.received_at, position.key, position.slot])).replace(/=+$/, '');
}

const CursorSchema = Type.Object(
  {
    bucket: Type.String({ pattern: BUCKET_PATTERN }),
    received_at: Type.Integer({ minimum: 0, maximum: 8.64e15 }),
    key: Type.String({ pattern: KEY_PATTERN }),
    slot: Type.Integer({ minimum: 0, maximum: destinations.length - 1 }),
  },
  { additionalProperties: false },
);
const CURSOR_FIELDS = Object.keys(CursorSchema.properties);

/** The decoded cursor's fields by name, or null when it is not base64 of a JSON array of the right length. */
function cursorFields(cursor: string): Record<string, unknown> | null {
  try {
    const fields: unknown = JSON.parse(unbase64(cursor));
    if (!Array.isArray(fields) || fields.length !== CURSOR_FIELDS.length) return null;
    return Object.fromEntries(CURSOR_FIELDS.map((name, i) => [name, fields[i]]));
  } catch {
    return null;
  }
}

export function decodeCursor(cursor: string, name: string): StreamPosition {
  const refusal = `page[${name}] is not a cursor issued by this API`;
  const fields = cursorFields(cursor);
  if (!fields) throw new QueryError(refusal);
  const checked = validate(CursorSchema, fields, '');
  if (!checked.ok) throw new QueryError(`${refusal}: its ${checked.message}`);
  return checked.value;
}

/** One predicate per filter; an absent filter lets everything through. */
const FILTERS: Array<(activity: Activity, filter: Filter) => boolean> = [
  (a, f) => !f.destination || a.target?.destination === f.destination,
  (a, f) => !f.outcome || a.outcome === f.outcome,
  (a, f) => !f.agent || matchesAgent(a, f.agent.toLowerCase()),
];

function matches(item: StreamItem, activityOf: (item: StreamItem) => Activity, filter: Filter, since: number | null): boolean {
  if (since !== null && item.received_at < since) return false;
  const activity = activityOf(item);
  return FILTERS.every((test) => test(activity, filter));
}

function matchesAgent(activity: Activity, needle: string): boolean {
  return [activity.actor.name, activity.actor.email, activity.actor.id].some((v) => typeof v === 'string' && v.toLowerCase().includes(needle));
}

function sinceOf(filter: Filter): number | null {
  if (filter.since === undefined) return null;
  const since = parseTimestamp(filter.since);
  if (since === null) throw new QueryError('filter[since] is not a readable date-time');
  return since;
}

interface Walk {
  items: StreamItem[];
  exhausted: boolean;
}

/** Reads buckets in stream order (or reverse for `before`) from the cursor, collecting matches. */
async function walk(directory: string[], from: StreamPosition | null, backwards: boolean, want: number, keep: (i: StreamItem) => boolean): Promise<Walk> {
  const order = backwards ? [...directory].reverse() : directory;
  const direction = backwards ? -1 : 1;
  const inRange = (b: string) => from === null || direction * compareBuckets(b, from.bucket) >= 0;
  const buckets = order.filter(inRange);
  const items: StreamItem[] = [];
  let read = 0;
  for (const bucket of buckets) {
    if (items.length >= want || read >= MAX_BUCKETS_PER_CALL) return { items, exhausted: false };
    read++;
    const records = await readBucket(bucket);
    const found = records.flatMap(itemsOf).filter((i) => (from === null || direction * comparePositions(i, from) > 0) && keep(i));
    items.push(...found.sort((a, b) => direction * comparePositions(a, b)));
  }
  return { items, exhausted: true };
}

export interface ListResult {
  activities: Activity[];
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
}

type Page = NonNullable<Static<typeof ListArgs>['page']>;

function parseListArgs(args: unknown): { page: Page; filter: Filter } {
  const checked = validate(ListArgs, args, '');
  if (!checked.ok) throw new QueryError(checked.message);
  const { page = {}, filter = {} } = checked.value;
  if (page.after && page.before) throw new QueryError('page[after] and page[before] cannot be used together');
  return { page, filter };
}

function startOf(page: Page): StreamPosition | null {
  if (page.after) return decodeCursor(page.after, 'after');
  return page.before ? decodeCursor(page.before, 'before') : null;
}

/** Buckets that can hold activities received at or after `since` (a bucket spans one minute). */
function bucketsSince(directory: string[], since: number | null): string[] {
  if (since === null) return directory;
  const first = Math.floor(since / BUCKET_MS);
  return directory.filter((b) => parseInt(b, 36) >= first);
}

export async function listActivities(args: unknown): Promise<ListResult> {
  const { page, filter } = parseListArgs(args);
  const size = page.size ?? DEFAULT_PAGE_SIZE;
  const backwards = page.before !== undefined;
  const since = sinceOf(filter);
  const directory = bucketsSince(await readDirectory(), since);
  // Filtering already builds each scanned activity: keep them for the answer instead of building twice.
  const built = new Map<StreamItem, Activity>();
  const activityOf = (item: StreamItem): Activity => built.get(item) ?? built.set(item, toActivity(item)).get(item)!;
  const result = await walk(directory, startOf(page), backwards, size + 1, (i) => matches(i, activityOf, filter, since));
  const items = result.items.slice(0, size);
  // Walking backwards (page[before]) collects the nearest items first; the page reads newest first.
  if (backwards) items.reverse();
  const moreBeyond = result.items.length > size || !result.exhausted;
  return {
    activities: items.map(activityOf),
    meta: {
      // Zendesk's has_more speaks of the direction of travel: older items for `after`, newer for `before`.
      has_more: moreBeyond,
      after_cursor: items.length > 0 ? encodeCursor(items[items.length - 1]) : null,
      before_cursor: items.length > 0 ? encodeCursor(items[0]) : null,
    },
  };
}

export async function findActivityItem(id: unknown): Promise<StreamItem> {
  const parsed = typeof id === 'string' ? parseActivityId(id) : null;
  if (!parsed) throw new QueryError('id is not an activity id');
  const records = await readBucket(parsed.bucket);
  const item = records.flatMap(itemsOf).find((i) => i.key === parsed.key && (i.destination ?? 'event') === parsed.destination);
  if (!item) throw Object.assign(new QueryError(`activity ${id} was not found`), { status: 404 });
  return item;
}

export async function showActivity(args: Record<string, unknown>): Promise<{ activity: Activity }> {
  return { activity: toActivity(await findActivityItem(args.id)) };
}

/**
 * `{count: {value, refreshed_at}}` like Zendesk. Counting reads buckets, so beyond
 * MAX_BUCKETS_PER_CALL buckets the value is a lower bound and `exact` is false.
 */
export async function countActivities(now: number): Promise<{ count: { value: number; refreshed_at: string; exact: boolean } }> {
  const directory = await readDirectory();
  const counted = await walk(directory, null, false, Number.MAX_SAFE_INTEGER, () => true);
  return { count: { value: counted.items.length, refreshed_at: new Date(now).toISOString(), exact: counted.exhausted } };
}
