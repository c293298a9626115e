/**
 * The custom installation page (config/iparams.html, built to config/assets/iparams.js). The
 * platform calls the three exported functions, which the build leaves as top-level function
 * declarations: getConfigs on "Edit settings", validate before saving, postConfigs to get what
 * it stores. Secrets go out only through postConfigs, listed in `__meta.secure`, so the platform
 * stores them securely; they never come back to this page.
 */
import {
  IPARAM_DEFAULTS,
  isCgRegion,
  isFreshdeskSubdomain,
  normaliseSubdomain,
  NOTHING_STORED,
  SECURE_IPARAMS,
  settingsErrors,
  storedSecretsOf,
  CONTACT_MODE_FIXED,
  type FieldErrors,
  type FieldName,
  type IparamValues,
  type StoredSecrets,
} from '../shared/iparam-rules';
import { DESCRIPTORS, type DestinationDescriptor } from '../shared/destinations';
import { freshdesk } from '../shared/destinations/freshdesk';
import { basicCredentials } from './credentials';
import { testCustomerGauge, testFreshdesk, type ConnectionResult } from './connection';
import { ALL_FIELDS, byId, CRAYONS_TAGS, readSecrets, readValues, showError, showErrors, shownError, writeValues } from './form';

type Destination = (typeof DESCRIPTORS)[number]['label'];

/** What is already stored, learnt from getConfigs; nothing on a first installation. */
let stored: StoredSecrets = NOTHING_STORED;
let configsApplied = false;
/** Refusals from the vendors, shown until a field of that destination changes. */
let refusals: FieldErrors = {};

/** Each destination's part of config/iparams.html, named after its id: `<id>-section`, `<id>-test`, `<id>-test-result`. */
const SECTION = Object.fromEntries(
  DESCRIPTORS.map((d) => [d.label, { section: `${d.id}-section`, test: `${d.id}-test`, result: `${d.id}-test-result` }]),
) as Record<Destination, { section: string; test: string; result: string }>;

function destinationOf(field: FieldName): Destination | undefined {
  return (DESCRIPTORS as readonly DestinationDescriptor[]).find((d) => d.iparams.some((p) => p.name === field))?.label as
    Destination | undefined;
}

const crayonsReady = (): Promise<unknown> => Promise.all(CRAYONS_TAGS.map((tag) => customElements.whenDefined(tag)));

/** Shows the sections of the enabled destinations, and the external ID only for a fixed contact. */
function syncVisibility(values: IparamValues): void {
  for (const destination of Object.keys(SECTION) as Destination[])
    byId(SECTION[destination].section).hidden = !values.destinations.includes(destination);
  byId('external-id-row').hidden = values.freshdesk_contact_mode !== CONTACT_MODE_FIXED;
}

/** Hints on the secret fields: what is saved, and that a blank field keeps it. */
function syncSecretHints(): void {
  byId('freshdesk_api_key').setAttribute(
    'hint-text',
    stored.freshdeskApiKey ? 'Saved. Leave blank to keep the saved key.' : 'Stored securely: agents and the sidebar can never read it.',
  );
  byId('cg_client_secret').setAttribute(
    'hint-text',
    stored.cgClientId === undefined
      ? 'Stored securely: agents and the sidebar can never read it.'
      : 'Saved. Leave blank to keep it; needed again only when the client ID changes.',
  );
}

function normaliseSubdomainField(): void {
  const field = byId('freshdesk_subdomain');
  const typed = String(field.value ?? '');
  const normalised = normaliseSubdomain(typed);
  if (normalised !== typed) field.value = normalised;
}

function currentErrors(): FieldErrors {
  return { ...settingsErrors(readValues(), readSecrets(), stored), ...refusals };
}

/** Re-checks only the fields that show an error, so a fixed field clears at once and an untouched one is not nagged. */
function recheckShownErrors(): void {
  const errors = currentErrors();
  for (const field of ALL_FIELDS) if (shownError(field) !== '') showError(field, errors[field]);
}

/** A refusal is stale once a field of its destination changes; a change of destinations drops them all. */
function dropRefusals(destination: Destination | 'all'): void {
  refusals =
    destination === 'all'
      ? {}
      : Object.fromEntries(Object.entries(refusals).filter(([field]) => destinationOf(field as FieldName) !== destination));
}

function fieldOf(event: Event): FieldName | undefined {
  const selector = ALL_FIELDS.map((field) => `#${field}`).join(',');
  const element = (event.target as Element | null)?.closest(selector);
  return element ? (element.id as FieldName) : undefined;
}

function onEdit(event: Event): void {
  const field = fieldOf(event);
  if (!field) return;
  dropRefusals(destinationOf(field) ?? 'all');
  syncVisibility(readValues());
  recheckShownErrors();
}

function showResult(destination: Destination, result: ConnectionResult): void {
  const paragraph = byId(SECTION[destination].result);
  paragraph.textContent = result.message;
  paragraph.className = `test-result ${result.ok ? 'ok' : 'bad'}`;
  paragraph.hidden = false;
}

