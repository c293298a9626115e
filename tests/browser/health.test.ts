/**
 * The sidebar's Health view in a real browser (tests/support/browser.ts), against the local
 * simulator server (the built server in the platform runtime, the fake vendors) on a manual clock
 * set to the real time. Four states, each on a fresh installation: healthy, one destination down,
 * quota-bound, and a contradicted platform rule (the runtime flips it, the app's self-check finds
 * it). `UPDATE_SCREENSHOTS=1` saves docs/health*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { ManualClock, type PlatformRules } from '../../simulator/runtime';
import { APP_DIR } from '../../simulator/local-app';
import { startSimulatorServer, type SimulatorServer } from '../../simulator/web/server';
import type { HealthResult } from '../../src/shared/health-api';
import { FIRE_PROBE_SCHEDULE } from '../../src/server/platform-probes/probes';
import { TOKEN_PATH } from '../../simulator/fake-vendors/customergauge';

const DOCS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(APP_DIR, 'docs') : fs.mkdtempSync(path.join(os.tmpdir(), 'health-shots-'));
const MINUTE = 60_000;

let browser: Browser;
let dir: string;
let clock: ManualClock;
let server: SimulatorServer | null = null;
let page: Page;
let agent = 0;
const pageErrors: string[] = [];
/** The runtime's readings of the unsettled platform rules for the next installation. */
let rules: Partial<PlatformRules> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'health-test-'));
  browser = await launchBrowser();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  const iparamsFile = path.join(dir, 'iparam_test_data.json');
  fs.writeFileSync(
    iparamsFile,
    JSON.stringify({ destinations: ['Freshdesk', 'CustomerGauge'], event_kinds: ['GeneralAvailability', 'Intelliassign'] }),
  );
  // The browser reads times with its own clock: start the runtime's at the real time.
  clock = new ManualClock(Date.now());
  server = await startSimulatorServer({
    port: 0,
    iparamsFile,
    stateDir: false,
    clock,
    scheduleTickMs: 24 * 60 * MINUTE,
    platformRules: rules,
  });
  page = await browser.newPage({ viewport: { width: 360, height: 900 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterEach(async () => {
  await page?.close();
  await server?.close();
  expect(pageErrors).toEqual([]);
});

/** An agent's status change, a few seconds after the last. */
async function fire(): Promise<void> {
  agent++;
  clock.advance(5000);
  const payload = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'test_data', 'onAgentActivityCreate.intelliassign.json'), 'utf8'));
  Object.assign(payload.data.agent_activity, {
    org_agent_id: `agent-${agent}`,
    email: `agent${agent}@example.com`,
    status_change_timestamp: new Date(clock.now()).toISOString(),
  });
  payload.data.actor.email = `agent${agent}@example.com`;
  const result = await server!.local.runtime.invokeEvent('onAgentActivityCreate', payload);
  if (!result.ok) throw new Error(`handler failed: ${JSON.stringify(result.error)}`);
}

/** Token requests the fake CustomerGauge received (the app's own, and the Health view's check from the page). */
const tokenRequests = (): number => server!.local.customerGauge.received.filter((r) => r.path === TOKEN_PATH).length;

/** Opens the sidebar and goes to Health with the keyboard (focus the selected tab, then the right arrow). */
async function openHealth(): Promise<void> {
  // The server methods' reserve refills each minute; the list took this minute's share.
  await page.goto(`${server!.url}/app/index.html`);
  await page.waitForSelector('[role=tab][aria-selected=true]');
  clock.advance(MINUTE);
  await page.focus('#tab-pushes');
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('.health-card fw-pill.hydrated');
}

type Card = { destination: string; pill: string; colour: string | null; summary: string; error: string; figures: Record<string, string> };

async function cards(): Promise<Card[]> {
  return page.locator('.health-card').evaluateAll((sections) =>
    sections.map((section) => {
      const text = (selector: string) => section.querySelector(selector)?.textContent ?? '';
      const terms = Array.from(section.querySelectorAll('dt')).map((dt) => [
        dt.textContent ?? '',
        dt.nextElementSibling?.textContent ?? '',
      ]);
      return {
        destination: (section as HTMLElement).dataset.destination ?? '',
        pill: text('fw-pill'),
        colour: section.querySelector('fw-pill')?.getAttribute('data-tone') ?? null,
        summary: text('.health-summary'),
        error: text('.health-error'),
        figures: Object.fromEntries(terms),
      };
    }),
  );
}

