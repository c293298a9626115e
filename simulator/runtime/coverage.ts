import { createHash } from 'node:crypto';

import { createInstrumenter } from 'istanbul-lib-instrument';

/** istanbul's coverage map: file path -> file coverage. */
export type CoverageMap = Record<string, unknown>;

/** `true`/`false` force it; an object receives the counters; undefined = auto (see below). */
export type CoverageOption = boolean | CoverageMap | undefined;

const COVERAGE_VARIABLE = '__coverage__';

/**
 * Where the bundle's coverage counters should go, or undefined for no instrumentation.
 * Auto mode uses the host's `globalThis.__coverage__`; under jest that object only exists
 * once some instrumented module has loaded, and `collectCoverageFrom` names only
 * server/server.js (which jest never loads itself), so it is created when running in a jest
 * worker. jest copies it into the test result and ignores it when coverage is off.
 */
export function resolveCoverageTarget(option: CoverageOption): CoverageMap | undefined {
  if (option === false) return undefined;
  if (typeof option === 'object' && option !== null) return option;
  const host = globalThis as { [COVERAGE_VARIABLE]?: unknown };
  const existing = host[COVERAGE_VARIABLE];
  if (typeof existing === 'object' && existing !== null) return existing as CoverageMap;
  if (option === true || process.env.JEST_WORKER_ID !== undefined) {
    const created: CoverageMap = {};
    host[COVERAGE_VARIABLE] = created;
    return created;
  }
  return undefined;
}

// Instrumenting a large bundle is slow; runtimes are created per test, the source rarely changes.
const instrumentedCache = new Map<string, string>();

export function instrumentSource(source: string, filename: string): string {
  const cacheKey = `${filename}\0${createHash('sha256').update(source).digest('hex')}`;
  let code = instrumentedCache.get(cacheKey);
  if (code === undefined) {
    const instrumenter = createInstrumenter({ coverageVariable: COVERAGE_VARIABLE, esModules: false, compact: false });
    code = instrumenter.instrumentSync(source, filename);
    instrumentedCache.set(cacheKey, code);
  }
  return code;
}

/** Globals to add to the sandbox so the instrumented script finds its counters. */
export function coverageGlobals(target: CoverageMap | undefined): Record<string, unknown> {
  return target ? { [COVERAGE_VARIABLE]: target } : {};
}
