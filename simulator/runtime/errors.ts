/**
 * Platform calls reject with plain objects (not Error instances), as the FDK does:
 * `{ status, message, ... }`. These helpers keep the shapes in one place.
 */
export interface PlatformError {
  status: number;
  message: string;
  [extra: string]: unknown;
}

export function platformError(status: number, message: string, extra: Record<string, unknown> = {}): PlatformError {
  return { status, message, ...extra };
}

export const badRequest = (message: string): PlatformError => platformError(400, message);
export const notFound = (message: string): PlatformError => platformError(404, message);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  // Cross-realm safe: objects created inside the vm sandbox have a different Object.prototype.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** An object or array being written: its keys (indices for an array) and how far the writing got. */
interface OpenValue {
  value: Record<string, unknown>;
  array: boolean;
  keys: string[];
  next: number;
  written: boolean;
}

/** What JSON.stringify writes for `value` under `key`: after `toJSON`; undefined for what it leaves out. */
function jsonValueOf(value: unknown, key: string): unknown {
  const own = value as { toJSON?: unknown } | null;
  const resolved = typeof own?.toJSON === 'function' ? (own.toJSON as (key: string) => unknown)(key) : value;
  return typeof resolved === 'function' || typeof resolved === 'symbol' ? undefined : resolved;
}

/** Number, String and Boolean objects (from any realm) are written as their primitive. */
const isBoxed = (value: object): boolean => /^\[object (Number|String|Boolean)\]$/.test(Object.prototype.toString.call(value));

/**
 * JSON.stringify's text without its recursion. V8's JSON.stringify recurses and runs out of stack
 * near 4,000 levels, while the platform takes any JSON document within its size limits (JSON.parse
 * is not recursive): a deep but small payload must be measured, not refused. Cycles throw as in
 * JSON.stringify. Returns undefined where JSON.stringify does (a function, a symbol, undefined).
 */
export function jsonText(value: unknown): string | undefined {
  const out: string[] = [];
  const open: OpenValue[] = [];
  const ancestors = new Set<unknown>();
  const write = (item: unknown): void => {
    if (typeof item !== 'object' || item === null || isBoxed(item)) {
      out.push(JSON.stringify(item) ?? 'null');
      return;
    }
    if (ancestors.has(item)) throw new TypeError('Converting circular structure to JSON');
    ancestors.add(item);
    const array = Array.isArray(item);
    open.push({
      value: item as Record<string, unknown>,
      array,
      keys: array ? Array.from({ length: item.length }, (_, i) => String(i)) : Object.keys(item),
      next: 0,
      written: false,
    });
    out.push(array ? '[' : '{');
  };
  const root = jsonValueOf(value, '');
  if (root === undefined) return undefined;
  write(root);
  while (open.length > 0) {
    const top = open[open.length - 1];
    if (top.next === top.keys.length) {
      out.push(top.array ? ']' : '}');
      ancestors.delete(top.value);
      open.pop();
      continue;
    }
    const key = top.keys[top.next++];
    const item = jsonValueOf(top.value[key], key);
    // Objects leave out members JSON cannot hold; arrays write null in their place (as JSON.stringify).
    if (item === undefined && !top.array) continue;
    if (top.written) out.push(',');
    top.written = true;
    if (!top.array) out.push(`${JSON.stringify(key)}:`);
    write(item);
  }
  return out.join('');
}

/**
 * UTF-8 byte length of the JSON form; throws a 400 if the value is not JSON-serialisable. Invocation
 * payloads are written with `jsonText` (any depth); `$db` and `$schedule` values keep JSON.stringify's
 * depth limit, since whether the platform's stores take deeper documents is unknown (the stricter reading).
 */
export function jsonByteLength(value: unknown, write: (value: unknown) => string | undefined = JSON.stringify): number {
  let text: string | undefined;
  try {
    text = write(value);
  } catch {
    throw badRequest('Value is not JSON-serialisable');
  }
  return Buffer.byteLength(text ?? '', 'utf8');
}

/** Deep copy through JSON, which is how the platform stores and returns values. */
export function jsonClone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Turns anything thrown inside the sandbox into something JSON-friendly for results. */
export function describeThrown(thrown: unknown): unknown {
  if (thrown && typeof thrown === 'object' && 'message' in thrown && 'stack' in thrown) {
    const err = thrown as { name?: unknown; message: unknown };
    return { name: String(err.name ?? 'Error'), message: String(err.message) };
  }
  return thrown;
}
