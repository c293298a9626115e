/**
 * JSON-schema validation: schemas are written once in TypeBox (which also gives the TS types)
 * and compiled by ajv on first use, so an invocation compiles only the schemas it needs.
 */
import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

// The platform loads the script for each invocation, so ajv's start-up is paid per event: our
// schemas are trusted TypeBox output, so skip the meta-schemas and code optimisation (~10x faster).
const ajv = new Ajv({ allErrors: false, strict: false, useDefaults: true, meta: false, validateSchema: false, code: { optimize: false } });
const compiled = new WeakMap<TSchema, ValidateFunction>();

/** A string from a fixed list, as a JSON-schema `enum` (its error names the allowed values). */
export function OneOf<T extends string>(values: readonly T[], options: { default?: T } = {}): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
}

export type Validation<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

/** Validates `value` against `schema`; on failure names the offending field, prefixed with `root`. */
export function validate<S extends TSchema>(schema: S, value: unknown, root: string): Validation<Static<S>> {
  let check = compiled.get(schema);
  if (!check) {
    check = ajv.compile(schema);
    compiled.set(schema, check);
  }
  if (check(value)) return { ok: true, value: value as Static<S> };
  return describeError(check.errors?.[0], root);
}

function describeError(error: ErrorObject | undefined, root: string): { ok: false; field: string; message: string } {
  if (!error) return { ok: false, field: root, message: `${root} is invalid` };
  const path = error.instancePath.split('/').slice(1).map(decodePointer);
  const missing = error.params.missingProperty as string | undefined;
  const extra = error.params.additionalProperty as string | undefined;
  const field = [root, ...path, ...(missing ? [missing] : []), ...(extra ? [extra] : [])].filter(Boolean).join('.');
  return { ok: false, field, message: `${field} ${explain(error, missing, extra)}` };
}

function explain(error: ErrorObject, missing?: string, extra?: string): string {
  if (missing) return 'is required';
  if (extra) return 'is not a known field';
  const allowed = error.params.allowedValues as unknown[] | undefined;
  return allowed ? `must be one of: ${allowed.join(', ')}` : (error.message ?? 'is invalid');
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
