/**
 * Where the app's config files disagree with the destination descriptors (src/shared/destinations):
 * each function returns the disagreements as sentences, an empty list when the files agree.
 */
import type { DestinationDescriptor } from '../../src/shared/destinations';

type Json = Record<string, unknown>;

const PLACEHOLDER = /<%=\s*(?:encode\()?iparam\.(\w+)/g;

const templateNames = (descriptors: readonly DestinationDescriptor[]): string[] => descriptors.flatMap((d) => Object.values(d.templates));

const unowned = (what: string, found: readonly string[], expected: readonly string[]): string[] =>
  found.filter((name) => !expected.includes(name)).map((name) => `${what} has "${name}", which no descriptor names`);

function sameNames(what: string, found: readonly string[], expected: readonly string[]): string[] {
  return [...expected.filter((name) => !found.includes(name)).map((name) => `${what} lacks "${name}"`), ...unowned(what, found, expected)];
}

/** A template reads only iparams of the destination that owns it. */
function foreignIparams(requests: Json, descriptor: DestinationDescriptor): string[] {
  const own = descriptor.iparams.map((p) => p.name);
  return Object.values(descriptor.templates).flatMap((name) => {
    const text = JSON.stringify(requests[name] ?? {});
    const used = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
    return used
      .filter((iparam) => !own.includes(iparam))
      .map((iparam) => `template "${name}" of ${descriptor.label} reads iparam "${iparam}", which is not its own`);
  });
}

/** config/requests.json and manifest.json `modules.common.requests` against the descriptors' templates. */
export function requestDrift(descriptors: readonly DestinationDescriptor[], requests: Json, manifest: Json): string[] {
  const declared = Object.keys(((manifest.modules as Json).common as Json).requests as Json);
  return [
    ...sameNames('config/requests.json', Object.keys(requests), templateNames(descriptors)),
    ...sameNames('manifest.json requests', declared, templateNames(descriptors)),
    ...descriptors.flatMap((d) => foreignIparams(requests, d)),
  ];
}

interface IparamField {
  secure: boolean;
  options?: readonly string[];
  maxLength?: number;
}

/** One descriptor iparam against the field the installation page declares for it. */
function fieldDrift(name: string, expected: IparamField, field: IparamField | undefined): string[] {
  if (!field) return [`the installation page has no field "${name}"`];
  const problems: string[] = [];
  if (field.secure !== expected.secure)
    problems.push(
      `"${name}" is ${field.secure ? 'secure' : 'not secure'} on the installation page, ${expected.secure ? 'secure' : 'not secure'} in its descriptor`,
    );
  if (JSON.stringify(field.options ?? null) !== JSON.stringify(expected.options ?? null))
    problems.push(
      `"${name}" offers ${JSON.stringify(field.options ?? [])} on the installation page, ${JSON.stringify(expected.options ?? [])} in its descriptor`,
    );
  if (expected.maxLength !== undefined && field.maxLength !== expected.maxLength)
    problems.push(
      `"${name}" allows ${field.maxLength ?? 'any number of'} characters on the installation page, ${expected.maxLength} in its descriptor`,
    );
  return problems;
}

/**
 * The installation page's fields (by iparam name) against the descriptors: every descriptor iparam
 * a person types is there with its secure flag (a password field), options and limit; the `destinations` choice offers every label;
 * no field belongs to no one (`ownFields` are the pipeline's own iparams).
 */
export function iparamDrift(
  descriptors: readonly DestinationDescriptor[],
  fields: Record<string, IparamField>,
  ownFields: readonly string[],
): string[] {
  const expected = descriptors.flatMap((d) => d.iparams).filter((p) => p.derived !== true);
  return [
    ...expected.flatMap((p) => fieldDrift(p.name, p, fields[p.name])),
    ...fieldDrift('destinations', { secure: false, options: descriptors.map((d) => d.label) }, fields.destinations),
    ...unowned('the installation page', Object.keys(fields), [...expected.map((p) => p.name), ...ownFields]),
  ];
}
