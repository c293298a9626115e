/**
 * Faults and modes live in the shared base server; they are exercised through both vendors to
 * check that each renders them with its own error bodies.
 */
import { AxiosError } from 'axios';
import { startFakeCustomerGauge, startFakeFreshdesk, type FakeCustomerGauge, type FakeFreshdesk } from '../../simulator/fake-vendors';
import { basic, client } from './helpers';

const SUBDOMAIN = 'acme';
const API_KEY = 'k';
const FD_PATH = '/api/v2/contact-activities';
const FD_HEADERS = { Authorization: basic(API_KEY), 'Content-Type': 'application/json' };
const FD_BODY = { activity: { name: 'n', actor: { type: 'agent' }, source: { name: 'freshchat' } }, contact: { email: 'a@b.test' } };

async function networkError(promise: Promise<unknown>): Promise<AxiosError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AxiosError);
  return error as AxiosError;
}

describe('fake vendor faults (Freshdesk)', () => {
  let fd: FakeFreshdesk;
  const post = (timeout?: number) => client(fd.url, timeout).post(FD_PATH, FD_BODY, { headers: FD_HEADERS });

  beforeEach(async () => {
    fd = await startFakeFreshdesk({ apiKey: API_KEY, subdomain: SUBDOMAIN });
  });
  afterEach(() => fd.close());

  it('answers a scripted 429 with Retry-After and the vendor rate-limit body, then recovers', async () => {
    fd.enqueueFaults({ status: 429, retryAfter: '30' });
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('30');
    expect(limited.data.code).toBe('rate_limit');
    expect(limited.headers['x-ratelimit-total']).toBe('100'); // vendor headers on faults too
    expect(fd.activities).toHaveLength(0);
    expect((await post()).status).toBe(200);
    expect(fd.received.map((r) => r.status)).toEqual([429, 200]);
  });

  it('answers a scripted 429 without Retry-After when none is given', async () => {
    fd.enqueueFaults({ status: 429 });
    const res = await post();
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('passes an HTTP-date Retry-After through unchanged', async () => {
    const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
    fd.enqueueFaults({ status: 503, retryAfter: date });
    const res = await post();
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe(date);
  });

  it('sends a raw non-JSON body with its content type', async () => {
    fd.enqueueFaults({ status: 429, body: '<html>Too many</html>' });
    fd.enqueueFaults({ status: 502, body: 'Bad gateway', contentType: 'text/plain' });
    const html = await client(fd.url).post(FD_PATH, FD_BODY, { headers: FD_HEADERS, responseType: 'text' });
    expect(html.status).toBe(429);
    expect(html.data).toBe('<html>Too many</html>');
    expect(html.headers['content-type']).toBe('text/html');
    const plain = await client(fd.url).post(FD_PATH, FD_BODY, { headers: FD_HEADERS, responseType: 'text' });
    expect(plain.status).toBe(502);
    expect(plain.headers['content-type']).toBe('text/plain');
  });

  it('consumes queued faults in order, one per request', async () => {
    fd.enqueueFaults({ status: 500 }, { status: 502 }, { status: 401 });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await post()).status);
    expect(statuses).toEqual([500, 502, 401, 200]);
    expect(fd.activities).toHaveLength(1);
  });

  it('resets the connection without answering and records status 0', async () => {
    fd.enqueueFaults({ reset: true });
    const error = await networkError(post());
    expect(['ECONNRESET', 'ERR_SOCKET_CONNECTION_RESET']).toContain(error.code);
    expect(fd.received).toHaveLength(1);
    expect(fd.received[0]?.status).toBe(0);
    expect(fd.activities).toHaveLength(0);
  });

  it('hangs until the client times out, and close() still finishes promptly', async () => {
    fd.enqueueFaults({ hang: true });
    const error = await networkError(post(200));
    expect(error.code).toBe('ECONNABORTED');
    expect(fd.received[0]?.status).toBe(0);

    fd.enqueueFaults({ hang: true });
    const pending = post(10_000).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await fd.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(AxiosError); // socket destroyed by close()
    fd = await startFakeFreshdesk({ apiKey: API_KEY, subdomain: SUBDOMAIN }); // afterEach closes again
  });

  it('answers 200 with a malformed JSON body for malformedSuccess', async () => {
    fd.enqueueFaults({ malformedSuccess: true });
    const res = await client(fd.url).post(FD_PATH, FD_BODY, { headers: FD_HEADERS, responseType: 'text' });
    expect(res.status).toBe(200);
    expect(res.data).toBe('{"data": ');
    expect(() => JSON.parse(res.data as string)).toThrow();
    expect(fd.activities).toHaveLength(0); // the request was never processed
  });

  it('delays a normal answer by delayMs', async () => {
    fd.enqueueFaults({ delayMs: 150 });
    const started = Date.now();
    const res = await post();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
    expect(fd.activities).toHaveLength(1);
  });

  it('afterProcessing stores the write although the client sees the failure', async () => {
    fd.enqueueFaults({ status: 504, afterProcessing: true }, { reset: true, afterProcessing: true });
    expect((await post()).status).toBe(504);
    await networkError(post());
    expect(fd.activities).toHaveLength(2);
  });

  it('reset() clears received, activities, queued faults and mode', async () => {
    await post();
    fd.enqueueFaults({ status: 500 });
    fd.setMode('server_error');
    fd.reset();
    expect(fd.received).toHaveLength(0);
    expect(fd.activities).toHaveLength(0);
    expect((await post()).status).toBe(200);
  });

  describe('modes', () => {
    it('rate_limit answers 429 with Retry-After 30 until changed', async () => {
      fd.setMode('rate_limit');
      for (let i = 0; i < 2; i += 1) {
        const res = await post();
        expect(res.status).toBe(429);
        expect(res.headers['retry-after']).toBe('30');
        expect(res.headers['x-ratelimit-remaining']).toBe('0');
      }
      fd.setMode('none');
      expect((await post()).status).toBe(200);
    });

    it('server_error answers 503', async () => {
      fd.setMode('server_error');
      const res = await post();
      expect(res.status).toBe(503);
      expect(res.data.code).toBe('internal_error');
    });

    it('bad_credentials answers 401 invalid_credentials even for a valid key', async () => {
      fd.setMode('bad_credentials');
      const res = await post();
      expect(res.status).toBe(401);
      expect(res.data.code).toBe('invalid_credentials');
    });

    it('timeout hangs every request', async () => {
      fd.setMode('timeout');
      expect((await networkError(post(150))).code).toBe('ECONNABORTED');
      expect((await networkError(post(150))).code).toBe('ECONNABORTED');
      expect(fd.received.map((r) => r.status)).toEqual([0, 0]);
    });

    it('slow answers successfully after 3 s', async () => {
      fd.setMode('slow');
      const started = Date.now();
      const res = await post();
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    });

    it('queued faults take precedence over the mode', async () => {
      fd.setMode('server_error');
      fd.enqueueFaults({ status: 429 });
      expect((await post()).status).toBe(429);
      expect((await post()).status).toBe(503);
    });
  });
});

