/**
 * `npm run verify-live`: the vendors, once each, with the developer's real accounts (README
 * "verify-live"): each destination's live checks (./registry.ts), in the descriptors' order.
 */
import { DESCRIPTORS, iparamsWhere } from '../../src/shared/destinations';
import { SANDBOX_IPARAMS } from '../local-app';
import { send, type VendorUrl } from './answer';
import { liveContext, type CheckResult } from './context';
import { LIVE_CHECKS } from './registry';

export interface VerifyLiveOptions {
  iparams: Record<string, unknown>;
  dryRun: boolean;
  now: number;
  /** tests only: sends each vendor host to a local fake instead of the vendor */
  vendorUrl?: VendorUrl;
}

/** The saved values hold a sandbox account: verify-live is for real accounts. */
export class SandboxValuesError extends Error {}

const ACCOUNT_FIELDS = iparamsWhere((iparam) => iparam.account === true);

export function refuseSandboxValues(iparams: Record<string, unknown>): void {
  const sandbox = ACCOUNT_FIELDS.filter((name) => iparams[name] !== undefined && iparams[name] === SANDBOX_IPARAMS[name]);
  if (sandbox.length > 0) {
    throw new SandboxValuesError(
      `the saved iparams hold the sandbox's ${sandbox.join(', ')}: verify-live calls the real vendors. Save your real accounts first (npm start -- --live, then /custom_configs).`,
    );
  }
}

export async function verifyLive(options: VerifyLiveOptions): Promise<CheckResult[]> {
  refuseSandboxValues(options.iparams);
  const results: CheckResult[] = [];
  const live = liveContext(options, (request) => send(request, options.vendorUrl), results);
  for (const descriptor of DESCRIPTORS) await LIVE_CHECKS[descriptor.id](live);
  return results;
}
