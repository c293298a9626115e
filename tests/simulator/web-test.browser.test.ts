/**
 * The event simulator in a real Chromium: a first Simulate on a fresh clone, status colours that
 * tell the truth, the clock control and a Result pane that follows retries, and Crayons icons
 * offline. `UPDATE_SCREENSHOTS=1` refreshes docs/simulator.png.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { APP_DIR } from '../../simulator/local-app';
import { ManualClock } from '../../simulator/runtime';
import { accessibilityViolations } from '../support/accessibility';
import { launchBrowser } from '../support/browser';
import { startRecordingServer, type RecordingClient } from './helpers';

const START = Date.parse('2026-11-23T11:00:00Z');
/** The colours of layout.ts: green is for "done" only. */
const GREEN = 'rgb(0, 121, 91)';
const AMBER = 'rgb(161, 94, 0)';
const RED = 'rgb(200, 33, 36)';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A page that records its script errors and every request that leaves the simulator. */
async function openPage(sim: RecordingClient): Promise<{ page: Page; errors: string[]; outside: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  const errors: string[] = [];
  const outside: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // Console errors count, except an HTTP error status the page asked for (a rejected credential check answers 401).
  page.on(
    'console',
    (msg) => msg.type() === 'error' && !msg.text().includes('the server responded with a status of') && errors.push(msg.text()),
  );
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith(sim.server.url)) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  return { page, errors, outside };
}

const statusColour = (page: Page) => page.$eval('#status', (el) => getComputedStyle(el).color);
const badge = (page: Page, destination: string) => page.locator('#outcomes li', { hasText: destination }).locator('.badge');
const waitForOutcome = (page: Page, destination: string, outcome: string) =>
  page.waitForFunction(
    ([d, o]) =>
      Array.from(document.querySelectorAll('#outcomes li')).some(
        (li) => li.textContent?.includes(d) && li.querySelector('.badge')?.textContent === o,
      ),
    [destination, outcome],
  );

test('a fresh clone: Simulate with nothing saved delivers to both destinations, in green', async () => {
  const sim = await startRecordingServer();
  const { page, errors, outside } = await openPage(sim);
  try {
    await page.goto(`${sim.server.url}/web/test`);
    await page.click('#simulate');
    await waitForOutcome(page, 'customergauge', 'delivered');
    await waitForOutcome(page, 'freshdesk', 'delivered');
    await expect(page.textContent('#status')).resolves.toBe('Done: nothing left to send.');
    await expect(statusColour(page)).resolves.toBe(GREEN);
    expect(sim.server.local.freshdesk.activities).toHaveLength(1);
    expect(sim.server.local.customerGauge.activitiesByReference.size).toBe(1);
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
  } finally {
    await page.close();
    await sim.server.close();
    fs.rmSync(sim.dir, { recursive: true, force: true });
  }
});

