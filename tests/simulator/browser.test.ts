/**
 * Once in a real Chromium: the installation page runs the app's own callbacks through the client
 * shim, and the event simulator fires an event with the saved settings.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startRecordingServer, type RecordingClient } from './helpers';

describe('in Chromium', () => {
  let sim: RecordingClient;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sim = await startRecordingServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.server.close();
    if (sim) fs.rmSync(sim.dir, { recursive: true, force: true });
  });

  const errorOf = (field: string) => page.locator(`.field[data-field="${field}"] .error`);

  test('installation page: callbacks check credentials against the sandbox, then Save stores the values', async () => {
    await page.goto(`${sim.server.url}/custom_configs`);
    await page.fill('#f-freshdesk_subdomain', 'https://sandbox.freshdesk.com');
    await page.fill('#f-freshdesk_api_key', 'not-the-key');
    await page.locator('#f-freshdesk_api_key').blur();
    await page.waitForFunction(() => document.getElementById('save-status')?.textContent === '');
    await expect(errorOf('freshdesk_api_key').textContent()).resolves.toBe('Freshdesk rejected this API key.');
    // onFreshdeskChange normalised the address through utils.set.
    await expect(page.inputValue('#f-freshdesk_subdomain')).resolves.toBe('sandbox');

    await page.selectOption('#f-freshdesk_contact_mode', { index: 1 });
    await expect(page.locator('.field[data-field="freshdesk_contact_external_id"] label').getAttribute('class')).resolves.toBe('required');
    await page.selectOption('#f-freshdesk_contact_mode', { index: 0 });
    await expect(page.isHidden('.field[data-field="freshdesk_contact_external_id"]')).resolves.toBe(true);

    await page.click('#fill-sandbox');
    await page.waitForFunction(() => document.getElementById('save-status')?.textContent === '');
    await expect(page.locator('.field:not([hidden]) .error:not([hidden])').count()).resolves.toBe(0);

    await page.fill('#f-cg_account', 'Browser Test Account');
    await page.click('#save');
    await page.waitForFunction(() => document.getElementById('save-status')?.textContent?.startsWith('Saved'));
    const saved = JSON.parse(fs.readFileSync(sim.iparamsFile, 'utf8'));
    expect(saved).toMatchObject({ cg_account: 'Browser Test Account', freshdesk_api_key: 'sandbox-freshdesk-api-key', freshdesk_subdomain: 'sandbox' });
    // The hidden, derived credentials were filled in by onCustomerGaugeChange.
    expect(saved.cg_client_credentials).toBe(Buffer.from('sandbox-client-id:sandbox-client-secret').toString('base64'));
    await expect(page.inputValue('#f-freshdesk_api_key')).resolves.toBe('');
    await expect(page.getAttribute('#f-freshdesk_api_key', 'placeholder')).resolves.toBe('saved, leave blank to keep');
  });

  test('event simulator: Simulate shows the outcome per destination', async () => {
    await page.goto(`${sim.server.url}/web/test`);
    await page.selectOption('#payload-file', 'onAgentActivityCreate.intelliassign.json');
    await page.click('#simulate');
    await page.waitForFunction(() => /customergauge\s+delivered/.test(document.getElementById('outcome')?.textContent ?? ''));
    const outcome = await page.textContent('#outcome');
    expect(outcome).toMatch(/freshdesk\s+delivered\s+HTTP 200, 1 attempt/);
    expect(outcome).toContain('"account": "Browser Test Account"');
    expect(sim.server.local.freshdesk.activities).toHaveLength(1);

    expect(pageErrors).toEqual([]);
  });
});
