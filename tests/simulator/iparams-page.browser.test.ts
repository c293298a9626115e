/**
 * The installation page (config/iparams.html) in Chromium, as an admin uses it on `/custom_configs`:
 * Save validates every field, errors sit under their field and go as soon as they are fixed, Test
 * connection answers in words, editing keeps the saved secrets, and nothing secret ever reaches
 * the browser. `UPDATE_SCREENSHOTS=1` refreshes docs/installation-page.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { APP_DIR, SANDBOX_CREDENTIALS } from '../../simulator/local-app';
import { launchBrowser } from '../support/browser';
import { startRecordingServer, testPayload, type RecordingClient } from './helpers';

const CREDENTIALS = Buffer.from(`${SANDBOX_CREDENTIALS.cgClientId}:${SANDBOX_CREDENTIALS.cgClientSecret}`).toString('base64');
const SECRETS = [SANDBOX_CREDENTIALS.freshdeskApiKey, SANDBOX_CREDENTIALS.cgClientSecret, CREDENTIALS];
const REQUIRED = ['freshdesk_subdomain', 'freshdesk_api_key', 'cg_client_id', 'cg_client_secret', 'cg_account'];

describe('installation page in Chromium', () => {
  let sim: RecordingClient;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  /** Every response the browser got, to look for secrets. */
  const received: Array<{ url: string; body: string }> = [];

  beforeAll(async () => {
    sim = await startRecordingServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 900, height: 1250 } });
    page.on('pageerror', (err) => pageErrors.push(`${expect.getState().currentTestName}: ${err.message}`));
    page.on('response', (res) => {
      res.text().then(
        (body) => received.push({ url: res.url(), body }),
        () => undefined,
      );
    });
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.server.close();
    if (sim) fs.rmSync(sim.dir, { recursive: true, force: true });
  });

  const form = (): Frame => {
    const frame = page.frame({ url: /\/custom_configs\/form$/ });
    if (!frame) throw new Error('the installation page frame is not loaded');
    return frame;
  };
  const field = (id: string) => form().locator(`#${id}`);
  /** Crayons re-renders on the next frames: an error line that goes away moves what is below it. */
  const settled = () => form().evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  async function type(id: string, value: string): Promise<void> {
    await field(id).locator('input:not([type=hidden])').fill(value);
    await settled();
  }

  /** The page is ready once its script has put values in (defaults, or getConfigs on edit). */
  async function open(on: RecordingClient = sim): Promise<void> {
    await page.goto(`${on.server.url}/custom_configs`);
    await page.waitForFunction(() => {
      const frame = document.getElementById('iparams-frame') as HTMLIFrameElement;
      const box = frame.contentDocument?.querySelector('#destinations fw-checkbox') as (Element & { checked?: boolean }) | null;
      return box?.checked === true;
    });
  }

  /** The error shown under a field: Crayons' error text, or the paragraph under a checkbox group. */
  function errorOf(id: string): Promise<string> {
    return form().evaluate((name) => {
      const element = document.getElementById(name) as HTMLElement & { state?: string; errorText?: string };
      if (element.tagName.startsWith('FW-INPUT') || element.tagName === 'FW-RADIO-GROUP')
        return element.state === 'error' ? (element.errorText ?? '') : '';
      return document.getElementById(`${name}-error`)?.textContent ?? '';
    }, id);
  }

  async function errors(ids: string[]): Promise<Record<string, string>> {
    const shown: Record<string, string> = {};
    for (const id of ids) {
      const message = await errorOf(id);
      if (message) shown[id] = message;
    }
    return shown;
  }

  /** Waits for a Test connection answer that matches. */
  function resultOf(id: string, expected: RegExp): Promise<unknown> {
    return form().waitForFunction(([name, source]) => new RegExp(source).test(document.getElementById(name)?.textContent ?? ''), [
      id,
      expected.source,
    ] as const);
  }

  async function save(): Promise<string> {
    await page.click('#save');
    await page.waitForFunction(() => /^(Saved|Not saved)/.test(document.getElementById('save-status')?.textContent ?? ''));
    return (await page.textContent('#save-status')) ?? '';
  }

  const saved = (): Record<string, unknown> => JSON.parse(fs.readFileSync(sim.iparamsFile, 'utf8'));

  test('quick start: on a fresh page, "Fill in the sandbox credentials" then Save saves settings that deliver to both destinations', async () => {
    const fresh = await startRecordingServer();
    try {
      await open(fresh);
      await page.click('#fill-sandbox');
      await expect(save()).resolves.toBe('Saved. New events use these settings.');
      const { json } = await fresh.post('/_fdk/simulate', testPayload('onAgentActivityCreate.intelliassign.json'));
      expect(json.outcomes.map((o: { destination: string; outcome: string }) => `${o.destination} ${o.outcome}`)).toEqual([
        'freshdesk delivered',
        'customergauge delivered',
      ]);
    } finally {
      // Leave the page first: its frame reloads after Save and must not lose its server mid-load.
      await page.goto('about:blank');
      await fresh.server.close();
      fs.rmSync(fresh.dir, { recursive: true, force: true });
    }
  });

  test('an untouched page does not save: every required field of the enabled destinations says what is missing', async () => {
    await open();
    await expect(save()).resolves.toBe('Not saved: fix the fields marked in red.');
    await expect(errors(REQUIRED)).resolves.toEqual({
      freshdesk_subdomain: 'Enter your Freshdesk subdomain: acme for acme.freshdesk.com.',
      freshdesk_api_key: 'Enter the API key of a Freshdesk agent.',
      cg_client_id: 'Enter the CustomerGauge OAuth client ID.',
      cg_client_secret: 'Enter the CustomerGauge OAuth client secret.',
      cg_account: 'Enter the CustomerGauge account name.',
    });
    expect(fs.existsSync(sim.iparamsFile)).toBe(false);
  });

  test('switching a destination off clears its errors and hides its fields; no destination at all is an error', async () => {
    await field('destinations').locator('fw-checkbox[value="CustomerGauge"]').click();
    await expect(errors(REQUIRED)).resolves.toEqual({
      freshdesk_subdomain: expect.any(String),
      freshdesk_api_key: expect.any(String),
    });
    await expect(field('customergauge-section').isHidden()).resolves.toBe(true);
    await field('destinations').locator('fw-checkbox[value="Freshdesk"]').click();
    await expect(save()).resolves.toBe('Not saved: fix the fields marked in red.');
    await expect(errors(['destinations', ...REQUIRED])).resolves.toEqual({ destinations: 'Choose at least one destination.' });
    // Fixed as soon as a destination is on again: no stale error.
    await field('destinations').locator('fw-checkbox[value="Freshdesk"]').click();
    await expect(errorOf('destinations')).resolves.toBe('');
  });

  test('subdomain: pasted addresses are shortened, anything outside freshdesk.com is refused', async () => {
    for (const pasted of ['acme.freshdesk.com', 'https://acme.freshdesk.com/']) {
      await type('freshdesk_subdomain', pasted);
      await field('freshdesk_subdomain').locator('input:not([type=hidden])').blur();
      await expect(field('freshdesk_subdomain').evaluate((e) => (e as HTMLInputElement).value)).resolves.toBe('acme');
    }
    await type('freshdesk_subdomain', 'evil.com/');
    await expect(save()).resolves.toBe('Not saved: fix the fields marked in red.');
    await expect(errorOf('freshdesk_subdomain')).resolves.toBe('Only a Freshdesk address is accepted: acme or acme.freshdesk.com.');
    await type('freshdesk_subdomain', 'sandbox');
    await expect(errorOf('freshdesk_subdomain')).resolves.toBe('');
  });

  test('Test connection names the wrong credential; fixing it clears the error', async () => {
    await type('freshdesk_api_key', 'not-the-key');
    await expect(errorOf('freshdesk_api_key')).resolves.toBe('');
    await field('freshdesk-test').click();
    await resultOf('freshdesk-test-result', /rejected/);
    await expect(field('freshdesk-test-result').textContent()).resolves.toBe('sandbox.freshdesk.com rejected this API key.');
    await expect(errorOf('freshdesk_api_key')).resolves.toBe('sandbox.freshdesk.com rejected this API key.');
    await type('freshdesk_api_key', SANDBOX_CREDENTIALS.freshdeskApiKey);
    await expect(errorOf('freshdesk_api_key')).resolves.toBe('');
    await field('freshdesk-test').click();
    await resultOf('freshdesk-test-result', /^Connected/);
    await expect(field('freshdesk-test-result').textContent()).resolves.toBe('Connected to sandbox.freshdesk.com as Sandbox Agent.');
  });

  test('Test connection: a subdomain other than the sandbox finds no Freshdesk account', async () => {
    await type('freshdesk_subdomain', 'acme');
    await type('freshdesk_api_key', SANDBOX_CREDENTIALS.freshdeskApiKey);
    await field('freshdesk-test').click();
    await resultOf('freshdesk-test-result', /No Freshdesk account/);
    await expect(errorOf('freshdesk_subdomain')).resolves.toBe('No Freshdesk account answers at acme.freshdesk.com.');
    await type('freshdesk_subdomain', 'sandbox');
    await expect(errorOf('freshdesk_subdomain')).resolves.toBe('');
  });

  test('a wrong CustomerGauge secret does not save; the right one saves, with every secret stored securely', async () => {
    await field('destinations').locator('fw-checkbox[value="CustomerGauge"]').click();
    await type('cg_client_id', SANDBOX_CREDENTIALS.cgClientId);
    await type('cg_client_secret', 'wrong-secret');
    await type('cg_account', 'Acme Support');
    await expect(save()).resolves.toBe('Not saved: fix the fields marked in red.');
    await expect(errorOf('cg_client_secret')).resolves.toBe('CustomerGauge rejected this client ID or secret (tried eu, us, au).');
    expect(fs.existsSync(sim.iparamsFile)).toBe(false);

    await type('cg_client_secret', SANDBOX_CREDENTIALS.cgClientSecret);
    await expect(errorOf('cg_client_secret')).resolves.toBe('');
    await field('customergauge-test').click();
    await resultOf('customergauge-test-result', /^Connected/);
    await expect(field('customergauge-test-result').textContent()).resolves.toBe(
      'Connected: CustomerGauge eu issued a token for this client.',
    );
    if (process.env.UPDATE_SCREENSHOTS === '1')
      fs.writeFileSync(path.join(APP_DIR, 'docs', 'installation-page.png'), await page.screenshot({ fullPage: true }));

    await expect(save()).resolves.toBe('Saved. New events use these settings.');
    expect(saved()).toMatchObject({
      __meta: { secure: ['freshdesk_api_key', 'cg_client_secret', 'cg_client_credentials'] },
      freshdesk_subdomain: 'sandbox',
      freshdesk_api_key: SANDBOX_CREDENTIALS.freshdeskApiKey,
      cg_region: 'eu',
      cg_client_id: SANDBOX_CREDENTIALS.cgClientId,
      cg_client_secret: SANDBOX_CREDENTIALS.cgClientSecret,
      cg_client_credentials: CREDENTIALS,
      cg_account: 'Acme Support',
    });
  });

  test('editing: getConfigs refills the page without secrets; a region-only change saves without asking for the secret', async () => {
    await open();
    await form().waitForFunction(() => (document.getElementById('cg_account') as HTMLInputElement | null)?.value === 'Acme Support');
    await expect(field('cg_client_secret').evaluate((e) => (e as HTMLInputElement).value)).resolves.toBe('');
    await expect(field('cg_client_secret').getAttribute('hint-text')).resolves.toMatch(/^Saved\. Leave blank to keep it/);
    await field('cg_region').locator('fw-radio[value="us"]').click();
    await type('cg_account', 'Acme Support US');
    await expect(save()).resolves.toBe('Saved. New events use these settings.');
    expect(saved()).toMatchObject({
      cg_region: 'us',
      cg_account: 'Acme Support US',
      cg_client_secret: SANDBOX_CREDENTIALS.cgClientSecret,
      cg_client_credentials: CREDENTIALS,
    });
    expect(saved().freshdesk_api_key).toBe(SANDBOX_CREDENTIALS.freshdeskApiKey);
  });

  test('editing: a new client ID asks for the secret again (the saved credential belongs to the old one)', async () => {
    await open();
    await form().waitForFunction(() => (document.getElementById('cg_account') as HTMLInputElement | null)?.value === 'Acme Support US');
    await type('cg_client_id', 'another-client');
    await expect(save()).resolves.toBe('Not saved: fix the fields marked in red.');
    await expect(errorOf('cg_client_secret')).resolves.toBe(
      `Enter the client secret again: the saved one belongs to client ID ${SANDBOX_CREDENTIALS.cgClientId}.`,
    );
    await type('cg_client_id', SANDBOX_CREDENTIALS.cgClientId);
    await expect(errorOf('cg_client_secret')).resolves.toBe('');
  });

  test('a client known in another region: the answer names the region to choose', async () => {
    // The sandbox client is known in eu only, and the previous test saved us.
    await open();
    await form().waitForFunction(() => (document.getElementById('cg_account') as HTMLInputElement | null)?.value === 'Acme Support US');
    await type('cg_client_secret', SANDBOX_CREDENTIALS.cgClientSecret);
    await field('customergauge-test').click();
    await resultOf('customergauge-test-result', /Choose/);
    await expect(errorOf('cg_region')).resolves.toBe('CustomerGauge us does not know this client; eu accepts it. Choose eu.');
    await field('cg_region').locator('fw-radio[value="eu"]').click();
    await expect(errorOf('cg_region')).resolves.toBe('');
    await field('customergauge-test').click();
    await resultOf('customergauge-test-result', /^Connected/);
  });

  test('no secret, nor the derived credential, is readable in the browser: page, network, or client.iparams.get() in the sidebar', async () => {
    await open();
    const formDom = await form().content();
    await page.goto(`${sim.server.url}/app/`);
    // The sidebar's own FDK client: what any agent's browser can read.
    const iparams = await page.evaluate(() => {
      const fdk = (window as unknown as { app: { initialized(): Promise<{ iparams: { get(): Promise<Record<string, unknown>> } }> } }).app;
      return fdk.initialized().then((client) => client.iparams.get());
    });
    expect(iparams).toMatchObject({ cg_region: 'us', cg_client_id: SANDBOX_CREDENTIALS.cgClientId });
    for (const name of ['freshdesk_api_key', 'cg_client_secret', 'cg_client_credentials']) expect(iparams).not.toHaveProperty(name);
    // The simulator's own sandbox note prints the (public) sandbox credentials; nothing else may carry them.
    const answers = received.filter((r) => !/\/custom_configs$/.test(r.url)).map((r) => r.body);
    expect(answers.length).toBeGreaterThan(10);
    const everything = [formDom, JSON.stringify(iparams), ...answers].join('\n');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    expect(received.map((r) => r.body).join('\n')).not.toContain(CREDENTIALS);
    expect(pageErrors).toEqual([]);
  });
});