describe('fake vendor faults (CustomerGauge)', () => {
  let cg: FakeCustomerGauge;
  const TOKEN_HEADERS = { Authorization: basic('id:secret'), 'Content-Type': 'application/x-www-form-urlencoded' };
  const requestToken = () => client(cg.url).post('/oauth2/token', 'grant_type=client_credentials', { headers: TOKEN_HEADERS });
  const put = (accessToken: string) =>
    client(cg.url).put(
      '/activities',
      { account: 'a', type: 't', source: 's', happened_at: '2026-11-23 10:45:00' },
      { headers: { Authorization: `Bearer ${accessToken}` } },
    );

  beforeEach(async () => {
    cg = await startFakeCustomerGauge({ clientId: 'id', clientSecret: 'secret', region: 'eu' });
  });
  afterEach(() => cg.close());

  it('a fault with a path filter only hits matching requests', async () => {
    cg.enqueueFaults({ path: '/activities', status: 500 });
    const tokenRes = await requestToken();
    expect(tokenRes.status).toBe(200);
    const failed = await put(tokenRes.data.access_token);
    expect(failed.status).toBe(500);
    expect(failed.data).toEqual({ message: 'Server Error' });
    expect((await put(tokenRes.data.access_token)).status).toBe(201);
  });

  it('renders fault statuses in OAuth2 form on the token endpoint', async () => {
    cg.enqueueFaults({ status: 429, retryAfter: '5' });
    const res = await requestToken();
    expect(res.status).toBe(429);
    expect(res.data).toEqual({ error: 'too_many_requests' });
    expect(res.headers['retry-after']).toBe('5');
    expect(cg.tokensIssued).toBe(0);
  });

  it('bad_credentials: token endpoint says invalid_client, activities say Unauthenticated', async () => {
    const accessToken = (await requestToken()).data.access_token as string;
    cg.setMode('bad_credentials');
    const tokenRes = await requestToken();
    expect(tokenRes.status).toBe(401);
    expect(tokenRes.data).toEqual({ error: 'invalid_client' });
    const apiRes = await put(accessToken);
    expect(apiRes.status).toBe(401);
    expect(apiRes.data).toEqual({ message: 'Unauthenticated.' });
    expect(cg.activitiesWithoutReference).toHaveLength(0);
  });

  it('rate_limit mode uses the Laravel throttle body on the API', async () => {
    const accessToken = (await requestToken()).data.access_token as string;
    cg.setMode('rate_limit');
    const res = await put(accessToken);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.data).toEqual({ message: 'Too Many Attempts.' });
  });

  it('does not add Freshdesk rate-limit headers', async () => {
    const res = await requestToken();
    expect(res.headers['x-ratelimit-total']).toBeUndefined();
  });
});
