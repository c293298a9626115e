/**
 * Fault suite: the built server.js in the runtime against sandbox servers that misbehave.
 * Time moves on the injectable clock; nothing waits for real except the shrunk request timeout.
 */
import sinon from 'sinon';
import { agentEvent, generalAvailability, intelliassign, startTestApp, type TestApp } from '../support/app';
import { allActivities, expectSettled } from '../support/settle';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(() => app.close());

async function fireAll(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await app.fire(agentEvent(i));
}

const destinationStatus = (server: { received: Array<{ path: string; status: number }> }, path: string) =>
  server.received.filter((r) => r.path.startsWith(path)).map((r) => r.status);

describe.each([
  ['429 with Retry-After', { status: 429, retryAfter: '45' }],
  ['429 without Retry-After', { status: 429 }],
  ['429 with a non-JSON body', { status: 429, retryAfter: '5', body: '<html>Too Many Requests</html>', contentType: 'text/html' }],
  ['500', { status: 500 }],
  ['502', { status: 502 }],
  ['503', { status: 503 }],
  ['a connection reset', { reset: true }],
  ['a timeout', { hang: true }],
])('%s from either destination', (_name, fault) => {
  test('is retried later and delivered exactly once', async () => {
    app.freshdesk.enqueueFaults(fault);
    app.customerGauge.enqueueFaults({ ...fault, path: '/activities' });
    await app.fire(intelliassign());
    await app.runtime.runUntilIdle();
    const settled = await expectSettled(app, 1);
    expect(settled.delivered).toEqual({ freshdesk: 1, customergauge: 1 });
    expect(destinationStatus(app.freshdesk, '/api/v2/contact-activities').slice(-1)).toEqual([200]);
  });
});

test('a retry waits at least the Retry-After the destination asked for', async () => {
  app.freshdesk.enqueueFaults({ status: 429, retryAfter: '600' });
  await app.fire(intelliassign());
  app.clock.advance(599_000);
  await app.runtime.fireDueSchedules();
  expect(app.freshdesk.activities).toHaveLength(0);
  app.clock.advance(2000);
  await app.runtime.fireDueSchedules();
  expect(app.freshdesk.activities).toHaveLength(1);
});

test('a malformed JSON success body counts as delivered, not retried', async () => {
  app.customerGauge.enqueueFaults({ path: '/activities', malformedSuccess: true, afterProcessing: true });
  await app.fire(intelliassign());
  await app.runtime.runUntilIdle();
  const settled = await expectSettled(app, 1);
  expect(settled.delivered).toEqual({ freshdesk: 1, customergauge: 1 });
  expect(destinationStatus(app.customerGauge, '/activities')).toEqual([200]);
});

test('Freshdesk 401 (bad API key) is rejected once, not retried forever', async () => {
  app.freshdesk.setMode('bad_credentials');
  await app.fire(intelliassign());
  await app.runtime.runUntilIdle();
  const settled = await expectSettled(app, 1);
  expect(settled.rejected).toBe(1);
  expect(destinationStatus(app.freshdesk, '/api/v2/contact-activities')).toEqual([401]);
});

test('CustomerGauge 401 once: the token is refreshed and the push resent', async () => {
  await app.fire(intelliassign());
  app.customerGauge.expireAllTokens();
  await app.fire(generalAvailability());
  const settled = await expectSettled(app, 2);
  expect(settled.delivered).toEqual({ freshdesk: 2, customergauge: 2 });
  expect(app.customerGauge.tokensIssued).toBe(2);
});

test('a write that landed before the answer failed is not duplicated at CustomerGauge (reference upsert)', async () => {
  app.customerGauge.enqueueFaults({ path: '/activities', status: 502, afterProcessing: true });
  await app.fire(intelliassign());
  await app.runtime.runUntilIdle();
  await expectSettled(app, 1);
  const [stored] = [...app.customerGauge.activitiesByReference.values()];
  expect(stored.writes).toBe(2);
});

test('the same event delivered three times, and events out of order, are each pushed once', async () => {
  const later = agentEvent(2);
  const earlier = agentEvent(1);
  await app.fire(later);
  await app.fire(earlier);
  await app.fire(later);
  await app.fire(earlier);
  await app.fire(later);
  const settled = await expectSettled(app, 2);
  expect(settled.delivered).toEqual({ freshdesk: 2, customergauge: 2 });
});

test('the platform request quota (50 a minute) defers the rest, which drain within the quota', async () => {
  // The installation page spent most of this minute's requests checking credentials.
  for (let i = 0; i < 45; i++)
    await app.runtime
      .invokeTemplate('freshdeskVerifyCredentials', { context: { subdomain: 'sandbox', api_key: 'k' } })
      .catch(() => undefined);
  await fireAll(10);
  expect(app.runtime.stats().requestsRefused).toBeGreaterThan(0);
  const waiting = (await allActivities(app)).filter((a) => a.outcome === 'retrying');
  expect(waiting.length).toBeGreaterThan(0);
  expect(waiting[0].reason).toMatch(/HTTP 429/);
  expect(waiting.every((a) => a.attempts === 0)).toBe(true);
  await app.runtime.runUntilIdle();
  const settled = await expectSettled(app, 10);
  expect(settled.delivered).toEqual({ freshdesk: 10, customergauge: 10 });
});

test('the $db quota (50 a minute) defers events unclaimed, and they are claimed and delivered later', async () => {
  await fireAll(30);
  expect(app.runtime.stats().dbOpsRefused).toBeGreaterThan(0);
  await app.runtime.runUntilIdle();
  const settled = await expectSettled(app, 30);
  expect(settled.delivered).toEqual({ freshdesk: 30, customergauge: 30 });
});

test('$db errors on the claim or the history write lose nothing', async () => {
  const failure = { status: 500, message: 'Internal server error' };
  const set = sinon.stub(app.runtime.db, 'set');
  set.onFirstCall().rejects(failure); // the dedup claim
  set.callThrough();
  const update = sinon.stub(app.runtime.db, 'update');
  update.onSecondCall().rejects(failure); // a history write
  update.callThrough();
  await fireAll(2);
  set.restore();
  update.restore();
  await app.runtime.runUntilIdle();
  const settled = await expectSettled(app, 2);
  expect(settled.delivered).toEqual({ freshdesk: 2, customergauge: 2 });
});

test('a burst larger than a minute of quota (200 agents) is delivered exactly once, in order of arrival', async () => {
  await fireAll(200);
  await app.runtime.runUntilIdle();
  const settled = await expectSettled(app, 200);
  expect(settled.delivered).toEqual({ freshdesk: 200, customergauge: 200 });
  expect(settled.deadLettered).toBe(0);
}, 60_000);

describe.each([
  [
    'an HTML page',
    { status: 400, body: '<html><body>Bad Request</body></html>', contentType: 'text/html' },
    /^HTTP 400: answer not in the documented error form \(\d+ characters of text\/html, not kept\)/,
  ],
  ['an empty body', { status: 400, body: '', contentType: 'text/plain' }, /^HTTP 400: empty answer/],
])('a refusal with %s instead of the documented error body', (_name, fault, reason) => {
  test('is rejected with a reason that says so and keeps none of the body', async () => {
    app.freshdesk.enqueueFaults(fault);
    await app.fire(intelliassign());
    await app.runtime.runUntilIdle();
    const settled = await expectSettled(app, 1);
    expect(settled.rejected).toBe(1);
    const rejected = (await allActivities(app)).filter((a) => a.outcome === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toMatch(reason);
    expect(rejected[0].reason).not.toContain('Bad Request</body>');
  });
});
