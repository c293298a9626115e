/**
 * The app running locally: the built server/server.js inside the platform runtime, with the
 * sandbox's fake vendor servers standing in for the destinations. Shared by the tests,
 * `npm start`, `npm run simulate` and the benchmarks.
 */
import path from 'node:path';
import { DESCRIPTORS, DESTINATION_LABELS, SECURE_IPARAMS, type DestinationId } from '../src/shared/destinations';
import { KNOWN_EVENT_KINDS } from '../src/shared/iparam-rules';
import { PlatformRuntime, type Clock, type RuntimeOptions } from './runtime';
import {
  namedFakes,
  SANDBOX_VENDORS,
  VENDOR_HOST_PRODUCTS,
  type FakeVendorServer,
  type NamedFakes,
  type SandboxOptions,
} from './fake-vendors';
import { fakeVendorHostOverride } from './fake-vendors/host-override';

export { SANDBOX_CREDENTIALS } from './fake-vendors';

export const APP_DIR = path.resolve(__dirname, '..');

/** The fake vendors by the names the pages and the CLI use for them: the destination ids. */
export const FAKE_VENDOR_NAMES: readonly DestinationId[] = DESCRIPTORS.map((d) => d.id);
export type FakeVendorName = DestinationId;

/** Every destination's sandbox iparams (each fake declares its own) under the default choices. */
export const SANDBOX_IPARAMS: Record<string, unknown> = {
  destinations: [...DESTINATION_LABELS],
  event_kinds: [...KNOWN_EVENT_KINDS],
  ...Object.assign({}, ...FAKE_VENDOR_NAMES.map((id) => SANDBOX_VENDORS[id].iparams)),
};

/**
 * What the runtime gets from the settings of a mode: live mode uses them as they are; sandbox mode
 * takes the sandbox's value wherever a choice is missing or blank, so a first Save that leaves
 * something empty still delivers to both destinations.
 */
export function runtimeIparams(settings: Record<string, unknown>, live: boolean): Record<string, unknown> {
  if (live) return settings;
  const filled = Object.entries(settings).filter(([, value]) => value !== '' && value !== null && value !== undefined);
  return { ...SANDBOX_IPARAMS, ...Object.fromEntries(filled) };
}

export interface LocalAppOptions
  extends Partial<Omit<RuntimeOptions, 'appDir' | 'hostOverride' | 'hostProducts' | 'clock'>>, SandboxOptions {
  clock?: Clock;
  /** Overrides merged over SANDBOX_IPARAMS. */
  iparamOverrides?: Record<string, unknown>;
  /** Talk to the real vendors: no fake is routed to ('live' mode). */
  live?: boolean;
}

export interface LocalApp extends NamedFakes {
  runtime: PlatformRuntime;
  /** Every destination's fake, by destination id: a destination without a fake does not compile. */
  fakes: Record<DestinationId, FakeVendorServer>;
  close(): Promise<void>;
}

/** The iparams that say which vendor accounts the app talks to. */
export const ACCOUNT_IPARAMS: readonly string[] = FAKE_VENDOR_NAMES.flatMap((id) => SANDBOX_VENDORS[id].account);

/** Live mode was asked for with the sandbox's quick-start values: the message names each one and the fix. */
export class SandboxValuesError extends Error {}

/**
 * Throws SandboxValuesError when `settings` (what live mode would use) still hold a sandbox value
 * for a vendor account: those would go to the real vendors (a `sandbox` subdomain, fake keys).
 */
export function refuseSandboxValues(settings: Record<string, unknown>): void {
  const left = ACCOUNT_IPARAMS.filter((name) => SANDBOX_IPARAMS[name] !== undefined && settings[name] === SANDBOX_IPARAMS[name]);
  if (left.length === 0) return;
  throw new SandboxValuesError(
    `Live mode talks to the real ${DESTINATION_LABELS.join(' and ')}, but ${left.join(', ')} still hold${left.length === 1 ? 's' : ''} the sandbox's quick-start value${left.length === 1 ? '' : 's'}. ` +
      'Save your real accounts on the installation page (npm start, then /custom_configs) or in config/iparam_test_data.json, then try again.',
  );
}

/** Sends each vendor's API hosts to its fake at `urls[id]`; any other host is refused. */
export function sandboxHostOverride(urls: Record<DestinationId, string>): (host: string) => string | undefined {
  return fakeVendorHostOverride(FAKE_VENDOR_NAMES.map((id) => ({ hosts: SANDBOX_VENDORS[id].hosts, url: urls[id] })));
}

async function startFakes(start: SandboxOptions & { now: (() => number) | undefined }): Promise<Record<DestinationId, FakeVendorServer>> {
  const started = await Promise.all(FAKE_VENDOR_NAMES.map(async (id) => [id, await SANDBOX_VENDORS[id].start(start)] as const));
  return Object.fromEntries(started) as Record<DestinationId, FakeVendorServer>;
}

export async function startLocalApp(options: LocalAppOptions = {}): Promise<LocalApp> {
  const iparams = options.iparams ?? { ...SANDBOX_IPARAMS, ...options.iparamOverrides };
  if (options.live) refuseSandboxValues(iparams);
  const now = options.clock ? () => options.clock!.now() : undefined;
  const fakes = await startFakes({ ...options, now });
  const urls = Object.fromEntries(FAKE_VENDOR_NAMES.map((id) => [id, fakes[id].url])) as Record<DestinationId, string>;
  const runtime = await PlatformRuntime.load({
    ...options,
    appDir: APP_DIR,
    iparams,
    // The installation page declares these in `__meta.secure` (config/iparams.html has no static list).
    secureIparams: options.secureIparams ?? [...SECURE_IPARAMS],
    hostOverride: options.live ? undefined : sandboxHostOverride(urls),
    hostProducts: VENDOR_HOST_PRODUCTS,
  });
  return {
    runtime,
    ...namedFakes(fakes),
    fakes,
    close: async () => {
      await Promise.all(FAKE_VENDOR_NAMES.map((id) => fakes[id].close()));
    },
  };
}
