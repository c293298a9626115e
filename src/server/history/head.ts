/**
 * The engine's head: which page new history records go to, where waiting and failed pushes start,
 * which destinations are failing (so their pushes wait without spending requests), how many events
 * were dropped, and the installation's secret for the keyed digests (./seal). It lives in the data
 * of the app's one recurring schedule: no browser can read it, it costs no `$db` operation, it never
 * expires and it takes none of the 1,000 one-time schedules.
 *
 * Schedules have no compare-and-set except at creation: a change is written, re-read and written
 * again while it does not hold (three tries), and every field is a hint a reader can survive being
 * stale: a page that is full sends a writer on, a lost outage mark costs one probe, a drain cursor
 * only moves past pages it has seen closed.
 */
import type { DestinationId } from '../destinations/types';
import { createRecurring, fetchSchedule, NAMES, writeRecurring } from '../platform/schedule';

/** A destination that failed: its pushes wait (no attempt spent) until `until`, when one probe goes out. */
export interface DownMark {
  until: number;
  /** Consecutive failed probes: the next probe waits longer. */
  failures: number;
  since: number;
  reason: string;
}

export interface Head {
  page: number;
  /** When `page` was opened (with its expiry), or null while it is still to be opened. */
  opened_at: number | null;
  /** No waiting push lies on a page below this one. */
  open_from: number;
  /** No rejected or dead-lettered push lies below this page (Retry all starts here); null: none known. */
  failed_from: number | null;
  /** When the next drain wake-up fires; null when no push waits. An arrival re-arms one that is overdue. */
  wake_at: number | null;
  /** Events waiting for the store's quota run no earlier than this; new arrivals queue behind them. */
  backlog_at: number;
  /** When a server method last took a token of its reserve (./reserve): while recent, the backlog leaves the reserve free. */
  reserve_at: number | null;
  /** The backlog's end when the reserve came into use: events placed before it were paced to use the whole quota. */
  booked_from: number;
  dropped: number;
  /** The keys of the latest drops: a drop is counted once even when writers race (it is in the list or not). */
  drops: string[];
  secret: string;
  down: Partial<Record<DestinationId, DownMark>>;
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0);
const time = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function readMark(mark: Partial<DownMark>, until: number): DownMark {
  return {
    until,
    failures: count(mark.failures),
    since: time(mark.since) ?? until,
    reason: typeof mark.reason === 'string' ? mark.reason : 'failing',
  };
}

function readMarks(value: unknown): Head['down'] {
  const marks: Head['down'] = {};
  const entries = typeof value === 'object' && value !== null ? Object.entries(value as Record<string, Partial<DownMark> | null>) : [];
  for (const [id, mark] of entries) {
    const until = time(mark?.until);
    if (until !== null) marks[id as DestinationId] = readMark(mark as Partial<DownMark>, until);
  }
  return marks;
}

function readData(data: Record<string, unknown>, secret: string): Head {
  return {
    page: count(data.page),
    opened_at: time(data.opened_at),
    open_from: count(data.open_from),
    failed_from: time(data.failed_from),
    wake_at: time(data.wake_at),
    backlog_at: count(data.backlog_at),
    reserve_at: time(data.reserve_at),
    booked_from: count(data.booked_from),
    dropped: count(data.dropped),
    drops: Array.isArray(data.drops) ? data.drops.filter((k): k is string => typeof k === 'string') : [],
    secret,
    down: readMarks(data.down),
  };
}

const toData = (head: Head): Record<string, unknown> => ({ kind: 'head', ...head });

/** 256 bits from Math.random (the sandbox has no crypto); never shown anywhere a browser can read. */
const newSecret = (): string =>
  Array.from({ length: 8 }, () =>
    Math.floor(Math.random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0'),
  ).join('');

/** A new installation's head, before its secret is drawn. */
export const EMPTY_HEAD: Omit<Head, 'secret'> = {
  page: 0,
  opened_at: null,
  open_from: 0,
  failed_from: null,
  wake_at: null,
  backlog_at: 0,
  reserve_at: null,
  booked_from: 0,
  dropped: 0,
  drops: [],
  down: {},
};

/** The head and when it fires next; created (with the secret) by the first reader: creation is the one compare-and-set schedules have. */
async function readStored(): Promise<{ head: Head; at: number }> {
  const found = await fetchSchedule(NAMES.head);
  if (found && typeof found.data.secret === 'string' && found.data.secret.length >= 32)
    return { head: readData(found.data, found.data.secret), at: found.at };
  if (found) {
    // A head written by an earlier version: add the secret, then use whatever secret won.
    await writeRecurring(NAMES.head, { ...found.data, kind: 'head', secret: newSecret() });
  } else {
    await createRecurring(NAMES.head, toData({ ...EMPTY_HEAD, secret: newSecret() }));
  }
  const again = await fetchSchedule(NAMES.head);
  if (!again || typeof again.data.secret !== 'string') throw new Error('the engine head could not be created');
  return { head: readData(again.data, again.data.secret), at: again.at };
}

export const readHead = async (): Promise<Head> => (await readStored()).head;

/** The server methods' reserve is in use while one of them took a token within this long. */
const RESERVE_IN_USE_MS = 10 * 60_000;

export const reserveInUse = (head: Head, now: number): boolean => head.reserve_at !== null && now - head.reserve_at < RESERVE_IN_USE_MS;

const HEAD_TRIES = 3;

/**
 * Applies `change` until `holds` is true of the stored head (at most three writes); returns the last
 * head read. A write puts the head's daily firing (the drain's safety net) off a day, unless
 * `keepTime`: a note that only the history was read must not put it off.
 */
export async function updateHead(change: (head: Head) => Head, holds: (head: Head) => boolean, keepTime = false): Promise<Head> {
  let stored = await readStored();
  for (let i = 0; i < HEAD_TRIES && !holds(stored.head); i++) {
    await writeRecurring(NAMES.head, toData(change(stored.head)), keepTime ? stored.at : undefined);
    stored = await readStored();
  }
  return stored.head;
}

const DROPS_KEPT = 100;

/** Counts event `key` as dropped (README "Delivery guarantees"): once, however many writers race. */
export async function countDrop(key: string): Promise<void> {
  await updateHead(
    (head) => ({ ...head, dropped: head.dropped + 1, drops: [...head.drops, key].slice(-DROPS_KEPT) }),
    (head) => head.drops.includes(key),
  );
}
