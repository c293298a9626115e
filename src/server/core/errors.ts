/**
 * Typed delivery errors. Destinations throw them; the pipeline alone decides from the class
 * what happens next (retry later, reject for good, refresh credentials), never the destination.
 */

export interface FailureDetail {
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
  /** True when a timeout means the request may have landed (Freshdesk has no idempotency key). */
  readonly mayHaveLanded: boolean;
  constructor(detail: FailureDetail & { retryAfterMs?: number | null; mayHaveLanded?: boolean }) {
    super(detail);
    this.retryAfterMs = detail.retryAfterMs ?? null;
    this.mayHaveLanded = detail.mayHaveLanded ?? false;
  }
}

/** The installation's own platform quota (50 requests or 50 `$db` operations a minute) is spent. */
export class PlatformQuotaError extends RetryableError {}

/** The destination refused the credentials (401/403). Not retried on its own: fix the iparams, then replay. */
export class AuthError extends DeliveryError {}

/** The destination refused the payload (4xx other than auth and throttling): retrying cannot help. */
export class PayloadInvalidError extends DeliveryError {}
