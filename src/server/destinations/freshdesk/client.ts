/** Thin Freshdesk API client: one call, through the `freshdeskCreateContactActivity` template. */
import { invoke, isRecord, type CallContext } from '../../core/http';
import { freshdesk } from '../../../shared/destinations/freshdesk';
import type { Receipt } from '../types';
import type { FreshdeskContactActivity } from './mapping';

interface FreshdeskErrorBody {
  description?: string;
  message?: string;
  errors?: Array<{ field?: string; message?: string; code?: string }>;
}

/** "Validation failed: activity.foo invalid_field (Unexpected/invalid field in request)". */
function readFreshdeskError(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const { description, message, errors } = body as FreshdeskErrorBody;
  const head = description ?? message ?? null;
  return errors?.length ? `${head ?? 'Error'}: ${errors.map(describeFieldError).join('; ')}` : head;
}

function describeFieldError(error: { field?: string; message?: string; code?: string }): string {
  return [error.field, error.code, error.message && `(${error.message})`].filter(Boolean).join(' ');
}

/** Freshdesk has no idempotency key: never resent within an invocation. */
export async function createContactActivity(payload: FreshdeskContactActivity, ctx: CallContext): Promise<Receipt> {
  const spec = {
    template: freshdesk.templates.createContactActivity,
    options: { body: JSON.stringify(payload) },
    readMessage: readFreshdeskError,
    idempotent: false,
  };
  const res = await invoke(spec, ctx);
  return { status: res.status, remoteId: null };
}
