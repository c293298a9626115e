/**
 * Structural redaction (issue 17 findings 8 and 18): every secret the app holds, echoed by a vendor
 * in any shape, leaves nothing behind — not in any encoding, not as a piece of 8 characters or more,
 * not across a cut.
 */
import fc from 'fast-check';
import { createRedactor, FRAGMENT_CHARS, REDACTED } from '../../src/server/core/redactor';
import { SANDBOX_CREDENTIALS } from '../../simulator/local-app';
import { history, intelliassign, startTestApp, withChange, type TestApp } from '../support/app';

const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');
const b64url = (text: string): string => b64(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The characters of base64(bytes before + secret) that depend on the secret's bytes alone, for each alignment. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret);
  return [0, 1, 2].flatMap((k) => {
    const encoded = b64(Buffer.concat([Buffer.alloc(k), bytes]));
    const core = encoded.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes.length)) / 6));
    return [core, core.replace(/\+/g, '-').replace(/\//g, '_')];
  });
}

/**
 * Every way `secret` can still be read in `output`: empty when nothing leaks. `edges`: only the
 * pieces a cut leaves (its first or last 8 characters) count, for secrets made of ordinary words.
 */
function leaks(output: string, secret: string, edges = false): string[] {
  const lower = output.toLowerCase();
  const found: string[] = [];
  const chars = Array.from(secret.toLowerCase());
  const size = Math.min(FRAGMENT_CHARS, chars.length);
  for (let i = 0; i + size <= chars.length; i++) {
    const piece = chars.slice(i, i + size).join('');
    if ((!edges || i === 0 || i + size === chars.length) && lower.includes(piece)) found.push(`piece ${JSON.stringify(piece)}`);
  }
  const encodings = {
    'URL-encoded': encodeURIComponent(secret),
    'JSON-escaped': JSON.stringify(secret).slice(1, -1),
    'JSON in JSON': JSON.stringify(JSON.stringify(secret)).slice(3, -3),
    'form-encoded': encodeURIComponent(secret).replace(/%20/g, '+'),
    '\\u-escaped': Array.from(secret, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  };
  for (const [name, form] of Object.entries(encodings)) if (form.length >= 4 && lower.includes(form.toLowerCase())) found.push(name);
  for (const core of base64Cores(secret)) if (core.length >= 6 && output.includes(core)) found.push(`base64 ${core}`);
  return found;
}

const API_KEY = 'Xk9pQ2rT7vL3mN8bYw4Z';
const QUOTED = 'cg"sec\\ret/Pa55+word=';
const LETTERS_TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWx';
const TOKEN = 'tok3n.aZ9-xY8_wV7qR6sT5';
const SPACED = 'my secret pass phrase 42';
const CLIENT_ID = 'client-0042';

const redactor = createRedactor([API_KEY, QUOTED, SPACED, b64(`${CLIENT_ID}:${QUOTED}`)]);
redactor.learn(TOKEN);
redactor.learn(LETTERS_TOKEN);

/**
 * Shapes a vendor answer has been seen to (or could) echo a credential in. "(leaked before)": the
 * redaction of 32f51ad (credential patterns, then the secure values and their plain base64 split
 * out after a 300-character cut) left the secret readable in that shape.
 */
const SHAPES: Array<[string, string, string]> = [
  ['plain', API_KEY, `{"message":"invalid key ${API_KEY}"}`],
  ['upper case (leaked before)', API_KEY, `API KEY ${API_KEY.toUpperCase()} REFUSED`],
  ['lower case (leaked before)', API_KEY, `key=${API_KEY.toLowerCase()}`],
  ['Bearer header echoed', TOKEN, `Authorization: Bearer ${TOKEN}`],
  ['a token echoed without "Bearer" (leaked before)', TOKEN, `{"error":"expired","received":"${TOKEN}"}`],
  ['a letters-only token (leaked before)', LETTERS_TOKEN, `Bearer ${LETTERS_TOKEN} is not valid`],
  ['a letters-only token without "Bearer" (leaked before)', LETTERS_TOKEN, `unknown credential ${LETTERS_TOKEN}`],
  ['base64 of the key', API_KEY, `header was ${b64(API_KEY)}`],
  ['base64 of key:X, the Freshdesk form', API_KEY, `Basic ${b64(`${API_KEY}:X`)}`],
  ['base64 of key:X without padding (leaked before)', API_KEY, `auth=${b64(`${API_KEY}:X`).replace(/=+$/, '')}!`],
  ['URL-safe base64 (leaked before)', API_KEY, `token ${b64url(API_KEY)}`],
  ['base64 of id:secret at an odd offset', QUOTED, `creds ${b64(`${CLIENT_ID}:${QUOTED}`)}`],
  ['base64 inside a longer base64 blob (leaked before)', API_KEY, `blob=${b64(`user=maya&key=${API_KEY}&x=1`)}`],
  ['URL-encoded', QUOTED, `https://x.example/?secret=${encodeURIComponent(QUOTED)}`],
  [
    'URL-encoded with lower-case hex (leaked before)',
    QUOTED,
    `s=${encodeURIComponent(QUOTED).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`,
  ],
  [
    'form-encoded (spaces as +) (leaked before)',
    SPACED,
    `grant_type=client_credentials&pw=${encodeURIComponent(SPACED).replace(/%20/g, '+')}`,
  ],
  ['JSON-escaped, a secret with " and \\ (leaked before)', QUOTED, JSON.stringify({ description: `bad secret ${QUOTED}` })],
  ['JSON in JSON (leaked before)', QUOTED, JSON.stringify({ body: JSON.stringify({ secret: QUOTED }) })],
  [
    'every character \\u-escaped (leaked before)',
    API_KEY,
    `"${Array.from(API_KEY, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`,
  ],
  ['HTML-escaped (leaked before)', QUOTED, `<p>${QUOTED.replace(/"/g, '&quot;')}</p>`],
  ['a piece the vendor cut (prefix) (leaked before)', API_KEY, `key ${API_KEY.slice(0, 12)}…`],
  ['a piece the vendor cut (suffix) (leaked before)', TOKEN, `…${TOKEN.slice(-10)} expired`],
  ['twice, in two forms', API_KEY, `${API_KEY} / ${b64(API_KEY)}`],
];

describe('redactor: echo shapes', () => {
  test(`the table holds at least 16 shapes`, () => expect(SHAPES.length).toBeGreaterThanOrEqual(16));

  test.each(SHAPES)('%s: nothing of the secret is left', (_name, secret, echo) => {
    const out = redactor.text(echo);
    expect(leaks(echo, secret).length).toBeGreaterThan(0);
    expect(leaks(out, secret)).toEqual([]);
    expect(out).toContain(REDACTED);
  });

  test('an echoed key crossing the cut leaves no piece (finding 18)', () => {
    const echo = `${'x'.repeat(290)} key ${API_KEY} end`;
    const out = redactor.excerpt(echo, 300);
    expect(Array.from(out).length).toBeLessThanOrEqual(300);
    expect(leaks(out, API_KEY)).toEqual([]);
  });

  test('ordinary text is kept as it is', () => {
    const text = 'Validation failed: activity.name missing_field (It should be a/an String) 100% sure & done \\o/';
    expect(redactor.text(text)).toBe(text);
  });

  test('a weak secret made of words takes only itself and the pieces a cut leaves, not the words inside it', () => {
    const r = createRedactor(['sandbox-freshdesk-api-key']);
    expect(r.text('Freshdesk is switched off; key sandbox-freshdesk-api-key; cut sandbox-fresh… …desk-api-key')).toBe(
      `Freshdesk is switched off; key ${REDACTED}; cut ${REDACTED}… …${REDACTED}`,
    );
  });

  test('value(): every string of a nested value, on decoded strings; property names are kept', () => {
    const body = {
      errors: [{ field: 'api_key', message: `"${API_KEY}" rejected` }],
      token: { deep: [[`q=${encodeURIComponent(QUOTED)}`, TOKEN]] },
    };
    const out = redactor.value(body);
    expect(Object.keys(out)).toEqual(['errors', 'token']);
    expect(leaks(JSON.stringify(out), API_KEY)).toEqual([]);
    expect(leaks(JSON.stringify(out), TOKEN)).toEqual([]);
    expect(leaks(JSON.stringify(out), QUOTED)).toEqual([]);
    expect(out.errors[0].field).toBe('api_key');
    expect(body.errors[0].message).toContain(API_KEY);
  });

  test('value(): text that only looks like a credential (an agent status) is kept as sent; text() takes it', () => {
    const change = { status: 'Password: reset-1234', prevStatus: 'Bearer of news 42' };
    expect(redactor.value(change)).toBe(change);
    expect(redactor.text(change.status)).toBe(`Password: ${REDACTED}`);
  });

  test('value(): nesting beyond 32 levels is cut, not recursed', () => {
    let deep: unknown = API_KEY;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let out = redactor.value(deep) as unknown;
    let depth = 0;
    while (Array.isArray(out)) [out, depth] = [out[0], depth + 1];
    expect(out).toBe('…');
    expect(depth).toBe(32);
  });

  test('short values are not taken for secrets; learn() ignores them', () => {
    const r = createRedactor(['abc']);
    r.learn('xy');
    expect(r.text('abc xy')).toBe('abc xy');
  });
});

describe('redactor: property', () => {
  const alphabet = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=-_."\\:%& éü字😀'.split(/(?:)/u));
  const secretArb = fc
    .array(alphabet, { minLength: FRAGMENT_CHARS, maxLength: 40 })
    .map((cs) => cs.join(''))
    .filter((s) => s.trim() === s && !s.includes('redacted'));
  const filler = fc.string({ maxLength: 30 });
  type Encode = (secret: string) => string;
  const encodings: Record<string, Encode> = {
    plain: (s) => s,
    upper: (s) => s.toUpperCase(),
    lower: (s) => s.toLowerCase(),
    base64: (s) => b64(s),
    'base64 key:X': (s) => b64(`${s}:X`),
    'base64 unpadded': (s) => b64(s).replace(/=+$/, ''),
    'base64 after 1-2 bytes': (s) => b64(`:${s}`) + ' ' + b64(`ab${s}`),
    base64url: (s) => b64url(s),
    'URL-encoded': (s) => encodeURIComponent(s),
    'form-encoded': (s) => encodeURIComponent(s).replace(/%20/g, '+'),
    'JSON-escaped': (s) => JSON.stringify(s),
    'JSON in JSON': (s) => JSON.stringify(JSON.stringify(s)),
    'HTML-escaped': (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;'),
  };

  test('for random secrets and random embeddings, no output holds the secret in any encoding, nor a piece of 8', () => {
    fc.assert(
      fc.property(
        secretArb,
        fc.array(fc.tuple(filler, fc.constantFrom(...Object.keys(encodings))), { minLength: 1, maxLength: 3 }),
        filler,
        fc.integer({ min: 20, max: 200 }),
        (secret, parts, tail, cut) => {
          const r = createRedactor([secret]);
          const echo = parts.map(([before, name]) => before + encodings[name](secret)).join('') + tail;
          expect(leaks(r.text(echo), secret)).toEqual([]);
          expect(leaks(r.excerpt(echo, cut), secret)).toEqual([]);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('redaction in the app: vendors echo every secret the app holds, in every shape', () => {
  let app: TestApp;
  afterEach(() => app?.close());

  /** How a vendor may echo a value inside its documented error fields. */
  const echoes: Array<(v: string) => string> = [
    (v) => v,
    (v) => v.toUpperCase(),
    (v) => `Bearer ${v}`,
    (v) => b64(`${v}:X`),
    (v) => b64url(v),
    (v) => encodeURIComponent(v),
    (v) => JSON.stringify({ echoed: v }),
    (v) => `${'x'.repeat(280)} ${v}`,
    (v) => v.replace(/-/g, '&#45;').replace(/a/g, '&#x61;').replace(/s/g, '&quot;s'.slice(6)) + ' &amp; &bogus; &#99999999;',
    (v) => Array.from(v, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('') + ' \\n \\q',
    (v) => `${encodeURIComponent(`${v} x`).replace(/%20/g, '+')} %aa %zz %E2%82`,
    (v) => `${v.slice(0, 12)}…`,
    (v) => `…${v.slice(-12)}`,
    (v) => b64(`\u00e9${v}`).replace(/=+$/, ''),
  ];

  test('nothing of the Freshdesk key, the CustomerGauge secret or the access token reaches history, queue, $db, logs or answers', async () => {
    app = await startTestApp();
    await app.fire(intelliassign());
    const token = (app.runtime.schedules.list().find((s) => s.name === 'cg-token')?.data as { access_token: string }).access_token;
    const secrets = [SANDBOX_CREDENTIALS.freshdeskApiKey, SANDBOX_CREDENTIALS.cgClientSecret, token];
    echoes.forEach((echo, i) => {
      const shapes = secrets.map(echo);
      // Freshdesk: {description, errors: [{field, message, code}]}; CustomerGauge: {message, errors: {field: [..]}}.
      const freshdesk = { description: `Validation failed ${shapes[0]}`, errors: [{ field: 'key', message: shapes[2], code: shapes[1] }] };
      const customerGauge = { message: `The given data was invalid. ${shapes[1]}`, errors: { token: [shapes[2]], key: [shapes[0]] } };
      // Freshdesk's 503s leave their pushes queued (schedule data); CustomerGauge's 503 would be resent at once, so 422.
      app.freshdesk.enqueueFaults({ status: i % 2 === 0 ? 400 : 503, body: JSON.stringify(freshdesk), contentType: 'application/json' });
      app.customerGauge.enqueueFaults({
        path: '/activities',
        status: 422,
        body: JSON.stringify(customerGauge),
        contentType: 'application/json',
      });
    });
    for (let i = 0; i < echoes.length; i++) await app.fire(withChange(intelliassign(), { status: `Status ${i}` }));
    const activities = await history(app);
    const shown = [
      JSON.stringify(activities),
      JSON.stringify(app.runtime.schedules.list().filter((s) => s.name !== 'cg-token')),
      JSON.stringify(app.runtime.db.dump()),
      app.logs.join('\n'),
    ].join('\n');
    // The sandbox's secrets are made of words ("freshdesk"): the pieces inside them are ordinary text.
    for (const secret of secrets) expect(leaks(shown, secret, secret === token ? false : true)).toEqual([]);
    const reasons = activities.map((a) => a.reason).filter(Boolean);
    expect(reasons.length).toBeGreaterThanOrEqual(2 * echoes.length);
    // Each reason shows where an echo was, unless the cut came before it.
    expect(reasons.filter((r: string) => !r.includes(REDACTED) && !r.endsWith('…'))).toEqual([]);
    expect(reasons.every((r: string) => Array.from(r).length <= 300)).toBe(true);
  });

  test('a body in no documented form is not kept; a deeply nested one is bounded; numbers and empty bodies pass', async () => {
    app = await startTestApp();
    let deep: unknown = [SANDBOX_CREDENTIALS.cgClientSecret, 42, null];
    for (let i = 0; i < 40; i++) deep = [deep];
    app.freshdesk.enqueueFaults({ status: 400, body: `<p>${SANDBOX_CREDENTIALS.freshdeskApiKey}</p>`, contentType: 'text/html' });
    app.customerGauge.enqueueFaults({
      path: '/activities',
      status: 422,
      body: JSON.stringify({ message: 'The given data was invalid.', errors: { deep: [JSON.stringify(deep)], n: [7] } }),
      contentType: 'application/json',
    });
    await app.fire(intelliassign());
    const reasons = Object.fromEntries((await history(app)).map((a) => [a.target.destination, a.reason]));
    expect(reasons.freshdesk).toBe('HTTP 400: answer not in the documented error form (32 characters of text/html, not kept)');
    expect(reasons.customergauge).toMatch(/^HTTP 422: The given data was invalid\. deep: /);
    expect(leaks(JSON.stringify(reasons), SANDBOX_CREDENTIALS.cgClientSecret, true)).toEqual([]);
  });
});
