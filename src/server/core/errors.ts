/**
 * Typed delivery errors. Destinations throw them; the pipeline alone decides from the class
 * what happens next (retry later, reject for good, refresh credentials), never the destination.
 */

import { createRedactor, type Redactor } from './redactor';

interface FailureDetail {
  /** HTTP status from the destination or the platform; 0 when there was no answer. */
  status: number;
  /** Readable reason, ready for the history record (no secrets). */
  message: string;
}

export abstract class DeliveryError extends Error {
  readonly status: number;
  constructor(detail: FailureDetail) {
    super(detail.message);
    this.status = detail.status;
  }
}

/** Transient: network failure, timeout, 408, 429, 5xx. `retryAfterMs` comes from Retry-After. */
export class RetryableError extends DeliveryError {
  readonly retryAfterMs: number | null;
  /** True when a timeout means the request may have landed (a destination without an idempotency key may then hold it twice). */
  readonly mayHaveLanded: boolean;
  constructor(detail: FailureDetail & { retryAfterMs?: number | null; mayHaveLanded?: boolean }) {
    super(detail);
    this.retryAfterMs = detail.retryAfterMs ?? null;
    this.mayHaveLanded = detail.mayHaveLanded ?? false;
  }
}

/** The request was never sent (quota spent, or too little invocation time left): no attempt is spent. */
export class NotSentError extends RetryableError {}

/** The installation's own platform quota (50 requests or 50 `$db` operations a minute) is spent. */
export class PlatformQuotaError extends NotSentError {}

/** The destination refused the credentials (401/403). Not retried on its own: fix the iparams, then replay. */
export class AuthError extends DeliveryError {}

/** The destination refused the payload (4xx other than auth and throttling): retrying cannot help. */
export class PayloadInvalidError extends DeliveryError {}

/** The `message` of a platform rejection (or of anything thrown), as text. */
export const messageOf = (err: unknown): string => String((err as { message?: unknown } | null)?.message);

/** An error a server method answers with its HTTP status (400 bad argument, 404 unknown id, 409 conflict). */
export class HttpStatusError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export const MAX_REASON = 300;
/** Without the run's redactor, at least credential-shaped text goes (bearer tokens, JWTs, `api_key=` fields). */
const SHAPES_ONLY = createRedactor();

/**
 * Words for any thrown value: an Error's message, the platform's `{status, message}` rejections
 * ("HTTP 429: Rate limit exceeded"), a string; never "[object Object]". Redacted, then cut to
 * 300 characters: pass the run's redactor so that its secrets go too, before the cut.
 */
export function reasonOf(err: unknown, redactor: Redactor = SHAPES_ONLY): string {
  const text = err instanceof Error ? err.message || err.name : typeof err === 'string' ? err : describeValue(err);
  return redactor.excerpt(text, MAX_REASON);
}

/** A platform rejection `{status, message}` as "HTTP 429: Rate limit exceeded"; anything else as JSON. */
function describeValue(err: unknown): string {
  const { status, message } = (err ?? {}) as { status?: unknown; message?: unknown };
  const text = typeof message === 'string' && message !== '' ? message : null;
  if (typeof status === 'number') return text ? `HTTP ${status}: ${text}` : `HTTP ${status}`;
  return text ?? jsonOf(err);
}

function jsonOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return 'unknown error';
  }
}
