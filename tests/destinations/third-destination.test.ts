/**
 * Adding a destination is what README "Adding a destination" says: a variant of this app gets a
 * third, test-only destination (Echo) from the files in ./third-destination/variant — its
 * descriptor, its folder, its installation-page part, its fake — plus one line in each list
 * (descriptors, server registry, page registry, fakes) and its templates in config/requests.json
 * and manifest.json. The variant type-checks and builds, Echo's field, Save rule and connection
 * test run on the installation page in Chromium, and Echo flows through delivery, history, the
 * sidebar's filter and the simulator.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DestinationDescriptor } from '../../src/shared/destinations';
import type * as LocalAppModule from '../../simulator/local-app';
import type * as SimulationModule from '../../simulator/web/simulation';
import type * as WebTestModule from '../../simulator/web/pages/web-test';
import type * as ServerModule from '../../simulator/web/server';
import { ManualClock } from '../../simulator/runtime';
import { launchBrowser } from '../support/browser';
import { iparamDrift, requestDrift } from '../support/descriptor-drift';
import { installationPageFields } from '../support/installation-page';

const REPO = path.resolve(__dirname, '../..');
const FILES = path.join(__dirname, 'third-destination', 'variant');
const COPIED = [
  'src',
  'simulator',
  'types',
  'config',
  'app',
  'test_data',
  'manifest.json',
  'rollup.config.mjs',
  'tsconfig.json',
  'tsconfig.server.json',
  'tsconfig.app.json',
  'package.json',
];

/** Inserts `line` after the only line of `file` that contains `anchor`. */
function addLine(dir: string, file: string, anchor: string, line: string): void {
  const full = path.join(dir, file);
  const lines = fs.readFileSync(full, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes(anchor));
  if (at < 0 || lines.findIndex((l, i) => i > at && l.includes(anchor)) >= 0) throw new Error(`${file}: no single line with ${anchor}`);
  lines.splice(at + 1, 0, line);
  fs.writeFileSync(full, lines.join('\n'));
}

function editJson(dir: string, file: string, edit: (json: any) => void): void {
  const full = path.join(dir, file);
  const json = JSON.parse(fs.readFileSync(full, 'utf8'));
  edit(json);
  fs.writeFileSync(full, JSON.stringify(json, null, 2));
}

const ECHO_TEMPLATE = {
  schema: {
    method: 'POST',
    host: 'api.echo.example',
    path: '/statuses',
    headers: { Authorization: 'Bearer <%= iparam.echo_token %>', 'Content-Type': 'application/json' },
  },
  options: { maxAttempts: 1, retryDelay: 0 },
};

const ECHO_VERIFY_TEMPLATE = {
  schema: { method: 'GET', host: 'api.echo.example', path: '/me', headers: { Authorization: 'Bearer <%= context.token %>' } },
  options: { maxAttempts: 1, retryDelay: 0 },
};

/** The variant: this app plus Echo, exactly as README "Adding a destination" lists the steps. */
function makeVariant(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'third-destination-'));
  for (const entry of COPIED) fs.cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.cpSync(FILES, dir, { recursive: true });
  // Step 1: the descriptor, one line in the list of descriptors (and its import).
  addLine(dir, 'src/shared/destinations/index.ts', "import { freshdesk } from './freshdesk';", "import { echo } from './echo';");
  fs.writeFileSync(
    path.join(dir, 'src/shared/destinations/index.ts'),
    fs
      .readFileSync(path.join(dir, 'src/shared/destinations/index.ts'), 'utf8')
      .replace('[freshdesk, customerGauge]', '[freshdesk, customerGauge, echo]'),
  );
  // Step 2: the folder, one line in the server's registry (and its import).
  addLine(dir, 'src/server/destinations/registry.ts', "import { freshdesk } from './freshdesk';", "import { echo } from './echo';");
  addLine(dir, 'src/server/destinations/registry.ts', 'customergauge: customerGauge,', '  echo,');
  // Step 3: its templates, declared where the platform reads them.
  editJson(dir, 'config/requests.json', (requests) =>
    Object.assign(requests, { echoPostStatus: ECHO_TEMPLATE, echoVerifyToken: ECHO_VERIFY_TEMPLATE }),
  );
  editJson(dir, 'manifest.json', (manifest) =>
    Object.assign(manifest.modules.common.requests, { echoPostStatus: {}, echoVerifyToken: {} }),
  );
  // Step 4: its part of the installation page, one line in the page registry (and its import).
  addLine(dir, 'src/iparams/destinations/index.ts', "import { freshdeskPage } from './freshdesk';", "import { echoPage } from './echo';");
  addLine(dir, 'src/iparams/destinations/index.ts', 'customergauge: customerGaugePage,', '  echo: echoPage,');
  // Step 5: its fake, one line in the simulator's list of fakes (and its import).
  addLine(dir, 'simulator/local-app.ts', "from './fake-vendors/host-override';", "import { startFakeEcho } from './fake-vendors/echo';");
  addLine(dir, 'simulator/local-app.ts', 'const FAKES: Record<DestinationId', '  echo: ({ now }) => startFakeEcho({ now }),');
  return dir;
}

