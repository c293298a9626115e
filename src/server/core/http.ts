/**
 * The one choke point for outbound HTTP: every destination calls its request templates through
 * `invoke`, which turns the platform's rejections into the typed errors of ./errors.
 */
import { AuthError, DeliveryError, PayloadInvalidError, PlatformQuotaError, RetryableError } from './errors';

export type ErrorMessageReader = (body: unknown) => string | null;

export interface JsonResponse {
  status: number;
  body: unknown;
}

export async function invoke(
  template: string,
  options: FdkInvokeOptions,
  readMessage: ErrorMessageReader,
  now: number,
): Promise<JsonResponse> {
  try {
    const res = await $request.invokeTemplate(template, options);
    return { status: res.status, body: parseBody(res.response) };
  } catch (err) {
    throw toDeliveryError(err as FdkRequestError, readMessage, now);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Destinations answer JSON; an empty or malformed success body is kept as `null` (the status says it landed). */
function parseBody(text: string | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function header(err: FdkRequestError, name: string): string | undefined {
  const headers = err.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : String(headers[key]);
}

/** Retry-After in seconds or as an HTTP date, as milliseconds from `now`. */
export function retryAfterMs(value: string | undefined, now: number): number | null {
  if (value === undefined || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function isPlatformThrottle(err: FdkRequestError): boolean {
  return err.errorSource === 'PLATFORM';
}

type ErrorClass = 'quota' | 'auth' | 'invalid' | 'retry';

const BY_STATUS: Record<number, ErrorClass> = { 401: 'auth', 403: 'auth', 408: 'retry' };

function classify(err: FdkRequestError, status: number): ErrorClass {
  if (status === 429) return isPlatformThrottle(err) ? 'quota' : 'retry';
  const isClientError = status >= 400 && status < 500;
  return BY_STATUS[status] ?? (isClientError ? 'invalid' : 'retry');
}

/** Gateway timeouts and dropped connections may have reached the destination before failing. */
const MAY_HAVE_LANDED = new Set([0, 408, 504]);

export function toDeliveryError(err: FdkRequestError, readMessage: ErrorMessageReader, now: number): DeliveryError {
  const status = typeof err.status === 'number' ? err.status : 0;
  const detail = { status, message: describe(err, status, readMessage), retryAfterMs: retryAfterMs(header(err, 'retry-after'), now) };
  const kind = classify(err, status);
  if (kind === 'quota') return new PlatformQuotaError(detail);
  if (kind === 'auth') return new AuthError(detail);
  if (kind === 'invalid') return new PayloadInvalidError(detail);
  return new RetryableError({ ...detail, mayHaveLanded: MAY_HAVE_LANDED.has(status) });
}

function describe(err: FdkRequestError, status: number, readMessage: ErrorMessageReader): string {
  const fromBody = readMessage(parseBody(err.response));
  const detail = fromBody ?? (err.response ? err.response.slice(0, 200) : null);
  return detail ? `HTTP ${status}: ${detail}` : `HTTP ${status}`;
}
