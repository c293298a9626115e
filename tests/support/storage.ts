/**
 * The one place tests know the app's storage layout: `$db` keys (claims `ev:<key>`, history pages
 * `h:<page>`) and schedule names (retry slots `q<minute>-<i>`, write-ahead copies `w<key>`, the
 * history head). Tests read state through these helpers, never by spelling keys themselves.
 */
import type { PlatformRuntime } from '../../simulator/runtime';

export const HEAD_SCHEDULE = 'history-head';
const PAGE_PREFIX = 'h:';
const CLAIM_PREFIX = 'ev:';

const isSlot = (name: string): boolean => /^q[0-9a-z]+-[0-9a-z]+$/.test(name);
const isWriteAhead = (name: string): boolean => /^w[0-9a-z]+$/.test(name);

/** Queued work: retry slots and write-ahead copies. */
export function queuedWork(runtime: PlatformRuntime): Array<{ name: string; at: number; data: any }> {
  return runtime.schedules
    .list()
    .filter((s) => isSlot(s.name) || isWriteAhead(s.name))
    .map((s) => ({ name: s.name, at: Date.parse(s.next_fire_at), data: s.data }));
}

export const slots = (runtime: PlatformRuntime) => queuedWork(runtime).filter((s) => isSlot(s.name));
export const writeAheads = (runtime: PlatformRuntime) => queuedWork(runtime).filter((s) => isWriteAhead(s.name));

/** Seeds a write-ahead copy for event `key`, as a run in progress on another invocation would hold it. */
export async function holdEvent(runtime: PlatformRuntime, key: string): Promise<void> {
  await runtime.schedules.create({
    name: `w${key}`,
    data: { kind: 'lock' },
    schedule_at: new Date(runtime.clock.now() + 10 * 60_000).toISOString(),
  });
}

/** History pages (`{page id: {event key: record}}`), read without spending quota. */
export function historyPages(runtime: PlatformRuntime): Record<string, Record<string, any>> {
  const pages: Record<string, Record<string, any>> = {};
  for (const [key, value] of Object.entries(runtime.db.dump())) {
    if (key.startsWith(PAGE_PREFIX)) pages[key.slice(PAGE_PREFIX.length)] = value as Record<string, any>;
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
  const spec = {
    name: HEAD_SCHEDULE,
    data: { kind: 'head', page, dropped: 0 },
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
