/**
 * The app running locally: the built server/server.js inside the platform runtime, with the
 * sandbox Freshdesk and CustomerGauge servers standing in for the vendors. Shared by the tests,
 * `npm start`, `npm run simulate` and the benchmarks.
 */
import path from 'node:path';
import { DESCRIPTORS, DESTINATION_LABELS, SECURE_IPARAMS, type DestinationId } from '../src/shared/destinations';
import { FRESHDESK_CONTACT_MODES } from '../src/shared/destinations/freshdesk';
import { KNOWN_EVENT_KINDS } from '../src/shared/iparam-rules';
import { PlatformRuntime, type Clock, type RuntimeOptions } from './runtime';
import {
  startFakeCustomerGauge,
  startFakeFreshdesk,
  type FakeCustomerGauge,
  type FakeFreshdesk,
  type FakeVendorServer,
} from './fake-vendors';
import { fakeVendorHostOverride } from './fake-vendors/host-override';

export const APP_DIR = path.resolve(__dirname, '..');

/** Credentials the fake vendor servers accept; the CustomerGauge pair is also in `cg_client_credentials`. */
export const SANDBOX_CREDENTIALS = {
  freshdeskApiKey: 'sandbox-freshdesk-api-key',
  cgClientId: 'sandbox-client-id',
  cgClientSecret: 'sandbox-client-secret',
} as const;

/** The one account each fake vendor has: another subdomain finds no account, another region does not know the client. */
export const SANDBOX_ACCOUNTS = { freshdeskSubdomain: 'sandbox', cgRegion: 'eu' } as const;

export const SANDBOX_IPARAMS: Record<string, unknown> = {
  destinations: [...DESTINATION_LABELS],
  event_kinds: [...KNOWN_EVENT_KINDS],
  freshdesk_subdomain: SANDBOX_ACCOUNTS.freshdeskSubdomain,
  freshdesk_api_key: SANDBOX_CREDENTIALS.freshdeskApiKey,
  freshdesk_contact_mode: FRESHDESK_CONTACT_MODES.agent,
  cg_region: SANDBOX_ACCOUNTS.cgRegion,
  cg_client_id: SANDBOX_CREDENTIALS.cgClientId,
  cg_client_secret: SANDBOX_CREDENTIALS.cgClientSecret,
  cg_client_credentials: Buffer.from(`${SANDBOX_CREDENTIALS.cgClientId}:${SANDBOX_CREDENTIALS.cgClientSecret}`).toString('base64'),
  cg_account: 'Acme Support',
  cg_send_contact: false,
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

export interface LocalAppOptions extends Partial<Omit<RuntimeOptions, 'appDir' | 'hostOverride' | 'clock'>> {
  clock?: Clock;
  /** Overrides merged over SANDBOX_IPARAMS. */
  iparamOverrides?: Record<string, unknown>;
  /** Talk to the real vendors: no fake is routed to ('live' mode). */
  live?: boolean;
  freshdeskRatePerMinute?: number;
}

export interface LocalApp {
  runtime: PlatformRuntime;
  freshdesk: FakeFreshdesk;
  customerGauge: FakeCustomerGauge;
  /** Every destination's fake, by destination id: a destination without a fake does not compile. */
  fakes: Record<DestinationId, FakeVendorServer>;
  close(): Promise<void>;
}

/** The fake vendors by the names the pages and the CLI use for them: the destination ids. */
export const FAKE_VENDOR_NAMES: readonly DestinationId[] = DESCRIPTORS.map((d) => d.id);
export type FakeVendorName = DestinationId;

interface FakeStart {
  now: (() => number) | undefined;
  freshdeskRatePerMinute: number | undefined;
}

/** What sandbox mode puts in place of one vendor. */
interface SandboxVendor {
  /** The vendor's API hosts: sandbox mode sends them to this fake (any other host is refused). */
  hosts: RegExp;
  /** The iparams naming the vendor account: in sandbox mode always the fake's (SANDBOX_IPARAMS). */
  account: readonly string[];
  start(start: FakeStart): Promise<FakeVendorServer>;
}

/** Each destination's fake vendor, by destination id: a descriptor without a fake does not compile. */
const FAKES: Record<DestinationId, SandboxVendor> = {
  freshdesk: {
    hosts: /^[a-z0-9-]+\.freshdesk\.com$/,
    account: ['freshdesk_subdomain', 'freshdesk_api_key'],
    start: ({ now, freshdeskRatePerMinute }) =>
      startFakeFreshdesk({
        apiKey: SANDBOX_CREDENTIALS.freshdeskApiKey,
        subdomain: SANDBOX_ACCOUNTS.freshdeskSubdomain,
        now,
        ratePerMinute: freshdeskRatePerMinute,
      }),
  },
  customergauge: {
    hosts: /^(auth|imports\.api)\.(eu|us|au)\.customergauge\.com$/,
    account: ['cg_client_id', 'cg_client_secret', 'cg_client_credentials'],
    start: ({ now }) =>
      startFakeCustomerGauge({
        clientId: SANDBOX_CREDENTIALS.cgClientId,
        clientSecret: SANDBOX_CREDENTIALS.cgClientSecret,
        region: SANDBOX_ACCOUNTS.cgRegion,
        now,
      }),
  },
};

/** The iparams that say which vendor accounts the app talks to. */
export const ACCOUNT_IPARAMS: readonly string[] = FAKE_VENDOR_NAMES.flatMap((id) => FAKES[id].account);

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
  return fakeVendorHostOverride(FAKE_VENDOR_NAMES.map((id) => ({ hosts: FAKES[id].hosts, url: urls[id] })));
}

async function startFakes(start: FakeStart): Promise<Record<DestinationId, FakeVendorServer>> {
  const started = await Promise.all(FAKE_VENDOR_NAMES.map(async (id) => [id, await FAKES[id].start(start)] as const));
  return Object.fromEntries(started) as Record<DestinationId, FakeVendorServer>;
}

export async function startLocalApp(options: LocalAppOptions = {}): Promise<LocalApp> {
  const iparams = options.iparams ?? { ...SANDBOX_IPARAMS, ...options.iparamOverrides };
  if (options.live) refuseSandboxValues(iparams);
  const now = options.clock ? () => options.clock!.now() : undefined;
  const fakes = await startFakes({ now, freshdeskRatePerMinute: options.freshdeskRatePerMinute });
  const urls = Object.fromEntries(FAKE_VENDOR_NAMES.map((id) => [id, fakes[id].url])) as Record<DestinationId, string>;
  const runtime = await PlatformRuntime.load({
    ...options,
    appDir: APP_DIR,
    iparams,
    // The installation page declares these in `__meta.secure` (config/iparams.html has no static list).
    secureIparams: options.secureIparams ?? [...SECURE_IPARAMS],
    hostOverride: options.live ? undefined : sandboxHostOverride(urls),
  });
  return {
    runtime,
    freshdesk: fakes.freshdesk as FakeFreshdesk,
    customerGauge: fakes.customergauge as FakeCustomerGauge,
    fakes,
    close: async () => {
      await Promise.all(FAKE_VENDOR_NAMES.map((id) => fakes[id].close()));
    },
  };
}
