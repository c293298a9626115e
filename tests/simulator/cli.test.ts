/** The CLIs as a newcomer runs them: real processes, exit codes and the one-line messages. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { BUILT_FILES, needsBuild } from '../../simulator/cli/build';
import { APP_DIR } from '../../simulator/local-app';
import { tempDir, testPayload } from './helpers';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One of the CLIs, as its npm script runs it. */
function run(script: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(APP_DIR, 'node_modules/tsx/dist/cli.mjs'), script, ...args], {
      cwd: APP_DIR,
      env: { ...process.env, FDK_LIVE: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** --no-build: the suite must not rebuild server/server.js under other tests' feet. */
const simulate = (...args: string[]): Promise<Run> => run('simulator/cli/simulate.ts', '--no-build', ...args);

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
    expect(retrying.stdout).toMatch(/^Left retrying: 1 push, 1 delivery scheduled\.$/m);
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

test('needsBuild: a fresh clone (every file the checkout time) needs none; a changed source file or a missing output does', () => {
  const root = tempDir();
  for (const entry of ['src', 'rollup.config.mjs', ...BUILT_FILES])
    fs.cpSync(path.join(APP_DIR, entry), path.join(root, entry), { recursive: true });
  try {
    // A checkout writes the sources after (or before) the build: times say nothing.
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, 'src', 'server', 'server.ts'), later, later);
    expect(needsBuild(root)).toBeNull();
    fs.appendFileSync(path.join(root, 'src', 'server', 'server.ts'), '\n// edited\n');
    expect(needsBuild(root)).toBe('changed');
    fs.rmSync(path.join(root, 'config', 'assets', 'iparams.js'));
    expect(needsBuild(root)).toBe('missing');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test(
  'simulate --help and start --help print the usage and exit 0',
  async () => {
    const [simulateHelp, startHelp] = await Promise.all([simulate('--help'), run('simulator/cli/start.ts', '--help')]);
    expect([simulateHelp.code, simulateHelp.stderr]).toEqual([0, '']);
    expect(simulateHelp.stdout).toMatch(/^Usage: npm run simulate -- test_data\/<file>\.json \[--live\]/);
    expect(simulateHelp.stdout).toContain('Exit code: 0 delivered');
    expect([startHelp.code, startHelp.stderr]).toEqual([0, '']);
    expect(startHelp.stdout).toMatch(/^Usage: npm start \[-- \[--live\] \[--reset\]\]/);
  },
  CLI_TIMEOUT_MS,
);

/** True once nothing listens on `port` any more (the port can be taken again). */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * `kill <pid of npm>` sends SIGTERM to npm alone, which passes it to the shell running the script;
 * Ctrl-C in a terminal sends SIGINT to the whole process group.
 */
test.each([
  ['SIGTERM to npm', (pid: number) => process.kill(pid, 'SIGTERM')],
  ['Ctrl-C (SIGINT to the process group)', (pid: number) => process.kill(-pid, 'SIGINT')],
])(
  '%s stops npm start: no process is left holding the port',
  async (_name, stop) => {
    const port = await freePort();
    const child = spawn('npm', ['start'], { cwd: APP_DIR, env: { ...process.env, PORT: String(port), FDK_LIVE: '' }, detached: true });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child.on('close', resolve));
    try {
      while (!output.includes('Press Ctrl-C to stop.')) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(output);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(output).not.toContain('running npm run build');
      expect(await portFree(port)).toBe(false);
      stop(child.pid!);
      await exited;
      // The server process goes after npm: wait for it (a leftover keeps the port, and the test times out).
      while (!(await portFree(port))) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  },
  CLI_TIMEOUT_MS,
);
