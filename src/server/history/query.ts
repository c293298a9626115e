/**
 * Reading the history: the list (cursor pagination, filters), one activity, and the count.
 * Every `$db` read here spends the installation's 50-a-minute quota that deliveries also need, so a
 * call reads at most a ReadBudget of pages and says `has_more` when it stopped early.
 */
import { Type, type Static } from '@sinclair/typebox';
import { HttpStatusError } from '../core/errors';
import { base64, unbase64 } from '../core/text';
import { parseTimestamp } from '../core/time';
import { OneOf, validate } from '../core/validation';
import { destinations } from '../destinations/registry';
import { utf8Bytes, type EventRecord } from './record';
import {
  PAGE_PATTERN,
  itemsOf,
  KEY_PATTERN,
  parseActivityId,
  toActivity,
  type Activity,
  type StreamItem,
  type StreamPosition,
} from './activity';
import { RESERVE_NOTICE, takeReserve } from './reserve';
import { readHead, type Head } from './head';
import { OUTCOMES, type CountResult, type ListResult } from '../../shared/history-api';
import { comparePages, pageId, pageNumber, readPage } from './store';

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 25;

const ListArgs = Type.Object({
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

class QueryError extends Error {
  readonly status: number;
  constructor(message: string) {
    super(message);
    this.status = 400;
  }
}

/** Newest first: page, then arrival, then key, then destination slot. */
function comparePositions(a: StreamPosition, b: StreamPosition): number {
  return comparePages(a.page, b.page) || b.received_at - a.received_at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0) || a.slot - b.slot;
}

/**
 * A cursor is a position in the stream: base64 of `[page, received_at, key, slot]`. It is not
 * signed. The sandbox has no crypto and no secret the server could keep from `$db` for free, and a
 * signature would protect nothing: any position a caller could forge is one it can page to. So a
 * decoded cursor is validated like any other input, field by field.
 */
function encodeCursor(position: StreamPosition): string {
  return base64(JSON.stringify([position.page, position.received_at, position.key, position.slot])).replace(/=+$/, '');
}

const CursorSchema = Type.Object(
  {
    page: Type.String({ pattern: PAGE_PATTERN }),
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

function decodeCursor(cursor: string, name: string): StreamPosition {
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
  return [activity.actor.name, activity.actor.email, activity.actor.id].some(
    (v) => typeof v === 'string' && v.toLowerCase().includes(needle),
  );
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

/**
 * What one call may read: at most MAX_PAGES_PER_CALL pages, each only with a token of the server
 * methods' reserve (./reserve), so no pattern of calls spends the quota deliveries need.
 */
interface ReadBudget {
  pages: number;
  /** Why fewer pages are read than usual, for the answer; null when nothing is held back. */
  notice: string | null;
}

const MAX_PAGES_PER_CALL = 2;
const QUOTA_NOTICE = "The installation's storage quota is spent for this minute: showing what could be read.";

const newBudget = (): ReadBudget => ({ pages: MAX_PAGES_PER_CALL, notice: null });

/** A token for one more page read; false (and the notice) when the reserve is spent. */
async function mayRead(budget: ReadBudget): Promise<boolean> {
  if ((await takeReserve(1)) === 1) return true;
  budget.notice = RESERVE_NOTICE;
  return false;
}

/** Pages to read, in walk order: down from the cursor's page (or the head), or up towards the head for `before`. */
function pageOrder(head: number, from: StreamPosition | null, backwards: boolean): number[] {
  const start = from === null ? head : Math.min(pageNumber(from.page), head);
  if (!backwards) return Array.from({ length: start + 1 }, (_, i) => start - i);
  return Array.from({ length: head - start + 1 }, (_, i) => start + i);
}

async function readOrNull(id: string, budget: ReadBudget): Promise<PageRead> {
  try {
    return await readPage(id);
  } catch (err) {
    if ((err as { status?: number }).status !== 429) throw err;
    budget.notice = QUOTA_NOTICE;
    return 'quota';
  }
}

type PageRead = EventRecord[] | null | 'quota';

/** Whether a walk ends at this page: out of quota, or (walking down) past the last page. */
function endsHere(records: PageRead, backwards: boolean): Walk['exhausted'] | null {
  if (records === 'quota') return false;
  // Pages are written in order and expire in order: below a missing page there is nothing left.
  return records === null && !backwards ? true : null;
}

/** A walk stops when it has enough, has read its pages, or gets no token for another read. */
async function stopBefore(found: number, want: number, read: number, budget: ReadBudget): Promise<boolean> {
  return found >= want || read >= budget.pages || !(await mayRead(budget));
}

/** Reads pages in stream order (or reverse for `before`) from the cursor, collecting matches. */
async function walk(
  head: number,
  from: StreamPosition | null,
  backwards: boolean,
  want: number,
  keep: (i: StreamItem) => boolean,
  budget: ReadBudget,
): Promise<Walk> {
  const direction = backwards ? -1 : 1;
  const items: StreamItem[] = [];
  const wanted = (i: StreamItem): boolean => (from === null || direction * comparePositions(i, from) > 0) && keep(i);
  for (const [read, page] of pageOrder(head, from, backwards).entries()) {
    if (await stopBefore(items.length, want, read, budget)) return { items, exhausted: false };
    const records = await readOrNull(pageId(page), budget);
    const end = endsHere(records, backwards);
    if (end !== null) return { items, exhausted: end };
    items.push(
      ...((records as EventRecord[] | null) ?? [])
        .flatMap(itemsOf)
        .filter(wanted)
        .sort((a, b) => direction * comparePositions(a, b)),
    );
  }
  return { items, exhausted: true };
}

type Page = NonNullable<Static<typeof ListArgs>['page']>;

/**
 * Events of a burst the store could not take yet wait in their write-ahead copies, one slot each up
 * to the head's `backlog_at`: they are not in any page, so no list shows them until then. Read from
 * the head, at no `$db` cost.
 */
function backlogNotice(head: Head, now: number): string | null {
  if (head.backlog_at <= now) return null;
  const minutes = Math.ceil((head.backlog_at - now) / 60_000);
  return `Deliveries are catching up with a burst: some of its events are not stored yet, so they are not listed; all will be within ${minutes} min.`;
}

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

/**
 * A server method's answer is held to 100 KB (the platform's payload limit, README "Platform rules"
 * 8g, read strictly as the answer's too); the activities get what the meta leaves (its notice and
 * cursors stay well under 2 KB). A 100-push page of long names is about 120 KB.
 */
const ANSWER_BYTES = 100 * 1024;
const META_ROOM = 2 * 1024;

/** The first of `items` whose activities fit the answer; `has_more` and the cursors then speak of the ones kept. */
function fitting(items: StreamItem[], activityOf: (item: StreamItem) => Activity): StreamItem[] {
  let used = META_ROOM;
  const kept: StreamItem[] = [];
  for (const item of items) {
    used += utf8Bytes(JSON.stringify(activityOf(item))) + 1;
    if (used > ANSWER_BYTES) break;
    kept.push(item);
  }
  return kept;
}

export async function listActivities(args: unknown): Promise<ListResult> {
  const { page, filter } = parseListArgs(args);
  const size = page.size ?? DEFAULT_PAGE_SIZE;
  const backwards = page.before !== undefined;
  const since = sinceOf(filter);
  const now = Date.now();
  const [head, budget] = [await readHead(), newBudget()];
  // Filtering already builds each scanned activity: keep them for the answer instead of building twice.
  const built = new Map<StreamItem, Activity>();
  const activityOf = (item: StreamItem): Activity => built.get(item) ?? built.set(item, toActivity(item)).get(item)!;
  const result = await walk(head.page, startOf(page), backwards, size + 1, (i) => matches(i, activityOf, filter, since), budget);
  // The nearest items to the cursor, as many as the answer's 100 KB holds.
  const items = fitting(result.items.slice(0, size), activityOf);
  // Walking backwards (page[before]) collects the nearest items first; the page reads newest first.
  if (backwards) items.reverse();
  const moreBeyond = result.items.length > items.length || !result.exhausted;
  return {
    activities: items.map(activityOf),
    meta: {
      // Zendesk's has_more speaks of the direction of travel: older items for `after`, newer for `before`.
      has_more: moreBeyond,
      after_cursor: items.length > 0 ? encodeCursor(items[items.length - 1]) : null,
      before_cursor: items.length > 0 ? encodeCursor(items[0]) : null,
      notice: budget.notice ?? backlogNotice(head, now),
      now: new Date(now).toISOString(),
      dropped: head.dropped,
    },
  };
}

export async function findActivityItem(id: unknown): Promise<StreamItem> {
  const parsed = typeof id === 'string' ? parseActivityId(id) : null;
  if (!parsed) throw new QueryError('id is not an activity id');
  if ((await takeReserve(1)) === 0) throw new HttpStatusError(429, RESERVE_NOTICE);
  const records = (await readPage(parsed.page)) ?? [];
  const item = records.flatMap(itemsOf).find((i) => i.key === parsed.key && (i.destination ?? 'event') === parsed.destination);
  if (!item) throw Object.assign(new QueryError(`activity ${id} was not found`), { status: 404 });
  return item;
}

export async function showActivity(args: Record<string, unknown>): Promise<{ activity: Activity }> {
  return { activity: toActivity(await findActivityItem(args.id)) };
}

/**
 * `{count: {value, refreshed_at}}` like Zendesk, read from the newest pages only (see ReadBudget):
 * beyond them the value is a lower bound and `exact` is false. `dropped` counts events nothing could
 * hold (see README "Delivery guarantees"), read from the head at no `$db` cost.
 */
export async function countActivities(now: number): Promise<CountResult> {
  const [head, budget] = [await readHead(), newBudget()];
  const counted = await walk(head.page, null, false, Number.MAX_SAFE_INTEGER, () => true, budget);
  return {
    count: {
      value: counted.items.length,
      refreshed_at: new Date(now).toISOString(),
      exact: counted.exhausted,
      dropped: head.dropped,
      notice: budget.notice,
    },
  };
}
