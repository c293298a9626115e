/**
 * The one choke point for outbound HTTP: every destination calls its request templates through
 * `invoke`, which turns the platform's rejections into the typed errors of ./errors. A vendor's
 * answer is never kept verbatim: only its documented error fields, redacted, then cut.
 */
import type { TemplateName } from '../../shared/destinations';
import { AuthError, DeliveryError, MAX_REASON, NotSentError, PayloadInvalidError, PlatformQuotaError, RetryableError } from './errors';
import type { Redactor } from './redactor';

type ErrorMessageReader = (body: unknown) => string | null;

interface JsonResponse {
  status: number;
  body: unknown;
}

/** The platform stops an invocation after 20 s. */
export const INVOCATION_LIMIT_MS = 20_000;
/**
 * Time a request is given when deciding whether to start it: a vendor answers well within it; one
 * that hangs for the full 15 s template timeout outlives the invocation, whose lock then recovers
 * the push (flagged when it may have landed). Waiting for a full 15 s free instead would never start
 * a request when platform calls are slow (issue 17 item 9).
 */
const REQUEST_TIMEOUT_MS = 5_000;
/** Kept free after the last call for the history write and the engine's bookkeeping. */
const FINISH_RESERVE_MS = 3_000;

/** One invocation's: when it started (no call starts unless it can finish in time) and its redactor. */
export interface CallContext {
  startedAt: number;
  /** Built from the secure iparams at the invocation's start; tokens obtained later are added to it. */
  redactor: Redactor;
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
    throw toDeliveryError(err as FdkRequestError, spec.readMessage, ctx.redactor, Date.now());
  }
}

/** A 5xx or a dropped connection without Retry-After: worth one immediate second try when the call is idempotent. */
function worthRetryingNow(err: unknown): boolean {
  return (
    err instanceof RetryableError && !(err instanceof NotSentError) && err.retryAfterMs === null && (err.status === 0 || err.status >= 500)
  );
}

/** C0 and C1 controls (CR, LF, NUL, TAB…), DEL, and the Unicode line and paragraph separators. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

/**
 * A context value is substituted into a template's URL or headers: a CR or LF there could split
 * a header and smuggle another (issue 19 item 24). Refused before anything is invoked; the value
 * itself is not repeated (it may be a token).
 */
function checkContext(spec: InvokeSpec): void {
  for (const [name, value] of Object.entries(spec.options.context ?? {})) {
    if (typeof value === 'string' && hasControlCharacter(value))
      throw new PayloadInvalidError({
        status: 0,
        message: `not sent: the ${spec.template} template's context value "${name}" contains a control character (CR, LF or another), which could split a header or the URL`,
      });
  }
}

/**
 * Calls a template once. The template's own `maxAttempts` stays 1: with a 15 s timeout per attempt
 * two attempts could outlast the 20 s invocation, so the second try is made here, only when it can finish.
 */
export async function invoke(spec: InvokeSpec, ctx: CallContext): Promise<JsonResponse> {
  checkContext(spec);
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

/** Longer answers are not parsed for their error fields (a vendor's error body is a few hundred bytes). */
const MAX_PARSED_CHARS = 64 * 1024;

/** Destinations answer JSON; an empty or malformed success body is kept as `null` (the status says it landed). */
function parseBody(text: string | undefined): unknown {
  if (!text || text.length > MAX_PARSED_CHARS) return null;
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

/**
 * The platform's own request-quota refusal, as Freshworks documents it: `{status: 429, headers,
 * message: 'You have exceeded the limit of 50 requests per minute', errorSource: 'APP'}`
 * (freshworks-developers/marketplace, request-method errors, "Fixing the request method rate-limit
 * error"). FDK's proxy marks a vendor's own error answers `errorSource: 'APP'` too, so the source
 * cannot tell them apart: the status, the documented message (whatever the limit) and the absence
 * of a vendor `response` do. A vendor 429 carries its body in `response`.
 */
const QUOTA_MESSAGE = /^You have exceeded the limit of \d+ requests per minute/i;

export function isPlatformQuotaRefusal(err: unknown): boolean {
  const { status, message, response } = (err ?? {}) as { status?: unknown; message?: unknown; response?: unknown };
  return status === 429 && response === undefined && typeof message === 'string' && QUOTA_MESSAGE.test(message);
}

type ErrorClass = 'quota' | 'auth' | 'invalid' | 'retry';

const BY_STATUS: Record<number, ErrorClass> = { 401: 'auth', 403: 'auth', 408: 'retry' };

function classify(err: FdkRequestError, status: number): ErrorClass {
  if (status === 429) return isPlatformQuotaRefusal(err) ? 'quota' : 'retry';
  const isClientError = status >= 400 && status < 500;
  return BY_STATUS[status] ?? (isClientError ? 'invalid' : 'retry');
}

/**
 * Outcomes after which the write may have landed: no answer or a reset (0; the platform reports a
 * reset as 502 and a timeout as 504), a request timeout, and server errors a vendor can answer
 * after storing the record (500, 502, 503, 504).
 */
const MAY_HAVE_LANDED = new Set([0, 408, 500, 502, 503, 504]);

function toDeliveryError(err: FdkRequestError, readMessage: ErrorMessageReader, redactor: Redactor, now: number): DeliveryError {
  const status = typeof err.status === 'number' ? err.status : 0;
  const message = `HTTP ${status}: ${describe(err, readMessage, redactor)}`;
  const detail = { status, message: redactor.excerpt(message, MAX_REASON), retryAfterMs: retryAfterMs(header(err, 'retry-after'), now) };
  const kind = classify(err, status);
  if (kind === 'quota') return new PlatformQuotaError(detail);
  if (kind === 'auth') return new AuthError(detail);
  if (kind === 'invalid') return new PayloadInvalidError(detail);
  return new RetryableError({ ...detail, mayHaveLanded: MAY_HAVE_LANDED.has(status) });
}

/** The platform's own reasons (FDK 6.9 lib/api/proxy.js): its words, not a vendor's body. */
const PLATFORM_REASONS = new Set([
  'Error in establishing connection',
  'Timeout error while processing the request',
  'Unsupported content type',
]);

/**
 * What is kept of a failure: the vendor's documented error fields, read from the body after
 * redaction (on decoded strings); the platform's own reason; else only the body's size.
 */
function describe(err: FdkRequestError, readMessage: ErrorMessageReader, redactor: Redactor): string {
  // The platform's own refusals carry `message` and no vendor `response` (see isPlatformQuotaRefusal).
  if (typeof err.response !== 'string') return typeof err.message === 'string' && err.message !== '' ? err.message : 'no answer';
  const text = err.response;
  // No `attempts`: the platform refused the call before sending it (a template it cannot render), in its own words.
  if (PLATFORM_REASONS.has(text.trim()) || err.attempts === undefined) return text;
  return readMessage(redactor.value(parseBody(text))) || undocumented(err, text);
}

/** A body in no documented error form is not kept: only its size and type are told. */
function undocumented(err: FdkRequestError, text: string): string {
  if (text === '') return 'empty answer';
  const type = header(err, 'content-type')?.split(';')[0].trim();
  return `answer not in the documented error form (${text.length} characters${type ? ` of ${type}` : ''}, not kept)`;
}
