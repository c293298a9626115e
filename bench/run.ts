/**
 * `npm run bench`: the built server/server.js in the local platform runtime, against the sandbox
 * destinations on a manual clock. Measures (never asserts) cost per event, sustained rate, burst
 * drain, handler overhead and bundle load; prints a table and writes bench/results.json.
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildRows, floorMaxRate, formatTable, maxRateWithBuckets, theoreticalDrainMinutes, theoreticalMaxRate, writeResults, type BenchResults } from './report';
import { runBuckets } from './scenarios/buckets';
import { runBundle } from './scenarios/bundle';
import { runBurst } from './scenarios/burst';
import { COST_SETTINGS, runCost } from './scenarios/cost';
import { runOverhead } from './scenarios/overhead';
import { runSustained } from './scenarios/sustained';
import { runToken } from './scenarios/token';

const RESULTS_FILE = path.join(__dirname, 'results.json');
/** 1,100 goes past the platform's 1,000 one-time schedules, to show what happens then. */
const BURST_SIZES = [200, 1000, 1100];

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
  const started = performance.now();
  const loadStart = os.loadavg()[0];
  console.log('Benchmark: built server/server.js in the local runtime, sandbox destinations, manual clock');

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
  for (const size of BURST_SIZES) {
    const result = await step(`burst of ${size}`, () => runBurst(size));
    const theoreticalMinutes = theoreticalDrainMinutes(size, cost.bySetting.both);
    bursts.push({ ...result, theoreticalMinutes, ratio: result.drainMinutes / theoreticalMinutes });
  }

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
  };
  const rows = buildRows(results);
  const { environment: env } = results;
  console.log(
    `\n${results.date}  node ${env.node}  ${env.cpus} x ${env.cpuModel}  load ${env.loadAverage.start.toFixed(2)} -> ${env.loadAverage.end.toFixed(2)}` +
      `  server.js ${bundle.sha256.slice(0, 12)}  total ${(results.wallMs / 1000).toFixed(1)} s wall\n`,
  );
  console.log(formatTable(rows));
  writeResults(RESULTS_FILE, results, rows);
  console.log(`\nWrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
