/** Freshdesk's part of the installation page: the subdomain's form and its connection test. */
import { FRESHDESK_SUBDOMAIN_PATTERN } from '../../shared/destinations/freshdesk';
import type { FieldErrors, IparamValues, TypedSecrets } from '../../shared/iparam-rules';
import { fdkClient, statusOf, unreachable, type ConnectionResult, type DestinationPage } from '../destination-page';

const SUFFIX = '.freshdesk.com';

/**
 * "https://Acme.freshdesk.com/" → "acme": a scheme, one trailing slash and the Freshdesk suffix go;
 * anything else stays as typed (trimmed, lower case), so `evil.com/x` is judged as typed, never cut down.
 */
export function normaliseSubdomain(input: string): string {
  const host = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/$/, '');
  return host.endsWith(SUFFIX) ? host.slice(0, -SUFFIX.length) : host;
}

export const isFreshdeskSubdomain = (value: string): boolean => new RegExp(FRESHDESK_SUBDOMAIN_PATTERN).test(value);

function agentName(response: string): string {
  try {
    const name = (JSON.parse(response) as { contact?: { name?: unknown } }).contact?.name;
    return typeof name === 'string' && name !== '' ? ` as ${name}` : '';
  } catch {
    return '';
  }
}

function failure(host: string, status: number): ConnectionResult {
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
  return unreachable(host, status);
}

export const freshdeskPage: DestinationPage = {
  normalise: { freshdesk_subdomain: normaliseSubdomain },
  errors(values: IparamValues): FieldErrors {
    const subdomain = values.freshdesk_subdomain;
    return subdomain === '' || isFreshdeskSubdomain(subdomain)
      ? {}
      : { freshdesk_subdomain: 'Only a Freshdesk address is accepted: acme or acme.freshdesk.com.' };
  },
  savedAs: { freshdesk_subdomain: (saved) => `Saved as ${saved}: requests go to https://${saved}${SUFFIX}/.` },
  async test(values: IparamValues, secrets: TypedSecrets): Promise<ConnectionResult> {
    const subdomain = values.freshdesk_subdomain;
    const host = `${subdomain}${SUFFIX}`;
    try {
      const client = await fdkClient();
      const answer = await client.request.invokeTemplate('freshdeskVerifyCredentials', {
        context: { subdomain, api_key: secrets.freshdesk_api_key },
      });
      return { ok: true, message: `Connected to ${host}${agentName(answer.response)}.` };
    } catch (err) {
      return failure(host, statusOf(err));
    }
  },
  derive: () => ({}),
};
