/**
 * The one place tests know the app's storage layout: `$db` keys (claims `ev:<key>`, history pages
 * `h:<page>`) and schedule names (write-ahead copies `w<key>`, drain locks `s<page>`, drain
 * wake-ups `k<n>`, reserve tokens `r<minute>-<i>`, the head). Tests read state through these
 * helpers, never by spelling keys themselves.
 */
import type { PlatformRuntime } from '../../simulator/runtime';

export const HEAD_SCHEDULE = 'history-head';
const PAGE_PREFIX = 'h:';
const CLAIM_PREFIX = 'ev:';

const isPageLock = (name: string): boolean => /^s[0-9a-z]+$/.test(name);
const isWriteAhead = (name: string): boolean => /^w[0-9a-z]+$/.test(name);
const isWake = (name: string): boolean => /^k[0-9]+$/.test(name);

const listed = (runtime: PlatformRuntime, test: (name: string) => boolean) =>
  runtime.schedules
    .list()
    .filter((s) => test(s.name))
    .map((s) => ({ name: s.name, at: Date.parse(s.next_fire_at), data: s.data }));

/** Work held in schedules: write-ahead copies and drain locks (waiting pushes live in the history). */
export const queuedWork = (runtime: PlatformRuntime) => listed(runtime, (name) => isPageLock(name) || isWriteAhead(name));
export const writeAheads = (runtime: PlatformRuntime) => listed(runtime, isWriteAhead);
export const wakes = (runtime: PlatformRuntime) => listed(runtime, isWake);

/** Pushes stored waiting (`retrying`): the outbox. */
export const waitingPushes = (runtime: PlatformRuntime): any[] =>
  storedRecords(runtime).flatMap((r) => Object.values(r.pushes ?? {}).filter((p: any) => p?.outcome === 'retrying'));

/** Takes the lock of history page `page`, as a drain or a Retry in progress on another invocation would hold it. */
export async function holdPage(runtime: PlatformRuntime, page: string): Promise<void> {
  await runtime.schedules.create({
    name: `s${page}`,
    data: { kind: 'page', page, inflight: [] },
    schedule_at: new Date(runtime.clock.now() + 10 * 60_000).toISOString(),
  });
}

/** The page id holding event `key`. */
export const pageOf = (runtime: PlatformRuntime, key: string): string =>
  Object.entries(historyPages(runtime)).find(([, records]) => key in records)?.[0] as string;

/** The engine head's data (history page, cursors, outage marks, drop count). */
export const head = (runtime: PlatformRuntime): any => runtime.schedules.list().find((s) => s.name === HEAD_SCHEDULE)?.data;

/** History pages (`{page id: {event key: record}}`), read without spending quota. */
export function historyPages(runtime: PlatformRuntime): Record<string, Record<string, any>> {
  const pages: Record<string, Record<string, any>> = {};
  for (const [key, value] of Object.entries(runtime.db.dump())) {
    if (!key.startsWith(PAGE_PREFIX)) continue;
    const records = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([name]) => name !== '_reserve'));
    pages[key.slice(PAGE_PREFIX.length)] = records as Record<string, any>;
  }
  return pages;
}

export const storedRecords = (runtime: PlatformRuntime): any[] =>
  Object.values(historyPages(runtime)).flatMap((page) => Object.values(page));

/** Fills history page `id` (keeping `records` on it) up to `spare` bytes short of the 40 KB value limit. */
export function fillPage(runtime: PlatformRuntime, id: string, records: any[] = [], spare = 200): void {
  const key = `${PAGE_PREFIX}${id}`;
  const kept = Object.fromEntries(records.map((r) => [r.key, r]));
  const used = Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify({ ...kept, filler: '' }));
  runtime.db.seed(key, { ...kept, filler: 'x'.repeat(40 * 1024 - used - spare) }, 30 * 24 * 3600);
}

export function setHeadPage(runtime: PlatformRuntime, page: number): Promise<unknown> {
  const current = head(runtime) ?? {};
  const spec = {
    name: HEAD_SCHEDULE,
    data: { ...current, kind: 'head', page, opened_at: runtime.clock.now() },
    schedule_at: new Date(runtime.clock.now() + 86_400_000).toISOString(),
    repeat: { time_unit: 'days', frequency: 1 },
  };
  return runtime.schedules.update(spec).catch(() => runtime.schedules.create(spec));
}

export const claims = (runtime: PlatformRuntime): string[] => Object.keys(runtime.db.dump()).filter((k) => k.startsWith(CLAIM_PREFIX));

/** Time-to-live of each `$db` key, in seconds (null: never expires). */
export function ttls(runtime: PlatformRuntime): Record<string, number | null> {
  const snapshot = runtime.db.snapshot();
  const now = runtime.clock.now();
  return Object.fromEntries(
    Object.entries(snapshot).map(([key, stored]) => [key, stored.expiresAt === null ? null : Math.round((stored.expiresAt - now) / 1000)]),
  );
}
