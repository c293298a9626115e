/**
 * Installation page callbacks (config/assets/iparams.js, named in config/iparams.json `events`).
 * Each returns an error message for the field, or '' when it is fine. The credential checks
 * call the destinations through request templates, with the values typed on this page.
 */
import { CG_ACCOUNT_MAX, isFreshdeskSubdomain, normaliseSubdomain } from '../shared/iparam-rules';

interface IparamUtils {
  get(field: string): unknown;
  set(field: string, options: { value?: unknown; visible?: boolean; required?: boolean }): void;
}
declare const utils: IparamUtils;

const text = (field: string): string => String(utils.get(field) ?? '').trim();
const destinationOn = (name: string): boolean => ((utils.get('destinations') as string[] | undefined) ?? []).includes(name);

let clientReady: Promise<FdkClient> | null = null;
function fdkClient(): Promise<FdkClient> {
  if (clientReady === null) clientReady = app.initialized();
  return clientReady;
}

/** The template rejected: name the likely cause from the status. */
function explain(product: string, err: unknown, statusMessages: Record<number, string>): string {
  const status = (err as { status?: number }).status ?? 0;
  return statusMessages[status] ?? `${product} could not be reached (HTTP ${status || 'no answer'}). Check the address and try again.`;
}

async function checkFreshdesk(subdomain: string, apiKey: string): Promise<string> {
  try {
    const client = await fdkClient();
    await client.request.invokeTemplate('freshdeskVerifyCredentials', { context: { subdomain, api_key: apiKey } });
    return '';
  } catch (err) {
    return explain('Freshdesk', err, {
      401: 'Freshdesk rejected this API key.',
      403: 'This API key has no access to the Freshdesk API.',
      404: `No Freshdesk account answers at ${subdomain}.freshdesk.com.`,
    });
  }
}

/** Subdomain and API key: normalise the address, then one authenticated call. */
function onFreshdeskChange(): Promise<string> | string {
  const typed = text('freshdesk_subdomain');
  const subdomain = normaliseSubdomain(typed);
  if (subdomain !== typed) utils.set('freshdesk_subdomain', { value: subdomain });
  if (!destinationOn('Freshdesk')) return '';
  if (!isFreshdeskSubdomain(subdomain)) return 'Enter your Freshdesk subdomain: acme for acme.freshdesk.com.';
  const apiKey = text('freshdesk_api_key');
  return apiKey ? checkFreshdesk(subdomain, apiKey) : 'Enter the API key of a Freshdesk agent.';
}

function onContactModeChange(): string {
  const fixed = text('freshdesk_contact_mode').startsWith('One fixed contact');
  utils.set('freshdesk_contact_external_id', { visible: fixed, required: fixed });
  return fixed && !text('freshdesk_contact_external_id') ? 'Enter the unique external ID of the contact.' : '';
}

async function checkCustomerGauge(region: string, credentials: string): Promise<string> {
  try {
    const client = await fdkClient();
    await client.request.invokeTemplate('customerGaugeVerifyCredentials', { context: { region, credentials }, body: 'grant_type=client_credentials' });
    return '';
  } catch (err) {
    return explain('CustomerGauge', err, {
      400: `CustomerGauge (${region}) rejected the client ID or secret.`,
      401: `CustomerGauge (${region}) rejected the client ID or secret.`,
    });
  }
}

/** Region, client id and secret: derive the Basic credentials the token template sends, then fetch a token. */
function onCustomerGaugeChange(): Promise<string> | string {
  const id = text('cg_client_id');
  const secret = text('cg_client_secret');
  if (!id || !secret) return destinationOn('CustomerGauge') ? 'Enter the CustomerGauge OAuth client ID and secret.' : '';
  const credentials = btoa(unescape(encodeURIComponent(`${id}:${secret}`)));
  utils.set('cg_client_credentials', { value: credentials });
  return destinationOn('CustomerGauge') ? checkCustomerGauge(text('cg_region') || 'eu', credentials) : '';
}

function onCustomerGaugeAccountChange(): string {
  const account = text('cg_account');
  if (!destinationOn('CustomerGauge')) return '';
  if (!account) return 'Enter the CustomerGauge account name.';
  return Array.from(account).length > CG_ACCOUNT_MAX ? `At most ${CG_ACCOUNT_MAX} characters.` : '';
}

// FDK calls the callbacks by name: the build declares each export as a top-level function.
export { onFreshdeskChange, onContactModeChange, onCustomerGaugeChange, onCustomerGaugeAccountChange };
