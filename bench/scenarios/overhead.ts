/**
 * 4. Handler overhead without the network: destinations off (no HTTP), so an invocation is the
 * handler plus its two `$db` calls in the emulator. Cold: a fresh vm context per invocation (the
 * emulator's default, like a cold start: the bundle's module scope runs every time). Warm: one
 * context reused (a warm container). Events are 3 s apart so no quota is hit.
 */
import { performance } from 'node:perf_hooks';
import { BENCH_START, percentile, round, startBenchApp } from '../harness';

const SPACING_MS = 3_000;
const DISCARDED = 20;
const SAMPLES = { cold: 300, warm: 2000 } as const;

export interface OverheadRun {
  mode: 'cold' | 'warm';
  samples: number;
  discarded: number;
  medianMs: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** sequential invocations per second of wall time, one thread */
  eventsPerSecond: number;
  dbOpsRefused: number;
}

async function measure(mode: 'cold' | 'warm'): Promise<OverheadRun> {
  const app = await startBenchApp({ destinations: [], warm: mode === 'warm' });
  try {
    const samples: number[] = [];
    const total = DISCARDED + SAMPLES[mode];
    for (let i = 0; i < total; i++) {
      app.clock.set(BENCH_START + i * SPACING_MS);
      const start = performance.now();
      await app.fire(i);
      const ms = performance.now() - start;
      if (i >= DISCARDED) samples.push(ms);
    }
    const sum = samples.reduce((a, b) => a + b, 0);
    samples.sort((a, b) => a - b);
    return {
      mode,
      samples: samples.length,
      discarded: DISCARDED,
      medianMs: round(percentile(samples, 50)),
      p99Ms: round(percentile(samples, 99)),
      meanMs: round(sum / samples.length),
      maxMs: round(samples[samples.length - 1]),
      eventsPerSecond: Math.round((samples.length / sum) * 1000),
      dbOpsRefused: app.runtime.stats().dbOpsRefused,
    };
  } finally {
    await app.close();
  }
}

export interface OverheadResult {
  cold: OverheadRun;
  warm: OverheadRun;
}

export async function runOverhead(): Promise<OverheadResult> {
  return { cold: await measure('cold'), warm: await measure('warm') };
}
