/**
 * "Test connection": one authenticated call per destination through a request template, with the
 * values typed on the page, answered in words: which credential is wrong, which region answered.
 */
import { CG_REGIONS, type CgRegion, type FieldName } from '../shared/iparam-rules';

export interface ConnectionResult {
  ok: boolean;
  message: string;
  /** The field the failure is about, when the vendor's answer says which. */
  field?: FieldName;
  /** A definite refusal (bad credential, unknown account): saving these values would only fail later. */
  refused?: boolean;
}

let clientReady: Promise<FdkClient> | undefined;
/** The page's FDK client, initialised once. */
function fdkClient(): Promise<FdkClient> {
  if (!clientReady) clientReady = app.initialized();
  return clientReady;
}

function statusOf(err: unknown): number {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : 0;
}

function agentName(response: string): string {
  try {
    const name = (JSON.parse(response) as { contact?: { name?: unknown } }).contact?.name;
    return typeof name === 'string' && name !== '' ? ` as ${name}` : '';
  } catch {
    return '';
  }
}

function freshdeskFailure(host: string, status: number): ConnectionResult {
  if (status === 401) return { ok: false, refused: true, field: 'freshdesk_api_key', message: `${host} rejected this API key.` };
  if (status === 403)
    return {
      ok: false,
      refused: true,
      field: 'freshdesk_api_key',
      message: `This API key's agent may not use the Freshdesk API at ${host}.`,
    };
  if (status === 404)
    return { ok: false, refused: true, field: 'freshdesk_subdomain', message: `No Freshdesk account answers at ${host}.` };
  return { ok: false, message: `${host} could not be reached (${status ? `HTTP ${status}` : 'no answer'}). Try again later.` };
}

export async function testFreshdesk(subdomain: string, apiKey: string): Promise<ConnectionResult> {
  const host = `${subdomain}.freshdesk.com`;
  try {
    const client = await fdkClient();
    const answer = await client.request.invokeTemplate('freshdeskVerifyCredentials', { context: { subdomain, api_key: apiKey } });
    return { ok: true, message: `Connected to ${host}${agentName(answer.response)}.` };
  } catch (err) {
    return freshdeskFailure(host, statusOf(err));
  }
}

/** Status of a token request in one region: 200, the refusal (400/401), or another failure. */
async function tokenStatus(region: CgRegion, credentials: string): Promise<number> {
  try {
    const client = await fdkClient();
    const answer = await client.request.invokeTemplate('customerGaugeVerifyCredentials', {
      context: { region, credentials },
      body: 'grant_type=client_credentials',
    });
    return answer.status;
  } catch (err) {
    return statusOf(err);
  }
}

const isRefusal = (status: number): boolean => status === 400 || status === 401;

/** Credentials refused in the chosen region: another region that accepts them means the region is wrong. */
async function regionThatAccepts(chosen: CgRegion, credentials: string): Promise<CgRegion | undefined> {
  for (const region of CG_REGIONS.filter((r) => r !== chosen)) {
    if ((await tokenStatus(region, credentials)) === 200) return region;
  }
  return undefined;
}

export async function testCustomerGauge(region: CgRegion, credentials: string): Promise<ConnectionResult> {
  const status = await tokenStatus(region, credentials);
  if (status >= 200 && status < 300) return { ok: true, message: `Connected: CustomerGauge ${region} issued a token for this client.` };
  if (!isRefusal(status))
    return {
      ok: false,
      message: `CustomerGauge ${region} could not be reached (${status ? `HTTP ${status}` : 'no answer'}). Try again later.`,
    };
  const other = await regionThatAccepts(region, credentials);
  if (other)
    return {
      ok: false,
      refused: true,
      field: 'cg_region',
      message: `CustomerGauge ${region} does not know this client; ${other} accepts it. Choose ${other}.`,
    };
  return {
    ok: false,
    refused: true,
    field: 'cg_client_secret',
    message: `CustomerGauge rejected this client ID or secret (tried ${CG_REGIONS.join(', ')}).`,
  };
}