/** The platform rules listed: rule, pill, tone, the fallback line. */
async function ruleRows(): Promise<Array<[string, string, string, string | null]>> {
  return page
    .locator('.health-rules:not(.health-exposure) .health-rule')
    .evaluateAll((items) =>
      items.map((li) => [
        (li as HTMLElement).dataset.rule ?? '',
        li.querySelector('fw-pill')?.textContent ?? '',
        li.querySelector('fw-pill')?.getAttribute('data-tone') ?? '',
        li.querySelector('.health-rule-fallback')?.textContent ?? null,
      ]),
    );
}

/** The browser's own check of secure settings in templates: destination, pill, tone, the advice. */
async function exposureRows(): Promise<Array<[string, string, string, string | null]>> {
  await page.waitForSelector('.health-exposure li fw-pill');
  return page
    .locator('.health-exposure .health-rule')
    .evaluateAll((items) =>
      items.map((li) => [
        (li as HTMLElement).dataset.destination ?? '',
        li.querySelector('fw-pill')?.textContent ?? '',
        li.querySelector('fw-pill')?.getAttribute('data-tone') ?? '',
        li.querySelector('.health-rule-fallback')?.textContent ?? null,
      ]),
    );
}

async function axeViolations(): Promise<string[]> {
  await page.addScriptTag({ path: path.join(APP_DIR, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(DOCS, name), fullPage: true });
}

/** Answers healthCheck with the real answer changed by `change`. */
async function changeHealth(change: (health: HealthResult['health']) => HealthResult['health']): Promise<void> {
  await page.route('**/_fdk/invoke/healthCheck', async (route: Route) => {
    const response = await route.fetch();
    const real = (await response.json()) as { requestID: string; response: HealthResult };
    await route.fulfill({ response, json: { ...real, response: { health: change(real.response.health) } } });
  });
}

test('healthy: both destinations green with what they received; the tabs work with the keyboard; axe finds nothing', async () => {
  for (let i = 0; i < 3; i++) await fire();
  const tokensBefore = tokenRequests();
  await openHealth();
  expect(await page.getAttribute('#tab-health', 'aria-selected')).toBe('true');
  expect(await page.isHidden('#panel-pushes')).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-health');
  const shown = await cards();
  expect(shown.map((c) => [c.destination, c.pill, c.colour])).toEqual([
    ['freshdesk', 'Healthy', 'green'],
    ['customergauge', 'Healthy', 'green'],
  ]);
  expect(shown[0].figures).toMatchObject({
    'Delivered, last hour': String(server!.local.freshdesk.activities.length),
    'Delivered, last 24 h': '3',
    'Waiting now': '0',
    'Oldest waiting': '—',
    'Dead letters, last 24 h': '0',
    'Rejected, last 24 h': '0',
    'Deferred for quota, last hour': '0',
  });
  expect(shown[1].figures['Delivered, last hour']).toBe(String(server!.local.customerGauge.activitiesByReference.size));
  expect(await page.textContent('.health-dropped')).toBe('No event dropped since install.');
  // Never installed: the self-check has no record yet.
  expect(await ruleRows()).toEqual(
    ['db_update_options', 'fired_schedule', 'schedule_calls', 'server_method_timeout', 'form_content_type'].map((rule) => [
      rule,
      'Not yet known',
      'grey',
      null,
    ]),
  );
  // The runtime's default reading: a page gets secure iparams filled in, so the view says so with the advice.
  const exposure = await exposureRows();
  expect(exposure).toEqual([['CustomerGauge', 'Exposed', 'red', expect.stringContaining('least privilege')]]);
  expect(tokenRequests()).toBe(tokensBefore + 1);
  expect(await page.textContent('.health-sources')).toMatch(/Every count is exact: 1 history page read, holding all of them\.$/);
  await screenshot('health.png');
  expect(await axeViolations()).toEqual([]);
  // Tab reaches Refresh; Enter checks again.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action)).toBe('health-refresh');
  const checkedAgain = page.waitForRequest('**/_fdk/invoke/healthCheck');
  await page.keyboard.press('Enter');
  await checkedAgain;
  await page.keyboard.press('Shift+Tab');
  // Back to the list with the keyboard.
  await page.keyboard.press('ArrowLeft');
  expect(await page.getAttribute('#tab-pushes', 'aria-selected')).toBe('true');
  expect(await page.isVisible('#panel-pushes')).toBe(true);
}, 60_000);

test('one destination down: Freshdesk red with the error in words, since when and its next try; CustomerGauge stays green', async () => {
  await fire();
  server!.local.freshdesk.setMode('server_error');
  for (let i = 0; i < 3; i++) await fire();
  await openHealth();
  const [freshdesk, customerGauge] = await cards();
  expect([freshdesk.pill, freshdesk.colour]).toEqual(['Failing', 'red']);
  expect(freshdesk.summary).toBe('Failing: its pushes wait for the next probe.');
  expect(freshdesk.error).toMatch(
    /^Unreachable \(HTTP 5\d\d\) since [\d:]+( [AP]M)? \(.+\); next try in \d+ min \(at [\d:]+( [AP]M)?\)\.$/,
  );
  expect(freshdesk.figures).toMatchObject({ 'Delivered, last hour': '1', 'Waiting now': '3' });
  expect(freshdesk.figures['Oldest waiting']).toMatch(/^since [\d:]+( [AP]M)? \(.+\); next try in \d+ min/);
  expect([customerGauge.pill, customerGauge.figures['Delivered, last hour']]).toEqual(['Healthy', '4']);
  await screenshot('health-down.png');
  expect(await axeViolations()).toEqual([]);
}, 60_000);

test('quota-bound: deliveries deferred for the installation quota are counted and said', async () => {
  // Most of this minute's 50 requests went to credential checks from the installation page.
  for (let i = 0; i < 45; i++)
    await server!.local.runtime
      .invokeTemplate('freshdeskVerifyCredentials', { context: { subdomain: 'sandbox', api_key: 'k' } })
      .catch(() => undefined);
  for (let i = 0; i < 6; i++) await fire();
  await openHealth();
  expect(await page.textContent('.health-quota')).toBe("The installation's own platform quota held deliveries back in the last hour.");
  const shown = await cards();
  const deferred = shown.map((c) => Number(c.figures['Deferred for quota, last hour']));
  expect(deferred.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  const bound = shown.find((c) => Number(c.figures['Deferred for quota, last hour']) > 0)!;
  expect([bound.pill, bound.colour]).toEqual(['Waiting', 'amber']);
  expect(bound.summary).toMatch(/the installation's platform quota/);
  await screenshot('health-quota.png');
  expect(await axeViolations()).toEqual([]);
}, 60_000);

/** The platform self-check as an installation runs it: at install, then its probe schedule 5.5 minutes later. */
async function selfCheck(): Promise<void> {
  const runtime = server!.local.runtime;
  expect((await runtime.invokeEvent('onAppInstall')).ok).toBe(true);
  clock.advance(6 * MINUTE);
  await runtime.fireDueSchedules();
  expect(runtime.scheduledInvocations.filter((f) => f.schedule.name === FIRE_PROBE_SCHEDULE).map((f) => f.result.ok)).toEqual([true]);
}

describe('under flipped platform rules', () => {
  beforeAll(() => {
    rules = { formUrlencodedTemplates: 'refused', frontEndSecureIparams: 'withheld' };
  });
  afterAll(() => {
    rules = {};
  });

  test('a contradicted platform rule: listed with its fallback, which the figures show at work; stale figures say their age', async () => {
    await selfCheck();
    await fire();
    const tokensBefore = tokenRequests();
    await openHealth();
    await page.waitForSelector('.health-exposure li');
    expect(await ruleRows()).toEqual([
      ['db_update_options', 'Verified', 'green', null],
      ['fired_schedule', 'Verified', 'green', null],
      ['schedule_calls', 'Verified', 'green', null],
      ['server_method_timeout', 'Not yet known', 'grey', null],
      ['form_content_type', 'Contradicted', 'red', expect.stringMatching(/^Fallback in use: none through request templates/)],
    ]);
    // The fallback at work: CustomerGauge's push rejected with the platform's reason, Freshdesk unaffected.
    const [freshdesk, customerGauge] = await cards();
    expect([freshdesk.pill, customerGauge.pill, customerGauge.figures['Rejected, last 24 h']]).toEqual(['Healthy', 'Failing', '1']);
    expect(server!.local.customerGauge.activitiesByReference.size).toBe(0);
    // Secure iparams withheld from pages: the token request from this browser is refused before it is sent.
    expect(await exposureRows()).toEqual([['CustomerGauge', 'Withheld', 'green', null]]);
    expect(tokenRequests()).toBe(tokensBefore);
    await screenshot('health-rules.png');
    expect(await axeViolations()).toEqual([]);

    // The next check reads nothing (the reserve is spent): the figures and the rules stay, and say how old they are.
    const before = (await cards())[0].figures;
    await changeHealth((health) => ({ ...health, coverage: { pages_read: 0, complete: false }, destinations: [], platform_rules: null }));
    clock.advance(3 * MINUTE);
    await page.click('fw-button[data-action=health-refresh]');
    await page.waitForSelector('.health-notices fw-inline-message[type=warning]');
    expect(await page.textContent('.health-notices')).toMatch(
      /^These figures are from [\d:]+( [AP]M)?, .+: the history could not be read since\./,
    );
    expect((await cards())[0].figures).toEqual(before);
    expect((await ruleRows()).map((row) => row[1])).toContain('Contradicted');
  }, 90_000);
});
