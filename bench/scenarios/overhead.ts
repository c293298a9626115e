/**
 * 4. Handler overhead without the network: destinations off (no HTTP), so an invocation is the
 * handler plus its two `$db` calls in the emulator. Cold: a fresh vm context per invocation (the
 * emulator's default, like a cold start: the bundle's module scope runs every time). Warm: one
 * context reused (a warm container). Events are 3 s apart so no quota is hit.
 * The same number of no-op invocations (a token-expiry `onScheduledEvent`, which returns at once)
 * gives the runtime's own floor: context, script start-up when cold, envelope and vm entry.
 */
import { performance } from 'node:perf_hooks';
import { BENCH_START, percentile, round, startBenchApp } from '../harness';

const SPACING_MS = 3_000;
const DISCARDED = 20;
const SAMPLES = { cold: 300, warm: 5000 } as const;
/** A warm context's code keeps getting faster (V8 tiering) for about this many invocations. */
const WARM_JIT_INVOCATIONS = 2000;

export interface Distribution {
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** sequential invocations per second of wall time, one thread */
  perSecond: number;
}

export interface OverheadRun extends Distribution {
  mode: 'cold' | 'warm';
  samples: number;
  discarded: number;
  dbOpsRefused: number;
  /** the no-op invocation, same mode and count */
  noop: Distribution;
  /** warm only: the invocations after the first WARM_JIT_INVOCATIONS, once V8 has settled */
  settled?: Distribution & { from: number; samples: number };
}

function distribution(samples: number[]): Distribution {
  const sum = samples.reduce((a, b) => a + b, 0);
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianMs: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    meanMs: round(sum / sorted.length),
    maxMs: round(sorted[sorted.length - 1]),
    perSecond: Math.round((sorted.length / sum) * 1000),
  };
}

const NOOP_EVENT = { data: { kind: 'token' } };

async function measure(mode: 'cold' | 'warm'): Promise<OverheadRun> {
  const app = await startBenchApp({ destinations: [], warm: mode === 'warm' });
  try {
    const samples: number[] = [];
    const noop: number[] = [];
    const total = DISCARDED + SAMPLES[mode];
    for (let i = 0; i < total; i++) {
      app.clock.set(BENCH_START + i * SPACING_MS);
      const start = performance.now();
      await app.fire(i);
      const ms = performance.now() - start;
      if (i >= DISCARDED) samples.push(ms);
    }
    for (let i = 0; i < total; i++) {
      const start = performance.now();
      await app.runtime.invokeEvent('onScheduledEvent', NOOP_EVENT);
      const ms = performance.now() - start;
      if (i >= DISCARDED) noop.push(ms);
    }
    const early = mode === 'warm' ? samples.slice(0, WARM_JIT_INVOCATIONS - DISCARDED) : samples;
    const late = samples.slice(WARM_JIT_INVOCATIONS - DISCARDED);
    return {
      mode,
      samples: early.length,
      discarded: DISCARDED,
      ...distribution(early),
      dbOpsRefused: app.runtime.stats().dbOpsRefused,
      noop: distribution(noop),
      ...(mode === 'warm' ? { settled: { from: WARM_JIT_INVOCATIONS + 1, samples: late.length, ...distribution(late) } } : {}),
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
