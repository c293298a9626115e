/**
 * The installation page (config/iparams.html) in Chromium, as an admin uses it on `/custom_configs`:
 * Save validates every field, errors sit under their field and go as soon as they are fixed, Test
 * connection answers in words, unverified credentials are named, editing asks for the secrets
 * again, every field is found by its label and axe-core finds nothing, and nothing secret ever
 * reaches the browser. `UPDATE_SCREENSHOTS=1` refreshes docs/installation-page.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { APP_DIR, SANDBOX_CREDENTIALS } from '../../simulator/local-app';
import { DESCRIPTORS } from '../../src/shared/destinations';
import { launchBrowser } from '../support/browser';
import { iparamDrift } from '../support/descriptor-drift';
import { installationPageFields } from '../support/installation-page';
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
  /** A Crayons field by its id (the host element: the input inside its shadow root has the same id). */
  const field = (id: string) => form().locator(`#${id}`).first();
  /** An input as a screen reader finds it: by its label. */
  const input = (label: string) => form().getByLabel(label);
  /** Crayons re-renders on the next frames: an error line that goes away moves what is below it. */
  const settled = () => form().evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  async function type(label: string, value: string): Promise<void> {
    await input(label).fill(value);
    await settled();
  }
  const valueOf = (label: string) => input(label).inputValue();
  const hintOf = (id: string) => field(id).getAttribute('hint-text');
  const textOf = async (id: string) => ((await field(id).isHidden()) ? '' : ((await field(id).textContent()) ?? ''));

  /** The page is ready once its script has put values in (defaults, or getConfigs on edit). */
  async function open(on: RecordingClient = sim): Promise<void> {
    await page.goto(`${on.server.url}/custom_configs`);
    await page.waitForFunction(() => {
      const frame = document.getElementById('iparams-frame') as HTMLIFrameElement;
      const box = frame.contentDocument?.querySelector('#destinations fw-checkbox') as (Element & { checked?: boolean }) | null;
      return box?.checked === true;
    });
  }

  /** Opens "Edit settings" and waits for getConfigs to have filled in the saved account. */
  async function edit(account: string): Promise<void> {
    await open();
    await form().waitForFunction((name) => (document.getElementById('cg_account') as HTMLInputElement | null)?.value === name, account);
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

  async function typeSecrets(): Promise<void> {
    await type('Freshdesk API key', SANDBOX_CREDENTIALS.freshdeskApiKey);
    await type('OAuth client secret', SANDBOX_CREDENTIALS.cgClientSecret);
  }

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

  test('subdomain: judged as it will be saved, the same while typing and on Save; the hint says what is saved; nothing is rewritten', async () => {
    for (const pasted of ['acme.freshdesk.com', 'https://acme.freshdesk.com/']) {
      await type('Freshdesk subdomain', pasted);
      await expect(errorOf('freshdesk_subdomain')).resolves.toBe('');
      await expect(hintOf('freshdesk_subdomain')).resolves.toBe('Saved as acme: requests go to https://acme.freshdesk.com/.');
      await expect(valueOf('Freshdesk subdomain')).resolves.toBe(pasted);
    }
    await type('Freshdesk subdomain', 'evil.com/x');
    await expect(errorOf('freshdesk_subdomain')).resolves.toBe('Only a Freshdesk address is accepted: acme or acme.freshdesk.com.');
    await expect(save()).resolves.toBe('Not saved: fix the fields marked in red.');
    await expect(errorOf('freshdesk_subdomain')).resolves.toBe('Only a Freshdesk address is accepted: acme or acme.freshdesk.com.');
    await expect(valueOf('Freshdesk subdomain')).resolves.toBe('evil.com/x');
    await type('Freshdesk subdomain', 'sandbox');
    await expect(errorOf('freshdesk_subdomain')).resolves.toBe('');
  });

  test('Test connection names the wrong credential; the answer and the error go as soon as the key changes', async () => {
    await type('Freshdesk API key', 'not-the-key');
    await expect(errorOf('freshdesk_api_key')).resolves.toBe('');
    await field('freshdesk-test').click();
    await resultOf('freshdesk-test-result', /rejected/);
    await expect(textOf('freshdesk-test-result')).resolves.toBe('sandbox.freshdesk.com rejected this API key.');
    await expect(errorOf('freshdesk_api_key')).resolves.toBe('sandbox.freshdesk.com rejected this API key.');
    await type('Freshdesk API key', '');
    await expect(textOf('freshdesk-test-result')).resolves.toBe('');
    await expect(errorOf('freshdesk_api_key')).resolves.toBe('Enter the API key of a Freshdesk agent.');
    await type('Freshdesk API key', SANDBOX_CREDENTIALS.freshdeskApiKey);
    await expect(errorOf('freshdesk_api_key')).resolves.toBe('');
    await field('freshdesk-test').click();
    await resultOf('freshdesk-test-result', /^Connected/);
    await expect(textOf('freshdesk-test-result')).resolves.toBe('Connected to sandbox.freshdesk.com as Sandbox Agent.');
  });

  test('Test connection: a subdomain other than the sandbox finds no Freshdesk account', async () => {
    await type('Freshdesk subdomain', 'acme');
    await type('Freshdesk API key', SANDBOX_CREDENTIALS.freshdeskApiKey);
    await field('freshdesk-test').click();
    await resultOf('freshdesk-test-result', /No Freshdesk account/);
    await expect(errorOf('freshdesk_subdomain')).resolves.toBe('No Freshdesk account answers at acme.freshdesk.com.');
    await type('Freshdesk subdomain', 'sandbox');
    await expect(errorOf('freshdesk_subdomain')).resolves.toBe('');
  });

  test('a wrong CustomerGauge secret does not save; the right one saves, with every secret stored securely', async () => {
    await field('destinations').locator('fw-checkbox[value="CustomerGauge"]').click();
    await type('Freshdesk subdomain', 'https://sandbox.freshdesk.com/');
    await type('OAuth client ID', SANDBOX_CREDENTIALS.cgClientId);
    await type('OAuth client secret', 'wrong-secret');
    await type('Account name', 'Acme Support');
    await expect(save()).resolves.toBe('Not saved: fix the fields marked in red.');
    await expect(errorOf('cg_client_secret')).resolves.toBe('CustomerGauge rejected this client ID or secret (tried eu, us, au).');
    expect(fs.existsSync(sim.iparamsFile)).toBe(false);

    await type('OAuth client secret', SANDBOX_CREDENTIALS.cgClientSecret);
    await expect(errorOf('cg_client_secret')).resolves.toBe('');
    await field('customergauge-test').click();
    await resultOf('customergauge-test-result', /^Connected/);
    await expect(textOf('customergauge-test-result')).resolves.toBe('Connected: CustomerGauge eu issued a token for this client.');
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
      unverified_destinations: [],
    });
  });

  test('editing: getConfigs refills the page without secrets; every save asks for them again, and the fields say why', async () => {
    await edit('Acme Support');
    await expect(valueOf('OAuth client secret')).resolves.toBe('');
    for (const id of ['freshdesk_api_key', 'cg_client_secret'])
      await expect(hintOf(id)).resolves.toMatch(
        /^Enter it again on every save: the platform never shows a saved secret to this page, and does not document keeping one left out\./,
      );
    await type('Account name', 'Acme Support US');
    await expect(save()).resolves.toBe('Not saved: fix the fields marked in red.');
    await expect(errors(REQUIRED)).resolves.toEqual({
      freshdesk_api_key: 'Enter the API key of a Freshdesk agent.',
      cg_client_secret: 'Enter the CustomerGauge OAuth client secret.',
    });
    await typeSecrets();
    await expect(save()).resolves.toBe('Saved. New events use these settings.');
    expect(saved()).toMatchObject({
      cg_region: 'eu',
      cg_account: 'Acme Support US',
      freshdesk_api_key: SANDBOX_CREDENTIALS.freshdeskApiKey,
      cg_client_secret: SANDBOX_CREDENTIALS.cgClientSecret,
      cg_client_credentials: CREDENTIALS,
    });
  });

  test('editing: switching a saved destination off says its secret will be needed again; switching it back on clears the note', async () => {
    await edit('Acme Support US');
    await expect(textOf('destinations-note')).resolves.toBe('');
    await field('destinations').locator('fw-checkbox[value="CustomerGauge"]').click();
    await expect(textOf('destinations-note')).resolves.toBe(
      'CustomerGauge off: its OAuth client secret will not be saved; switching it on again needs them typed again.',
    );
    await field('destinations').locator('fw-checkbox[value="CustomerGauge"]').click();
    await expect(textOf('destinations-note')).resolves.toBe('');
  });

  test('a vendor that cannot be reached: Save says which credentials were not verified, and so does the page after the reload', async () => {
    await page.route('**/_fdk/template/freshdeskVerifyCredentials', (route) =>
      route.fulfill({ status: 504, contentType: 'application/json', body: JSON.stringify({ status: 504, headers: {}, response: '' }) }),
    );
    try {
      await edit('Acme Support US');
      await typeSecrets();
      // What the page says when the platform's Save calls validate(), before it reloads.
      await expect(form().evaluate(() => (window as unknown as { validate(): Promise<boolean> }).validate())).resolves.toBe(true);
      const unverified =
        'the Freshdesk API key for Freshdesk (Freshdesk could not be reached). Deliveries to Freshdesk fail until they work: test the connection again.';
      await expect(textOf('unverified-note')).resolves.toBe(`Not verified: ${unverified}`);
      // The simulator's own line under the frame is amber and names what is unverified, never a plain green "Saved.".
      await expect(save()).resolves.toBe('Saved, not verified: Freshdesk. New events use these settings.');
      await expect(page.getAttribute('#save-status', 'class')).resolves.toBe('status warn');
      expect(saved().unverified_destinations).toEqual(['Freshdesk']);
      await edit('Acme Support US');
      await form().waitForFunction(() => !(document.getElementById('unverified-note') as HTMLElement).hidden);
      await expect(textOf('unverified-note')).resolves.toBe(`Not verified at the last save: ${unverified}`);
    } finally {
      await page.unroute('**/_fdk/template/freshdeskVerifyCredentials');
    }
    await typeSecrets();
    await expect(save()).resolves.toBe('Saved. New events use these settings.');
    expect(saved().unverified_destinations).toEqual([]);
  });

  test('a client known in another region: the answer names the region to choose', async () => {
    // The sandbox client is known in eu only.
    await edit('Acme Support US');
    await field('cg_region').locator('fw-radio[value="us"]').click();
    await type('OAuth client secret', SANDBOX_CREDENTIALS.cgClientSecret);
    await field('customergauge-test').click();
    await resultOf('customergauge-test-result', /Choose/);
    await expect(errorOf('cg_region')).resolves.toBe('CustomerGauge us does not know this client; eu accepts it. Choose eu.');
    await field('cg_region').locator('fw-radio[value="eu"]').click();
    await expect(errorOf('cg_region')).resolves.toBe('');
    await field('customergauge-test').click();
    await resultOf('customergauge-test-result', /^Connected/);
  });

  test('every field has an accessible name, its hint or error as description; axe-core finds no violation; the fields are the descriptors’', async () => {
    await edit('Acme Support US');
    await field('freshdesk_contact_mode').locator('fw-radio').nth(1).click();
    await type('Freshdesk API key', '');
    await save();
    const described = (label: string) =>
      input(label).evaluate((element) => {
        const root = element.getRootNode() as Document | ShadowRoot;
        return (element.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => root.getElementById(id)?.textContent ?? '')
          .join(' ');
      });
    for (const label of [
      'Freshdesk subdomain',
      'Freshdesk API key',
      "Fixed contact's unique external ID",
      'OAuth client ID',
      'OAuth client secret',
      'Account name',
    ])
      await expect(input(label).count()).resolves.toBe(1);
    await expect(described('Freshdesk API key')).resolves.toBe('Enter the API key of a Freshdesk agent.');
    await expect(described("Fixed contact's unique external ID")).resolves.toBe('Enter the unique external ID of the contact.');
    await expect(described('Account name')).resolves.toBe(
      'The account the activities belong to (created by CustomerGauge if it does not exist).',
    );
    // Least privilege, asked for where the credentials are typed.
    await expect(hintOf('freshdesk_api_key')).resolves.toMatch(/the narrowest role that can still add contact activities, not an admin\.$/);
    await expect(hintOf('cg_client_secret')).resolves.toMatch(/a client limited to imports \(activities\)/);
    await expect(form().getByRole('radiogroup', { name: 'Region your account is hosted in' }).count()).resolves.toBe(1);
    await expect(
      form()
        .getByRole('checkbox', { name: /Send the agent's email as CustomerGauge contact/ })
        .count(),
    ).resolves.toBe(1);

    await form().addScriptTag({ path: path.join(APP_DIR, 'node_modules/axe-core/axe.min.js') });
    const violations = await form().evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(context: Document): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> };
        }
      ).axe;
      const result = await axe.run(document);
      return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    });
    expect(violations).toEqual([]);
    expect(iparamDrift(DESCRIPTORS, installationPageFields(await form().content()), ['destinations', 'event_kinds'])).toEqual([]);
  });

  test('Crayons is the pinned version, loaded with its integrity hashes', async () => {
    await open();
    const scripts = await form().evaluate(() =>
      Array.from(document.querySelectorAll<HTMLScriptElement>('script[src*="crayons"]')).map((s) => ({
        src: s.getAttribute('src'),
        integrity: s.integrity,
      })),
    );
    expect(scripts).toHaveLength(2);
    for (const script of scripts) {
      expect(script.integrity).toMatch(/^sha384-/);
      expect(script.src).toContain(`/crayons/`);
    }
    await expect(form().evaluate(() => customElements.get('fw-input') !== undefined)).resolves.toBe(true);
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
    expect(iparams).toMatchObject({ cg_region: 'eu', cg_client_id: SANDBOX_CREDENTIALS.cgClientId });
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
