/**
 * The sidebar (app/index.html + app/scripts/sidebar.js) in a real browser (tests/support/browser.ts)
 * driven by playwright-core, against the local simulator server (FDK client shim, Crayons from
 * node_modules, the built server in the platform runtime, sandbox Freshdesk and CustomerGauge).
 * Takes screenshots of the list and the detail; `UPDATE_SCREENSHOTS=1` saves them as docs/sidebar.png
 * and docs/sidebar-detail.png (the README shows them).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { APP_DIR } from '../../simulator/local-app';
import { startSimulatorServer, type SimulatorServer } from '../../simulator/web/server';

const HOSTILE = '<img src=x onerror=window.__xss=1>';
// Ordinary runs keep the screenshots out of the working tree.
const DOCS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(APP_DIR, 'docs') : fs.mkdtempSync(path.join(os.tmpdir(), 'sidebar-shots-'));

type Payload = { data: { actor: Record<string, unknown>; agent_activity: Record<string, unknown> } };

function payload(name: string, change: Record<string, unknown> = {}): Payload {
  const parsed = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'test_data', `onAgentActivityCreate.${name}.json`), 'utf8')) as Payload;
  Object.assign(parsed.data.agent_activity, change);
  return parsed;
}

let dir: string;
let server: SimulatorServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

async function fire(event: Payload): Promise<void> {
  const result = await server.local.runtime.invokeEvent('onAgentActivityCreate', event as unknown as Record<string, unknown>);
  if (!result.ok) throw new Error(`handler failed: ${JSON.stringify(result.error)}`);
}

/** Rows as the user reads them. */
async function rows(): Promise<Array<{ id: string; outcome: string; agent: string; transition: string; destination: string; pill: string; color: string | null }>> {
  return page.locator('li.row').evaluateAll((items) =>
    items.map((row) => {
      const li = row as HTMLElement;
      const text = (selector: string) => li.querySelector(selector)?.textContent ?? '';
      return {
        id: li.dataset.id ?? '',
        outcome: li.dataset.outcome ?? '',
        agent: text('.row-agent'),
        transition: text('.row-transition'),
        destination: text('.row-destination'),
        pill: text('fw-pill'),
        color: li.querySelector('fw-pill')?.getAttribute('color') ?? null,
      };
    }),
  );
}

async function waitForRows(predicate: string): Promise<void> {
  await page.waitForFunction(`(() => { const rows = [...document.querySelectorAll('li.row')]; return ${predicate}; })()`);
}

