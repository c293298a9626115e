/** End to end over HTTP: installation page → saved iparams → simulated events → sandbox destinations. */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ManualClock } from '../../simulator/runtime';
import { IparamsFileError } from '../../simulator/web/iparams-store';
import { PortInUseError, startSimulatorServer } from '../../simulator/web/server';
import { intelliassignWithStatus, startRecordingServer, stopRecordingServer, tempDir, testPayload, type RecordingClient } from './helpers';

const SECRETS = {
  freshdesk_api_key: 'user-fd-key-7f3a9c',
  cg_client_secret: 'user-cg-secret-b81e44',
  cg_client_credentials: Buffer.from('user-cg-id:user-cg-secret-b81e44').toString('base64'),
};

/** What the page's postConfigs() returns: every secret listed in __meta.secure. */
const FORM = {
  __meta: { secure: Object.keys(SECRETS) },
  destinations: ['Freshdesk', 'CustomerGauge'],
  event_kinds: ['GeneralAvailability', 'Intelliassign'],
  freshdesk_subdomain: 'acme',
  freshdesk_contact_mode: "Agent's own email",
  freshdesk_contact_external_id: '',
  // The region is the user's choice in sandbox mode too, and the sandbox client is known in eu only.
  cg_region: 'eu',
  cg_client_id: 'user-cg-id',
  cg_account: 'Globex Test Account',
  cg_send_contact: false,
  ...SECRETS,
};

let sim: RecordingClient;
beforeAll(async () => {
  sim = await startRecordingServer({ clock: new ManualClock(Date.parse('2026-11-23T11:00:00Z')) });
});
afterAll(() => stopRecordingServer(sim));

describe('pages', () => {
  test('home page: links, sandbox mode with the sandbox URLs, iparams not saved yet', async () => {
    const { status, text } = await sim.get('/');
    expect(status).toBe(200);
    for (const href of ['/custom_configs', '/web/test', '/app/']) expect(text).toContain(`href="${href}"`);
    expect(text).toContain('sandbox: local fake destinations');
    expect(text).toContain(sim.server.local.freshdesk.url);
    expect(text).toContain(sim.server.local.customerGauge.url);
    expect(text).toContain('Not saved yet');
  });

  test("installation page: the app's config/iparams.html in a frame, as fdk run serves it", async () => {
    const { text } = await sim.get('/custom_configs');
    expect(text).toContain('<iframe id="iparams-frame" src="/custom_configs/form"');
    const form = await sim.get('/custom_configs/form');
    expect(form.type).toMatch(/^text\/html/);
    expect(form.text).toContain('<script src="/_fdk/client.js"></script>');
    expect(form.text).toContain('src="/_fdk/crayons/crayons.esm.js"');
    expect(form.text).not.toContain('cdn.jsdelivr.net');
    const asset = await sim.get('/custom_configs/assets/iparams.js');
    expect(asset.type).toMatch(/^text\/javascript/);
    expect(asset.text).toMatch(/^function postConfigs\(/m);
    expect((await sim.get('/custom_configs/assets/../../package.json')).status).toBe(404);
  });

  test('event simulator page lists every test_data payload', async () => {
    const { text } = await sim.get('/web/test');
    for (const name of fs.readdirSync(path.join(__dirname, '../../test_data'))) expect(text).toContain(`<option value="${name}">`);
    expect(text).toContain('id="mode-freshdesk"');
  });

  test('app files: FDK placeholders rewritten, crayons served locally, no way out of app/', async () => {
    const index = await sim.get('/app/');
    expect(index.status).toBe(200);
    expect(index.text).not.toContain('{{{appclient}}}');
    expect(index.text).not.toContain('cdn.jsdelivr.net');
    const crayons = await sim.get('/_fdk/crayons/crayons.esm.js');
    expect([crayons.status, crayons.type]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await sim.get('/app/..%2f..%2fpackage.json')).status).toBe(404);
    expect((await sim.get('/_fdk/crayons/../../../../package.json')).status).toBe(404);
  });
});

