/**
 * 6. Sidebar load: 20 events a minute for 3 hours (both destinations) while the sidebar is opened
 * twice a minute (what it calls at start: listActivities + countActivities). Reports what each open
 * cost in `$db` operations and whether anything was lost, duplicated or missing from the history.
 */
import { performance } from 'node:perf_hooks';
import {
  agentId,
  BENCH_START,
  BOTH,
  customerGaugeCount,
  freshdeskCount,
  historyRecords,
  MINUTE_MS,
  round,
  startBenchApp,
} from '../harness';

const EVENTS_PER_MINUTE = 20;
const OPENS_PER_MINUTE = 2;
const HOURS = 3;

export interface SidebarResult {
  eventsPerMinute: number;
  opensPerMinute: number;
  minutes: number;
  events: number;
  opens: number;
  /** `$db` operations one open cost (list + count) */
  dbOpsPerOpen: { max: number; mean: number };
  /** opens answered with fewer pages because deliveries were queued (their notice says so) */
  reducedOpens: number;
  failedOpens: number;
  lost: number;
  duplicated: number;
  missingFromHistory: number;
  wallMs: number;
}

export async function runSidebar(hours = HOURS): Promise<SidebarResult> {
  const wallStart = performance.now();
  const app = await startBenchApp({ destinations: BOTH, warm: true });
  try {
    await app.moveTo(BENCH_START);
    await app.fire(0);
    const start = BENCH_START + MINUTE_MS;
    const minutes = hours * 60;
    const costs: number[] = [];
    let reduced = 0;
    let failed = 0;
    let next = 1;
    const open = async () => {
      const before = app.runtime.stats().dbOps;
      const [list, count] = await Promise.all([
        app.runtime.invokeServerMethod('listActivities', { page: { size: 25 } }),
        app.runtime.invokeServerMethod('countActivities'),
      ]);
      costs.push(app.runtime.stats().dbOps - before);
      if (!list.ok || !count.ok) failed++;
      else if ((list.data as { meta: { notice: string | null } }).meta.notice) reduced++;
    };
    for (let minute = 0; minute < minutes; minute++) {
      const minuteStart = start + minute * MINUTE_MS;
      for (let k = 0; k < EVENTS_PER_MINUTE; k++) {
        await app.moveTo(minuteStart + Math.round((k * MINUTE_MS) / EVENTS_PER_MINUTE));
        await app.fire(next++);
        if (k % (EVENTS_PER_MINUTE / OPENS_PER_MINUTE) === 5) await open();
      }
    }
    await app.moveTo(start + minutes * MINUTE_MS);
    await app.runtime.runUntilIdle();
    const events = next - 1;
    const fd = freshdeskCount(app);
    const cg = customerGaugeCount(app);
    const inHistory = historyRecords(app.runtime).filter((r) => r.change?.agent?.id !== agentId(0)).length;
    return {
      eventsPerMinute: EVENTS_PER_MINUTE,
      opensPerMinute: OPENS_PER_MINUTE,
      minutes,
      events,
      opens: costs.length,
      dbOpsPerOpen: { max: Math.max(...costs), mean: round(costs.reduce((a, b) => a + b, 0) / costs.length, 2) },
      reducedOpens: reduced,
      failedOpens: failed,
      // The warm-up event reached both sandboxes too.
      lost: events + 1 - Math.min(fd.distinct, cg.distinct),
      duplicated: fd.extra,
      missingFromHistory: events - inHistory,
      wallMs: Math.round(performance.now() - wallStart),
    };
  } finally {
    await app.close();
  }
}
