/**
 * Once in a real Chromium: the event simulator fires an event with the settings the installation
 * page saved.
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

  // The installation page has its own suite (iparams-page.browser.test.ts); here the settings are
  // saved as its postConfigs() would, for the event simulator to use.
  test('settings saved from the installation page reach the event simulator', async () => {
    const { status } = await sim.post('/_fdk/iparams', {
      __meta: { secure: ['freshdesk_api_key', 'cg_client_secret', 'cg_client_credentials'] },
      destinations: ['Freshdesk', 'CustomerGauge'],
      event_kinds: ['GeneralAvailability', 'Intelliassign'],
      freshdesk_subdomain: 'sandbox',
      freshdesk_api_key: 'sandbox-freshdesk-api-key',
      cg_region: 'eu',
      cg_client_id: 'sandbox-client-id',
      cg_client_secret: 'sandbox-client-secret',
      cg_client_credentials: Buffer.from('sandbox-client-id:sandbox-client-secret').toString('base64'),
      cg_account: 'Browser Test Account',
    });
    expect(status).toBe(200);
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
