/**
 * The check the installation page runs on Save and while typing: the descriptors' rules (required,
 * choices, limits) for every enabled destination, then each destination's own (./destinations).
 * Values are judged as they will be saved (normalised), the same way while typing and on Save.
 */
import { DESCRIPTORS, type DestinationId } from '../shared/destinations';
import {
  choiceErrors,
  PAGE_IPARAMS,
  type FieldErrors,
  type FieldName,
  type IparamValues,
  type PageIparam,
  type TypedSecrets,
} from '../shared/iparam-rules';
import { PAGES } from './destinations';

type Values = Record<string, unknown>;

/** Whether the field is on the page now: its destination is on, and its `onlyWhen` condition holds. */
export function isShown(p: PageIparam, values: IparamValues): boolean {
  const when = p.field.onlyWhen;
  return values.destinations.includes(p.destination.label) && (!when || (values as Values)[when.iparam] === when.value);
}

/** The values as they will be saved: each destination's normalisation, otherwise trimmed. */
export function normalised(values: IparamValues): IparamValues {
  const out: Values = { ...values };
  for (const p of PAGE_IPARAMS) {
    const typed = out[p.name];
    if (typeof typed !== 'string') continue;
    const normalise = PAGES[p.destination.id as DestinationId].normalise?.[p.name as FieldName];
    out[p.name] = normalise ? normalise(typed) : typed.trim();
  }
  return out as IparamValues;
}

function fieldError(p: PageIparam, value: unknown): string | undefined {
  if (p.field.kind === 'flag') return undefined;
  if (p.options) return p.options.includes(String(value)) ? undefined : p.field.missing;
  if (value === '') return p.field.missing;
  return p.maxLength !== undefined && Array.from(String(value)).length > p.maxLength ? `At most ${p.maxLength} characters.` : undefined;
}

/** The descriptors' rules for every field on the page now. */
function fieldErrors(values: IparamValues, secrets: TypedSecrets): FieldErrors {
  const all: Values = { ...values, ...secrets };
  const errors: FieldErrors = {};
  for (const p of PAGE_IPARAMS.filter((q) => isShown(q, values))) {
    const error = fieldError(p, all[p.name]);
    if (error) errors[p.name as FieldName] = error;
  }
  return errors;
}

/** Every problem of the form, each under the field it is about; fields not shown are not checked. */
export function settingsErrors(typed: IparamValues, secrets: TypedSecrets): FieldErrors {
  const values = normalised(typed);
  const own = DESCRIPTORS.filter((d) => values.destinations.includes(d.label)).map((d) => PAGES[d.id].errors(values, secrets));
  // A destination's own rule says more than "missing" only about a value that is there: the descriptor's rules win.
  return Object.assign({}, ...own, choiceErrors(values), fieldErrors(values, secrets)) as FieldErrors;
}
