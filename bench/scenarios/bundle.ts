/**
 * 5. Bundle: size of the built server/server.js (raw and gzip) and what loading it costs in the
 * runtime: PlatformRuntime.load (manifest, templates, compiling the script) plus the first
 * invocation in a fresh context (module scope, `require` of the manifest dependencies, schemas).
 * Run first in the process so neither V8's compilation cache nor `require`'s cache is warm.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { needsBuild } from '../../simulator/cli/build';
import { APP_DIR, SANDBOX_IPARAMS } from '../../simulator/local-app';
import { ManualClock, PlatformRuntime } from '../../simulator/runtime';
import { BENCH_START, distinctEvent, round } from '../harness';

export interface BundleResult {
  file: string;
  bytes: number;
  gzipBytes: number;
  sha256: string;
  /** the build is not from the current src/ (see simulator/cli/build.ts) */
  staleBuild: boolean;
  /** TypeScript under src/server and src/shared, for scale */
  sourceBytes: number;
  loadMs: number;
  firstInvocationMs: number;
  /** load + first invocation */
  coldStartMs: number;
  /** a second invocation in another fresh context: what every cold invocation pays */
  secondInvocationMs: number;
}

function treeBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? treeBytes(full) : fs.statSync(full).size;
  }
  return total;
}

export async function runBundle(): Promise<BundleResult> {
  const file = path.join(APP_DIR, 'server', 'server.js');
  const source = fs.readFileSync(file);
  const clock = new ManualClock(BENCH_START);
  const iparams = { ...SANDBOX_IPARAMS, destinations: [] };

  const loadStart = performance.now();
  const runtime = await PlatformRuntime.load({ appDir: APP_DIR, iparams, clock, coverage: false, log: () => {} });
  const loadMs = performance.now() - loadStart;
  const invoke = async (i: number) => {
    const start = performance.now();
    const result = await runtime.invokeEvent('onAgentActivityCreate', distinctEvent(i));
    if (!result.ok) throw new Error(`onAgentActivityCreate failed: ${JSON.stringify(result.error)}`);
    return performance.now() - start;
  };
  const firstInvocationMs = await invoke(0);
  clock.advance(3_000);
  const secondInvocationMs = await invoke(1);

  return {
    file: path.relative(APP_DIR, file),
    bytes: source.length,
    gzipBytes: zlib.gzipSync(source).length,
    sha256: createHash('sha256').update(source).digest('hex'),
    staleBuild: needsBuild(APP_DIR) !== null,
    sourceBytes: treeBytes(path.join(APP_DIR, 'src', 'server')) + treeBytes(path.join(APP_DIR, 'src', 'shared')),
    loadMs: round(loadMs, 2),
    firstInvocationMs: round(firstInvocationMs, 2),
    coldStartMs: round(loadMs + firstInvocationMs, 2),
    secondInvocationMs: round(secondInvocationMs, 2),
  };
}
