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

/** UTF-8 byte length of the JSON form; throws a 400 if the value is not JSON-serialisable. */
export function jsonByteLength(value: unknown): number {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
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