describe('installation parameters', () => {
  test('an answer that is not what postConfigs() returns is refused and nothing is written', async () => {
    const { status, json } = await sim.post('/_fdk/iparams', { ...FORM, __meta: { secure: 'freshdesk_api_key' } });
    expect([status, json.message]).toEqual([400, 'postConfigs(): __meta.secure must be a list of iparam names']);
    expect(fs.existsSync(sim.iparamsFile)).toBe(false);
  });

  test('saved values are kept in the file and handed to getConfigs, secure ones never sent back', async () => {
    const { status, json } = await sim.post('/_fdk/iparams', FORM);
    expect(status).toBe(200);
    const { __meta, ...values } = FORM;
    expect(JSON.parse(fs.readFileSync(sim.iparamsFile, 'utf8'))).toMatchObject({ __meta, ...values });
    for (const name of Object.keys(SECRETS)) expect(json.configs).not.toHaveProperty(name);
    expect(json.configs).toMatchObject({ cg_account: 'Globex Test Account', cg_region: 'eu' });

    const page = await sim.get('/custom_configs');
    expect(page.text).toContain('"cg_account":"Globex Test Account"');
    for (const secret of Object.values(SECRETS)) expect(page.text).not.toContain(secret);
    expect((await sim.get('/')).text).toContain('Saved in');
  });

  test('secure values left out of postConfigs keep the saved secrets', async () => {
    const { freshdesk_api_key, cg_client_secret, cg_client_credentials, ...rest } = FORM;
    const { status } = await sim.post('/_fdk/iparams', { ...rest, cg_region: 'au' });
    expect(status).toBe(200);
    expect(JSON.parse(fs.readFileSync(sim.iparamsFile, 'utf8'))).toMatchObject({ ...SECRETS, cg_region: 'au' });
    await sim.post('/_fdk/iparams', FORM);
  });

  test('the client shim gets the non-secure iparams only', async () => {
    const shim = await sim.get('/_fdk/client.js');
    expect(shim.type).toMatch(/^text\/javascript/);
    expect(shim.text).toContain('"cg_account":"Globex Test Account"');
    expect(shim.text).not.toContain('freshdesk_api_key');
  });
});

