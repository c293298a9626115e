/**
 * The Crayons fields of the installation page, rendered from the destination descriptors into
 * config/iparams.html: reading and writing values, and errors shown under the field they are about.
 * Element ids and `name`s are the iparam names; Crayons labels the inner input by its `name` and
 * points its `aria-describedby` at the hint or the error.
 */
import { DESCRIPTORS, type DestinationDescriptor } from '../shared/destinations';
import {
  PAGE_IPARAMS,
  type FieldErrors,
  type FieldName,
  type IparamValues,
  type PageIparam,
  type TypedSecrets,
} from '../shared/iparam-rules';

/** The Crayons properties the page uses (fw-input, fw-radio-group, fw-checkbox). */
export interface CrayonsField extends HTMLElement {
  value?: string | null;
  checked?: boolean;
  state?: 'normal' | 'error';
  errorText?: string;
}

export const CRAYONS_TAGS = ['fw-input', 'fw-radio-group', 'fw-checkbox', 'fw-button'] as const;

/** Fields a rule can fail on: the two groups and every typed iparam but checkboxes. */
export const ALL_FIELDS: readonly FieldName[] = [
  'destinations',
  'event_kinds',
  ...PAGE_IPARAMS.filter((p) => p.field.kind !== 'flag').map((p) => p.name as FieldName),
];

export function byId(id: string): CrayonsField {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the installation page has no element #${id}`);
  return found as CrayonsField;
}

/** Each destination's part of the page, named after its id. */
export const sectionIds = (d: DestinationDescriptor) => ({
  section: `${d.id}-section`,
  test: `${d.id}-test`,
  result: `${d.id}-test-result`,
});
export const rowId = (name: string): string => `${name}-row`;

function element(tag: string, attributes: Record<string, string | undefined>, text?: string): HTMLElement {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) made.setAttribute(name, value);
  if (text !== undefined) made.textContent = text;
  return made;
}

function choiceElement(p: PageIparam): HTMLElement {
  const { field } = p;
  // Crayons labels the group from inside its shadow root, which a reference from the host cannot reach.
  const group = element('fw-radio-group', {
    id: p.name,
    name: p.name,
    label: field.label,
    'aria-label': field.label,
    'hint-text': field.hint,
  });
  for (const option of p.options ?? []) group.append(element('fw-radio', { value: option }, field.optionLabels?.[option] ?? option));
  return group;
}

function inputElement(p: PageIparam): HTMLElement {
  const { field } = p;
  const secret = field.kind === 'secret' ? { type: 'password', autocomplete: 'new-password' } : {};
  const limit = p.maxLength === undefined ? {} : { maxlength: String(p.maxLength) };
  return element('fw-input', {
    id: p.name,
    name: p.name,
    label: field.label,
    'hint-text': field.hint,
    placeholder: field.placeholder,
    required: '',
    ...limit,
    ...secret,
  });
}

function fieldElement(p: PageIparam): HTMLElement {
  if (p.field.kind === 'flag') return element('fw-checkbox', { id: p.name, name: p.name, value: 'yes' }, p.field.label);
  return p.field.kind === 'choice' ? choiceElement(p) : inputElement(p);
}

function section(d: DestinationDescriptor): HTMLElement {
  const ids = sectionIds(d);
  const part = element('section', { id: ids.section, 'aria-labelledby': `${d.id}-heading` });
  part.append(element('h2', { id: `${d.id}-heading` }, d.label));
  for (const p of PAGE_IPARAMS.filter((q) => q.destination.id === d.id)) {
    const made = fieldElement(p);
    if (!p.field.onlyWhen) {
      part.append(made);
      continue;
    }
    const row = element('div', { id: rowId(p.name), hidden: '' });
    row.append(made);
    part.append(row);
  }
  const test = element('div', { class: 'test-row' });
  test.append(element('fw-button', { id: ids.test, color: 'secondary' }, `Test ${d.label} connection`));
  test.append(element('p', { id: ids.result, class: 'test-result', role: 'status', hidden: '' }));
  part.append(test);
  return part;
}

/** Puts each destination's checkbox and section into the page, in the descriptors' order. */
export function renderDestinations(): void {
  const choices = byId('destinations');
  for (const d of DESCRIPTORS) choices.append(element('fw-checkbox', { value: d.label }, `${d.label} (${d.receives})`));
  byId('destination-sections').replaceChildren(...DESCRIPTORS.map(section));
}

const text = (id: string): string => String(byId(id).value ?? '');

/** Checkbox groups (destinations, event kinds): the values of the ticked boxes. */
function ticked(group: string): string[] {
  return Array.from(byId(group).querySelectorAll<CrayonsField>('fw-checkbox'))
    .filter((box) => box.checked === true)
    .map((box) => box.getAttribute('value') ?? '');
}

/** The non-secure values as typed (not yet normalised). */
export function readValues(): IparamValues {
  const values: Record<string, unknown> = { destinations: ticked('destinations'), event_kinds: ticked('event_kinds') };
  for (const p of PAGE_IPARAMS) {
    if (p.field.kind === 'secret') continue;
    values[p.name] = p.field.kind === 'flag' ? byId(p.name).checked === true : text(p.name);
  }
  return values as IparamValues;
}

export function readSecrets(): TypedSecrets {
  return Object.fromEntries(
    PAGE_IPARAMS.filter((p) => p.field.kind === 'secret').map((p) => [p.name, text(p.name).trim()]),
  ) as TypedSecrets;
}

export function writeValues(values: IparamValues): void {
  for (const group of ['destinations', 'event_kinds'] as const) {
    for (const box of Array.from(byId(group).querySelectorAll<CrayonsField>('fw-checkbox')))
      box.checked = values[group].includes(box.getAttribute('value') ?? '');
  }
  for (const p of PAGE_IPARAMS) {
    if (p.field.kind === 'secret') continue;
    const value = (values as Record<string, unknown>)[p.name];
    if (p.field.kind === 'flag') byId(p.name).checked = value === true;
    else byId(p.name).value = String(value);
  }
}

/** Fields with their own error text (Crayons) or, for checkbox groups, a paragraph under the group. */
export function showError(field: FieldName, message: string | undefined): void {
  const shown = byId(field);
  if (shown.tagName === 'FW-INPUT' || shown.tagName === 'FW-RADIO-GROUP') {
    shown.state = message ? 'error' : 'normal';
    shown.errorText = message ?? '';
    return;
  }
  const paragraph = byId(`${field}-error`);
  paragraph.textContent = message ?? '';
  paragraph.hidden = !message;
}

export function shownError(field: FieldName): string {
  const shown = byId(field);
  if (shown.tagName === 'FW-INPUT' || shown.tagName === 'FW-RADIO-GROUP') return shown.state === 'error' ? (shown.errorText ?? '') : '';
  return byId(`${field}-error`).textContent ?? '';
}

/** Replaces every shown error by `errors` (fields without an entry are cleared). */
export function showErrors(errors: FieldErrors): void {
  for (const field of ALL_FIELDS) showError(field, errors[field]);
}