const DESCRIPTORS_OF = (dir: string): readonly DestinationDescriptor[] =>
  (require(path.join(dir, 'src/shared/destinations/index.ts')) as { DESCRIPTORS: readonly DestinationDescriptor[] }).DESCRIPTORS;

const run = (dir: string, command: string, args: string[]) => execFileSync(command, args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });

describe('a third destination added by a folder and one line per list', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeVariant();
    run(dir, process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.server.json']);
    run(dir, process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.app.json']);
    run(dir, process.execPath, [path.join(REPO, 'node_modules/rollup/dist/bin/rollup'), '-c', 'rollup.config.mjs', '--silent']);
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const variant = <T>(file: string): T => require(path.join(dir, file)) as T;

  it('its descriptor joins the list, and the config files agree with it; config/iparams.html needs no edit', () => {
    const { DESCRIPTORS, SECURE_IPARAMS } = variant<{ DESCRIPTORS: readonly DestinationDescriptor[]; SECURE_IPARAMS: readonly string[] }>(
      'src/shared/destinations/index.ts',
    );
    expect(DESCRIPTORS.map((d) => d.label)).toEqual(['Freshdesk', 'CustomerGauge', 'Echo']);
    expect(SECURE_IPARAMS).toContain('echo_token');
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    expect(requestDrift(DESCRIPTORS, read('config/requests.json'), read('manifest.json'))).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'config/iparams.html'), 'utf8')).toBe(
      fs.readFileSync(path.join(REPO, 'config/iparams.html'), 'utf8'),
    );
  });

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

  it('an event is delivered to Echo through its template, recorded in the history and listed under its filter; the simulator reports it', async () => {
    const { startLocalApp, SANDBOX_IPARAMS } = variant<typeof LocalAppModule>('simulator/local-app.ts');
    const { Simulator } = variant<typeof SimulationModule>('simulator/web/simulation.ts');
    const payload = JSON.parse(fs.readFileSync(path.join(REPO, 'test_data/onAgentActivityCreate.intelliassign.json'), 'utf8'));
    const local = await startLocalApp({
      clock: new ManualClock(Date.parse('2026-11-23T11:00:00Z')),
      coverage: false,
      iparamOverrides: { echo_token: 'sandbox-echo-token' },
    });
    try {
      expect(SANDBOX_IPARAMS.destinations).toEqual(['Freshdesk', 'CustomerGauge', 'Echo']);
      const report = await new Simulator(local).fire(payload);
      expect(report.outcomes.map((o) => [o.destination, o.outcome])).toEqual(
        expect.arrayContaining([
          ['freshdesk', 'delivered'],
          ['customergauge', 'delivered'],
          ['echo', 'delivered'],
        ]),
      );
      const echoReceived = (report.received as Record<string, Array<{ path: string; body: any }>>).echo;
      expect(echoReceived).toEqual([
        expect.objectContaining({
          path: '/statuses',
          body: {
            reference: expect.any(String),
            agent: 'maya.patel@example.com',
            status: 'In a meeting',
            at: Date.parse('2026-11-23T10:45:00.000Z'),
          },
        }),
      ]);
      expect(report.requests.map((r) => r.template)).toContain('echoPostStatus');

      const listed = await local.runtime.invokeServerMethod('listActivities', { page: { size: 10 }, filter: { destination: 'echo' } });
      const activities = (
        listed.data as { activities: Array<{ outcome: string; target: { destination: string; name: string; remote_id: string | null } }> }
      ).activities;
      expect(activities).toEqual([
        expect.objectContaining({
          outcome: 'delivered',
          target: expect.objectContaining({ destination: 'echo', name: 'Echo', remote_id: 'echo-1' }),
        }),
      ]);
    } finally {
      await local.close();
    }
  });

  it('the sidebar offers Echo in its destination filter and the event simulator a fault switch for its fake', () => {
    const sidebar = fs.readFileSync(path.join(dir, 'app/scripts/sidebar.js'), 'utf8');
    expect(sidebar).toMatch(/id: "echo",\s+label: "Echo"/);
    const { webTestPage } = variant<typeof WebTestModule>('simulator/web/pages/web-test.ts');
    const page = webTestPage({
      live: false,
      payloads: [],
      modes: { freshdesk: 'none', customergauge: 'none', echo: 'none' } as never,
      watch: null,
    });
    expect(page).toContain('<label for="mode-echo">Echo</label>');
  });
});
