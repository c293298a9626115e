/**
 * The custom installation page (config/iparams.html, built to config/assets/iparams.js). The
 * platform calls the three exported functions, which the build leaves as top-level function
 * declarations: getConfigs on "Edit settings", validate before saving, postConfigs to get what
 * it stores. Secrets go out only through postConfigs, listed in `__meta.secure`, so the platform
 * stores them securely; they never come back to this page, so every save asks for them again
 * (README "Installation parameters": no source says the platform keeps a secret left out).
 */
import { DESCRIPTORS as TYPED_DESCRIPTORS, type DestinationDescriptor } from '../shared/destinations';
import {
  IPARAM_DEFAULTS,
  PAGE_IPARAMS,
  SECURE_IPARAMS,
  UNVERIFIED_IPARAM,
  type FieldErrors,
  type FieldName,
  type IparamValues,
  type TypedSecrets,
} from '../shared/iparam-rules';
import type { ConnectionResult } from './destination-page';
import { PAGES } from './destinations';
import {
  ALL_FIELDS,
  byId,
  CRAYONS_TAGS,
  readSecrets,
  readValues,
  renderDestinations,
  rowId,
  sectionIds,
  showError,
  showErrors,
  shownError,
  writeValues,
} from './form';
import { isShown, normalised, settingsErrors } from './save-rules';

const DESCRIPTORS: readonly DestinationDescriptor[] = TYPED_DESCRIPTORS;

let configsApplied = false;
/** Destinations on when the page opened: switching one of them off loses its secret. */
let openedWith: readonly string[] = IPARAM_DEFAULTS.destinations;
/** Refusals from the vendors, shown until a field of that destination changes. */
let refusals: FieldErrors = {};
/** Destinations whose vendor could not be reached by the last Save's connection test. */
let unverified: string[] = [];

const pageOf = (d: DestinationDescriptor) => PAGES[d.id as keyof typeof PAGES];
const ownerOf = (field: FieldName): DestinationDescriptor | undefined => PAGE_IPARAMS.find((p) => p.name === field)?.destination;
const secretLabels = (d: DestinationDescriptor): string[] =>
  PAGE_IPARAMS.filter((p) => p.destination === d && p.field.kind === 'secret').map((p) => p.field.label);

const crayonsReady = (): Promise<unknown> => Promise.all(CRAYONS_TAGS.map((tag) => customElements.whenDefined(tag)));

/** Shows the sections of the enabled destinations, and fields with a condition only while it holds. */
function syncVisibility(values: IparamValues): void {
  for (const d of DESCRIPTORS) byId(sectionIds(d).section).hidden = !values.destinations.includes(d.label);
  for (const p of PAGE_IPARAMS) if (p.field.onlyWhen) byId(rowId(p.name)).hidden = !isShown(p, values);
}

/** Warns, under the destination choice, that a destination switched off loses its saved secrets. */
function syncDestinationNote(values: IparamValues): void {
  const lost = DESCRIPTORS.filter((d) => openedWith.includes(d.label) && !values.destinations.includes(d.label));
  const note = byId('destinations-note');
  note.textContent = lost
    .map((d) => `${d.label} off: its ${secretLabels(d).join(' and ')} will not be saved; switching it on again needs them typed again.`)
    .join(' ');
  note.hidden = lost.length === 0;
}

/** The hint under a field: what its value will be saved as while valid, else the descriptor's hint. */
function syncHint(field: FieldName, values: IparamValues, errors: FieldErrors): void {
  const iparam = PAGE_IPARAMS.find((p) => p.name === field);
  const savedAs = iparam && pageOf(iparam.destination).savedAs?.[field];
  if (!savedAs) return;
  const saved = String((normalised(values) as Record<string, unknown>)[field]);
  byId(field).setAttribute('hint-text', saved !== '' && !errors[field] ? savedAs(saved) : (iparam.field.hint ?? ''));
}

/** On "Edit settings" the secrets are asked for again; the field says why. */
function askSecretsAgain(): void {
  for (const p of PAGE_IPARAMS.filter((q) => q.field.kind === 'secret'))
    byId(p.name).setAttribute(
      'hint-text',
      `Enter it again on every save: the platform never shows a saved secret to this page, and does not document keeping one left out. ${p.field.hint ?? ''}`.trim(),
    );
}

function currentErrors(): FieldErrors {
  return { ...settingsErrors(readValues(), readSecrets()), ...refusals };
}

/**
 * Judges the edited field now (when it has a value) and re-checks the fields that show an error,
 * so a fixed field clears at once and an untouched one is not nagged.
 */
function recheck(edited: FieldName | undefined): void {
  const errors = currentErrors();
  const typed: Record<string, unknown> = { ...readValues(), ...readSecrets() };
  for (const field of ALL_FIELDS) {
    const judgeNow = field === edited && typed[field] !== '' && typed[field] !== undefined;
    if (judgeNow || shownError(field) !== '') showError(field, errors[field]);
  }
  if (edited) syncHint(edited, readValues(), errors);
}

/** A refusal or a test result is stale once a field of its destination changes; a change of destinations drops them all. */
function dropResults(destination: DestinationDescriptor | undefined): void {
  const stale = destination ? [destination] : DESCRIPTORS;
  refusals = Object.fromEntries(Object.entries(refusals).filter(([field]) => !stale.includes(ownerOf(field as FieldName)!)));
  for (const d of stale) byId(sectionIds(d).result).hidden = true;
}

