import { startFakeCustomerGauge, type FakeCustomerGauge } from '../../simulator/fake-vendors';
import { basic, client, fakeClock } from './helpers';

const CLIENT_ID = 'cg-client';
const CLIENT_SECRET = 'cg-secret';
const REGION = 'us';
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

function activity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    account: 'ACME Industries',
    type: 'Agent availability',
    source: 'Freshchat',
    happened_at: '2026-11-23 10:45:00',
    contact: 'john@example.test',
    additional_information_object: { status: 'offline' },
    ...overrides,
  };
}

describe('fake CustomerGauge', () => {
  const clock = fakeClock();
  let cg: FakeCustomerGauge;

  const requestToken = (
    body = 'grant_type=client_credentials',
    headers: Record<string, string> = { ...FORM, Authorization: basic(`${CLIENT_ID}:${CLIENT_SECRET}`) },
  ) => client(cg.url).post('/oauth2/token', body, { headers });
  const token = async (): Promise<string> => (await requestToken()).data.access_token;
  const put = (body: unknown, accessToken: string) =>
    client(cg.url).put('/activities', body, { headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' } });

  beforeAll(async () => {
    cg = await startFakeCustomerGauge({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      region: REGION,
      tokenTtlSeconds: 600,
      now: clock.now,
      contacts: ['john@example.test', 'jane@example.test'],
    });
  });
  afterEach(() => cg.reset());
  afterAll(() => cg.close());

  describe('token endpoint', () => {
    it('issues an opaque bearer token for Basic client credentials', async () => {
      const res = await requestToken();
      expect(res.status).toBe(200);
      expect(res.data).toEqual({ access_token: expect.any(String), expires_in: 600, token_type: 'Bearer' });
      expect(res.data.access_token.length).toBeGreaterThanOrEqual(40);
      expect(cg.tokensIssued).toBe(1);
      expect((await requestToken()).data.access_token).not.toBe(res.data.access_token);
      expect(cg.tokensIssued).toBe(2);
    });

    it('accepts client_id/client_secret form fields instead of Basic auth', async () => {
      const res = await requestToken(`grant_type=client_credentials&client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}`, FORM);
      expect(res.status).toBe(200);
      expect((await put(activity(), res.data.access_token)).status).toBe(201);
    });

    it.each([
      ['wrong secret', { ...FORM, Authorization: basic(`${CLIENT_ID}:nope`) }],
      ['unknown client', { ...FORM, Authorization: basic(`other:${CLIENT_SECRET}`) }],
      ['no credentials', FORM],
    ])('rejects %s with 401 invalid_client', async (_label, headers) => {
      const res = await requestToken('grant_type=client_credentials', headers);
      expect(res.status).toBe(401);
      expect(res.data).toEqual({ error: 'invalid_client' });
      expect(cg.tokensIssued).toBe(0);
    });

    it('rejects other grant types with 400 unsupported_grant_type', async () => {
      const res = await requestToken('grant_type=password&username=u&password=p');
      expect(res.status).toBe(400);
      expect(res.data).toEqual({ error: 'unsupported_grant_type' });
    });

    it('rejects non form-encoded token requests with 400 invalid_request', async () => {
      const res = await client(cg.url).post(
        '/oauth2/token',
        { grant_type: 'client_credentials' },
        {
          headers: { Authorization: basic(`${CLIENT_ID}:${CLIENT_SECRET}`) },
        },
      );
      expect(res.status).toBe(400);
      expect(res.data).toEqual({ error: 'invalid_request' });
    });
  });

  describe('activities auth', () => {
    it.each([
      ['missing', undefined],
      ['unknown', 'Bearer not-a-token'],
      ['Basic instead of Bearer', basic(`${CLIENT_ID}:${CLIENT_SECRET}`)],
    ])('answers 401 Unauthenticated for a %s token', async (_label, authorization) => {
      const res = await client(cg.url).put('/activities', activity(), { headers: authorization ? { Authorization: authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.data).toEqual({ message: 'Unauthenticated.' });
      expect(cg.activitiesWithoutReference).toHaveLength(0);
      expect(cg.received.at(-1)?.status).toBe(401);
    });

    it('expires tokens after tokenTtlSeconds on the injected clock', async () => {
      const accessToken = await token();
      clock.advance(599_000);
      expect((await put(activity(), accessToken)).status).toBe(201);
      clock.advance(1_000);
      const expired = await put(activity(), accessToken);
      expect(expired.status).toBe(401);
      expect(expired.data).toEqual({ message: 'Unauthenticated.' });
      expect((await put(activity(), await token())).status).toBe(201);
      expect(cg.tokensIssued).toBe(2);
    });

    it('expireAllTokens() makes the next call with an old token fail', async () => {
      const accessToken = await token();
      expect((await put(activity(), accessToken)).status).toBe(201);
      cg.expireAllTokens();
      expect((await put(activity(), accessToken)).status).toBe(401);
    });

    it('keeps issued tokens valid across reset() but clears data and counters', async () => {
      const accessToken = await token();
      await put(activity({ reference: 'r1' }), accessToken);
      cg.reset();
      expect(cg.tokensIssued).toBe(0);
      expect(cg.activitiesByReference.size).toBe(0);
      expect(cg.received).toHaveLength(0);
      expect((await put(activity({ reference: 'r1' }), accessToken)).status).toBe(201);
    });
  });

  describe('validation (422 like the vendor doc)', () => {
    let accessToken: string;
    beforeEach(async () => {
      accessToken = await token();
    });

    it('reports every missing required field with Laravel wording', async () => {
      const res = await put({}, accessToken);
      expect(res.status).toBe(422);
      expect(res.data).toEqual({
        message: 'The given data was invalid.',
        errors: {
          account: ['The account field is required.'],
          type: ['The type field is required.'],
          source: ['The source field is required.'],
          happened_at: ['The happened at field is required.'],
        },
      });
    });

    it('treats a non-JSON body as empty input', async () => {
      const res = await put(Buffer.from('{"account": '), accessToken);
      expect(res.status).toBe(422);
      expect(Object.keys(res.data.errors)).toEqual(['account', 'type', 'source', 'happened_at']);
    });

    it.each([
      [
        'happened_at in ISO 8601',
        { happened_at: '2026-11-23T10:45:00Z' },
        'happened_at',
        'The happened at does not match the format Y-m-d H:i:s.',
      ],
      [
        'happened_at with an offset in another form than the example',
        { happened_at: '2026-11-23 10:45:00 +05:30' },
        'happened_at',
        'The happened at does not match the format Y-m-d H:i:s.',
      ],
      [
        'happened_at on an impossible date',
        { happened_at: '2026-02-29 10:45:00' },
        'happened_at',
        'The happened at does not match the format Y-m-d H:i:s.',
      ],
      [
        'happened_at at 24:00',
        { happened_at: '2026-11-23 24:00:00' },
        'happened_at',
        'The happened at does not match the format Y-m-d H:i:s.',
      ],
      ['account of 256 chars', { account: 'a'.repeat(256) }, 'account', 'The account may not be greater than 255 characters.'],
      ['type of 101 chars', { type: 't'.repeat(101) }, 'type', 'The type may not be greater than 100 characters.'],
      ['source of 101 chars', { source: 's'.repeat(101) }, 'source', 'The source may not be greater than 100 characters.'],
      ['reference of 129 chars', { reference: 'r'.repeat(129) }, 'reference', 'The reference may not be greater than 128 characters.'],
      ['unknown contact', { contact: 'stranger@example.test' }, 'contact', 'The selected contact is invalid.'],
      ['numeric account', { account: 42 }, 'account', 'The account must be a string.'],
      ['blank type', { type: '' }, 'type', 'The type field is required.'],
      [
        'non-object additional information',
        { additional_information_object: 'x' },
        'additional_information_object',
        'The additional information object must be an array.',
      ],
    ])('rejects %s', async (_label, overrides, field, message) => {
      const res = await put(activity(overrides), accessToken);
      expect(res.status).toBe(422);
      expect(res.data.message).toBe('The given data was invalid.');
      expect(res.data.errors).toEqual({ [field]: [message] });
      expect(cg.activitiesWithoutReference).toHaveLength(0);
      expect(cg.activitiesByReference.size).toBe(0);
    });

    it.each([
      ['lengths counted in characters, not bytes', { account: '€'.repeat(255), type: '😀'.repeat(100) }],
      ['unknown keys (ignored)', { priority: 'high', additional_information_array: { a: '1' } }],
      ['no contact', { contact: undefined }],
      ['leap day', { happened_at: '2028-02-29 23:59:59' }],
      // "PUT Activities": the example request sends happened_at with an offset.
      ["happened_at with an offset, as in the article's example", { happened_at: '2019-03-06 10:00:00 +0530' }],
      // Same article: additional_information_object is any JSON object (its example holds strings).
      ['string additional information', { additional_information_object: { status: 'In a meeting', minutes: '45' } }],
    ])('accepts %s', async (_label, overrides) => {
      const res = await put(activity(overrides), accessToken);
      expect(res.status).toBe(201);
      expect(cg.activitiesWithoutReference).toHaveLength(1);
    });

    it('accepts any contact when no contacts list is configured', async () => {
      const open = await startFakeCustomerGauge({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, region: REGION });
      try {
        const t = (
          await client(open.url).post('/oauth2/token', 'grant_type=client_credentials', {
            headers: { ...FORM, Authorization: basic(`${CLIENT_ID}:${CLIENT_SECRET}`) },
          })
        ).data.access_token;
        const res = await client(open.url).put('/activities', activity({ contact: 'anyone@example.test' }), {
          headers: { Authorization: `Bearer ${t}` },
        });
        expect(res.status).toBe(201);
        expect(res.data.data.contact_id).toBeNull();
      } finally {
        await open.close();
      }
    });
  });

  // "PUT Activities" lists the resource as /activities; the current article's example writes /activities/.
  describe('activities path', () => {
    it.each(['/activities', '/activities/'])('accepts PUT %s', async (path) => {
      const res = await client(cg.url).put(path, activity(), {
        headers: { Authorization: `Bearer ${await token()}`, 'Content-Type': 'application/json' },
      });
      expect(res.status).toBe(201);
      expect(cg.activitiesWithoutReference).toHaveLength(1);
    });

    it.each(['/activity', '/activities/x', '/api/activities'])('answers 404 for PUT %s', async (path) => {
      const res = await client(cg.url).put(path, activity(), { headers: { Authorization: `Bearer ${await token()}` } });
      expect(res.status).toBe(404);
    });
  });

  // "Authenticating using OAuth2" and "PUT Activities" give each region its own hosts: the client is
  // known in its own region only, and a token works only on that region's import API.
  describe('region', () => {
    const tokenAt = (host?: string) =>
      client(cg.url).post('/oauth2/token', 'grant_type=client_credentials', {
        headers: { ...FORM, Authorization: basic(`${CLIENT_ID}:${CLIENT_SECRET}`), ...(host ? { Host: host } : {}) },
      });

    it.each([
      [`auth.${REGION}.customergauge.com`, 200],
      ["the fake's own address", 200],
      ['auth.eu.customergauge.com', 401],
      ['auth.au.customergauge.com', 401],
    ])('a token request addressed to %s is answered %d', async (host, status) => {
      const res = await tokenAt(host.includes('.') ? host : undefined);
      expect(res.status).toBe(status);
      if (status === 401) expect(res.data).toEqual({ error: 'invalid_client' });
    });

    it.each([
      [`imports.api.${REGION}.customergauge.com`, 201],
      ['imports.api.eu.customergauge.com', 401],
    ])('a PUT with a token of the region, addressed to %s, is answered %d', async (host, status) => {
      const accessToken = (await tokenAt(`auth.${REGION}.customergauge.com`)).data.access_token;
      const res = await client(cg.url).put('/activities', activity(), { headers: { Authorization: `Bearer ${accessToken}`, Host: host } });
      expect(res.status).toBe(status);
    });
  });

  describe('upsert', () => {
    it('creates (201) then updates (200) the same reference, keeping its id and counting writes', async () => {
      const accessToken = await token();
      const created = await put(activity({ reference: 'avail-1', type: 'Went offline' }), accessToken);
      expect(created.status).toBe(201);
      expect(created.data).toEqual({
        data: { id: expect.any(Number), reference: 'avail-1', classification_id: 3, account_id: 12345, contact_id: 1 },
      });

      const updated = await put(activity({ reference: 'avail-1', type: 'Went online', contact: 'jane@example.test' }), accessToken);
      expect(updated.status).toBe(200);
      expect(updated.data.data).toMatchObject({ id: created.data.data.id, reference: 'avail-1', contact_id: 2 });

      expect(cg.activitiesByReference.size).toBe(1);
      expect(cg.activitiesByReference.get('avail-1')).toEqual({
        body: activity({ reference: 'avail-1', type: 'Went online', contact: 'jane@example.test' }),
        writes: 2,
      });
      expect(cg.activitiesWithoutReference).toHaveLength(0);
    });

    it('always creates activities without reference, each with a new id', async () => {
      const accessToken = await token();
      const first = await put(activity(), accessToken);
      const second = await put(activity(), accessToken);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(first.data.data.reference).toBeNull();
      expect(second.data.data.id).not.toBe(first.data.data.id);
      expect(cg.activitiesWithoutReference).toEqual([activity(), activity()]);
    });

    it('does not store anything for a rejected write to an existing reference', async () => {
      const accessToken = await token();
      await put(activity({ reference: 'avail-2' }), accessToken);
      expect((await put(activity({ reference: 'avail-2', happened_at: 'yesterday' }), accessToken)).status).toBe(422);
      expect(cg.activitiesByReference.get('avail-2')?.writes).toBe(1);
    });
  });
});
