import { readFileSync } from 'node:fs';
import path from 'node:path';

import { resolveCoverageTarget } from '../../simulator/runtime/coverage';
import { BASIC_APP, loadFixture } from './helpers/fixtureRuntime';

interface FileCoverage {
  path: string;
  s: Record<string, number>;
  f: Record<string, number>;
  fnMap: Record<string, { loc: { start: { line: number } } }>;
}

describe('coverage of server.js', () => {
  it('instruments the script so counters land in the given coverage map', async () => {
    const coverage: Record<string, FileCoverage> = {};
    const { runtime } = await loadFixture({ coverage });

    await runtime.invokeServerMethod('echoArgs', { word: 'x' });
    await runtime.invokeServerMethod('echoArgs', { word: 'y' });

    const serverFile = path.join(BASIC_APP, 'server', 'server.js');
    expect(Object.keys(coverage)).toEqual([serverFile]);
    const file = coverage[serverFile];
    // istanbul names object-literal methods "(anonymous_N)", so find them by line
    const lines = readFileSync(serverFile, 'utf8').split('\n');
    const calls = (name: string) => {
      const line = lines.findIndex((text) => text.trimStart().startsWith(`${name}:`)) + 1;
      const id = Object.keys(file.fnMap).find((key) => file.fnMap[key].loc.start.line === line);
      return id === undefined ? undefined : file.f[id];
    };
    expect(calls('echoArgs')).toBe(2); // counters accumulate across fresh contexts
    expect(calls('probeGlobals')).toBe(0);
  });

  it('does not instrument when coverage is false', async () => {
    const { runtime } = await loadFixture({ coverage: false });
    const result = await runtime.invokeServerMethod('probeGlobals', {});
    expect(result.ok).toBe(true);
    expect(Object.keys(result.data as object)).not.toContain('__coverage__');
  });

  describe('auto mode', () => {
    const host = globalThis as { __coverage__?: unknown };
    let saved: unknown;
    beforeEach(() => (saved = host.__coverage__));
    afterEach(() => (saved === undefined ? delete host.__coverage__ : (host.__coverage__ = saved)));

    it("uses the host's __coverage__ object when there is one", () => {
      const existing = {};
      host.__coverage__ = existing;
      expect(resolveCoverageTarget(undefined)).toBe(existing);
    });

    it('creates __coverage__ under jest so jest reports the bundle', () => {
      delete host.__coverage__;
      const target = resolveCoverageTarget(undefined);
      expect(target).toEqual({});
      expect(host.__coverage__).toBe(target);
    });
  });
});
