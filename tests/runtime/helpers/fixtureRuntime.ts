import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ManualClock, PlatformRuntime, type RuntimeOptions } from '../../../simulator/runtime';

export const BASIC_APP = path.join(__dirname, '..', 'fixtures', 'basic');
export const BASIC_IPARAMS = { subdomain: 'acme', api_key: 'SECRET-KEY-123' };

/** Loads a fixture app on a ManualClock, routing every template host to `baseUrl`. */
export async function loadFixture(
  overrides: Partial<RuntimeOptions> & { baseUrl?: string } = {},
): Promise<{ runtime: PlatformRuntime; clock: ManualClock }> {
  const clock = overrides.clock instanceof ManualClock ? overrides.clock : new ManualClock();
  const { baseUrl, ...rest } = overrides;
  const runtime = await PlatformRuntime.load({
    appDir: BASIC_APP,
    iparams: BASIC_IPARAMS,
    hostOverride: baseUrl ? () => baseUrl : undefined,
    coverage: false, // fixtures must not pollute the bundle's coverage report
    ...rest,
    clock,
  });
  return { runtime, clock };
}

export type FixtureManifest = {
  modules: Record<string, { functions: Record<string, unknown>; events: Record<string, { handler: string }> }>;
};

/** A copy of the basic fixture app with its manifest edited. */
export function fixtureCopy(edit: (manifest: FixtureManifest) => void): string {
  const appDir = mkdtempSync(path.join(os.tmpdir(), 'fdk-fixture-'));
  cpSync(BASIC_APP, appDir, { recursive: true });
  const manifestFile = path.join(appDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as FixtureManifest;
  edit(manifest);
  writeFileSync(manifestFile, JSON.stringify(manifest));
  return appDir;
}