describe('simulated events', () => {
  test('an event reaches both sandboxes with the sandbox credentials and the saved choices', async () => {
    const { status, json } = await sim.post('/_fdk/simulate', testPayload('onAgentActivityCreate.intelliassign.json'));
    expect(status).toBe(200);
    expect(json.outcomes.map((o: any) => [o.destination, o.outcome])).toEqual([
      ['freshdesk', 'delivered'],
      ['customergauge', 'delivered'],
    ]);
    expect(json.failed).toBe(false);
    const { freshdesk, customerGauge } = sim.server.local;
    expect(freshdesk.activities).toEqual([expect.objectContaining({ contact: { email: 'maya.patel@example.com', is_actor: true } })]);
    const [written] = [...customerGauge.activitiesByReference.values()];
    expect(customerGauge.activitiesByReference.size).toBe(1);
    expect(written.body).toMatchObject({ account: 'Globex Test Account' });
    // The report: template requests without headers, and what each sandbox received.
    expect(json.requests.map((r: any) => `${r.template} ${r.status}`)).toEqual([
      'freshdeskCreateContactActivity 200',
      'customerGaugeToken 200',
      'customerGaugeUpsertActivity 201',
    ]);
    expect(json.requests.every((r: any) => !('headers' in r))).toBe(true);
    expect(json.received.customergauge.map((r: any) => `${r.method} ${r.path}`)).toEqual(['POST /oauth2/token', 'PUT /activities']);
    expect(json.text).toMatch(/freshdesk\s+delivered\s+HTTP 200, 1 attempt/);
    // The sandbox Freshdesk has no contacts: like Freshdesk, it creates one for the unknown email, and says so.
    expect(json.text).toContain('POST /api/v2/contact-activities -> 200 (created contact email maya.patel@example.com)');
  });

  test('the same event again is a duplicate and sends nothing', async () => {
    const { json } = await sim.post('/_fdk/simulate', testPayload('onAgentActivityCreate.intelliassign.json'));
    expect(json.duplicate).toBe(true);
    expect(json.outcomes).toEqual([]);
    expect(json.received).toEqual({ freshdesk: [], customergauge: [] });
    expect(json.text).toContain('Duplicate');
  });

  test('an invalid event is reported as rejected', async () => {
    const { json } = await sim.post('/_fdk/simulate', { data: { agent_activity: { status: 'AVAILABLE' } } });
    expect(json.outcomes).toEqual([expect.objectContaining({ destination: 'event', outcome: 'rejected' })]);
    expect(json.failed).toBe(true);
    expect((await sim.post('/_fdk/simulate', [1, 2])).status).toBe(400);
  });

  test('a failing fake vendor leaves the push retrying; moving the clock runs the retry once it recovers', async () => {
    expect((await sim.post('/_fdk/sandbox/freshdesk/mode', { mode: 'server_error' })).status).toBe(200);
    const { json } = await sim.post('/_fdk/simulate', intelliassignWithStatus('Lunch', 50));
    expect(json.outcomes.map((o: any) => [o.destination, o.outcome, o.last_status])).toEqual([
      ['freshdesk', 'retrying', 503],
      ['customergauge', 'delivered', 201],
    ]);
    expect(json.state).toBe('waiting');
    expect((await sim.get('/web/test')).text).toContain('<option value="server_error" selected>');

    await sim.post('/_fdk/sandbox/freshdesk/mode', { mode: 'none' });
    const before = sim.server.local.runtime.clock.now();
    const moved = await sim.post('/_fdk/clock/advance', { ms: 60 * 60 * 1000 });
    expect(moved.status).toBe(200);
    expect(moved.json.fired).toBeGreaterThanOrEqual(1);
    expect(sim.server.local.runtime.clock.now()).toBe(before + 60 * 60 * 1000);
    expect(sim.server.local.freshdesk.activities).toHaveLength(2);
    // The watched event's outcome follows, and the retry is in its request log.
    expect(moved.json.report.outcomes.map((o: any) => [o.destination, o.outcome])).toEqual([
      ['freshdesk', 'delivered'],
      ['customergauge', 'delivered'],
    ]);
    expect(moved.json.report.state).toBe('done');
    expect(
      moved.json.report.requests.filter((r: any) => r.template === 'freshdeskCreateContactActivity').map((r: any) => r.status),
    ).toEqual([503, 200]);
    expect((await sim.post('/_fdk/sandbox/nowhere/mode', { mode: 'none' })).status).toBe(404);
    expect((await sim.post('/_fdk/sandbox/freshdesk/mode', { mode: 'flaky' })).status).toBe(400);
    expect((await sim.post('/_fdk/clock/advance', { ms: -1 })).status).toBe(400);
  });
});

describe('FDK client endpoints', () => {
  test('/_fdk/invoke/listActivities lists what was simulated, FDK-shaped', async () => {
    const { status, json } = await sim.post('/_fdk/invoke/listActivities', { page: { size: 100 } });
    expect(status).toBe(200);
    expect(json.requestID).toEqual(expect.any(String));
    const summary = json.response.activities.map((a: any) => `${a.target?.destination ?? 'event'} ${a.outcome}`);
    expect(summary.sort()).toEqual([
      'customergauge delivered',
      'customergauge delivered',
      'event rejected',
      'freshdesk delivered',
      'freshdesk delivered',
    ]);
  });

  test('server method errors come back as { status, message }', async () => {
    expect(await sim.post('/_fdk/invoke/noSuchMethod', {})).toEqual({
      status: 404,
      json: { status: 404, message: expect.stringContaining('noSuchMethod') },
    });
    const bad = await sim.post('/_fdk/invoke/listActivities', { page: { size: 1000 } });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ status: 400, message: expect.any(String) });
  });

  test('/_fdk/template calls the template with the page context and rejects with the vendor answer', async () => {
    const ok = await sim.post('/_fdk/template/freshdeskVerifyCredentials', {
      context: { subdomain: 'sandbox', api_key: 'sandbox-freshdesk-api-key' },
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: 200, response: expect.any(String) });
    const refused = await sim.post('/_fdk/template/freshdeskVerifyCredentials', { context: { subdomain: 'sandbox', api_key: 'wrong' } });
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({ status: 401, response: expect.stringContaining('invalid_credentials') });
    expect((await sim.post('/_fdk/template/notATemplate', {})).json.status).toBe(400);
  });

  test('the sandbox accounts are specific: another subdomain or region fails the connection test', async () => {
    const verifyFreshdesk = (subdomain: string) =>
      sim.post('/_fdk/template/freshdeskVerifyCredentials', { context: { subdomain, api_key: 'sandbox-freshdesk-api-key' } });
    expect((await verifyFreshdesk('sandbox')).status).toBe(200);
    expect((await verifyFreshdesk('acme')).status).toBe(404);
    const credentials = Buffer.from('sandbox-client-id:sandbox-client-secret').toString('base64');
    const verifyCustomerGauge = (region: string) =>
      sim.post('/_fdk/template/customerGaugeVerifyCredentials', {
        context: { region, credentials },
        body: 'grant_type=client_credentials',
      });
    expect((await verifyCustomerGauge('eu')).status).toBe(200);
    const elsewhere = await verifyCustomerGauge('us');
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.json.response).toContain('invalid_client');
  });

  test('no page or API response ever carried a secure iparam', async () => {
    for (const page of ['/', '/custom_configs', '/web/test', '/_fdk/client.js']) await sim.get(page);
    const everything = sim.bodies.join('\n');
    expect(sim.bodies.length).toBeGreaterThan(20);
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
  });
});

