/**
 * `npm run bench`: the built server/server.js in the local platform runtime, against the fake vendor
 * servers on a manual clock. Measures (never asserts) cost per event, sustained rate, burst
 * drain, sidebar load, a Retry behind a burst, handler overhead and bundle load; prints a table and
 * writes bench/.results/results.json (git-ignored), or the committed bench/results.json with `--update`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  buildRows,
  floorMaxRate,
  formatTable,
  maxRateWithBuckets,
  theoreticalDrainMinutes,
  theoreticalMaxRate,
  writeResults,
  type BenchResults,
} from './report';
import { runBuckets } from './scenarios/buckets';
import { runBundle } from './scenarios/bundle';
import { runBurst } from './scenarios/burst';
import { COST_SETTINGS, runCost } from './scenarios/cost';
import { runEngine } from './scenarios/engine';
import { runOverhead } from './scenarios/overhead';
import { runRetry } from './scenarios/retry';
import { runSidebar } from './scenarios/sidebar';
import { runSustained } from './scenarios/sustained';
import { runToken } from './scenarios/token';

const UPDATE = process.argv.includes('--update');
/** `--only <text>`: only the engine scenarios whose name contains the text, printed as JSON (a quick look while working). */
const ONLY = process.argv.includes('--only') ? (process.argv[process.argv.indexOf('--only') + 1] ?? '') : null;
const RESULTS_FILE = UPDATE ? path.join(__dirname, 'results.json') : path.join(__dirname, '.results', 'results.json');
const SECOND_MS = 1000;
/** Issue 11's bursts; 1,100 goes past the platform's 1,000 one-time schedules, to show what happens then. */
const BURSTS = [
  { events: 120, windowMs: 30 * SECOND_MS },
  { events: 300, windowMs: 60 * SECOND_MS },
  { events: 1000, windowMs: 60 * SECOND_MS },
  { events: 1100, windowMs: 60 * SECOND_MS },
];

const scenarioWallMs: Record<string, number> = {};

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  process.stdout.write(`  ${name}… `);
  const start = performance.now();
  const value = await run();
  scenarioWallMs[name] = Math.round(performance.now() - start);
  process.stdout.write(`${(scenarioWallMs[name] / 1000).toFixed(1)} s\n`);
  return value;
}

async function main(): Promise<void> {
  if (ONLY !== null) {
    console.log(JSON.stringify(await runEngine(step, ONLY), null, 2));
    return;
  }
  const started = performance.now();
  const loadStart = os.loadavg()[0];
  console.log('Benchmark: built server/server.js in the local runtime, fake vendor servers, manual clock');

  // The bundle first: its load time must not profit from compilation or require caches.
  const bundle = await step('bundle load', runBundle);
  const overhead = await step('handler overhead', runOverhead);
  const cost = await step('cost per event', runCost);
  const token = await step('token refresh (6 h)', runToken);
  const buckets = await step('bucket creation', runBuckets);

  const sustained: BenchResults['sustained'] = {};
  for (const [setting, destinations] of Object.entries(COST_SETTINGS).reverse()) {
    const measured = cost.bySetting[setting];
    const theoreticalMax = theoreticalMaxRate(measured);
    const result = await step(`sustained rate, ${setting}`, () => runSustained(destinations, theoreticalMax));
    sustained[setting] = {
      ...result,
      theoreticalMax,
      withBucketsMax: maxRateWithBuckets(measured, buckets.perMinute1.extraDbOpsPerMinute),
      floorMax: floorMaxRate(measured),
      ratio: result.maxEventsPerMinute / theoreticalMax,
    };
  }

  const bursts: BenchResults['bursts'] = [];
  for (const { events, windowMs } of BURSTS) {
    const result = await step(`burst of ${events} in ${windowMs / SECOND_MS} s`, () => runBurst(events, windowMs));
    const theoreticalMinutes = theoreticalDrainMinutes(events, cost.bySetting.both);
    bursts.push({ ...result, theoreticalMinutes, ratio: result.drainMinutes / theoreticalMinutes });
  }
  const sidebar = await step('sidebar load (20 events/min, 2 opens/min, 3 h)', () => runSidebar());
  const retry = await step('single Retry behind a burst', runRetry);
  const engine = await runEngine(step);

  const results: BenchResults = {
    date: new Date().toISOString(),
    environment: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverage: { start: loadStart, end: os.loadavg()[0] },
    },
    wallMs: Math.round(performance.now() - started),
    scenarioWallMs,
    bundle,
    overhead,
    cost,
    token,
    buckets,
    sustained,
    bursts,
    sidebar,
    retry,
    engine,
  };
  const rows = buildRows(results);
  const { environment: env } = results;
  console.log(
    `\n${results.date}  node ${env.node}  ${env.cpus} x ${env.cpuModel}  load ${env.loadAverage.start.toFixed(2)} -> ${env.loadAverage.end.toFixed(2)}` +
      `  server.js ${bundle.sha256.slice(0, 12)}  total ${(results.wallMs / 1000).toFixed(1)} s wall\n`,
  );
  console.log(formatTable(rows));
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeResults(RESULTS_FILE, results, rows);
  console.log(`\nWrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