describe('the event simulator: colours and the clock', () => {
  let sim: RecordingClient;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    sim = await startRecordingServer({ clock: new ManualClock(START), scheduleTickMs: 50 });
    ({ page, errors } = await openPage(sim));
  });
  afterAll(async () => {
    await sim?.server.close();
    if (sim) fs.rmSync(sim.dir, { recursive: true, force: true });
  });

  test('a retrying push is amber, never green; moving the clock delivers it once the fake recovers', async () => {
    await page.goto(`${sim.server.url}/web/test`);
    await expect(page.textContent('#clock')).resolves.toBe('Simulator clock 11:00:00 UTC');
    await page.selectOption('#mode-freshdesk', 'server_error');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('server_error'));
    await page.selectOption('#payload-file', 'onAgentActivityCreate.intelliassign.json');
    await page.click('#simulate');
    await waitForOutcome(page, 'freshdesk', 'retrying');
    await expect(page.textContent('#status')).resolves.toBe('Waiting: a push is retrying or a destination has not answered yet.');
    await expect(statusColour(page)).resolves.toBe(AMBER);
    await expect(badge(page, 'freshdesk').evaluate((el) => getComputedStyle(el).color)).resolves.toBe(AMBER);
    await expect(badge(page, 'customergauge').evaluate((el) => getComputedStyle(el).color)).resolves.toBe(GREEN);
    await expect(page.textContent('#outcome')).resolves.toContain('"account": "Acme Support"');

    const shot = await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width: 1100, height: 1350 } });
    expect(shot.subarray(1, 4).toString()).toBe('PNG');
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      fs.mkdirSync(path.join(APP_DIR, 'docs'), { recursive: true });
      fs.writeFileSync(path.join(APP_DIR, 'docs', 'simulator.png'), shot);
    }

    await page.selectOption('#mode-freshdesk', 'none');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('none'));
    await page.click('button[data-advance="3600000"]');
    await waitForOutcome(page, 'freshdesk', 'delivered');
    await expect(page.textContent('#clock')).resolves.toBe('Simulator clock 12:00:00 UTC');
    await expect(statusColour(page)).resolves.toBe(GREEN);
    expect(sim.server.local.freshdesk.activities).toHaveLength(1);
  });

  test('the dead letter is red; the Result pane follows retries that run by themselves', async () => {
    await page.selectOption('#mode-freshdesk', 'server_error');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('server_error'));
    await page.click('#simulate');
    await waitForOutcome(page, 'freshdesk', 'retrying');

    // Time passes on the server (no click): the scheduler runs each retry as it falls due and the page shows them.
    const clock = sim.server.local.runtime.clock as ManualClock;
    const deadLetters = page.locator('#outcomes .badge.outcome-dead_letter');
    // A push failing for 24 h is dead-lettered.
    for (let hour = 0; hour < 30 && (await deadLetters.count()) === 0; hour++) {
      clock.advance(60 * 60 * 1000);
      await page.waitForTimeout(300);
    }
    await waitForOutcome(page, 'freshdesk', 'dead_letter');
    await page.waitForFunction(() => document.getElementById('status')?.classList.contains('bad'));
    await expect(statusColour(page)).resolves.toBe(RED);
    await expect(badge(page, 'freshdesk').evaluate((el) => getComputedStyle(el).color)).resolves.toBe(RED);
    await expect(page.textContent('#outcome')).resolves.toMatch(/freshdesk\s+dead_letter/);
    expect(errors).toEqual([]);
    // A day of drains, each a cold invocation.
  }, 120_000);
});

test('Crayons icons come from the simulator: the sidebar works offline with no broken icon', async () => {
  const sim = await startRecordingServer({ stateDir: false });
  const { page, errors, outside } = await openPage(sim);
  try {
    await page.goto(`${sim.server.url}/app/`);
    await page.waitForFunction(() => customElements.get('fw-inline-message') !== undefined);
    // An error message, as the sidebar shows one: its icon is fetched from Crayons' default library.
    await page.evaluate(() => {
      const message = document.createElement('fw-inline-message');
      message.setAttribute('type', 'error');
      message.setAttribute('open', '');
      message.textContent = 'Could not load the pushes.';
      document.body.appendChild(message);
    });
    const iconSvg = () =>
      page.evaluate(() => {
        const icon = document.querySelector('fw-inline-message')?.shadowRoot?.querySelector('fw-icon');
        return icon?.shadowRoot?.querySelector('svg')?.outerHTML ?? '';
      });
    await page.waitForFunction(() =>
      Boolean(document.querySelector('fw-inline-message')?.shadowRoot?.querySelector('fw-icon')?.shadowRoot?.querySelector('svg')),
    );
    const served = (await sim.get('/_fdk/crayons-icon/icons/alert.svg')).text;
    expect(await iconSvg()).toContain(served.match(/ d="([^"]{20})/)![1]);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
    await sim.server.close();
  }
});

test('a page on another site cannot change the simulator: a text/plain fetch, a form post and a JSON fetch all fail', async () => {
  const sim = await startRecordingServer({ stateDir: false });
  // The attacker's page, on another origin (localhost is not 127.0.0.1 to a browser).
  const evil = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><title>evil</title>
<form id="f" method="POST" enctype="text/plain" action="${sim.server.url}/_fdk/sandbox/freshdesk/mode" target="sink"><input name='{"mode":"timeout","x":"' value='"}'></form>
<iframe name="sink"></iframe>`);
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  const evilUrl = `http://localhost:${(evil.address() as AddressInfo).port}/`;
  const page = await browser.newPage();
  try {
    await page.goto(evilUrl);
    const target = `${sim.server.url}/_fdk/sandbox/freshdesk/mode`;
    const fetched = await page.evaluate(async (url) => {
      const body = JSON.stringify({ mode: 'timeout' });
      const plain = await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body }).then(
        () => 'sent',
        () => 'failed',
      );
      const json = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).then(
        (r) => String(r.status),
        () => 'blocked',
      );
      return { plain, json };
    }, target);
    expect(fetched.json).toBe('blocked');
    await Promise.all([
      page.waitForResponse((r) => r.url() === target),
      page.evaluate(() => (document.getElementById('f') as HTMLFormElement).submit()),
    ]);
    expect((await sim.get('/web/test')).text).toContain('<option value="none" selected>');
    expect((await sim.get('/web/test')).text).not.toContain('<option value="timeout" selected>');
  } finally {
    await page.close();
    evil.close();
    await sim.server.close();
  }
});

