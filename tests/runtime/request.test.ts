import { startServer, json, type LocalServer } from './helpers/httpServer';
import { BASIC_IPARAMS, loadFixture } from './helpers/fixtureRuntime';
import type { PlatformRuntime } from '../../simulator/runtime';
import type { ManualClock } from '../../simulator/runtime';

describe('$request.invokeTemplate', () => {
  let server: LocalServer;
  let runtime: PlatformRuntime;
  let clock: ManualClock;

  beforeEach(async () => {
    server = await startServer((_hit, res) => json(res, 200, { ok: true }));
    ({ runtime, clock } = await loadFixture({ baseUrl: server.baseUrl }));
  });

  afterEach(() => server.close());

  const invoke = (template: string, context: Record<string, unknown> = {}, body?: string) =>
    runtime.invokeServerMethod('invoke', { template, context, body });
  /** what `$request.invokeTemplate` rejected with inside the sandbox (the fixture hands it back as data) */
  const rejection = async (template: string, context: Record<string, unknown> = {}, body?: string) => {
    const result = await invoke(template, context, body);
    expect(result.ok).toBe(true);
    return (result.data as { rejected?: unknown }).rejected;
  };

  it('renders iparams and context, base64-encodes with encode(), URL-encodes query values', async () => {
    const result = await invoke('echo', { id: '42', agent: 'maya', q: 'a b&c' });

    expect(result).toMatchObject({ ok: true, data: { status: 200, response: '{"ok":true}', attempts: 1 } });
    expect((result.data as { headers: Record<string, string> }).headers['content-type']).toBe('application/json');
    expect(server.hits).toHaveLength(1);
    const [hit] = server.hits;
    expect(hit.method).toBe('GET');
    expect(hit.url).toBe('/api/v2/echo/42?q=a%20b%26c');
    expect(hit.headers.authorization).toBe(`Basic ${Buffer.from(BASIC_IPARAMS.api_key).toString('base64')}`);
    expect(hit.headers['x-agent']).toBe(Buffer.from('maya').toString('base64'));
  });

  it('records every attempt without headers, so secure iparam values never reach the trace', async () => {
    await invoke('echo', { id: '1', agent: 'a', q: 'x' });

    expect(runtime.requests).toEqual([
      {
        template: 'echo',
        method: 'GET',
        url: `${server.baseUrl}/api/v2/echo/1?q=x`,
        status: 200,
        attempt: 1,
        at: clock.now(),
        // The invocation that sent it, without the iparams it was given.
        cause: { handler: 'invoke', payload: expect.not.objectContaining({ iparams: expect.anything() }) },
      },
    ]);
    const encodedSecret = Buffer.from(BASIC_IPARAMS.api_key).toString('base64');
    expect(JSON.stringify(runtime.requests)).not.toContain(BASIC_IPARAMS.api_key);
    expect(JSON.stringify(runtime.requests)).not.toContain(encodedSecret);
  });

  it('hands the rendered host to hostOverride', async () => {
    const seen: string[] = [];
    ({ runtime } = await loadFixture({ hostOverride: (host) => (seen.push(host), server.baseUrl) }));
    await invoke('echo', { id: '1', agent: 'a', q: 'x' });
    expect(seen).toEqual(['acme.freshdesk.com']);
    // The stand-in gets the vendor's Host, so it can tell which account was addressed.
    expect(server.hits[0].headers.host).toBe('acme.freshdesk.com');
  });

  it('sends the body string as given and returns the response body unparsed', async () => {
    server.respond((hit, res) => json(res, 201, { received: JSON.parse(hit.body) }));
    const result = await invoke('postJson', {}, JSON.stringify({ a: 1 }));

    expect(server.hits[0]).toMatchObject({ method: 'POST', url: '/api/v2/contact-activities', body: '{"a":1}' });
    expect(result.data).toMatchObject({ status: 201, response: '{"received":{"a":1}}' });
  });

  it('rejects a non-string body without sending', async () => {
    const result = await runtime.invokeServerMethod('invoke', { template: 'postJson', context: {}, body: { a: 1 } });
    expect((result.data as { rejected: unknown }).rejected).toMatchObject({ status: 400, errorSource: 'APP' });
    expect(server.hits).toHaveLength(0);
  });

  it('retries 5xx up to maxAttempts, waiting retryDelay on the clock', async () => {
    let calls = 0;
    server.respond((_hit, res) => (++calls < 3 ? json(res, 500, { error: 'down' }) : json(res, 200, { ok: calls })));
    const start = clock.now();

    const result = await invoke('flaky');

    expect(result).toMatchObject({ ok: true, data: { status: 200, response: '{"ok":3}', attempts: 3 } });
    expect(server.hits).toHaveLength(3);
    expect(runtime.requests.map((r) => [r.attempt, r.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(clock.now() - start).toBe(2000); // two waits of retryDelay=1000
    expect(runtime.stats().requests).toBe(3);
  });

  it('retries 429 and gives up after maxAttempts with the last response', async () => {
    server.respond((_hit, res) => json(res, 429, { message: 'slow down' }, { 'retry-after': '7' }));

    const error = await rejection('flaky');

    expect(server.hits).toHaveLength(3);
    expect(error).toEqual({
      status: 429,
      response: '{"message":"slow down"}',
      headers: expect.objectContaining({ 'retry-after': '7', 'content-type': 'application/json' }),
      errorSource: 'APP',
      attempts: 3,
    });
  });

  it('does not retry 4xx other than 429', async () => {
    server.respond((_hit, res) => json(res, 404, { message: 'nope' }));
    const error = await rejection('flaky');
    expect(server.hits).toHaveLength(1);
    expect(error).toMatchObject({ status: 404, response: '{"message":"nope"}', errorSource: 'APP', attempts: 1 });
  });

  // FDK 6.9 lib/api/proxy.js isValidContentType, narrowed to the types the request-method docs also list.
  it.each([
    ['application/json; charset=utf-8', 200],
    ['application/vnd.api+json', 200],
    ['application/xml', 200],
    ['text/xml', 200],
    ['text/html', 200],
    ['text/plain', 200],
    ['application/jsonp', 200],
  ])('passes a %s response on', async (type, status) => {
    server.respond((_hit, res) => (res.writeHead(status, { 'content-type': type }), res.end('x')));
    expect(await invoke('flaky')).toMatchObject({ ok: true, data: { status, response: 'x' } });
  });

  it.each([
    ['application/octet-stream'],
    ['image/png'],
    ['application/pdf'],
    ['text/csv'],
    ['application/javascript'],
    ['Application/JSON'],
  ])('refuses a %s response with 415, whatever its status', async (type) => {
    server.respond((_hit, res) => (res.writeHead(200, { 'content-type': type }), res.end('x')));
    expect(await rejection('flaky')).toEqual({
      status: 415,
      headers: {},
      response: 'Unsupported content type',
      errorSource: 'APP',
      attempts: 1,
    });
    server.respond((_hit, res) => (res.writeHead(404, { 'content-type': type }), res.end('x')));
    expect(await rejection('flaky')).toMatchObject({ status: 415 });
  });

  it('passes a response without Content-Type on (FDK 6.9)', async () => {
    server.respond((_hit, res) => (res.writeHead(204), res.end()));
    expect(await invoke('flaky')).toMatchObject({ ok: true, data: { status: 204, response: '' } });
  });

  it('times out after requestTimeoutMs and retries the timeout', async () => {
    ({ runtime } = await loadFixture({ baseUrl: server.baseUrl, requestTimeoutMs: 200 }));
    server.respond(() => undefined); // never answers

    const started = Date.now();
    const error = await rejection('slow');

    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(error).toEqual({
      status: 504,
      headers: {},
      response: 'Timeout error while processing the request',
      errorSource: 'APP',
      attempts: 2,
    });
    expect(server.hits).toHaveLength(2);
    expect(runtime.requests.map((r) => [r.status, r.error])).toEqual([
      [0, 'timeout'],
      [0, 'timeout'],
    ]);
  });

  it('maps a refused connection to 502 and keeps the error code in the trace', async () => {
    const closed = await startServer();
    await closed.close();
    ({ runtime } = await loadFixture({ baseUrl: closed.baseUrl }));

    const error = await rejection('echo', { id: '1', agent: 'a', q: 'x' });

    expect(error).toEqual({ status: 502, headers: {}, response: 'Error in establishing connection', errorSource: 'APP', attempts: 1 });
    expect(runtime.requests.map((r) => r.error)).toEqual(['ECONNREFUSED']);
  });

  // Freshworks' developer knowledge base (freshworks-developers/marketplace at ec373d2,
  // references/common/fdk-docs/request-method-errors.md, "Fixing the request method rate-limit error").
  it('refuses the 51st attempt within 60 s with the documented 429 and does not send it', async () => {
    // 51 server-method calls in a minute would trip the SMI limit first
    ({ runtime } = await loadFixture({ baseUrl: server.baseUrl, clock, serverMethodQuota: false }));
    for (let i = 0; i < 50; i++) {
      await invoke('echo', { id: String(i), agent: 'a', q: 'x' });
      clock.advance(100);
    }
    expect(server.hits).toHaveLength(50);

    const refused = await rejection('echo', { id: '51', agent: 'a', q: 'x' });

    expect(server.hits).toHaveLength(50);
    // A `message` and no vendor `response`; which headers it has is undocumented: none here.
    expect(refused).toEqual({
      status: 429,
      headers: {},
      message: 'You have exceeded the limit of 50 requests per minute',
      errorSource: 'APP',
    });
    expect(runtime.stats()).toMatchObject({ requests: 50, requestsRefused: 1 });

    clock.advance(55_000);
    expect((await invoke('echo', { id: '52', agent: 'a', q: 'x' })).ok).toBe(true);
    expect(server.hits).toHaveLength(51);
  });

  it('counts every retry attempt against the quota', async () => {
    server.respond((_hit, res) => json(res, 500, {}));
    for (let i = 0; i < 16; i++) await invoke('flaky'); // 48 attempts
    const error = await rejection('flaky'); // attempts 49, 50, then refused

    expect(server.hits).toHaveLength(50);
    expect(error).toEqual({
      status: 429,
      headers: {},
      message: 'You have exceeded the limit of 50 requests per minute',
      errorSource: 'APP',
    });
  });

  it.each(['securePath', 'secureQuery'])('rejects a secure iparam outside headers (%s) without sending', async (template) => {
    expect(await rejection(template)).toEqual({
      status: 400,
      headers: {},
      response: 'secure iparam api_key can only be used in headers',
      errorSource: 'APP',
    });
    expect(server.hits).toHaveLength(0);
    expect(runtime.requests).toHaveLength(0);
  });

  it('rejects templates not declared in manifest modules.common.requests', async () => {
    expect(await rejection('undeclared')).toMatchObject({
      status: 400,
      response: expect.stringContaining('not declared in manifest.json'),
    });
  });

  it('rejects unknown templates', async () => {
    expect(await rejection('nope')).toMatchObject({
      status: 400,
      response: expect.stringContaining('not defined in config/requests.json'),
    });
  });

  it('rejects a missing context value, naming it', async () => {
    expect(await rejection('echo', { id: '1', agent: 'a' })).toMatchObject({
      status: 400,
      response: 'context q is missing (template echo)',
    });
    expect(server.hits).toHaveLength(0);
  });

  it('rejects a missing iparam, naming it', async () => {
    runtime.setIparams({ api_key: 'k' });
    expect(await rejection('echo', { id: '1', agent: 'a', q: 'x' })).toMatchObject({
      status: 400,
      response: 'iparam subdomain is missing (template echo)',
    });
  });

  // Issue 12 item 10; FDK 6.9 lib/api/proxy.js validateUrl (validator.isFQDN / isIP).
  it.each(['x.evil.com#', 'x.evil.com/', 'user@x', 'x:443', 'x?', 'a b', 'x.evil.com\\', '-acme', ''])(
    'refuses a template whose rendered host is not a plain FQDN (subdomain %p) without sending',
    async (subdomain) => {
      runtime.setIparams({ ...BASIC_IPARAMS, subdomain });
      expect(await rejection('echo', { id: '1', agent: 'a', q: 'x' })).toEqual({
        status: 400,
        headers: {},
        response: 'Invalid URL - Must be FQDN',
        errorSource: 'APP',
      });
      expect(server.hits).toHaveLength(0);
      expect(runtime.requests).toHaveLength(0);
    },
  );

  it('refuses an IP address as host', async () => {
    runtime.setIparams({ ...BASIC_IPARAMS, subdomain: 'x' });
    expect(await rejection('ipHost')).toMatchObject({ status: 400, response: 'Invalid URL - IP is disallowed' });
  });
});
