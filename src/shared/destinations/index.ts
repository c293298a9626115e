/**
 * Every destination the app knows, as plain data. Adding one: its descriptor file here and one
 * line below; the server then requires its implementation (src/server/destinations/registry.ts).
 */
import { customerGauge } from './customergauge';
import type { DestinationDescriptor } from './descriptor';

export type { DestinationDescriptor };
import { freshdesk } from './freshdesk';

export const DESCRIPTORS = [freshdesk, customerGauge] as const satisfies readonly DestinationDescriptor[];

export type DestinationId = (typeof DESCRIPTORS)[number]['id'];
/** Every request template a destination may call: a name outside this union does not compile. */
export type TemplateName = TemplatesOf<(typeof DESCRIPTORS)[number]>;
type TemplatesOf<D> = D extends { templates: infer T } ? T[keyof T] : never;

/** Secure iparams of every destination: never logged, never stored in history, never returned to the browser. */
export const SECURE_IPARAMS: readonly string[] = DESCRIPTORS.flatMap((d) => d.iparams.filter((p) => p.secure).map((p) => p.name));

/** The values of the `destinations` iparam, in the registry's order. */
export const DESTINATION_LABELS: readonly string[] = DESCRIPTORS.map((d) => d.label);
