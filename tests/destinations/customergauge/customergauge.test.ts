import { history, intelliassign, generalAvailability, startTestApp, withChange, type TestApp } from '../../support/app';

let app: TestApp;
afterEach(() => app.close());

const onlyCustomerGauge = { destinations: ['CustomerGauge'] };
const activityRequests = (a: TestApp) => a.customerGauge.received.filter((r) => r.path === '/activities');
const tokenRequests = (a: TestApp) => a.customerGauge.received.filter((r) => r.path === '/oauth2/token');

describe('CustomerGauge activity', () => {
  beforeEach(async () => {
    app = await startTestApp({ iparamOverrides: onlyCustomerGauge });
  });

  test('is PUT with a bearer token, required fields, a UTC Y-m-d H:i:s date and a deterministic reference', async () => {
    await app.fire(intelliassign());
    const [token] = tokenRequests(app);
    expect(token.method).toBe('POST');
    expect(token.body).toBe('grant_type=client_credentials');
    expect(token.headers.authorization).toBe(`Basic ${Buffer.from('sandbox-client-id:sandbox-client-secret').toString('base64')}`);
    const [put] = activityRequests(app);
    expect(put.method).toBe('PUT');
    expect(put.headers.authorization).toMatch(/^Bearer \S{20,}$/);
    expect(put.status).toBe(201);
    const body = put.json as any;
    expect(body).toMatchObject({
      account: 'Acme Support',
      type: 'Agent status change',
      source: 'Freshchat',
      happened_at: '2026-11-23 10:45:00',
    });
    expect(body.reference).toMatch(/^freshchat-agent-activity-[0-9a-z]+$/);
    expect(body.reference.length).toBeLessThanOrEqual(128);
    expect(body.contact).toBeUndefined();
    expect(body.additional_information_object).toMatchObject({
      timezone: 'UTC',
      status: 'In a meeting 📆',
      time_in_previous_status: '45 min',
    });
    const [activity] = await history(app, { destination: 'customergauge' });
    expect(activity).toMatchObject({ outcome: 'delivered', target: { destination: 'customergauge', reference: body.reference } });
  });

  // CustomerGauge "PUT Activities" (support.customergauge.com/support/solutions/articles/5000810958-put-activities,
  // parameter table): `type` is a category of at most 100 characters (its examples: "Ticket",
  // "Support Ticket"), so every status change shares one.
  test('type is one fixed category, whatever the status', async () => {
    await app.fire(intelliassign());
    await app.fire(generalAvailability());
    await app.fire(withChange(intelliassign(), { status: 'Lunch break', emoji: 'pizza' }));
    expect(activityRequests(app).map((r) => (r.json as any).type)).toEqual(Array(3).fill('Agent status change'));
  });

  // Same article: additional_information_object is a JSON object whose documented example holds
  // strings only. The status, previous status and durations go there, every value a string, empty
  // values left out.
  test('additional_information_object holds the statuses and durations as strings, without empty values', async () => {
    await app.fire(intelliassign());
    await app.fire(withChange(generalAvailability(), { prev_status: null, prev_status_change_timestamp: null }));
    const [meeting, unavailable] = activityRequests(app).map((r) => (r.json as any).additional_information_object);
    expect(meeting).toMatchObject({
      status: 'In a meeting 📆',
      previous_status: 'Available',
      seconds_in_previous_status: '2700',
      time_in_previous_status: '45 min',
      emoji: '📆',
    });
    expect(unavailable).toMatchObject({ status: 'Unavailable', changed_by: 'system' });
    for (const info of [meeting, unavailable]) {
      expect(Object.values(info).every((value) => typeof value === 'string' && value !== '')).toBe(true);
    }
    for (const omitted of ['previous_status', 'previous_changed_at_utc', 'seconds_in_previous_status', 'custom_status_id', 'emoji']) {
      expect(unavailable).not.toHaveProperty(omitted);
    }
  });

  // Same article's `type` and Freshchat's onAgentActivityCreate `emoji` (the emoji of the status):
  // the status reads as Freshchat shows it, with the emoji as a character, never a shortcode name.
  test('the status text carries the emoji as a character, or nothing', async () => {
    await app.fire(withChange(intelliassign(), { emoji: ':coffee:' }));
    await app.fire(withChange(intelliassign(), { status: 'Focus', emoji: 'no_such_emoji' }));
    const [coffee, unknown] = activityRequests(app).map((r) => (r.json as any).additional_information_object);
    expect(coffee).toMatchObject({ status: 'In a meeting ☕', emoji: '☕' });
    expect(unknown.status).toBe('Focus');
    expect(unknown).not.toHaveProperty('emoji');
  });

  test('reuses the cached token for the next event', async () => {
    await app.fire(intelliassign());
    await app.fire(generalAvailability());
    expect(tokenRequests(app)).toHaveLength(1);
    expect(activityRequests(app)).toHaveLength(2);
    expect(app.customerGauge.tokensIssued).toBe(1);
  });

  test('refreshes the token once on 401 and resends', async () => {
    await app.fire(intelliassign());
    app.customerGauge.expireAllTokens();
    await app.fire(generalAvailability());
    expect(app.customerGauge.tokensIssued).toBe(2);
    expect(activityRequests(app).map((r) => r.status)).toEqual([201, 401, 201]);
    expect((await history(app, { destination: 'customergauge' })).every((a) => a.outcome === 'delivered')).toBe(true);
  });

  test('rejects, without retrying forever, when the credentials are refused', async () => {
    app.customerGauge.setMode('bad_credentials');
    await app.fire(intelliassign());
    const [activity] = await history(app, { destination: 'customergauge' });
    expect(activity.outcome).toBe('rejected');
    expect(activity.reason).toContain('token request refused');
    expect(activity.retryable).toBe(true);
    expect(app.runtime.schedules.list().filter((s) => s.name.startsWith('q-'))).toHaveLength(0);
  });

  test('records the vendor 422 validation message', async () => {
    app.customerGauge.enqueueFaults({
      path: '/activities',
      status: 422,
      contentType: 'application/json',
      body: JSON.stringify({ message: 'The given data was invalid.', errors: { type: ['The type field is required.'] } }),
    });
    await app.fire(intelliassign());
    const [activity] = await history(app, { destination: 'customergauge' });
    expect(activity.outcome).toBe('rejected');
    expect(activity.last_status).toBe(422);
    expect(activity.reason).toBe('HTTP 422: The given data was invalid. type: The type field is required.');
  });

  test('the same event sent again updates the same activity (reference upsert)', async () => {
    await app.fire(intelliassign());
    const reference = (activityRequests(app)[0].json as any).reference;
    await app.fire(withChange(intelliassign(), {}));
    expect(app.customerGauge.activitiesByReference.get(reference)?.writes).toBe(1);
  });
});

test('sends the agent email as contact only when enabled', async () => {
  app = await startTestApp({ iparamOverrides: { ...onlyCustomerGauge, cg_send_contact: true } });
  await app.fire(intelliassign());
  expect((activityRequests(app)[0].json as any).contact).toBe('maya.patel@example.com');
});
