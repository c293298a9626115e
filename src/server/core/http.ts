/**
 * The one choke point for outbound HTTP: every destination calls its request templates through
 * `invoke`, which turns the platform's rejections into the typed errors of ./errors.
 */
import type { TemplateName } from '../../shared/destinations';
import { scrubCredentials } from './credentials';
import { AuthError, DeliveryError, NotSentError, PayloadInvalidError, PlatformQuotaError, RetryableError } from './errors';

type ErrorMessageReader = (body: unknown) => string | null;

interface JsonResponse {
  status: number;
  body: unknown;
}

/** The platform stops an invocation after 20 s. */
const INVOCATION_LIMIT_MS = 20_000;
/**
 * Time a request is given when deciding whether to start it: a vendor answers well within it; one
 * that hangs for the full 15 s template timeout outlives the invocation, whose lock then recovers
 * the push (flagged when it may have landed). Waiting for a full 15 s free instead would never start
 * a request when platform calls are slow (issue 17 item 9).
 */
const REQUEST_TIMEOUT_MS = 5_000;
/** Kept free after the last call for the history write and the engine's bookkeeping. */
const FINISH_RESERVE_MS = 3_000;

/** When the invocation started: no call starts unless it can finish before the platform's limit. */
export interface CallContext {
  startedAt: number;
}

function timeLeftFor(ctx: CallContext): boolean {
  return Date.now() - ctx.startedAt + REQUEST_TIMEOUT_MS + FINISH_RESERVE_MS <= INVOCATION_LIMIT_MS;
}

interface InvokeSpec {
  template: TemplateName;
  options: FdkInvokeOptions;
  readMessage: ErrorMessageReader;
  /** Safe to send twice (an upsert by reference, a token request): a transient failure is retried at once while time allows. */
  idempotent: boolean;
}

async function invokeOnce(spec: InvokeSpec, ctx: CallContext): Promise<JsonResponse> {
  if (!timeLeftFor(ctx)) throw new NotSentError({ status: 0, message: 'not started: too little of the 20 s invocation left' });
  try {
    const res = await $request.invokeTemplate(spec.template, spec.options);
    return { status: res.status, body: parseBody(res.response) };
  } catch (err) {
    throw toDeliveryError(err as FdkRequestError, spec.readMessage, Date.now());
  }
}

/** A 5xx or a dropped connection without Retry-After: worth one immediate second try when the call is idempotent. */
function worthRetryingNow(err: unknown): boolean {
  return (
    err instanceof RetryableError && !(err instanceof NotSentError) && err.retryAfterMs === null && (err.status === 0 || err.status >= 500)
  );
}

/**
 * Calls a template once. The template's own `maxAttempts` stays 1: with a 15 s timeout per attempt
 * two attempts could outlast the 20 s invocation, so the second try is made here, only when it can finish.
 */
export async function invoke(spec: InvokeSpec, ctx: CallContext): Promise<JsonResponse> {
  try {
    return await invokeOnce(spec, ctx);
  } catch (err) {
    if (!spec.idempotent || !worthRetryingNow(err) || !timeLeftFor(ctx)) throw err;
    return invokeOnce(spec, ctx);
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

/**
 * Outcomes after which the write may have landed: no answer or a reset (0; the platform reports a
 * reset as 502 and a timeout as 504), a request timeout, and server errors a vendor can answer
 * after storing the record (500, 502, 503, 504).
 */
const MAY_HAVE_LANDED = new Set([0, 408, 500, 502, 503, 504]);

function toDeliveryError(err: FdkRequestError, readMessage: ErrorMessageReader, now: number): DeliveryError {
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
  return scrubCredentials(detail ? `HTTP ${status}: ${detail}` : `HTTP ${status}`);
}
