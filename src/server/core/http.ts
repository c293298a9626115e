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
  return err.errorSource === 'PLATFORM' || /rate limit exceeded/i.test(err.message ?? '');
}

export function toDeliveryError(err: FdkRequestError, readMessage: ErrorMessageReader, now: number): DeliveryError {
  const status = typeof err.status === 'number' ? err.status : 0;
  const message = describe(err, status, readMessage);
  const wait = retryAfterMs(header(err, 'retry-after'), now);
  if (status === 429 && isPlatformThrottle(err)) return new PlatformQuotaError({ status, message, retryAfterMs: wait });
  if (status === 401 || status === 403) return new AuthError({ status, message });
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return new PayloadInvalidError({ status, message });
  // Gateway timeouts and dropped connections may have reached the destination before failing.
  const mayHaveLanded = status === 0 || status === 504 || status === 408;
  return new RetryableError({ status, message, retryAfterMs: wait, mayHaveLanded });
}

function describe(err: FdkRequestError, status: number, readMessage: ErrorMessageReader): string {
  const fromBody = readMessage(parseBody(err.response));
  const detail = fromBody ?? err.message ?? (err.response ? err.response.slice(0, 200) : null);
  return detail ? `HTTP ${status}: ${detail}` : `HTTP ${status}`;
}
