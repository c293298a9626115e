/** CustomerGauge's part of the installation page: the derived credential and a token request per region. */
import { CUSTOMERGAUGE_REGIONS } from '../../shared/destinations/customergauge';
import type { IparamValues, TypedSecrets } from '../../shared/iparam-rules';
import { fdkClient, statusOf, unreachable, type ConnectionResult, type DestinationPage } from '../destination-page';

type Region = (typeof CUSTOMERGAUGE_REGIONS)[number];

/**
 * `Authorization: Basic` value of an OAuth client (RFC 6749 §2.3.1): base64 of the UTF-8 `id:secret`,
 * built here only (the server never sees the secret).
 */
export function basicCredentials(clientId: string, clientSecret: string): string {
  const bytes = new TextEncoder().encode(`${clientId}:${clientSecret}`);
  return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
}

/** Status of a token request in one region: 200, the refusal (400/401), or another failure. */
async function tokenStatus(region: Region, credentials: string): Promise<number> {
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
async function regionThatAccepts(chosen: Region, credentials: string): Promise<Region | undefined> {
  for (const region of CUSTOMERGAUGE_REGIONS.filter((r) => r !== chosen)) {
    if ((await tokenStatus(region, credentials)) === 200) return region;
  }
  return undefined;
}

const credentialsOf = (values: IparamValues, secrets: TypedSecrets): string =>
  basicCredentials(values.cg_client_id, secrets.cg_client_secret);

export const customerGaugePage: DestinationPage = {
  errors: () => ({}),
  async test(values: IparamValues, secrets: TypedSecrets): Promise<ConnectionResult> {
    // The descriptor's options were checked before a test runs.
    const region = values.cg_region as Region;
    const credentials = credentialsOf(values, secrets);
    const status = await tokenStatus(region, credentials);
    if (status >= 200 && status < 300) return { ok: true, message: `Connected: CustomerGauge ${region} issued a token for this client.` };
    if (!isRefusal(status)) return unreachable(`CustomerGauge ${region}`, status);
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
      message: `CustomerGauge rejected this client ID or secret (tried ${CUSTOMERGAUGE_REGIONS.join(', ')}).`,
    };
  },
  derive: (values, secrets) => ({ cg_client_credentials: credentialsOf(values, secrets) }),
};
