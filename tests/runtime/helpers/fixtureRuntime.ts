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
