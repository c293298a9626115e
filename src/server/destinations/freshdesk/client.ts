/** Thin Freshdesk API client: one call, through the `freshdeskCreateContactActivity` template. */
import { invoke, isRecord } from '../../core/http';
import type { Receipt } from '../types';
import type { FreshdeskContactActivity } from './mapping';

interface FreshdeskErrorBody {
  description?: string;
  message?: string;
  errors?: Array<{ field?: string; message?: string; code?: string }>;
}

/** "Validation failed: activity.foo invalid_field (Unexpected/invalid field in request)". */
export function readFreshdeskError(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const { description, message, errors } = body as FreshdeskErrorBody;
  const head = description ?? message ?? null;
  return errors?.length ? `${head ?? 'Error'}: ${errors.map(describeFieldError).join('; ')}` : head;
}

function describeFieldError(error: { field?: string; message?: string; code?: string }): string {
  return [error.field, error.code, error.message && `(${error.message})`].filter(Boolean).join(' ');
}

export async function createContactActivity(payload: FreshdeskContactActivity, now: number): Promise<Receipt> {
  const res = await invoke('freshdeskCreateContactActivity', { body: JSON.stringify(payload) }, readFreshdeskError, now);
  return { status: res.status, remoteId: null };
}
