/**
 * Every destination the app knows, as plain data. Adding one: its descriptor file here and one
 * line below; the server then requires its implementation (src/server/destinations/registry.ts).
 */
import { customerGauge } from './customergauge';
import type { DestinationDescriptor, IparamDescriptor } from './descriptor';

export type { DestinationDescriptor };
import { freshdesk } from './freshdesk';

export const DESCRIPTORS = [freshdesk, customerGauge] as const satisfies readonly DestinationDescriptor[];

export type DestinationId = (typeof DESCRIPTORS)[number]['id'];
/** Every request template a destination may call: a name outside this union does not compile. */
export type TemplateName = TemplatesOf<(typeof DESCRIPTORS)[number]>;
type TemplatesOf<D> = D extends { templates: infer T } ? T[keyof T] : never;

/** The names of every destination's iparams that pass `test`. */
export function iparamsWhere(test: (iparam: IparamDescriptor) => boolean): string[] {
  return (DESCRIPTORS as readonly DestinationDescriptor[]).flatMap((d) => d.iparams.filter(test).map((p) => p.name));
}

/** Secure iparams of every destination: never logged, never stored in history, never returned to the browser. */
export const SECURE_IPARAMS: readonly string[] = iparamsWhere((p) => p.secure);

/** The values of the `destinations` iparam, in the registry's order. */
export const DESTINATION_LABELS: readonly string[] = DESCRIPTORS.map((d) => d.label);
