/**
 * `npm run verify-live`: the vendors, once each, with the developer's real accounts (README
 * "verify-live"): each destination's live checks (./registry.ts), in the descriptors' order.
 */
import { DESCRIPTORS } from '../../src/shared/destinations';
import { refuseSandboxValues } from '../local-app';
import { send, type VendorUrl } from './answer';
import { liveContext, type CheckResult } from './context';
import { LIVE_CHECKS } from './registry';

export { SandboxValuesError } from '../local-app';

export interface VerifyLiveOptions {
  iparams: Record<string, unknown>;
  dryRun: boolean;
  now: number;
  /** tests only: sends each vendor host to a local fake instead of the vendor */
  vendorUrl?: VendorUrl;
}

export async function verifyLive(options: VerifyLiveOptions): Promise<CheckResult[]> {
  refuseSandboxValues(options.iparams);
  const results: CheckResult[] = [];
  const live = liveContext(options, (request) => send(request, options.vendorUrl), results);
  for (const descriptor of DESCRIPTORS) await LIVE_CHECKS[descriptor.id](live);
  return results;
}