describe('what the page shows is what is scheduled and what ran (issue 19, items 1-4)', () => {
  let sim: RecordingClient;
  let page: Page;
  let errors: string[];
  const runtime = () => sim.server.local.runtime;
  /**
   * The app's delivery work as it stores it: each waiting push's next_retry_at (`due`), and when it
   * really runs (`at`): the first of the drain's wake-ups at or after it (its other schedules are housekeeping).
   */
  const deliveries = () => {
    const pages = Object.entries(runtime().db.dump()).filter(([name]) => name.startsWith('h:'));
    const records = pages.flatMap(([, records]) => Object.values(records as Record<string, { pushes?: Record<string, any> }>));
    const waiting = records.flatMap((r) => Object.values(r.pushes ?? {})).filter((p) => p.outcome === 'retrying');
    const wakes = runtime()
      .schedules.list()
      .filter((s) => s.data.kind === 'wake')
      .map((s) => Date.parse(s.next_fire_at));
    const iso = (ms: number) => new Date(ms).toISOString();
    return waiting.map((p) => ({ due: iso(p.next_retry_at), at: iso(Math.min(...wakes.filter((w) => w >= p.next_retry_at))) }));
  };
  const utc = (iso: string) => `${iso.slice(11, 19)} UTC`;
  const setFault = async (mode: string) => {
    await page.selectOption('#mode-freshdesk', mode);
    await page.waitForFunction((m) => document.getElementById('status')?.textContent?.includes(`answers with: ${m}`), mode);
  };
  const advance = async (by: string) => {
    await page.click(`button[data-advance="${by}"]`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Clock moved'));
  };
  /** The Result pane's text between a section heading and the next blank line. */
  const section = async (heading: string) => {
    const text = (await page.textContent('#outcome')) ?? '';
    const start = text.indexOf(heading);
    return start < 0 ? null : text.slice(start, text.indexOf('\n\n', start) < 0 ? undefined : text.indexOf('\n\n', start));
  };

  beforeEach(async () => {
    sim = await startRecordingServer({ clock: new ManualClock(START), scheduleTickMs: 50 });
    ({ page, errors } = await openPage(sim));
    await page.goto(`${sim.server.url}/web/test`);
  });
  afterEach(async () => {
    expect(errors).toEqual([]);
    await page.close();
    await sim.server.close();
    fs.rmSync(sim.dir, { recursive: true, force: true });
  });

  test("1: the retry time shown is the stored one and its drain's; +7 min fires everything due within it, a first retry too; Next delivery runs the retry", async () => {
    await setFault('server_error');
    await page.click('#simulate');
    await waitForOutcome(page, 'freshdesk', 'retrying');
    const [retry] = deliveries();
    expect(deliveries()).toHaveLength(1);
    const shown = page.locator('#outcomes li', { hasText: 'freshdesk' }).locator('.next-retry');
    await expect(shown.textContent()).resolves.toBe(` · next try ${utc(retry.at)} (due ${utc(retry.due)})`);
    await expect(page.textContent('#outcome')).resolves.toContain(`next retry ${retry.at} (due ${retry.due})`);
    const expected = `1 delivery scheduled, next at ${utc(retry.at)}`;
    await page.waitForFunction((text) => document.getElementById('deliveries')?.textContent === text, expected);

    // The shortest step that reaches a first retry: the app sets its drains 6.5 minutes ahead.
    await advance('420000');
    const now = runtime().clock.now();
    // Nothing due within the step is left unfired, and nothing shown is in the past.
    expect(runtime().schedules.nextFireAt()).toBeGreaterThan(now);
    await page.waitForFunction(() =>
      /freshdesk\s+retrying\s+HTTP 503, 2 attempts/.test(document.getElementById('outcome')?.textContent ?? ''),
    );
    const [second] = deliveries();
    expect(Date.parse(second.at)).toBeGreaterThan(now);
    await expect(page.textContent('#status')).resolves.toContain(
      `Clock moved to 11:07:00 UTC: 1 scheduled event(s) ran. Next delivery at ${utc(second.at)}.`,
    );

    await advance('next');
    expect(runtime().clock.now()).toBe(Date.parse(second.at));
    await page.waitForFunction(() =>
      /freshdesk\s+retrying\s+HTTP 503, 3 attempts/.test(document.getElementById('outcome')?.textContent ?? ''),
    );
    const [third] = deliveries();
    await expect(shown.textContent()).resolves.toBe(` · next try ${utc(third.at)} (due ${utc(third.due)})`);
    expect(Date.parse(third.at)).toBeGreaterThan(runtime().clock.now());
  });

  test('2: outcomes come from the store, not the quota-bound server methods; what cannot be read is never green', async () => {
    // This minute's 50 server-method calls are spent (by calls refused as too large: they touch no $db quota).
    const tooLarge = { padding: 'x'.repeat(101 * 1024) };
    for (let i = 0; i < 50; i++) expect((await sim.post('/_fdk/invoke/listActivities', tooLarge)).status).toBe(413);
    expect((await sim.post('/_fdk/invoke/listActivities', { page: { size: 10 } })).status).toBe(429);
    await page.click('#simulate');
    await waitForOutcome(page, 'freshdesk', 'delivered');
    await waitForOutcome(page, 'customergauge', 'delivered');
    await expect(page.textContent('#status')).resolves.toBe('Done: nothing left to send.');

    // The record disappears from the store (an expired page, a damaged file): unknown, amber.
    for (const key of Object.keys(runtime().db.dump()).filter((k) => k.startsWith('h:'))) await runtime().db.delete(key);
    await waitForOutcome(page, 'history', 'unknown');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Unknown'));
    await expect(statusColour(page)).resolves.toBe(AMBER);
  });

  test("3: the Result pane lists this event's requests; an earlier event's retry meanwhile is listed apart", async () => {
    await setFault('server_error');
    await page.click('#simulate');
    await waitForOutcome(page, 'freshdesk', 'retrying');
    await setFault('none');
    // A second event: Freshdesk is marked failing, so its push waits behind one probe (the first
    // event's retry) and the next drain sends it. The clock runs both drains.
    await page.click('#simulate');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Waiting'));
    await advance('next');
    await advance('next');
    await waitForOutcome(page, 'freshdesk', 'delivered');
    await page.waitForFunction(() => (document.getElementById('outcome')?.textContent ?? '').includes('Meanwhile'));
    const own = (await section("This event's template requests")) ?? '';
    expect(own.match(/freshdeskCreateContactActivity/g)).toHaveLength(1);
    const meanwhile = (await section('Meanwhile')) ?? '';
    expect(meanwhile).toMatch(/freshdeskCreateContactActivity\s+POST \S+ -> 200/);
    const received = (await section('The fake freshdesk received from this event')) ?? '';
    expect(received.match(/POST \/api\/v2\/contact-activities/g)).toHaveLength(1);
    expect(sim.server.local.freshdesk.activities).toHaveLength(2);
  });

  test('4: the pending count and Next delivery follow delivery work, not housekeeping; times on another day show the date', async () => {
    (runtime().clock as ManualClock).set(Date.parse('2026-11-23T23:58:00Z'));
    await page.reload();
    await setFault('server_error');
    await page.click('#simulate');
    await waitForOutcome(page, 'freshdesk', 'retrying');
    const [retry] = deliveries();
    expect(retry.at.slice(0, 10)).toBe('2026-11-24');
    const expected = `1 delivery scheduled, next at 2026-11-24 ${utc(retry.at)}`;
    await page.waitForFunction((text) => document.getElementById('deliveries')?.textContent === text, expected);

    await setFault('none');
    await advance('next');
    await waitForOutcome(page, 'freshdesk', 'delivered');
    // The app's own schedules (the engine's head, the token cache) remain; they are not delivery work.
    expect(runtime().schedules.list().length).toBeGreaterThan(0);
    await page.waitForFunction(() => document.getElementById('deliveries')?.textContent === 'no delivery scheduled');
    const before = runtime().clock.now();
    await advance('next');
    expect(runtime().clock.now()).toBe(before);
    await expect(page.textContent('#status')).resolves.toContain('No delivery is scheduled.');
  });
});

test('the simulator’s own pages pass axe-core: home, the installation page’s frame around it, and the event simulator before and after a Simulate', async () => {
  const sim = await startRecordingServer();
  const { page } = await openPage(sim);
  try {
    for (const route of ['/', '/custom_configs']) {
      await page.goto(`${sim.server.url}${route}`);
      await expect(accessibilityViolations(page)).resolves.toEqual([]);
    }
    await page.goto(`${sim.server.url}/web/test`);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.click('#simulate');
    await waitForOutcome(page, 'freshdesk', 'delivered');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
  } finally {
    await page.close();
    await sim.server.close();
    fs.rmSync(sim.dir, { recursive: true, force: true });
  }
});
