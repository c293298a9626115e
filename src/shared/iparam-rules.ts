/**
 * Installation-parameter rules shared by the server's schemas, the installation page
 * (config/iparams.html) and the local simulator: names, allowed values, defaults, and the
 * check the page runs on Save. What belongs to a destination (its iparams, secure flags, choices)
 * comes from its descriptor (./destinations).
 */
import { DESTINATION_LABELS } from './destinations';
import { CUSTOMERGAUGE_REGIONS, customerGauge } from './destinations/customergauge';
import { FRESHDESK_CONTACT_MODES, freshdesk } from './destinations/freshdesk';

export { SECURE_IPARAMS } from './destinations';

/** The descriptor's limit of iparam `name`. */
function maxLengthOf(iparams: ReadonlyArray<{ name: string; maxLength?: number }>, name: string): number {
  const limit = iparams.find((p) => p.name === name)?.maxLength;
  if (limit === undefined) throw new Error(`${name} has no maxLength in its descriptor`);
  return limit;
}

/** A bare Freshdesk subdomain: requests can never be aimed at a host outside *.freshdesk.com. */
export const FRESHDESK_SUBDOMAIN_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$';

/** "https://Acme.freshdesk.com/" → "acme"; anything that is not a Freshdesk address is returned as typed (trimmed, lower case). */
export function normaliseSubdomain(input: string): string {
  const host = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
  return host.endsWith('.freshdesk.com') ? host.slice(0, -'.freshdesk.com'.length) : host;
}

export function isFreshdeskSubdomain(value: string): boolean {
  return new RegExp(FRESHDESK_SUBDOMAIN_PATTERN).test(value);
}

export const CG_ACCOUNT_MAX = maxLengthOf(customerGauge.iparams, 'cg_account');
export const EXTERNAL_ID_MAX = maxLengthOf(freshdesk.iparams, 'freshdesk_contact_external_id');
/** The only regions a CustomerGauge host is built from: a crafted value never reaches a template. */
export const CG_REGIONS = CUSTOMERGAUGE_REGIONS;
export type CgRegion = (typeof CG_REGIONS)[number];

export function isCgRegion(value: unknown): value is CgRegion {
  return (CG_REGIONS as readonly unknown[]).includes(value);
}

const DESTINATIONS = DESTINATION_LABELS;
/** The kinds Freshchat sends today. */
export const KNOWN_EVENT_KINDS = ['GeneralAvailability', 'Intelliassign'] as const;
/** `event_kinds` option for kinds Freshchat adds after this app was written (the server forwards them as they come). */
export const LATER_KINDS_OPTION = 'Kinds added later';
const EVENT_KINDS = [...KNOWN_EVENT_KINDS, LATER_KINDS_OPTION] as const;
export const CONTACT_MODE_AGENT = FRESHDESK_CONTACT_MODES.agent;
export const CONTACT_MODE_FIXED = FRESHDESK_CONTACT_MODES.fixed;
const CONTACT_MODES = [CONTACT_MODE_AGENT, CONTACT_MODE_FIXED] as const;

/** The non-secure values, as the page posts them and `getConfigs` gets them back. */
export interface IparamValues {
  destinations: string[];
  event_kinds: string[];
  freshdesk_subdomain: string;
  freshdesk_contact_mode: string;
  freshdesk_contact_external_id: string;
  cg_region: string;
  cg_client_id: string;
  cg_account: string;
  cg_send_contact: boolean;
}

/** Secrets as typed on the page; '' means "not typed" (keep the saved one, if any). */
export interface TypedSecrets {
  freshdesk_api_key: string;
  cg_client_secret: string;
}

export const IPARAM_DEFAULTS: Readonly<IparamValues> = {
  destinations: [...DESTINATIONS],
  event_kinds: [...EVENT_KINDS],
  freshdesk_subdomain: '',
  freshdesk_contact_mode: CONTACT_MODE_AGENT,
  freshdesk_contact_external_id: '',
  cg_region: 'eu',
  cg_client_id: '',
  cg_account: '',
  cg_send_contact: false,
};

/**
 * Which secrets are already stored. The page never sees them (secure values are not returned to
 * `getConfigs`); it infers them from the saved non-secure values: a destination that was on when
 * the settings were saved had its secrets required, hence stored.
 */
export interface StoredSecrets {
  freshdeskApiKey: boolean;
  /** The client ID the stored `cg_client_credentials` were derived from, or undefined when none are stored. */
  cgClientId: string | undefined;
}

export const NOTHING_STORED: StoredSecrets = { freshdeskApiKey: false, cgClientId: undefined };

