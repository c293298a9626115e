/**
 * `npm run verify-live`: the vendors, once each, with the developer's real accounts (see README
 * "verify-live"). The token request (Basic, and the documented form body), one Freshdesk contact
 * activity on a dedicated test contact, one CustomerGauge activity with a `verify-…` reference.
 */
import { iparamsWhere } from '../../src/shared/destinations';
import { SANDBOX_IPARAMS } from '../local-app';
import { send, type Answer, type VendorUrl } from './answer';
import type { CheckId } from './documented';
import { customerGaugeActivityRequest, formTokenRequest, freshdeskActivityRequest, tokenRequest, type PlannedRequest } from './plan';
import type { CheckResult } from './report';

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

const NO_TOKEN = '‹token from request 1›';

export async function verifyLive(options: VerifyLiveOptions): Promise<CheckResult[]> {
  refuseSandboxValues(options.iparams);
  const scope = { iparams: options.iparams, now: options.now };
  const results: CheckResult[] = [];
  const run = async (id: CheckId, plan: () => Promise<PlannedRequest>): Promise<Answer | undefined> => {
    let request: PlannedRequest;
    try {
      request = await plan();
    } catch (err) {
      results.push({ id, skipped: (err as { message?: string }).message ?? String(err) });
      return undefined;
    }
    const answer = options.dryRun ? undefined : await send(request, options.vendorUrl);
    results.push({ id, request, ...(answer ? { answer } : {}) });
    return answer;
  };

  const basic = await run('cg_token_basic', () => tokenRequest(scope));
  const form = await run('cg_token_form', () => formTokenRequest(scope));
  await run('freshdesk_activity', () => freshdeskActivityRequest(scope));
  const token = basic?.accessToken ?? form?.accessToken;
  if (token || options.dryRun) await run('cg_activity', () => customerGaugeActivityRequest(scope, token ?? NO_TOKEN));
  else results.push({ id: 'cg_activity', skipped: 'no access token: neither token request got one' });
  return results;
}
