/**
 * The HTTP choke point (src/server/core/http.ts) against the runtime's real `$request` emulator and
 * a real local server: a vendor's 429 and the platform's own quota refusal are told apart by the
 * documented shape of the refusal (issue 17, "Platform facts"), not by `errorSource`.
 */
import { startServer, json, type LocalServer } from '../runtime/helpers/httpServer';
import { APP_DIR } from '../../simulator/local-app';
import { ManualClock, RollingWindowQuota } from '../../simulator/runtime';
import { readAppDefinition } from '../../simulator/runtime/app';
import { DEFAULT_PLATFORM_RULES } from '../../simulator/runtime/platform-rules';
import { QUOTA_REFUSAL_MESSAGE, RequestEmulator, type RequestTrace } from '../../simulator/runtime/request';
import { invoke, isPlatformQuotaRefusal } from '../../src/server/core/http';
import { NotSentError, PayloadInvalidError, PlatformQuotaError, RetryableError } from '../../src/server/core/errors';
import { createRedactor } from '../../src/server/core/redactor';
import type { TemplateName } from '../../src/shared/destinations';

describe('core/http', () => {
  let server: LocalServer;
  const globals = globalThis as { $request?: unknown };

  beforeEach(async () => {
    server = await startServer();
    const clock = new ManualClock(Date.now());
    globals.$request = new RequestEmulator({
      app: await readAppDefinition(APP_DIR),
      clock,
      // One request a minute: the second call is the platform's to refuse.
      quota: new RollingWindowQuota(1, 60_000, clock),
      iparams: () => ({ freshdesk_subdomain: 'acme', freshdesk_api_key: 'k3y-0f-the-acme-account', cg_region: 'eu' }),
      hostOverride: () => server.baseUrl,
      cause: () => undefined,
      rules: DEFAULT_PLATFORM_RULES,
      requestTimeoutMs: 1_000,
      trace: [] as RequestTrace[],
      counters: { requests: 0, requestsRefused: 0 },
    });
  });

  afterEach(async () => {
    delete globals.$request;
    await server.close();
  });

  const call = (template: TemplateName = 'freshdeskCreateContactActivity', context?: Record<string, string>) =>
    invoke(
      { template, options: { body: '{}', context }, readMessage: () => null, idempotent: false },
      { startedAt: Date.now(), redactor: createRedactor(['k3y-0f-the-acme-account']) },
    ).then(
      () => null,
      (err: unknown) => err,
    );

  test('are told apart: Retry-After kept for the vendor, no attempt spent for the platform', async () => {
    // The vendor's 429 even words its body like the platform: its answer is still in `response`.
    server.respond((_hit, res) => json(res, 429, { message: QUOTA_REFUSAL_MESSAGE }, { 'retry-after': '90' }));
    const vendor = await call();
    const platform = await call();

    expect(server.hits).toHaveLength(1);
    expect(vendor).toBeInstanceOf(RetryableError);
    expect(vendor).not.toBeInstanceOf(NotSentError);
    expect(vendor).toMatchObject({ status: 429, retryAfterMs: 90_000 });
    expect(platform).toBeInstanceOf(PlatformQuotaError);
    expect(platform).toMatchObject({ status: 429, message: `HTTP 429: ${QUOTA_REFUSAL_MESSAGE}` });
  });

  test('the refusal is recognised by status, documented message and no vendor response, whatever errorSource says', () => {
    const documented = { status: 429, headers: {}, message: 'You have exceeded the limit of 50 requests per minute', errorSource: 'APP' };
    expect(isPlatformQuotaRefusal(documented)).toBe(true);
    expect(isPlatformQuotaRefusal({ ...documented, message: 'You have exceeded the limit of 200 requests per minute' })).toBe(true);
    expect(isPlatformQuotaRefusal({ ...documented, response: '{"message":"slow down"}' })).toBe(false);
    expect(isPlatformQuotaRefusal({ status: 429, headers: {}, response: '{}', errorSource: 'PLATFORM' })).toBe(false);
    expect(isPlatformQuotaRefusal({ ...documented, status: 503 })).toBe(false);
    expect(isPlatformQuotaRefusal(null)).toBe(false);
  });

  // Issue 19 item 24: a context value is substituted into the URL or headers.
  test.each([
    ['CR LF', 'tok\r\nX-Injected: 1'],
    ['LF', 'tok\nX'],
    ['CR', 'tok\rX'],
    ['NUL', 'tok\u0000'],
    ['TAB', 'tok\tX'],
    ['DEL', 'tok\u007f'],
    ['a C1 control (NEL)', 'tok\u0085'],
    ['the Unicode line separator', 'tok\u2028'],
  ])('a context value with %s is refused before the template is invoked, naming the value', async (_name, token) => {
    const err = await call('customerGaugeUpsertActivity', { access_token: token });
    expect(err).toBeInstanceOf(PayloadInvalidError);
    expect((err as Error).message).toBe(
      'not sent: the customerGaugeUpsertActivity template\'s context value "access_token" contains a control character (CR, LF or another), which could split a header or the URL',
    );
    expect(server.hits).toHaveLength(0);
  });

  test('ordinary context values pass (spaces, punctuation)', async () => {
    server.respond((_hit, res) => json(res, 200, { data: { id: 1 } }));
    expect(await call('customerGaugeUpsertActivity', { access_token: 'tok en-abc.DEF_123~+/=' })).toBeNull();
    expect(server.hits).toHaveLength(1);
  });
});
