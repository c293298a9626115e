/**
 * Fake vendors: local node:http servers that behave like the endpoints each destination calls,
 * record what they receive, and misbehave on demand. This is their registry: one sandbox entry
 * per destination, by descriptor id (a descriptor without a fake does not compile). Used by
 * tests, the `npm start` simulator and benchmarks.
 */
import type { DestinationId } from '../../src/shared/destinations';
import { CUSTOMERGAUGE_SANDBOX, SANDBOX_CLIENT, type FakeCustomerGauge } from './customergauge';
import { FRESHDESK_SANDBOX, SANDBOX_API_KEY, type FakeFreshdesk, type FreshdeskSandboxOptions } from './freshdesk';
import type { FakeVendorServer, SandboxVendor } from './types';

export {
  FAULT_MODES,
  type FaultMode,
  type ReceivedRequest,
  type FakeVendorServer,
  type SandboxVendor,
  type ScriptedFault,
  type ServerOptions,
} from './types';
export { startFakeFreshdesk, type FakeFreshdesk, type FakeFreshdeskOptions } from './freshdesk';
export {
  startFakeCustomerGauge,
  ACTIVITIES_PATH,
  TOKEN_PATH,
  type FakeCustomerGauge,
  type FakeCustomerGaugeOptions,
} from './customergauge';

/** What sandbox mode's fakes can be asked for beyond the defaults. */
export type SandboxOptions = FreshdeskSandboxOptions;

/** Each destination's sandbox vendor, by destination id. */
export const SANDBOX_VENDORS: Record<DestinationId, SandboxVendor<FakeVendorServer, SandboxOptions>> = {
  freshdesk: FRESHDESK_SANDBOX,
  customergauge: CUSTOMERGAUGE_SANDBOX,
};

/** Credentials the fake vendor servers accept (also in the sandbox's iparams). */
export const SANDBOX_CREDENTIALS = {
  freshdeskApiKey: SANDBOX_API_KEY,
  cgClientId: SANDBOX_CLIENT.id,
  cgClientSecret: SANDBOX_CLIENT.secret,
} as const;

/** The started fakes under the names tests use for them, typed as each vendor's fake. */
export interface NamedFakes {
  freshdesk: FakeFreshdesk;
  customerGauge: FakeCustomerGauge;
}

export function namedFakes(fakes: Record<DestinationId, FakeVendorServer>): NamedFakes {
  return { freshdesk: fakes.freshdesk as FakeFreshdesk, customerGauge: fakes.customergauge as FakeCustomerGauge };
}

/** [module prefix, product] of each vendor that is also a Freshworks product an app can run in. */
export const VENDOR_HOST_PRODUCTS: ReadonlyArray<readonly [string, string]> = Object.values(SANDBOX_VENDORS).flatMap((vendor) =>
  vendor.hostProduct ? [vendor.hostProduct] : [],
);
