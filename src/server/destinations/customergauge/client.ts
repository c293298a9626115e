/** Thin CustomerGauge API client: upsert one activity, refreshing the token once on 401. */
import { AuthError } from '../../core/errors';
import { invoke, isRecord, type CallContext } from '../../core/http';
import { customerGauge } from '../../../shared/destinations/customergauge';
import type { Receipt } from '../types';
import type { CustomerGaugeActivity } from './mapping';
import { accessToken } from './token';

/** "The given data was invalid.: type The type field is required." */
function readCustomerGaugeError(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const { message, errors } = body as { message?: string; errors?: Record<string, string[]> };
  const details = Object.entries(errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
  return details.length > 0 ? `${message ?? 'Error'} ${details.join('; ')}` : (message ?? null);
}

/** An upsert by `reference`: resending cannot duplicate, so a transient failure is retried at once. */
async function put(payload: CustomerGaugeActivity, token: string, ctx: CallContext): Promise<Receipt> {
  const options = { context: { access_token: token }, body: JSON.stringify(payload) };
  const res = await invoke(
    { template: customerGauge.templates.upsertActivity, options, readMessage: readCustomerGaugeError, idempotent: true },
    ctx,
  );
  const data = (res.body as { data?: { id?: number | string } } | null)?.data;
  return { status: res.status, remoteId: data?.id === undefined ? null : String(data.id) };
}

export async function upsertActivity(payload: CustomerGaugeActivity, ctx: CallContext): Promise<Receipt> {
  const token = await accessToken(ctx, false);
  try {
    return await put(payload, token, ctx);
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    // The cached token may have been revoked or expired early: one fresh token, one resend.
    return put(payload, await accessToken(ctx, true), ctx);
  }
}
