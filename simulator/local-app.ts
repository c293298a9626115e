/**
 * The app running locally: the built server/server.js inside the platform runtime, with the
 * sandbox Freshdesk and CustomerGauge servers standing in for the vendors. Shared by the tests,
 * `npm start`, `npm run simulate` and the benchmarks.
 */
import path from 'node:path';
import { DESCRIPTORS, DESTINATION_LABELS, SECURE_IPARAMS, type DestinationId } from '../src/shared/destinations';
import { FRESHDESK_CONTACT_MODES } from '../src/shared/destinations/freshdesk';
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
  event_kinds: ['GeneralAvailability', 'Intelliassign'],
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

/** Each destination's fake vendor server, by destination id: a descriptor without a fake does not compile. */
const FAKES: Record<DestinationId, (start: FakeStart) => Promise<FakeVendorServer>> = {
  freshdesk: ({ now, freshdeskRatePerMinute }) =>
    startFakeFreshdesk({
      apiKey: SANDBOX_CREDENTIALS.freshdeskApiKey,
      subdomain: SANDBOX_ACCOUNTS.freshdeskSubdomain,
      now,
      ratePerMinute: freshdeskRatePerMinute,
    }),
  customergauge: ({ now }) =>
    startFakeCustomerGauge({
      clientId: SANDBOX_CREDENTIALS.cgClientId,
      clientSecret: SANDBOX_CREDENTIALS.cgClientSecret,
      region: SANDBOX_ACCOUNTS.cgRegion,
      now,
    }),
};

async function startFakes(start: FakeStart): Promise<Record<DestinationId, FakeVendorServer>> {
  const started = await Promise.all(FAKE_VENDOR_NAMES.map(async (id) => [id, await FAKES[id](start)] as const));
  return Object.fromEntries(started) as Record<DestinationId, FakeVendorServer>;
}

export async function startLocalApp(options: LocalAppOptions = {}): Promise<LocalApp> {
  const now = options.clock ? () => options.clock!.now() : undefined;
  const fakes = await startFakes({ now, freshdeskRatePerMinute: options.freshdeskRatePerMinute });
  const urls = Object.fromEntries(FAKE_VENDOR_NAMES.map((id) => [id, fakes[id].url])) as Record<DestinationId, string>;
  const runtime = await PlatformRuntime.load({
    ...options,
    appDir: APP_DIR,
    iparams: options.iparams ?? { ...SANDBOX_IPARAMS, ...options.iparamOverrides },
    // The installation page declares these in `__meta.secure` (config/iparams.html has no static list).
    secureIparams: options.secureIparams ?? [...SECURE_IPARAMS],
    hostOverride: options.live ? undefined : fakeVendorHostOverride(urls),
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
