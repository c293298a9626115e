import { SANDBOX_CREDENTIALS } from '../../../simulator/local-app';
import { generalAvailability, history, intelliassign, startTestApp, withChange, type TestApp } from '../../support/app';

let app: TestApp;
afterEach(() => app.close());

const onlyFreshdesk = { destinations: ['Freshdesk'] };

describe('Freshdesk contact activity', () => {
  beforeEach(async () => {
    app = await startTestApp({ iparamOverrides: onlyFreshdesk });
  });

  test('is posted with Basic auth and only documented fields', async () => {
    await app.fire(intelliassign());
    const [request] = app.freshdesk.received;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/api/v2/contact-activities');
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(SANDBOX_CREDENTIALS.freshdeskApiKey).toString('base64')}`);
    expect(request.status).toBe(200);
    const body = request.json as any;
    expect(Object.keys(body).sort()).toEqual(['activity', 'contact']);
    expect(Object.keys(body.activity).sort()).toEqual(['actor', 'context', 'description', 'name', 'object', 'source', 'timestamp']);
    expect(body.contact).toEqual({ email: 'maya.patel@example.com', is_actor: true });
    expect(body.activity.name).toBe('Agent status: In a meeting 📆');
    expect(body.activity.timestamp).toBe('2026-11-23T10:45:00Z');
    expect(body.activity.description).toBe('Maya Patel changed Intelliassign status from Available to In a meeting after 45 min.');
    expect(body.activity.actor).toEqual({ type: 'agent', id: '4b8e0d2f-1c3a-4f7e-9a51-2f6d7c8e9a10', name: 'Maya Patel' });
    expect(body.activity.source).toEqual({ name: 'Freshchat', id: '1234567890' });
    expect(body.activity.context).toMatchObject({
      status: 'In a meeting',
      previous_status: 'AVAILABLE',
      seconds_in_previous_status: 2700,
      time_in_previous_status: '45 min',
      custom_status_id: '7d1f3a52-6e0b-4c2d-8f3e-5a9b1c2d3e4f',
      emoji: '📆',
    });
  });

  // Freshdesk API reference (developers.freshdesk.com/api/), "Date formats": a timestamp is
  // YYYY-MM-DDTHH:MM:SSZ or carries a ±hh:mm offset, always in whole seconds.
  test('activity.timestamp is UTC in whole seconds, as Freshdesk documents its date formats', async () => {
    await app.fire(withChange(intelliassign(), { status_change_timestamp: '2026-11-23T10:45:00.999Z' }));
    const body = app.freshdesk.received[0].json as any;
    expect(body.activity.timestamp).toBe('2026-11-23T10:45:00Z');
    expect(app.freshdesk.received[0].status).toBe(200);
  });

  // Freshdesk API reference, "Contact Activities": activity.name is the text the contact timeline
  // shows. Freshchat's onAgentActivityCreate event documents `emoji` as the emoji of the agent's
  // status: the timeline shows that emoji as a character (or nothing), never a shortcode name.
  test.each([
    ['a shortcode name', 'calendar', '📆'],
    ['a shortcode in colons', ':coffee:', '☕'],
    ['an emoji character', '🍕', '🍕'],
    ['an unknown shortcode', 'no_such_emoji', null],
    ['plain words', 'out to lunch', null],
  ])('activity.name and context show the status emoji as a character: %s', async (_label, emoji, shown) => {
    await app.fire(withChange(intelliassign(), { emoji }));
    const body = app.freshdesk.received[0].json as any;
    expect(body.activity.name).toBe(shown ? `Agent status: In a meeting ${shown}` : 'Agent status: In a meeting');
    expect(body.activity.context.emoji).toBe(shown);
  });

  test('maps a system-triggered GeneralAvailability change whose actor fields are null', async () => {
    await app.fire(generalAvailability());
    const body = app.freshdesk.received[0].json as any;
    expect(app.freshdesk.received[0].status).toBe(200);
    expect(body.activity.actor).toEqual({ type: 'system', id: 'system', name: 'Freshchat' });
    expect(body.activity.description).toBe(
      'maya.patel@example.com changed General availability status from Available to Unavailable after 8 h 27 min (set automatically).',
    );
    expect(body.contact).toEqual({ email: 'maya.patel@example.com', is_actor: false });
  });

  test('truncates a long custom status to the field limit without splitting an emoji', async () => {
    const status = '🙂'.repeat(300);
    await app.fire(withChange(intelliassign(), { status }));
    const body = app.freshdesk.received[0].json as any;
    const name = Array.from(body.activity.name as string);
    expect(name.length).toBeLessThanOrEqual(255);
    expect(body.activity.name).toContain('🙂…');
    expect(body.activity.name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(app.freshdesk.received[0].status).toBe(200);
  });

  test('records the vendor error and does not retry a 400 invalid_field', async () => {
    app.freshdesk.enqueueFaults({
      status: 400,
      body: JSON.stringify({
        description: 'Validation failed',
        errors: [{ field: 'contact', message: 'Unexpected field', code: 'invalid_field' }],
      }),
      contentType: 'application/json',
    });
    await app.fire(intelliassign());
    const [activity] = await history(app);
    expect(activity.outcome).toBe('rejected');
    expect(activity.last_status).toBe(400);
    expect(activity.reason).toBe('HTTP 400: Validation failed: contact invalid_field (Unexpected field)');
    expect(activity.retryable).toBe(true);
    expect(app.runtime.schedules.list().filter((s) => s.name.startsWith('q-'))).toHaveLength(0);
  });
});

// Freshdesk API reference (developers.freshdesk.com/api/), "Contact Activities": contact.is_actor says
// whether the contact did the activity, and when it is left out Freshdesk assumes the contact did.
// So it is always sent, true only when the contact is the agent's own and the agent made the change.
describe('Freshdesk contact.is_actor', () => {
  beforeEach(async () => {
    app = await startTestApp({ iparamOverrides: onlyFreshdesk });
  });
  const contactOf = (index = 0) => (app.freshdesk.received[index].json as any).contact;

  test('true when the agent changed their own status (the contact is the agent)', async () => {
    await app.fire(intelliassign());
    expect(contactOf()).toEqual({ email: 'maya.patel@example.com', is_actor: true });
  });

  test("true when the agent's and the actor's emails differ only in case", async () => {
    await app.fire(withChange(intelliassign(), { email: 'Maya.Patel@Example.com', org_agent_id: null }));
    expect(contactOf().is_actor).toBe(true);
  });

  test("true when the agent's email is known only as the actor's", async () => {
    await app.fire(withChange(intelliassign(), { email: null }));
    expect(contactOf()).toEqual({ email: 'maya.patel@example.com', is_actor: true });
  });

  test('false for a change made by the system', async () => {
    await app.fire(generalAvailability());
    expect(contactOf()).toEqual({ email: 'maya.patel@example.com', is_actor: false });
  });

  test('false when another agent (a supervisor) changed the status', async () => {
    const payload = withChange(intelliassign(), {});
    Object.assign((payload as any).data.actor, { email: 'sam.lead@example.com', org_actor_id: '99', first_name: 'Sam', last_name: 'Lead' });
    await app.fire(payload);
    expect(contactOf()).toEqual({ email: 'maya.patel@example.com', is_actor: false });
  });

  test('false when the actor cannot be told apart from the agent (no email, no id on one side)', async () => {
    const payload = withChange(intelliassign(), {});
    Object.assign((payload as any).data.actor, { email: null, org_actor_id: null });
    await app.fire(payload);
    expect(contactOf().is_actor).toBe(false);
  });
});

describe('Freshdesk contact choice', () => {
  test('sends every activity to one fixed contact by unique_external_id', async () => {
    app = await startTestApp({
      iparamOverrides: {
        ...onlyFreshdesk,
        freshdesk_contact_mode: 'One fixed contact (unique external ID)',
        freshdesk_contact_external_id: 'agent-status-board',
      },
    });
    await app.fire(intelliassign());
    expect((app.freshdesk.received[0].json as any).contact).toEqual({ unique_external_id: 'agent-status-board', is_actor: false });
  });

  test('rejects, naming the field, when the event carries no agent email', async () => {
    app = await startTestApp({ iparamOverrides: onlyFreshdesk });
    const payload = withChange(intelliassign(), { email: null });
    (payload as any).data.actor.email = null;
    await app.fire(payload);
    expect(app.freshdesk.received).toHaveLength(0);
    const [activity] = await history(app);
    expect(activity.outcome).toBe('rejected');
    expect(activity.reason).toContain('data.agent_activity.email');
  });

  test('rejects an installation whose subdomain is not a bare Freshdesk subdomain', async () => {
    app = await startTestApp({ iparamOverrides: { ...onlyFreshdesk, freshdesk_subdomain: 'evil.example.com/x' } });
    await app.fire(intelliassign());
    expect(app.freshdesk.received).toHaveLength(0);
    const [activity] = await history(app);
    expect(activity.outcome).toBe('rejected');
    expect(activity.reason).toContain('iparams.freshdesk_subdomain');
  });
});
