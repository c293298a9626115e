import { startFakeFreshdesk, type FakeFreshdesk } from '../../simulator/fake-vendors';
import { basic, client, fakeClock } from './helpers';

const SUBDOMAIN = 'acme';
const API_KEY = 'sandbox-api-key';
const PATH = '/api/v2/contact-activities';

function validBody(): Record<string, any> {
  return {
    activity: {
      name: 'Agent went offline',
      timestamp: '2026-11-23T10:45:00Z',
      description: 'Availability changed',
      actor: { type: 'agent', id: 'a-1', name: 'Rachel' },
      source: { name: 'freshchat', id: 'fc-1' },
      object: { type: 'availability', id: 42, link: 'https://example.test/a/1' },
      context: { anything: { nested: [1, 2] } },
    },
    contact: { email: 'john@example.test' },
  };
}

describe('fake Freshdesk', () => {
  let fd: FakeFreshdesk;
  const headers = { Authorization: basic(API_KEY), 'Content-Type': 'application/json' };
  const post = (body: unknown, extra: Record<string, string> = {}) =>
    client(fd.url).post(PATH, body, { headers: { ...headers, ...extra } });

  beforeAll(async () => {
    fd = await startFakeFreshdesk({ apiKey: API_KEY, subdomain: SUBDOMAIN });
  });
  afterEach(() => fd.reset());
  afterAll(() => fd.close());

  it('listens on 127.0.0.1 and exposes its port in the url', () => {
    expect(fd.url).toBe(`http://127.0.0.1:${fd.port}`);
    expect(fd.port).toBeGreaterThan(0);
  });

  describe('auth', () => {
    it('accepts Basic base64(apiKey), stores the activity and answers 200 {}', async () => {
      const res = await post(validBody());
      expect(res.status).toBe(200);
      expect(res.data).toEqual({});
      expect(fd.activities).toEqual([validBody()]);
      expect(fd.received).toHaveLength(1);
      expect(fd.received[0]).toMatchObject({ method: 'POST', path: PATH, status: 200, json: validBody() });
    });

    it('accepts Basic base64(apiKey:X)', async () => {
      const res = await post(validBody(), { Authorization: basic(`${API_KEY}:X`) });
      expect(res.status).toBe(200);
      expect(fd.activities).toHaveLength(1);
    });

    it.each([
      ['missing', undefined],
      ['wrong key', basic('other-key')],
      ['wrong key with password', basic('other-key:X')],
      ['bearer scheme', `Bearer ${API_KEY}`],
    ])('rejects %s credentials with 401 invalid_credentials and records the attempt', async (_label, authorization) => {
      const res = await client(fd.url).post(PATH, validBody(), {
        headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
      });
      expect(res.status).toBe(401);
      expect(res.data).toEqual({ code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' });
      expect(fd.activities).toHaveLength(0);
      expect(fd.received.map((r) => r.status)).toEqual([401]);
    });

    it('GET /api/v2/agents/me answers the agent for valid credentials only', async () => {
      const ok = await client(fd.url).get('/api/v2/agents/me', { headers: { Authorization: basic(`${API_KEY}:X`) } });
      expect(ok.status).toBe(200);
      expect(ok.data).toEqual({ id: 1, contact: { name: 'Sandbox Agent', email: 'agent@sandbox.test' } });
      const bad = await client(fd.url).get('/api/v2/agents/me', { headers: { Authorization: basic('nope') } });
      expect(bad.status).toBe(401);
    });
  });

  describe('validation', () => {
    const cases: Array<[string, string, string, (b: Record<string, any>) => void]> = [
      ['unknown top-level key', 'extra', 'invalid_field', (b) => (b.extra = 1)],
      ['unknown activity key', 'activity.priority', 'invalid_field', (b) => (b.activity.priority = 'high')],
      ['unknown actor key', 'activity.actor.email', 'invalid_field', (b) => (b.activity.actor.email = 'x@y.z')],
      ['unknown source key', 'activity.source.url', 'invalid_field', (b) => (b.activity.source.url = 'u')],
      ['unknown object key', 'activity.object.name', 'invalid_field', (b) => (b.activity.object.name = 'n')],
      // "Contact Activities" documents the contact's identifiers, name and is_actor only.
      ['undocumented contact key phone', 'contact.phone', 'invalid_field', (b) => (b.contact.phone = '+1 555 0100')],
      ['undocumented contact key mobile', 'contact.mobile', 'invalid_field', (b) => (b.contact.mobile = '+1 555 0100')],
      ['is_actor not a boolean', 'contact.is_actor', 'datatype_mismatch', (b) => (b.contact.is_actor = 'false')],
      ['link not a string', 'activity.link', 'datatype_mismatch', (b) => (b.activity.link = { href: 'x' })],
      ['missing activity.name', 'activity.name', 'missing_field', (b) => delete b.activity.name],
      ['blank activity.name', 'activity.name', 'missing_field', (b) => (b.activity.name = '')],
      ['missing activity.actor.type', 'activity.actor.type', 'missing_field', (b) => delete b.activity.actor.type],
      ['missing activity.actor', 'activity.actor', 'missing_field', (b) => delete b.activity.actor],
      ['missing activity.source.name', 'activity.source.name', 'missing_field', (b) => delete b.activity.source.name],
      ['missing contact', 'contact', 'missing_field', (b) => delete b.contact],
      ['contact without identifiers', 'contact', 'missing_field', (b) => (b.contact = {})],
      ['timestamp without T', 'activity.timestamp', 'invalid_value', (b) => (b.activity.timestamp = '2026-11-23 10:45:00')],
      ['timestamp without zone', 'activity.timestamp', 'invalid_value', (b) => (b.activity.timestamp = '2026-11-23T10:45:00')],
      ['impossible date', 'activity.timestamp', 'invalid_value', (b) => (b.activity.timestamp = '2026-02-30T10:45:00Z')],
      // Freshdesk API reference, "Date formats": whole seconds, then Z or ±hh:mm; nothing else is documented.
      ['millisecond timestamp', 'activity.timestamp', 'invalid_value', (b) => (b.activity.timestamp = '2026-11-23T10:45:00.123Z')],
      ['offset without a colon', 'activity.timestamp', 'invalid_value', (b) => (b.activity.timestamp = '2026-11-23T10:45:00+0530')],
      ['date only', 'activity.timestamp', 'invalid_value', (b) => (b.activity.timestamp = '2026-11-23')],
      ['name of 256 chars', 'activity.name', 'invalid_value', (b) => (b.activity.name = 'n'.repeat(256))],
      ['description of 1001 chars', 'activity.description', 'invalid_value', (b) => (b.activity.description = 'd'.repeat(1001))],
      ['name not a string', 'activity.name', 'datatype_mismatch', (b) => (b.activity.name = 7)],
      ['context not an object', 'activity.context', 'datatype_mismatch', (b) => (b.activity.context = 'ctx')],
    ];

    it.each(cases)('%s → 400 %s %s', async (_label, field, code, mutate) => {
      const body = validBody();
      mutate(body);
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.data.description).toBe('Validation failed');
      expect(res.data.errors).toContainEqual(expect.objectContaining({ field, code }));
      expect(fd.activities).toHaveLength(0);
    });

    it.each([
      ['UTC timestamp in whole seconds', (b: Record<string, any>) => (b.activity.timestamp = '2026-11-23T10:45:00Z')],
      ['timestamp with a +hh:mm offset', (b: Record<string, any>) => (b.activity.timestamp = '2026-11-23T10:45:00+05:30')],
      ['timestamp with a -hh:mm offset', (b: Record<string, any>) => (b.activity.timestamp = '2026-11-23T10:45:00-03:00')],
      ['no timestamp', (b: Record<string, any>) => delete b.activity.timestamp],
      ['255 emoji name (counted in characters)', (b: Record<string, any>) => (b.activity.name = '😀'.repeat(255))],
      ['contact by unique_external_id', (b: Record<string, any>) => (b.contact = { unique_external_id: 'u-1' })],
      ['contact by numeric id', (b: Record<string, any>) => (b.contact = { id: 99 })],
      // "Contact Activities": every documented contact field and activity.link.
      ['contact by twitter_id', (b: Record<string, any>) => (b.contact = { twitter_id: 'maya_p' })],
      ['contact by facebook_id', (b: Record<string, any>) => (b.contact = { facebook_id: '1000123' })],
      ['contact with a name', (b: Record<string, any>) => (b.contact.name = 'John Doe')],
      ['contact.is_actor false', (b: Record<string, any>) => (b.contact.is_actor = false)],
      ['contact.is_actor true', (b: Record<string, any>) => (b.contact.is_actor = true)],
      ['activity.link', (b: Record<string, any>) => (b.activity.link = 'https://example.test/activity/1')],
      ['minimal activity', (b: Record<string, any>) => (b.activity = { name: 'n', actor: { type: 'agent' }, source: { name: 's' } })],
    ])('accepts %s', async (_label, mutate) => {
      const body = validBody();
      mutate(body);
      const res = await post(body);
      expect(res.status).toBe(200);
      expect(fd.activities).toEqual([body]);
    });

    it('answers 400 invalid_json for a non-JSON body', async () => {
      const res = await post(Buffer.from('{"activity": '));
      expect(res.status).toBe(400);
      expect(res.data).toEqual({ code: 'invalid_json', message: 'Request body has invalid json format' });
      expect(fd.received[0]?.json).toBeUndefined();
    });

    it('answers 415 when the body is not sent as application/json', async () => {
      const res = await post(Buffer.from('activity=1'), { 'Content-Type': 'application/x-www-form-urlencoded' });
      expect(res.status).toBe(415);
      expect(res.data.code).toBe('invalid_content_type');
    });
  });

  // "Contact Activities": a contact that no identifier finds is created.
  describe('contacts', () => {
    it('creates a contact for an unknown email once, and says so in createdContacts', async () => {
      const known = await startFakeFreshdesk({ apiKey: API_KEY, subdomain: SUBDOMAIN, contacts: [{ email: 'john@example.test' }] });
      try {
        const send = (contact: Record<string, unknown>) => client(known.url).post(PATH, { ...validBody(), contact }, { headers });
        expect((await send({ email: 'JOHN@example.test' })).status).toBe(200);
        expect(known.createdContacts).toEqual([]);
        expect((await send({ email: 'maya@example.test', name: 'Maya Patel' })).status).toBe(200);
        expect((await send({ email: 'maya@example.test' })).status).toBe(200);
        expect((await send({ unique_external_id: 'board-1' })).status).toBe(200);
        expect(known.createdContacts).toEqual([{ email: 'maya@example.test', name: 'Maya Patel' }, { unique_external_id: 'board-1' }]);
        expect(known.activities).toHaveLength(4);
        expect(known.received.map((r) => r.note)).toEqual([
          undefined,
          'created contact email maya@example.test, name Maya Patel',
          undefined,
          'created contact unique_external_id board-1',
        ]);
      } finally {
        await known.close();
      }
    });

    it('creates no contact for a rejected activity', async () => {
      const res = await post({ ...validBody(), contact: { email: 'new@example.test', phone: '1' } });
      expect(res.status).toBe(400);
      expect(fd.createdContacts).toEqual([]);
    });
  });

  // One account per fake: the simulator keeps the vendor's Host, so another subdomain finds no account.
  describe('account', () => {
    it.each([
      ['its own subdomain', `${SUBDOMAIN}.freshdesk.com`, 200],
      ['its own subdomain with a port', `${SUBDOMAIN.toUpperCase()}.freshdesk.com:443`, 200],
      ["the fake's own address", undefined, 200],
      ['another subdomain', 'other.freshdesk.com', 404],
    ])('answers a request addressed to %s with %d', async (_label, host, status) => {
      const res = await post(validBody(), host ? { Host: host } : {});
      expect(res.status).toBe(status);
      expect(fd.activities).toHaveLength(status === 200 ? 1 : 0);
    });

    it('answers the connection check (GET /api/v2/agents/me) 404 for another subdomain, even with the right key', async () => {
      const res = await client(fd.url).get('/api/v2/agents/me', {
        headers: { Authorization: basic(API_KEY), Host: 'other.freshdesk.com' },
      });
      expect(res.status).toBe(404);
    });
  });

  describe('routing', () => {
    it('answers 404 for unknown paths and 405 with Allow for wrong methods', async () => {
      const missing = await client(fd.url).get('/api/v2/tickets', { headers });
      expect(missing.status).toBe(404);
      const wrongMethod = await client(fd.url).get(PATH, { headers });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers['allow']).toBe('POST');
      expect(fd.received.map((r) => r.status)).toEqual([404, 405]);
    });
  });

  describe('rate limit', () => {
    it('puts Freshdesk rate-limit headers on successes and failures', async () => {
      for (const res of [await post(validBody()), await post(validBody(), { Authorization: basic('bad') })]) {
        expect(res.headers['x-ratelimit-total']).toBe('100');
        expect(res.headers['x-ratelimit-remaining']).toBe('99');
        expect(res.headers['x-ratelimit-used-currentrequest']).toBe('1');
      }
    });

    it('enforces ratePerMinute per fixed minute window of the injected clock', async () => {
      const clock = fakeClock(Date.UTC(2026, 10, 23, 10, 45, 20));
      const limited = await startFakeFreshdesk({ apiKey: API_KEY, subdomain: SUBDOMAIN, ratePerMinute: 2, now: clock.now });
      try {
        const send = () => client(limited.url).post(PATH, validBody(), { headers });
        const first = await send();
        expect(first.status).toBe(200);
        expect(first.headers['x-ratelimit-total']).toBe('2');
        expect(first.headers['x-ratelimit-remaining']).toBe('1');
        expect((await send()).headers['x-ratelimit-remaining']).toBe('0');

        const refused = await send();
        expect(refused.status).toBe(429);
        expect(refused.data.code).toBe('rate_limit');
        expect(refused.headers['retry-after']).toBe('40'); // window ends at 10:46:00
        expect(refused.headers['x-ratelimit-remaining']).toBe('0');
        expect(limited.activities).toHaveLength(2);

        clock.advance(40_000);
        const nextWindow = await send();
        expect(nextWindow.status).toBe(200);
        expect(nextWindow.headers['x-ratelimit-remaining']).toBe('1');
        expect(limited.received.map((r) => r.at)).toEqual([...Array(3).fill(clock.now() - 40_000), clock.now()]);
      } finally {
        await limited.close();
      }
    });
  });
});
