/**
 * OAuth2 client-credentials token for CustomerGauge. FDK's oauth_config only does the
 * authorization-code flow, so the token comes from the `customerGaugeToken` template.
 *
 * The token is cached in the data of a one-time schedule rather than in `$db`: `$schedule.fetch`
 * does not count against the 50 `$db` operations a minute, which would otherwise cost one read
 * per event. The schedule fires (and so disappears) five minutes before the token expires.
 */
import { AuthError, PayloadInvalidError } from '../../core/errors';
import { customerGauge } from '../../../shared/destinations/customergauge';
import { invoke, isRecord, type CallContext } from '../../core/http';
import { createOnce, fetchSchedule, moveOnce, NAMES } from '../../platform/schedule';

const EXPIRY_MARGIN_MS = 5 * 60_000;

interface TokenBody {
  access_token?: string;
  expires_in?: number;
}

function readTokenError(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const { error, error_description: description } = body as { error?: string; error_description?: string };
  return [error, description].filter(Boolean).join(': ') || null;
}

async function cachedToken(now: number): Promise<string | null> {
  const schedule = await fetchSchedule(NAMES.token).catch(() => null);
  const { access_token: token, expires_at: expiresAt } = (schedule?.data ?? {}) as { access_token?: string; expires_at?: number };
  return token && typeof expiresAt === 'number' && expiresAt - EXPIRY_MARGIN_MS > now ? token : null;
}

async function storeToken(token: string, expiresAt: number): Promise<void> {
  const data = { kind: 'token', access_token: token, expires_at: expiresAt };
  // It fires (and is gone) shortly before the token expires; `cachedToken` checks expires_at itself.
  const at = expiresAt - EXPIRY_MARGIN_MS;
  // An expired entry may still be there: replace it. If that fails too, the next event fetches again.
  if ((await createOnce(NAMES.token, data, at)) === 'exists') await moveOnce(NAMES.token, data, at);
}

const TOKEN_REQUEST = {
  template: customerGauge.templates.token,
  options: { body: 'grant_type=client_credentials' },
  readMessage: readTokenError,
  idempotent: true,
};

async function fetchToken(ctx: CallContext): Promise<string> {
  const res = await invoke(TOKEN_REQUEST, ctx).catch((err: unknown) => {
    // Bad client credentials come back as 400 or 401 invalid_client: both are an auth failure, not a bad payload.
    const refused = err instanceof PayloadInvalidError || err instanceof AuthError;
    throw refused ? new AuthError({ status: err.status, message: `CustomerGauge token request refused: ${err.message}` }) : err;
  });
  const body = (res.body ?? {}) as TokenBody;
  if (!body.access_token) throw new AuthError({ status: res.status, message: 'token response has no access_token' });
  const expiresAt = Date.now() + (body.expires_in ?? 3600) * 1000;
  await storeToken(body.access_token, expiresAt);
  return body.access_token;
}

/** A valid token: the cached one unless `forceRefresh` (after a 401) or none is cached. */
export async function accessToken(ctx: CallContext, forceRefresh: boolean): Promise<string> {
  const cached = forceRefresh ? null : await cachedToken(Date.now());
  const token = cached ?? (await fetchToken(ctx));
  // From here on, the token is a secret of this invocation: no echo of it is kept anywhere.
  ctx.redactor.learn(token);
  return token;
}