/** Opens a Crayons select and clicks one of its options, as a user would. */
async function choose(filter: 'outcome' | 'destination', label: string): Promise<void> {
  await page.click(`fw-select.filter--${filter}`);
  await page.locator(`fw-select.filter--${filter} fw-list-options`).getByText(label, { exact: true }).click();
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidebar-test-'));
  const iparamsFile = path.join(dir, 'iparam_test_data.json');
  fs.writeFileSync(iparamsFile, JSON.stringify({ destinations: ['Freshdesk', 'CustomerGauge'], event_kinds: ['GeneralAvailability', 'Intelliassign'] }));
  server = await startSimulatorServer({ port: 0, iparamsFile, stateDir: false });

  // Maya: Available for 45 min, then in a meeting; the system later marks her unavailable.
  await fire(payload('intelliassign'));
  await fire(payload('general-availability'));
  // Jonas back from lunch: Freshdesk refuses that one push.
  server.local.freshdesk.enqueueFaults({
    status: 400,
    contentType: 'application/json',
    body: JSON.stringify({ description: 'Validation failed', errors: [{ field: 'email', message: 'There is no contact matching the given email', code: 'invalid_value' }] }),
  });
  await fire(payload('intelliassign-available'));
  // Jonas then goes into a meeting; Maya leaves hers for a status with a hostile name.
  await fire(payload('intelliassign-available', { prev_status: 'AVAILABLE', status: 'In a meeting', prev_status_change_timestamp: '2026-11-23T12:31:05.000Z', status_change_timestamp: '2026-11-23T13:10:00.000Z' }));
  await fire(payload('intelliassign', { prev_status: 'In a meeting', status: HOSTILE, prev_status_change_timestamp: '2026-11-23T10:45:00.000Z', status_change_timestamp: '2026-11-23T11:30:00.000Z' }));

  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(`${server.url}/app/index.html`);
  await waitForRows('rows.length === 10');
  // Crayons renders its components after loading; wait until the pills are upgraded.
  await page.waitForFunction(() => !!customElements.get('fw-pill') && !!document.querySelector('fw-pill.hydrated'));
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('sidebar in a browser', () => {
  test('lists the pushes: agent, transition, destination and a coloured outcome pill', async () => {
    const shown = await rows();
    expect(shown).toHaveLength(10);
    const jonas = shown.filter((r) => r.agent === 'Jonas Lindqvist' && r.transition === 'Lunch break → Available');
    expect(jonas.map((r) => [r.destination, r.pill, r.color]).sort()).toEqual([
      ['CustomerGauge', 'Delivered', 'green'],
      ['Freshdesk', 'Rejected', 'red'],
    ]);
    const maya = shown.filter((r) => r.agent === 'Maya Patel' && r.transition === 'Available → In a meeting');
    expect(maya.map((r) => r.outcome)).toEqual(['delivered', 'delivered']);
    // The general-availability event comes from the system: the agent shows by email.
    expect(shown.filter((r) => r.transition === 'Available → Unavailable').map((r) => r.agent)).toEqual(['maya.patel@example.com', 'maya.patel@example.com']);
    expect(await page.locator('.subtitle').textContent()).toMatch(/^10 in history · updated /);
    expect(await page.locator('li.row[data-outcome=rejected] fw-button[data-action=retry]').count()).toBe(1);
    expect(await page.locator('li.row[data-outcome=delivered] fw-button[data-action=retry]').count()).toBe(0);
    expect(await page.locator('.failed-text').textContent()).toBe('1 failed push shown');
  });

  test('shows the time each agent spent per status, counting each event once', async () => {
    const agents = await page.locator('.agent-time').evaluateAll((items) =>
      items.map((item) => ({
        name: item.querySelector('.agent-time-name')?.textContent,
        legend: Array.from(item.querySelectorAll('.legend-item')).map((l) => `${l.querySelector('.legend-status')?.textContent} ${l.querySelector('.legend-time')?.textContent}`),
      })),
    );
    expect(agents).toEqual([
      // 45 min + 8 h 27 min 32 s Available; 45 min in the meeting.
      { name: 'Maya Patel', legend: ['Available 9 h 12 min', 'In a meeting 45 min'] },
      { name: 'Jonas Lindqvist', legend: ['Available 38 min 55 s', 'Lunch break 32 min 25 s'] },
    ]);
  });

  test('a status named like markup is shown as text and never runs', async () => {
    const hostile = (await rows()).filter((r) => r.transition === `In a meeting → ${HOSTILE}`);
    expect(hostile).toHaveLength(2);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
    await page.screenshot({ path: path.join(DOCS, 'sidebar.png') });
  });

  test('clicking a row opens its detail, and Back returns to the list', async () => {
    await page.click('li.row[data-outcome=rejected]');
    await page.waitForSelector('section.detail');
    const facts = await page.locator('section.detail dl.facts').first().evaluate((dl) => {
      const terms = Array.from(dl.querySelectorAll('dt')).map((dt) => dt.textContent ?? '');
      const values = Array.from(dl.querySelectorAll('dd')).map((dd) => dd.textContent ?? '');
      return Object.fromEntries(terms.map((t, i) => [t, values[i]]));
    });
    expect(await page.locator('.detail-title').textContent()).toMatch(/^Jonas Lindqvist: Lunch break → Available/);
    expect(facts).toMatchObject({ Agent: 'Jonas Lindqvist', Destination: 'Freshdesk', Attempts: '1', 'Last status': '400' });
    expect(facts.Reason).toContain('400');
    expect(await page.locator('section.detail').textContent()).toContain('What was sent');
    expect(await page.locator('section.detail fw-button[data-action=retry]').count()).toBe(1);
    await page.screenshot({ path: path.join(DOCS, 'sidebar-detail.png') });

    await page.click('section.detail fw-button[data-action=back]');
    await page.waitForSelector('.list-pane', { state: 'visible' });
    expect(await page.locator('.detail-pane').isHidden()).toBe(true);
  });

  test('the outcome and destination filters narrow the rows, and All brings them back', async () => {
    await choose('outcome', 'Rejected');
    await waitForRows("rows.length > 0 && rows.every((r) => r.dataset.outcome === 'rejected')");
    expect((await rows()).map((r) => [r.agent, r.destination])).toEqual([['Jonas Lindqvist', 'Freshdesk']]);

    await choose('destination', 'CustomerGauge');
    await page.waitForSelector('.state--empty');
    expect(await page.locator('.state--empty').textContent()).toBe('No pushes match these filters.');

    await choose('outcome', 'All');
    await waitForRows("rows.length === 5 && rows.every((r) => r.querySelector('.row-destination').textContent === 'CustomerGauge')");
    await choose('destination', 'All');
    await waitForRows('rows.length === 10');
  });

  test('Retry replays the rejected push: the sandbox gets a new request and the row updates', async () => {
    const before = server.local.freshdesk.received.length;
    const id = await page.locator('li.row[data-outcome=rejected]').getAttribute('data-id');
    await page.click('li.row[data-outcome=rejected] fw-button[data-action=retry]');
    await waitForRows(`rows.some((r) => r.dataset.id === ${JSON.stringify(id)} && (r.dataset.outcome === 'delivered' || r.dataset.outcome === 'retrying'))`);
    expect(server.local.freshdesk.received.length).toBeGreaterThan(before);
    const row = (await rows()).find((r) => r.id === id);
    expect(row).toMatchObject({ agent: 'Jonas Lindqvist', destination: 'Freshdesk', outcome: 'delivered', pill: 'Delivered' });
    expect(await page.locator('.notices').textContent()).toContain('delivered to Freshdesk');
    expect(await page.locator('.failed-bar').isHidden()).toBe(true);
  });

  test('Refresh shows new pushes, and Retry all failed queues the failures', async () => {
    server.local.customerGauge.enqueueFaults({ status: 400 });
    await fire(payload('intelliassign', { prev_status: HOSTILE, status: 'UNAVAILABLE', prev_status_change_timestamp: '2026-11-23T11:30:00.000Z', status_change_timestamp: '2026-11-23T11:40:00.000Z' }));
    await page.click('header fw-button[data-action=refresh]');
    await waitForRows('rows.length === 12');
    expect(await page.locator('.subtitle').textContent()).toMatch(/^12 in history/);
    expect((await rows()).filter((r) => r.outcome === 'rejected').map((r) => [r.agent, r.transition, r.destination])).toEqual([
      ['Maya Patel', `${HOSTILE} → Unavailable`, 'CustomerGauge'],
    ]);

    await page.click('.failed-bar fw-button[data-action=retry-all]');
    await page.waitForFunction(() => document.querySelector('.notices')?.textContent?.startsWith('Queued'));
    expect(await page.locator('.notices').textContent()).toBe('Queued 1 push for retry.');
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });
});
