/** The CLIs as a newcomer runs them: real processes, exit codes and the one-line messages. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { needsBuild } from '../../simulator/cli/build';
import { APP_DIR } from '../../simulator/local-app';
import { tempDir, testPayload } from './helpers';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** --no-build: the suite must not rebuild server/server.js under other tests' feet. */
function simulate(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(APP_DIR, 'node_modules/tsx/dist/cli.mjs'), 'simulator/cli/simulate.ts', '--no-build', ...args],
      {
        cwd: APP_DIR,
        env: { ...process.env, FDK_LIVE: '' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Each run starts tsx and compiles the CLI: on a busy machine that alone can take tens of seconds. */
const CLI_TIMEOUT_MS = 180_000;

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test(
  'simulate: exit 0 and one line per destination; 1 for a rejected event; 2 for a missing or broken file',
  async () => {
    const noIparams = ['--iparams', path.join(dir, 'none.json')];
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify(testPayload('onAgentActivityCreate.general-availability.json')));
    const invalid = path.join(dir, 'invalid.json');
    fs.writeFileSync(invalid, JSON.stringify({ data: { agent_activity: { status: 'AVAILABLE' } } }));
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{ "data": ');
    const offIparams = path.join(dir, 'cg-off.json');
    fs.writeFileSync(offIparams, JSON.stringify({ destinations: ['Freshdesk'], event_kinds: ['GeneralAvailability'] }));

    const [ok, rejected, missing, notJson, freshdeskOnly] = await Promise.all([
      simulate(good, ...noIparams),
      simulate(invalid, ...noIparams),
      simulate(path.join(dir, 'nope.json'), ...noIparams),
      simulate(broken, ...noIparams),
      simulate(good, '--iparams', offIparams),
    ]);

    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^freshdesk\s+delivered\s+HTTP 200, 1 attempt$/m);
    expect(ok.stdout).toMatch(/^customergauge\s+delivered\s+HTTP 201, 1 attempt$/m);

    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toMatch(/^event\s+rejected\s+\S+/m);

    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(
      `Error: ${path.join(dir, 'nope.json')} not found. Usage: npm run simulate -- test_data/<file>.json [--live] [--iparams <file>] [--fault freshdesk|customergauge=<mode>]`,
    );
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain(`Error: ${broken} is not valid JSON:`);

    // The saved choices apply in sandbox mode (with the sandbox's credentials): CustomerGauge is off.
    expect(freshdeskOnly.code).toBe(0);
    expect(freshdeskOnly.stdout).toMatch(/^freshdesk\s+delivered\s+HTTP 200/m);
    expect(freshdeskOnly.stdout).toMatch(/^customergauge\s+skipped\s+CustomerGauge is switched off/m);
  },
  CLI_TIMEOUT_MS,
);

test(
  'simulate: a push left retrying exits 3 and says what stays queued; --fault is for sandbox mode only',
  async () => {
    const noIparams = ['--iparams', path.join(dir, 'none.json')];
    const good = path.join(dir, 'retry.json');
    fs.writeFileSync(good, JSON.stringify(testPayload('onAgentActivityCreate.intelliassign.json')));
    const [retrying, liveFault, badFault] = await Promise.all([
      simulate(good, ...noIparams, '--fault', 'freshdesk=server_error'),
      simulate(good, ...noIparams, '--live', '--fault', 'freshdesk=timeout'),
      simulate(good, ...noIparams, '--fault', 'freshdesk=flaky'),
    ]);
    expect(retrying.code).toBe(3);
    expect(retrying.stdout).toMatch(/^freshdesk\s+retrying\s+HTTP 503, 1 attempt, next retry \S+/m);
    expect(retrying.stdout).toMatch(/^customergauge\s+delivered/m);
    expect(retrying.stdout).toMatch(/^Left retrying: 1 push, [1-9]\d* \$schedule events? queued\.$/m);
    expect(retrying.stdout).toMatch(/^  freshdesk: next retry \S+ \(.*503.*\)$/m);
    expect(retrying.stdout).toContain(
      'npm run simulate keeps its state in memory, so these are dropped now. To watch retries run, use npm start and the clock on /web/test.',
    );
    expect(retrying.stderr).toBe('');

    expect(liveFault.code).toBe(2);
    expect(liveFault.stderr.trim()).toBe('Error: --fault makes a fake vendor misbehave: it works in sandbox mode only, not with --live');
    expect(badFault.code).toBe(2);
    expect(badFault.stderr).toContain('--fault takes freshdesk=<mode> or customergauge=<mode>, mode one of none, rate_limit');
  },
  CLI_TIMEOUT_MS,
);

test('needsBuild: missing output, or any source file newer than it', () => {
  const root = tempDir();
  const src = path.join(root, 'src', 'nested');
  fs.mkdirSync(src, { recursive: true });
  const output = path.join(root, 'server.js');
  fs.writeFileSync(path.join(src, 'a.ts'), '');
  expect(needsBuild(output, path.join(root, 'src'))).toBe(true);
  fs.writeFileSync(output, '');
  const later = new Date(Date.now() + 60_000);
  fs.utimesSync(output, later, later);
  expect(needsBuild(output, path.join(root, 'src'))).toBe(false);
  const evenLater = new Date(Date.now() + 120_000);
  fs.utimesSync(path.join(src, 'a.ts'), evenLater, evenLater);
  expect(needsBuild(output, path.join(root, 'src'))).toBe(true);
  fs.rmSync(root, { recursive: true, force: true });
});