test('due retries also fire by themselves, without the button', async () => {
  const clock = new ManualClock(Date.parse('2026-11-23T11:00:00Z'));
  const own = await startRecordingServer({ clock, scheduleTickMs: 20 });
  try {
    const { freshdesk } = own.server.local;
    freshdesk.setMode('server_error');
    const { json } = await own.post('/_fdk/simulate', testPayload('onAgentActivityCreate.general-availability.json'));
    expect(json.outcomes[0]).toMatchObject({ destination: 'freshdesk', outcome: 'retrying' });
    freshdesk.setMode('none');
    // Time passes (hours, so every retry and the token expiry are due); the timer does the rest.
    clock.advance(6 * 60 * 60 * 1000);
    const deadline = Date.now() + 3000;
    while (freshdesk.activities.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(freshdesk.activities).toHaveLength(1);
  } finally {
    await own.server.close();
    fs.rmSync(own.dir, { recursive: true, force: true });
  }
});

test("a drain's request that names no event (a token) goes with the event the drain pushed to its destination", async () => {
  const start = Date.parse('2026-11-23T11:00:00Z');
  const own = await startRecordingServer({ clock: new ManualClock(start) });
  try {
    const { customerGauge } = own.server.local;
    const templates = (requests: Array<{ template: string; status: number }>) => requests.map((r) => `${r.template} ${r.status}`);
    customerGauge.setMode('server_error');
    const { json } = await own.post('/_fdk/simulate', intelliassignWithStatus('Lunch', 2));
    expect(json.outcomes.map((o: any) => o.outcome)).toEqual(['delivered', 'retrying']);
    customerGauge.setMode('none');
    const moved = await own.post('/_fdk/clock/advance', { to: 'next' });
    expect(moved.json.report.outcomes.map((o: any) => o.outcome)).toEqual(['delivered', 'delivered']);
    // The drain fetched a token for this event's push: both are listed with it, after its first try.
    const retried = moved.json.report.requests.filter((r: { at: number }) => r.at > start);
    expect(templates(retried)).toEqual(['customerGaugeToken 200', 'customerGaugeUpsertActivity 201']);
    expect(moved.json.report.requests.length).toBeGreaterThan(retried.length);
    expect(moved.json.report.other_requests).toEqual([]);
  } finally {
    await own.server.close();
    fs.rmSync(own.dir, { recursive: true, force: true });
  }
});

describe('start-up errors', () => {
  test('a port in use names the fix', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const dir = tempDir();
    try {
      const starting = startSimulatorServer({ port, iparamsFile: path.join(dir, 'none.json'), stateDir: false });
      await expect(starting).rejects.toThrow(PortInUseError);
      await expect(starting).rejects.toThrow(`Port ${port} is in use: stop the other process or run PORT=${port + 1} npm start`);
    } finally {
      blocker.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an unreadable iparams file names the file and the fix', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'iparam_test_data.json');
    fs.writeFileSync(file, '{"destinations": [');
    const starting = startSimulatorServer({ port: 0, iparamsFile: file, stateDir: false });
    await expect(starting).rejects.toThrow(IparamsFileError);
    await expect(starting).rejects.toThrow(/iparam_test_data\.json is not valid JSON: .+\. Delete it or fix it\.$/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
