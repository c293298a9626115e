/**
 * The one module that calls `$db`, as core/http.ts is the one that calls `$request`. It knows the
 * store's facts (sources in README "Platform rules"): `update` takes no options (FDK drops a fourth
 * argument), `update` on a missing key creates it without expiry, empty strings, NaN and ±Infinity
 * inside a value come back as null, and every call spends one of the installation's 50 a minute.
 * Failures come back as a `StoreError` whose `kind` says what happened.
 */

type StoreErrorKind = 'missing' | 'condition' | 'quota' | 'refused' | 'failed';

/** A `$db` rejection, classified once: 404 missing, 400 failed setIf, 429 quota, other 400 refused (size, shape), anything else failed. */
export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  readonly status: number;
  constructor(kind: StoreErrorKind, status: number, message: string) {
    super(`HTTP ${status}: ${message}`);
    this.kind = kind;
    this.status = status;
  }
}

const BY_STATUS: Record<number, StoreErrorKind> = { 404: 'missing', 429: 'quota', 400: 'refused' };

function classify(err: unknown): StoreError {
  const { status, message } = (err ?? {}) as { status?: unknown; message?: unknown };
  const code = typeof status === 'number' ? status : 0;
  const text = typeof message === 'string' ? message : 'the store failed';
  const kind = code === 400 && /setif/i.test(text) ? 'condition' : BY_STATUS[code];
  return new StoreError(kind ?? 'failed', code, text);
}

const classified = <T>(call: () => Promise<T>): Promise<T> =>
  call().catch((err: unknown) => {
    throw classify(err);
  });

/**
 * What the store keeps of `value`: empty strings, NaN and ±Infinity inside it become null. Written
 * values pass through it first, so what the app signs and compares is what it will read back.
 */
export function storable<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_name, item: unknown) => (item === '' ? null : item))) as T;
}

export const readKey = (key: string): Promise<Record<string, unknown>> => classified(() => $db.get(key));

/** A missing key reads as null. */
export async function readKeyOrNull(key: string): Promise<Record<string, unknown> | null> {
  try {
    return await readKey(key);
  } catch (err) {
    if ((err as StoreError).kind === 'missing') return null;
    throw err;
  }
}

/** Creates `key` only if absent (`condition` when it exists), with a time-to-live. */
export const createKey = (key: string, value: Record<string, unknown>, ttlSeconds: number): Promise<unknown> =>
  classified(() => $db.set(key, storable(value), { setIf: 'not_exist', ttl: ttlSeconds }));

/** Sets attributes (dotted paths) of `key`; creates the key without expiry if it is missing. */
export const setAttributes = (key: string, attributes: Record<string, unknown>): Promise<unknown> =>
  classified(() => $db.update(key, 'set', storable(attributes)));

export const removeAttributes = (key: string, names: string[]): Promise<unknown> => classified(() => $db.update(key, 'remove', names));

export const deleteKey = (key: string): Promise<unknown> => classified(() => $db.delete(key));

/** `update`'s fourth argument, which the platform is not documented to read (FDK drops it). */
export type UpdateOptions = { setIf?: 'exist' | 'not_exist' };
type UpdateWithOptions = (
  key: string,
  action: FdkDbUpdateAction,
  attributes: Record<string, unknown>,
  options: UpdateOptions,
) => Promise<unknown>;

/**
 * `update` set with a fourth argument, passed on deliberately: only the platform self-check calls
 * it, to ask whether the platform reads it. The engine never passes options (see the header).
 */
export const setAttributesWithOptions = (key: string, attributes: Record<string, unknown>, options: UpdateOptions): Promise<unknown> =>
  classified(() => ($db.update as UpdateWithOptions)(key, 'set', storable(attributes), options));
