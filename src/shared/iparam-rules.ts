/**
 * Installation-parameter rules common to every destination, shared by the server's schemas, the
 * installation page and the local simulator: the destination and event-kind choices, the defaults
 * and the value types, all derived from the destination descriptors (./destinations). What one
 * destination checks on Save lives in src/iparams/destinations/<id>.ts.
 */
import { DESCRIPTORS, DESTINATION_LABELS, type DestinationDescriptor } from './destinations';
import type { IparamDescriptor, IparamField } from './destinations/descriptor';

export { SECURE_IPARAMS } from './destinations';

/** The descriptor's limit of iparam `name`. */
export function maxLengthOf(iparams: readonly IparamDescriptor[], name: string): number {
  const limit = iparams.find((p) => p.name === name)?.maxLength;
  if (limit === undefined) throw new Error(`${name} has no maxLength in its descriptor`);
  return limit;
}

/** The kinds Freshchat sends today. */
export const KNOWN_EVENT_KINDS = ['GeneralAvailability', 'Intelliassign'] as const;
/** `event_kinds` option for kinds Freshchat adds after this app was written (the server forwards them as they come). */
export const LATER_KINDS_OPTION = 'Kinds added later';
export const EVENT_KINDS = [...KNOWN_EVENT_KINDS, LATER_KINDS_OPTION] as const;

/**
 * Destinations whose connection test could not reach the vendor when the settings were last saved:
 * stored (not secret) so that "Edit settings" can say which credentials were never verified.
 */
export const UNVERIFIED_IPARAM = 'unverified_destinations';

/** An iparam a person types, with its destination. */
export interface PageIparam extends IparamDescriptor {
  field: IparamField;
  destination: DestinationDescriptor;
}

/** Every iparam with a field of its own on the installation page, in the descriptors' order. */
export const PAGE_IPARAMS: readonly PageIparam[] = (DESCRIPTORS as readonly DestinationDescriptor[]).flatMap((destination) =>
  destination.iparams.flatMap((p) => (p.field && p.derived !== true ? [{ ...p, field: p.field, destination }] : [])),
);

type AnyIparam = (typeof DESCRIPTORS)[number]['iparams'][number];
type Typed<P> = P extends { field: { kind: infer K } } ? (P extends { secure: true } ? never : K) : never;
/** The non-secure values, as the page posts them and `getConfigs` gets them back. */
export type IparamValues = { destinations: string[]; event_kinds: string[] } & {
  [P in AnyIparam as Typed<P> extends never ? never : P['name']]: Typed<P> extends 'flag' ? boolean : string;
};
/** Secrets as typed on the page; '' means "not typed". */
export type TypedSecrets = { [P in AnyIparam as P extends { field: { kind: 'secret' } } ? P['name'] : never]: string };

export type FieldName = keyof IparamValues | keyof TypedSecrets;
export type FieldErrors = Partial<Record<FieldName, string>>;

export const IPARAM_DEFAULTS: Readonly<IparamValues> = {
  destinations: [...DESTINATION_LABELS],
  event_kinds: [...EVENT_KINDS],
  ...Object.fromEntries(PAGE_IPARAMS.filter((p) => p.field.kind !== 'secret').map((p) => [p.name, p.field.default])),
} as IparamValues;

/** The destinations and event kinds chosen: at least one of each, and only known ones. */
export function choiceErrors(values: Pick<IparamValues, 'destinations' | 'event_kinds'>): FieldErrors {
  const errors: FieldErrors = {};
  if (values.destinations.length === 0 || !values.destinations.every((d) => DESTINATION_LABELS.includes(d))) {
    errors.destinations = 'Choose at least one destination.';
  }
  if (values.event_kinds.length === 0 || !values.event_kinds.every((k) => (EVENT_KINDS as readonly string[]).includes(k))) {
    errors.event_kinds = 'Choose at least one kind of change to forward.';
  }
  return errors;
}