export function storedSecretsOf(saved: Partial<IparamValues>): StoredSecrets {
  const on = Array.isArray(saved.destinations) ? saved.destinations : [];
  return {
    freshdeskApiKey: on.includes(freshdesk.label),
    cgClientId: on.includes(customerGauge.label) && typeof saved.cg_client_id === 'string' ? saved.cg_client_id : undefined,
  };
}

export type FieldName = keyof IparamValues | keyof TypedSecrets;
export type FieldErrors = Partial<Record<FieldName, string>>;

/** Every problem of the form, each under the field it is about; fields of a switched-off destination are not checked. */
export function settingsErrors(values: IparamValues, secrets: TypedSecrets, stored: StoredSecrets): FieldErrors {
  return {
    ...choiceErrors(values),
    ...(values.destinations.includes(freshdesk.label) ? freshdeskErrors(values, secrets, stored) : {}),
    ...(values.destinations.includes(customerGauge.label) ? customerGaugeErrors(values, secrets, stored) : {}),
  };
}

function choiceErrors(values: IparamValues): FieldErrors {
  const errors: FieldErrors = {};
  if (values.destinations.length === 0 || !values.destinations.every((d) => (DESTINATIONS as readonly string[]).includes(d))) {
    errors.destinations = 'Choose at least one destination.';
  }
  if (values.event_kinds.length === 0 || !values.event_kinds.every((k) => (EVENT_KINDS as readonly string[]).includes(k))) {
    errors.event_kinds = 'Choose at least one kind of change to forward.';
  }
  return errors;
}

function subdomainError(subdomain: string): string | undefined {
  if (subdomain === '') return 'Enter your Freshdesk subdomain: acme for acme.freshdesk.com.';
  return isFreshdeskSubdomain(subdomain) ? undefined : 'Only a Freshdesk address is accepted: acme or acme.freshdesk.com.';
}

function contactErrors(values: IparamValues): FieldErrors {
  if (!(CONTACT_MODES as readonly string[]).includes(values.freshdesk_contact_mode))
    return { freshdesk_contact_mode: 'Choose whose timeline gets the activity.' };
  if (values.freshdesk_contact_mode !== CONTACT_MODE_FIXED) return {};
  const id = values.freshdesk_contact_external_id.trim();
  if (id === '') return { freshdesk_contact_external_id: 'Enter the unique external ID of the contact.' };
  return Array.from(id).length > EXTERNAL_ID_MAX ? { freshdesk_contact_external_id: `At most ${EXTERNAL_ID_MAX} characters.` } : {};
}

function freshdeskErrors(values: IparamValues, secrets: TypedSecrets, stored: StoredSecrets): FieldErrors {
  const errors: FieldErrors = { ...contactErrors(values) };
  const subdomain = subdomainError(values.freshdesk_subdomain);
  if (subdomain) errors.freshdesk_subdomain = subdomain;
  if (secrets.freshdesk_api_key.trim() === '' && !stored.freshdeskApiKey)
    errors.freshdesk_api_key = 'Enter the API key of a Freshdesk agent.';
  return errors;
}

/** The secret is needed when nothing is stored, or when the client ID changed (the stored credentials belong to the old one). */
function secretError(values: IparamValues, secrets: TypedSecrets, stored: StoredSecrets): string | undefined {
  if (secrets.cg_client_secret !== '') return undefined;
  if (stored.cgClientId === undefined) return 'Enter the CustomerGauge OAuth client secret.';
  if (stored.cgClientId === values.cg_client_id.trim()) return undefined;
  return `Enter the client secret again: the saved one belongs to client ID ${stored.cgClientId}.`;
}

function accountError(account: string): string | undefined {
  if (account.trim() === '') return 'Enter the CustomerGauge account name.';
  return Array.from(account.trim()).length > CG_ACCOUNT_MAX ? `At most ${CG_ACCOUNT_MAX} characters.` : undefined;
}

function customerGaugeErrors(values: IparamValues, secrets: TypedSecrets, stored: StoredSecrets): FieldErrors {
  const errors: FieldErrors = {};
  if (!isCgRegion(values.cg_region)) errors.cg_region = `Choose one of ${CG_REGIONS.join(', ')}.`;
  if (values.cg_client_id.trim() === '') errors.cg_client_id = 'Enter the CustomerGauge OAuth client ID.';
  const secret = secretError(values, secrets, stored);
  if (secret) errors.cg_client_secret = secret;
  const account = accountError(values.cg_account);
  if (account) errors.cg_account = account;
  return errors;
}
