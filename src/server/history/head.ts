/**
 * The history's head: which page new records go to, and how many events were dropped because
 * nothing could hold them. It lives in the data of the app's one recurring schedule, which costs no
 * `$db` operation to read or write (assumed, see README "Platform cost per event"), never expires
 * and takes none of the 1,000 one-time schedules the retry queue needs.
 *
 * Schedules have no compare-and-set: two writers can overwrite each other. The page is only a
 * starting point (a writer that finds it full moves on and raises it again) and the drop count is
 * re-checked after writing, so a lost update costs at most a wasted operation or an undercount.
 */
export const HEAD_SCHEDULE = 'history-head';
const DAY_MS = 24 * 3600_000;

interface Head {
  page: number;
  dropped: number;
}

const EMPTY: Head = { page: 0, dropped: 0 };

/** A whole number ≥ 0, or 0 (schedule data is not trusted blindly). */
const count = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0);

function readData(data: Record<string, unknown> | undefined): Head {
  return { page: count(data?.page), dropped: count(data?.dropped) };
}

/** The head, or the empty head before the first record. Throws when the platform fails otherwise. */
export async function readHead(): Promise<Head> {
  try {
    return readData((await $schedule.fetch({ name: HEAD_SCHEDULE })).data);
  } catch (err) {
    if ((err as { status?: number }).status === 404) return { ...EMPTY };
    throw err;
  }
}

async function writeHead(head: Head): Promise<void> {
  const spec = {
    name: HEAD_SCHEDULE,
    data: { kind: 'head', page: head.page, dropped: head.dropped },
    // Kept a day ahead at every write: it fires only after a quiet day, and its handler does nothing.
    schedule_at: new Date(Date.now() + DAY_MS).toISOString(),
    repeat: { time_unit: 'days' as const, frequency: 1 },
  };
  await $schedule.update(spec).catch(() => $schedule.create(spec));
}

/** Raises the head to `page` (never lowers it). */
export async function raisePage(page: number): Promise<void> {
  const head = await readHead();
  if (head.page < page) await writeHead({ ...head, page });
}

const DROP_RECORD_TRIES = 3;

/** Counts one dropped event; re-reads after writing so a concurrent writer cannot silently erase it. */
export async function countDrop(): Promise<void> {
  const before = (await readHead()).dropped;
  for (let i = 0; i < DROP_RECORD_TRIES; i++) {
    const head = await readHead();
    if (head.dropped > before) return;
    await writeHead({ ...head, dropped: head.dropped + 1 });
  }
}
