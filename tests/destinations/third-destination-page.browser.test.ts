/**
 * Echo's part of the installation page (tests/destinations/third-destination/variant/src/iparams/destinations/echo.ts,
 * one line in PAGES), in Chromium on the variant's simulator: its field is rendered from its
 * descriptor, its Save rule and connection test run, and its token is saved securely.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as ServerModule from '../../simulator/web/server';
import { launchBrowser } from '../support/browser';
import { iparamDrift } from '../support/descriptor-drift';
import { installationPageFields } from '../support/installation-page';
import { buildVariant, DESCRIPTORS_OF } from './third-destination/make-variant';

describe('a third destination’s installation-page part', () => {
  let dir: string;
  beforeAll(() => {
    dir = buildVariant();
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const variant = <T>(file: string): T => require(path.join(dir, file)) as T;

  it('the installation page shows Echo’s field, runs its Save rule and its connection test, and saves its token securely', async () => {
    const { startSimulatorServer } = variant<typeof ServerModule>('simulator/web/server.ts');
    const iparamsFile = path.join(dir, 'iparam_test_data.json');
    const server = await startSimulatorServer({ port: 0, iparamsFile, stateDir: path.join(dir, 'state') });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/custom_configs`);
      const frame = page.frameLocator('#iparams-frame');
      const token = frame.getByLabel('Echo token');
      await token.waitFor();
      const form = page.frame({ url: /\/custom_configs\/form$/ })!;
      const errorOf = () =>
        form.evaluate(() => (document.getElementById('echo_token') as HTMLElement & { errorText?: string }).errorText ?? '');
      const result = () => form.locator('#echo-test-result').textContent();
      await page.click('#fill-sandbox');
      // Save rule: the token's form.
      await token.fill('not-a-token');
      await expect(errorOf()).resolves.toBe('An Echo token starts with sandbox- or live-.');
      // Connection test: a refused token, then the sandbox's.
      await token.fill('sandbox-wrong');
      await form.locator('#echo-test').click();
      await form.waitForFunction(() => /rejected/.test(document.getElementById('echo-test-result')?.textContent ?? ''));
      await expect(result()).resolves.toBe('Echo rejected this token.');
      await token.fill('sandbox-echo-token');
      await form.locator('#echo-test').click();
      await form.waitForFunction(() => /^Connected/.test(document.getElementById('echo-test-result')?.textContent ?? ''));
      await expect(result()).resolves.toBe('Connected to Echo.');
      expect(iparamDrift(DESCRIPTORS_OF(dir), installationPageFields(await form.content()), ['destinations', 'event_kinds'])).toEqual([]);
      await page.click('#save');
      await page.waitForFunction(() => /^(Saved|Not saved)/.test(document.getElementById('save-status')?.textContent ?? ''));
      await expect(page.textContent('#save-status')).resolves.toBe('Saved. New events use these settings.');
      const saved = JSON.parse(fs.readFileSync(iparamsFile, 'utf8'));
      expect(saved).toMatchObject({ echo_token: 'sandbox-echo-token', destinations: ['Freshdesk', 'CustomerGauge', 'Echo'] });
      expect(saved.__meta.secure).toContain('echo_token');
    } finally {
      await browser.close();
      await server.close();
    }
  }, 60_000);
});