function fieldOf(event: Event): FieldName | undefined {
  const selector = ALL_FIELDS.map((field) => `#${field}`).join(',');
  const found = (event.target as Element | null)?.closest(selector);
  return found ? (found.id as FieldName) : undefined;
}

function onEdit(event: Event): void {
  const field = fieldOf(event);
  if (!field) return;
  dropResults(ownerOf(field));
  const values = readValues();
  syncVisibility(values);
  syncDestinationNote(values);
  recheck(field);
}

function showResult(d: DestinationDescriptor, result: ConnectionResult): void {
  const paragraph = byId(sectionIds(d).result);
  paragraph.textContent = result.message;
  paragraph.className = `test-result ${result.ok ? 'ok' : 'bad'}`;
  paragraph.hidden = false;
}

/** Runs one destination's connection test and shows its answer; a refusal also goes under the field it is about. */
async function checkConnection(d: DestinationDescriptor): Promise<ConnectionResult> {
  showResult(d, { ok: true, message: 'Testing…' });
  const result = await pageOf(d).test(normalised(readValues()), readSecrets());
  showResult(d, result);
  if (result.refused && result.field) refusals = { ...refusals, [result.field]: result.message };
  return result;
}

const errorsOf = (d: DestinationDescriptor, errors: FieldErrors): Array<[FieldName, string]> =>
  (Object.entries(errors) as Array<[FieldName, string]>).filter(([field]) => ownerOf(field) === d);

/** The "Test connection" buttons: field rules first, then the vendor. */
async function onTest(d: DestinationDescriptor): Promise<void> {
  dropResults(d);
  const errors = errorsOf(d, settingsErrors(readValues(), readSecrets()));
  for (const [field, message] of errors) showError(field, message);
  if (errors.length > 0) return showResult(d, { ok: false, message: 'Fix the fields marked in red first.' });
  const result = await checkConnection(d);
  recheck(undefined);
  if (result.field) showError(result.field, refusals[result.field]);
}

/** Says which destinations' credentials were not verified: after Save's tests, or as stored by the last Save. */
function showUnverified(when: 'now' | 'last save'): void {
  const note = byId('unverified-note');
  const names = DESCRIPTORS.filter((d) => unverified.includes(d.label));
  note.textContent = names
    .map(
      (d) =>
        `Not verified${when === 'now' ? '' : ' at the last save'}: the ${secretLabels(d).join(' and ')} for ${d.label} (${d.label} could not be reached). Deliveries to ${d.label} fail until they work: test the connection again.`,
    )
    .join(' ');
  note.hidden = names.length === 0;
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
}

/** Platform: called on "Edit settings" with the stored values (secure ones are never included). */
export async function getConfigs(configs: Record<string, unknown>): Promise<void> {
  const values = savedValues(configs ?? {});
  const stored = (configs ?? {})[UNVERIFIED_IPARAM];
  unverified = Array.isArray(stored) ? stored.filter((name): name is string => typeof name === 'string') : [];
  openedWith = values.destinations;
  configsApplied = true;
  await crayonsReady();
  applyValues(values);
  askSecretsAgain();
  showUnverified('last save');
}

/** Platform: called before saving; false keeps the page open with every problem shown under its field. */
export async function validate(): Promise<boolean> {
  refusals = {};
  const errors = settingsErrors(readValues(), readSecrets());
  showErrors(errors);
  if (Object.keys(errors).length > 0) return false;
  const on = DESCRIPTORS.filter((d) => readValues().destinations.includes(d.label));
  const results = await Promise.all(on.map(async (d) => [d, await checkConnection(d)] as const));
  showErrors(refusals);
  // A vendor that did not answer is no verdict on the credentials: they are saved, and said to be unverified.
  unverified = results.filter(([, result]) => !result.ok && !result.refused).map(([d]) => d.label);
  showUnverified('now');
  return results.every(([, result]) => !result.refused);
}

/** Platform: what to store. Every secret of an enabled destination, always listed as secure, and what it derives. */
export function postConfigs(): Record<string, unknown> {
  const values = normalised(readValues());
  const secrets: TypedSecrets = readSecrets();
  const configs: Record<string, unknown> = { __meta: { secure: [...SECURE_IPARAMS] }, ...values, [UNVERIFIED_IPARAM]: unverified };
  for (const d of DESCRIPTORS.filter((q) => values.destinations.includes(q.label))) {
    for (const p of PAGE_IPARAMS.filter((q) => q.destination === d && q.field.kind === 'secret'))
      configs[p.name] = (secrets as Record<string, string>)[p.name];
    Object.assign(configs, pageOf(d).derive(values, secrets));
  }
  return configs;
}

// Rendered before any await: the platform may call getConfigs as soon as the script has run.
renderDestinations();

async function start(): Promise<void> {
  await crayonsReady();
  if (!configsApplied) applyValues({ ...IPARAM_DEFAULTS });
  for (const name of ['fwInput', 'fwChange']) document.addEventListener(name, onEdit);
  // The native click, not Crayons' fwClick: fwClick is throttled by fw-button and was seen to drop a second press.
  for (const d of DESCRIPTORS) byId(sectionIds(d).test).addEventListener('click', () => void onTest(d));
}

void start();
