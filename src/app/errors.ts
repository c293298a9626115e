/** A server method's refusal as the sidebar reads it: the message, and whether the quota is spent. */
import { RESERVE_NOTICE } from '../shared/history-api';

/** FDK rejects with the server's `{status, message}`; some clients carry it as a JSON `response`. */
export function errorMessage(err: unknown): string {
  if (typeof err === 'string') return err;
  const error = (err ?? {}) as { message?: unknown; response?: unknown };
  if (typeof error.message === 'string' && error.message) return error.message;
  return responseMessage(error.response) ?? 'Something went wrong. Try again.';
}

function responseMessage(response: unknown): string | null {
  if (typeof response !== 'string') return (response as { message?: string } | undefined)?.message ?? null;
  try {
    return (JSON.parse(response) as { message?: string }).message ?? response;
  } catch {
    return response || null;
  }
}

/** A refused call: its message, and the HTTP status the platform or the server method gave, when it gave one. */
export class ApiError extends Error {
  readonly status: number | null;
  constructor(err: unknown) {
    super(errorMessage(err), { cause: err });
    const status = (err as { status?: unknown } | null)?.status;
    this.status = typeof status === 'number' ? status : null;
  }
}

/**
 * The installation's per-minute quota is spent: the platform refused the call (server method
 * invocations), or the method's own storage reads were refused or its reserve is spent (./api):
 * all answer HTTP 429.
 */
export function quotaSpent(err: unknown): boolean {
  return err instanceof ApiError && err.status === 429;
}

/** The history methods' share of the storage quota is spent for this minute (the server methods' reserve). */
export function reserveSpent(err: unknown): boolean {
  return quotaSpent(err) && (err as ApiError).message === RESERVE_NOTICE;
}
