/**
 * The Crayons fields of config/iparams.html: reading and writing values, and errors shown under
 * the field they are about. Element ids are the iparam names.
 */
import type { FieldErrors, FieldName, IparamValues, TypedSecrets } from '../shared/iparam-rules';

/** The Crayons properties the page uses (fw-input, fw-radio-group, fw-checkbox). */
interface CrayonsField extends HTMLElement {
  value?: string | null;
  checked?: boolean;
  state?: 'normal' | 'error';
  errorText?: string;
}

export const CRAYONS_TAGS = ['fw-input', 'fw-radio-group', 'fw-checkbox'] as const;

/** Fields a rule can fail on (the CustomerGauge contact checkbox cannot be wrong). */
export const ALL_FIELDS: readonly FieldName[] = [
  'destinations',
  'event_kinds',
  'freshdesk_subdomain',
  'freshdesk_api_key',
  'freshdesk_contact_mode',
  'freshdesk_contact_external_id',
  'cg_region',
  'cg_client_id',
  'cg_client_secret',
  'cg_account',
];

export function byId(id: string): CrayonsField {
  const found = document.getElementById(id);
  if (!found) throw new Error(`config/iparams.html has no element #${id}`);
  return found as CrayonsField;
}

const text = (id: string): string => String(byId(id).value ?? '');

/** Checkbox groups (destinations, event kinds): the values of the ticked boxes. */
function ticked(group: string): string[] {
  return Array.from(byId(group).querySelectorAll<CrayonsField>('fw-checkbox'))
    .filter((box) => box.checked === true)
    .map((box) => box.getAttribute('value') ?? '');
}

export function readValues(): IparamValues {
  return {
    destinations: ticked('destinations'),
    event_kinds: ticked('event_kinds'),
    freshdesk_subdomain: text('freshdesk_subdomain'),
    freshdesk_contact_mode: text('freshdesk_contact_mode'),
    freshdesk_contact_external_id: text('freshdesk_contact_external_id').trim(),
    cg_region: text('cg_region'),
    cg_client_id: text('cg_client_id').trim(),
    cg_account: text('cg_account').trim(),
    cg_send_contact: byId('cg_send_contact').checked === true,
  };
}

export function readSecrets(): TypedSecrets {
  return { freshdesk_api_key: text('freshdesk_api_key').trim(), cg_client_secret: text('cg_client_secret').trim() };
}

export function writeValues(values: IparamValues): void {
  for (const group of ['destinations', 'event_kinds'] as const) {
    for (const box of Array.from(byId(group).querySelectorAll<CrayonsField>('fw-checkbox')))
      box.checked = values[group].includes(box.getAttribute('value') ?? '');
  }
  for (const id of [
    'freshdesk_subdomain',
    'freshdesk_contact_mode',
    'freshdesk_contact_external_id',
    'cg_region',
    'cg_client_id',
    'cg_account',
  ] as const) {
    byId(id).value = values[id];
  }
  byId('cg_send_contact').checked = values.cg_send_contact;
}

/** Fields with their own error text (Crayons) or, for checkbox groups, a paragraph under the group. */
export function showError(field: FieldName, message: string | undefined): void {
  const element = byId(field);
  if (element.tagName === 'FW-INPUT' || element.tagName === 'FW-RADIO-GROUP') {
    element.state = message ? 'error' : 'normal';
    element.errorText = message ?? '';
    return;
  }
  const paragraph = byId(`${field}-error`);
  paragraph.textContent = message ?? '';
  paragraph.hidden = !message;
}

export function shownError(field: FieldName): string {
  const element = byId(field);
  if (element.tagName === 'FW-INPUT' || element.tagName === 'FW-RADIO-GROUP')
    return element.state === 'error' ? (element.errorText ?? '') : '';
  return byId(`${field}-error`).textContent ?? '';
}

/** Replaces every shown error by `errors` (fields without an entry are cleared). */
export function showErrors(errors: FieldErrors): void {
  for (const field of ALL_FIELDS) showError(field, errors[field]);
}
