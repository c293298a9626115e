/**
 * Shared by the benchmark scenarios: the built app in the local runtime against the fake vendor
 * servers on a ManualClock, distinct events, and what the runtime and the fake servers saw.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR, startLocalApp, type LocalApp } from '../simulator/local-app';
import { ManualClock, PLATFORM_QUOTA_LIMIT, type PlatformRuntime, type RuntimeStats } from '../simulator/runtime';

/** A minute boundary, so history buckets (one per minute) line up with the simulated minutes. */
export const BENCH_START = Date.parse('2026-11-23T09:00:00Z');
export const MINUTE_MS = 60_000;
/** 50 per rolling minute: template requests, and `$db` operations. */
export const QUOTA_PER_MINUTE = PLATFORM_QUOTA_LIMIT;

export const BOTH = ['Freshdesk', 'CustomerGauge'] as const;
export type DestinationSetting = ReadonlyArray<'Freshdesk' | 'CustomerGauge'>;

export const DELIVERY_TEMPLATES = new Set(['freshdeskCreateContactActivity', 'customerGaugeUpsertActivity']);
export const TOKEN_TEMPLATE = 'customerGaugeToken';

export interface BenchApp extends LocalApp {
  clock: ManualClock;
  /** How many lines the app logged at warn and error level (nothing is printed). */
  logCounts: { warn: number; error: number };
  /** Fires distinct event number `i`; due schedules fire first, as the platform would have. */
  fire(i: number): Promise<void>;
  /** Moves the clock to `at` (never backwards) and fires what is due. */
  moveTo(at: number): Promise<void>;
}

export interface BenchAppOptions {
  destinations: DestinationSetting;
  /** Keep one sandbox context (a warm container). Costs are the same; wall time is much lower. */
  warm: boolean;
}

export async function startBenchApp(options: BenchAppOptions): Promise<BenchApp> {
  const clock = new ManualClock(BENCH_START);
  const logCounts = { warn: 0, error: 0 };
  const local = await startLocalApp({
    clock,
    coverage: false,
    log: (level) => {
      if (level === 'warn' || level === 'error') logCounts[level]++;
    },
    warm: options.warm,
    iparamOverrides: { destinations: [...options.destinations] },
  });
  const moveTo = async (at: number) => {
    clock.set(Math.max(clock.now(), at));
    await local.runtime.fireDueSchedules();
  };
  const fire = async (i: number) => {
    await local.runtime.fireDueSchedules();
    const result = await local.runtime.invokeEvent('onAgentActivityCreate', distinctEvent(i));
    if (!result.ok) throw new Error(`onAgentActivityCreate failed: ${JSON.stringify(result.error)}`);
  };
  return { ...local, clock, logCounts, fire, moveTo };
}

const BASE_EVENT = JSON.parse(
  fs.readFileSync(path.join(APP_DIR, 'test_data', 'onAgentActivityCreate.intelliassign.json'), 'utf8'),
) as EventPayload;
const BASE_CHANGED_AT = Date.parse('2026-11-23T08:00:00Z');

interface EventPayload {
  data: { actor: Record<string, unknown>; agent_activity: Record<string, unknown> };
  [key: string]: unknown;
}

/** The agent id of distinct event `i`. */
export const agentId = (i: number): string => `bench-agent-${i}`;

/** Event `i`: another agent changing status (its own dedup key), a second after agent `i - 1`. */
export function distinctEvent(i: number): Record<string, unknown> {
  const payload = JSON.parse(JSON.stringify(BASE_EVENT)) as EventPayload;
  const email = `agent${i}@example.com`;
  Object.assign(payload.data.agent_activity, {
    org_agent_id: agentId(i),
    email,
    status_change_timestamp: new Date(BASE_CHANGED_AT + i * 1000).toISOString(),
  });
  payload.data.actor.email = email;
  return payload;
}

export type StatsDelta = RuntimeStats;

export function statsDelta(before: RuntimeStats, after: RuntimeStats): StatsDelta {
  const delta = { ...after };
  for (const key of Object.keys(delta) as Array<keyof RuntimeStats>) delta[key] = after[key] - before[key];
  return delta;
}

/** The engine's schedules: write-ahead copies (`w<key>`, backups `b<key>`), drain locks (`s<page>`) and their deferred recoveries (`v<page>`), drain wake-ups (`k<n>`). */
export const isQueueSchedule = (name: string): boolean => /^[wbsvk]/.test(name);

/** Work still to do: events held in write-ahead copies, and pushes stored waiting in the history (the outbox). */
export function backlog(runtime: PlatformRuntime): number {
  const copies = runtime.schedules.list().filter((s) => /^w/.test(s.name)).length;
  const waiting = historyRecords(runtime)
    .flatMap((r) => Object.values(r.pushes ?? {}))
    .filter((p) => p?.outcome === 'retrying').length;
  return copies + waiting;
}

/** Events the app counted as dropped: the count in the engine's head (the data of its recurring schedule). */
export function droppedCount(runtime: PlatformRuntime): number {
  const head = runtime.schedules.list().find((s) => s.name === 'history-head')?.data as { dropped?: number } | undefined;
  return head?.dropped ?? 0;
}

/** One-time schedules alive now (the platform allows 1,000). */
export const liveOneTime = (runtime: PlatformRuntime): number => runtime.schedules.list().filter((s) => !s.repeat).length;

export function requestsByTemplate(runtime: PlatformRuntime, from = 0): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const trace of runtime.requests.slice(from)) counts[trace.template] = (counts[trace.template] ?? 0) + 1;
  return counts;
}

interface PushLike {
  outcome?: string;
}
export interface RecordLike {
  key?: string;
  change?: { agent?: { id?: string | null } } | null;
  pushes?: Record<string, PushLike | undefined>;
}

/** History records read straight from the `$db` pages (`h:<page>`), without spending quota. */
export function historyRecords(runtime: PlatformRuntime): RecordLike[] {
  const records: RecordLike[] = [];
  for (const [key, value] of Object.entries(runtime.db.dump())) {
    if (!key.startsWith('h:')) continue;
    for (const item of Object.values(value as Record<string, unknown>)) {
      if (typeof item === 'object' && item !== null && 'pushes' in item) records.push(item as RecordLike);
    }
  }
  return records;
}

export interface DestinationCount {
  /** distinct events that reached the destination */
  distinct: number;
  /** copies beyond the first (Freshdesk: extra activities; CustomerGauge: extra writes of one reference) */
  extra: number;
}

export function freshdeskCount(app: LocalApp): DestinationCount {
  const byKey = new Map<string, number>();
  for (const body of app.freshdesk.activities as Array<{ activity: { object: { id: string } } }>) {
    const id = body.activity.object.id;
    byKey.set(id, (byKey.get(id) ?? 0) + 1);
  }
  return { distinct: byKey.size, extra: [...byKey.values()].reduce((sum, n) => sum + n - 1, 0) };
}

export function customerGaugeCount(app: LocalApp): DestinationCount {
  const entries = [...app.customerGauge.activitiesByReference.values()];
  return { distinct: entries.length, extra: entries.reduce((sum, e) => sum + e.writes - 1, 0) };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export const round = (value: number, digits = 3): number => Number(value.toFixed(digits));