/** The connection check of one destination with the typed values; undefined when there is nothing typed to check. */
function connectionTest(destination: Destination, values: IparamValues): Promise<ConnectionResult> | undefined {
  const secrets = readSecrets();
  if (destination === freshdesk.label) {
    const subdomain = normaliseSubdomain(values.freshdesk_subdomain);
    return secrets.freshdesk_api_key && isFreshdeskSubdomain(subdomain) ? testFreshdesk(subdomain, secrets.freshdesk_api_key) : undefined;
  }
  if (!secrets.cg_client_secret || !values.cg_client_id || !isCgRegion(values.cg_region)) return undefined;
  return testCustomerGauge(values.cg_region, basicCredentials(values.cg_client_id, secrets.cg_client_secret));
}

/** Runs one destination's check and shows its answer; a refusal also goes under the field it is about. */
async function checkConnection(destination: Destination): Promise<ConnectionResult | undefined> {
  const pending = connectionTest(destination, readValues());
  if (!pending) return undefined;
  showResult(destination, { ok: true, message: 'Testing…' });
  const result = await pending;
  showResult(destination, result);
  if (result.refused && result.field) refusals = { ...refusals, [result.field]: result.message };
  return result;
}

/** The "Test connection" buttons: field rules first, then the vendor. */
async function onTest(destination: Destination): Promise<void> {
  normaliseSubdomainField();
  dropRefusals(destination);
  const errors = Object.entries(settingsErrors(readValues(), readSecrets(), stored)).filter(
    ([field]) => destinationOf(field as FieldName) === destination,
  );
  for (const [field, message] of errors) showError(field as FieldName, message);
  if (errors.length > 0) return showResult(destination, { ok: false, message: 'Fix the fields marked in red first.' });
  const result = await checkConnection(destination);
  if (!result) return showResult(destination, { ok: true, message: 'The saved secret is kept. Type it again to test it from here.' });
  recheckShownErrors();
  if (result.field) showError(result.field, refusals[result.field]);
}

/** Values saved before, each kept only when it has the type of its default. */
function savedValues(configs: Record<string, unknown>): IparamValues {
  const merged: Record<string, unknown> = { ...IPARAM_DEFAULTS };
  for (const [name, fallback] of Object.entries(IPARAM_DEFAULTS)) {
    const value = configs[name];
    const sameType = Array.isArray(fallback)
      ? Array.isArray(value) && value.every((v) => typeof v === 'string')
      : typeof value === typeof fallback;
    if (sameType) merged[name] = value;
  }
  return merged as unknown as IparamValues;
}

function applyValues(values: IparamValues): void {
  writeValues(values);
  syncVisibility(values);
  syncSecretHints();
}

/** Platform: called on "Edit settings" with the stored values (secure ones are never included). */
export async function getConfigs(configs: Record<string, unknown>): Promise<void> {
  const values = savedValues(configs ?? {});
  // From what was saved, not the defaults: a destination missing there had no secrets saved.
  stored = storedSecretsOf((configs ?? {}) as Partial<IparamValues>);
  configsApplied = true;
  await crayonsReady();
  applyValues(values);
}

/** Platform: called before saving; false keeps the page open with every problem shown under its field. */
export async function validate(): Promise<boolean> {
  normaliseSubdomainField();
  refusals = {};
  const errors = settingsErrors(readValues(), readSecrets(), stored);
  showErrors(errors);
  if (Object.keys(errors).length > 0) return false;
  const on = readValues().destinations as Destination[];
  const results = await Promise.all(on.map((destination) => checkConnection(destination)));
  showErrors(refusals);
  return results.every((result) => !result?.refused);
}

/** Platform: what to store. Secrets only when typed (blank keeps the saved one), always listed as secure. */
export function postConfigs(): Record<string, unknown> {
  const values = readValues();
  const secrets = readSecrets();
  const configs: Record<string, unknown> = {
    __meta: { secure: [...SECURE_IPARAMS] },
    ...values,
    freshdesk_subdomain: normaliseSubdomain(values.freshdesk_subdomain),
    cg_region: isCgRegion(values.cg_region) ? values.cg_region : IPARAM_DEFAULTS.cg_region,
  };
  if (secrets.freshdesk_api_key) configs.freshdesk_api_key = secrets.freshdesk_api_key;
  if (secrets.cg_client_secret) {
    configs.cg_client_secret = secrets.cg_client_secret;
    configs.cg_client_credentials = basicCredentials(values.cg_client_id, secrets.cg_client_secret);
  }
  return configs;
}

async function start(): Promise<void> {
  await crayonsReady();
  if (!configsApplied) applyValues({ ...IPARAM_DEFAULTS });
  for (const name of ['fwInput', 'fwChange']) document.addEventListener(name, onEdit);
  byId('freshdesk_subdomain').addEventListener('fwBlur', normaliseSubdomainField);
  // The native click, not Crayons' fwClick: fwClick is throttled by fw-button and was seen to drop a second press.
  for (const destination of Object.keys(SECTION) as Destination[])
    byId(SECTION[destination].test).addEventListener('click', () => void onTest(destination));
}

void start();
