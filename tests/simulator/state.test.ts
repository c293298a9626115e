/**
 * The simulator's own state and time over HTTP: one store per mode, the clock control, the
 * store's corruption handled in one line, a hanging fake that holds up nothing else, and the
 * Crayons icons served offline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../simulator/runtime';
import { LocalStoreError } from '../../simulator/web/local-store';
import { startSimulatorServer } from '../../simulator/web/server';
import { APP_DIR, SANDBOX_IPARAMS } from '../../simulator/local-app';
import { intelliassignWithStatus, startRecordingServer, tempDir, type RecordingClient } from './helpers';

const HOUR = 60 * 60 * 1000;
const START = Date.parse('2026-11-23T11:00:00Z');

async function closeAll(...sims: RecordingClient[]): Promise<void> {
  for (const sim of sims) await sim.server.close();
}

describe('sandbox and live never share state', () => {
  test('a sandbox push left retrying is not in the live store, so no live retry or "Retry all failed" can send it', async () => {
    const stateDir = path.join(tempDir(), 'state');
    const sandbox = await startRecordingServer({ stateDir, clock: new ManualClock(START) });
    sandbox.server.local.freshdesk.setMode('server_error');
    const { json } = await sandbox.post('/_fdk/simulate', intelliassignWithStatus('Lunch', 10));
    expect(json.outcomes[0]).toMatchObject({ destination: 'freshdesk', outcome: 'retrying' });
    expect(sandbox.server.local.runtime.schedules.list().length).toBeGreaterThan(0);
    expect((await sandbox.get('/')).text).toMatch(/In use: the <strong>sandbox<\/strong> store <code>[^<]*sandbox\/<\/code>/);
    await closeAll(sandbox);

    const live = await startRecordingServer({ stateDir, live: true, clock: new ManualClock(START) });
    try {
      expect(live.server.store?.dbFile).toBe(path.join(stateDir, 'live', 'db.json'));
      expect(live.server.local.runtime.schedules.list()).toEqual([]);
      expect((await live.post('/_fdk/invoke/listActivities', { page: { size: 100 } })).json.response.activities).toEqual([]);
      expect((await live.post('/_fdk/invoke/retryAllFailed', {})).json.response.queued).toBe(0);
      expect((await live.get('/')).text).toMatch(/In use: the <strong>live<\/strong> store <code>[^<]*live\/<\/code>/);
      // The live clock is real time: it cannot be moved.
      expect((await live.post('/_fdk/clock/advance', { ms: HOUR })).status).toBe(409);
    } finally {
      await closeAll(live);
    }

    // Back in sandbox mode the push is still there, waiting.
    const again = await startRecordingServer({ stateDir, clock: new ManualClock(START) });
    try {
      const listed = await again.post('/_fdk/invoke/listActivities', { page: { size: 100 }, filter: { destination: 'freshdesk' } });
      expect(listed.json.response.activities.map((a: any) => a.outcome)).toEqual(['retrying']);
    } finally {
      await closeAll(again);
    }
  });
});

test('sandbox mode: a choice saved blank takes the sandbox value, so the first try delivers to both destinations', async () => {
  const dir = tempDir();
  const iparamsFile = path.join(dir, 'iparam_test_data.json');
  // What the newcomer saved: the sandbox credentials, and no CustomerGauge account.
  fs.writeFileSync(
    iparamsFile,
    JSON.stringify({ destinations: ['Freshdesk', 'CustomerGauge'], event_kinds: ['Intelliassign'], cg_account: '', cg_region: '' }),
  );
  const sim = await startRecordingServer({ iparamsFile, stateDir: false });
  try {
    const { json } = await sim.post('/_fdk/simulate', intelliassignWithStatus('Lunch', 40));
    expect(json.outcomes.map((o: any) => [o.destination, o.outcome])).toEqual([
      ['freshdesk', 'delivered'],
      ['customergauge', 'delivered'],
    ]);
    const [written] = [...sim.server.local.customerGauge.activitiesByReference.values()];
    expect(written.body).toMatchObject({ account: SANDBOX_IPARAMS.cg_account });
  } finally {
    await closeAll(sim);
  }
});

describe('the clock control', () => {
  test('retries, backoff and the dead letter, one click at a time, with the Result pane following', async () => {
    const sim = await startRecordingServer({ clock: new ManualClock(START) });
    try {
      sim.server.local.freshdesk.setMode('server_error');
      await sim.post('/_fdk/simulate', intelliassignWithStatus('Lunch', 20));
      const attempts: number[] = [];
      // A push failing for 24 h is dead-lettered: 16 attempts, 5, 10, 20, 40, 80 minutes apart, then every 2 hours.
      for (let i = 0; i < 24; i++) {
        const { json } = await sim.post('/_fdk/clock/advance', { to: 'next' });
        const freshdesk = json.report.outcomes.find((o: any) => o.destination === 'freshdesk');
        attempts.push(freshdesk.attempts);
        if (freshdesk.outcome === 'dead_letter') break;
        expect([freshdesk.outcome, json.report.state]).toEqual(['retrying', 'waiting']);
      }
      const { json } = await sim.get('/_fdk/watch').then((r) => ({ json: JSON.parse(r.text) }));
      expect(json.report.outcomes[0]).toMatchObject({ destination: 'freshdesk', outcome: 'dead_letter' });
      expect(json.report.state).toBe('failed');
      // Each click runs what falls due next and nothing beyond: at most one more attempt per click.
      expect(
        attempts
          .slice(1)
          .map((n, i) => n - attempts[i])
          .every((step) => step === 0 || step === 1),
      ).toBe(true);
      expect(attempts[attempts.length - 1]).toBeGreaterThan(attempts[0]);
      const sent = json.report.requests.filter((r: any) => r.template === 'freshdeskCreateContactActivity');
      expect(sent.map((r: any) => r.status)).toEqual(sent.map(() => 503));
      // Backoff: the waits between attempts never shrink.
      const waits = sent.slice(1).map((r: any, i: number) => r.at - sent[i].at);
      expect(waits).toEqual([...waits].sort((a, b) => a - b));
      expect(json.report.text).toMatch(/freshdesk\s+dead_letter/);
    } finally {
      await closeAll(sim);
    }
    // A day of drains, each a cold invocation.
  }, 90_000);

  test("npm start's clock: moved ahead and kept across a restart, never back", async () => {
    const stateDir = path.join(tempDir(), 'state');
    const first = await startRecordingServer({ stateDir });
    try {
      const moved = await first.post('/_fdk/clock/advance', { ms: HOUR });
      expect(moved.json.clock.ahead_ms).toBeGreaterThanOrEqual(HOUR - 1000);
      expect(JSON.parse(fs.readFileSync(path.join(stateDir, 'sandbox', 'clock.json'), 'utf8')).offset_ms).toBeGreaterThanOrEqual(
        HOUR - 1000,
      );
    } finally {
      await closeAll(first);
    }
    const second = await startRecordingServer({ stateDir });
    try {
      const watch = JSON.parse((await second.get('/_fdk/watch')).text);
      expect(watch.clock).toMatchObject({ adjustable: true, ahead_ms: expect.any(Number) });
      expect(watch.clock.ahead_ms).toBeGreaterThanOrEqual(HOUR - 1000);
    } finally {
      await closeAll(second);
    }
  });
});

describe('a corrupt local store', () => {
  test.each([
    ['not JSON', '{"db": {', /not valid JSON/],
    ['a malformed entry', JSON.stringify({ db: { 'h:dir': { value: 'x' } }, schedules: {} }), /db entry "h:dir" is malformed/],
  ])('%s: one line naming the file and the way out; --reset starts afresh', async (_name, content, why) => {
    const stateDir = path.join(tempDir(), 'state');
    const dbFile = path.join(stateDir, 'sandbox', 'db.json');
    fs.mkdirSync(path.dirname(dbFile), { recursive: true });
    fs.writeFileSync(dbFile, content);
    const options = { port: 0, stateDir, iparamsFile: path.join(stateDir, 'none.json') };
    const starting = startSimulatorServer(options);
    await expect(starting).rejects.toThrow(LocalStoreError);
    const message = await starting.catch((err: Error) => err.message);
    expect(message).toMatch(why);
    expect(message).toContain(`${path.relative(process.cwd(), dbFile)} cannot be read (`);
    expect(message).toMatch(
      /: it holds the sandbox history and pending retries\. Delete \S+sandbox or run npm start -- --reset to start afresh\.$/,
    );
    expect(message).not.toContain('\n');

    const reset = await startSimulatorServer({ ...options, reset: true });
    try {
      expect(fs.existsSync(dbFile)).toBe(false);
    } finally {
      await reset.close();
    }
  });
});

describe('a hanging fake vendor', () => {
  test('holds up only its own invocation: pages, the sidebar, the installation page and the other vendor keep answering', async () => {
    const sim = await startRecordingServer({ clock: new ManualClock(START), requestTimeoutMs: 3000 });
    try {
      sim.server.local.freshdesk.setMode('timeout');
      let settled = false;
      const simulating = sim.post('/_fdk/simulate', intelliassignWithStatus('Lunch', 30)).then((r) => {
        settled = true;
        return r;
      });
      const { customerGauge } = sim.server.local;
      while (!customerGauge.received.some((r) => r.path === '/activities' && r.status === 201)) await new Promise((r) => setTimeout(r, 10));

      const answers = await Promise.all([
        sim.get('/').then((r) => r.status),
        sim.get('/web/test').then((r) => r.status),
        sim.post('/_fdk/invoke/listActivities', { page: { size: 10 } }).then((r) => r.status),
        sim
          .post('/_fdk/template/customerGaugeVerifyCredentials', { context: { region: 'eu', credentials: 'x' } })
          .then((r) => r.status > 0),
        sim.get('/_fdk/watch').then((r) => JSON.parse(r.text)),
      ]);
      expect(settled).toBe(false);
      const watch = answers.pop();
      expect(answers).toEqual([200, 200, 200, true]);
      // The Result pane shows the progress: the other vendor answered, Freshdesk has not.
      expect(watch.report).toMatchObject({ inProgress: true, state: 'waiting' });
      expect(watch.report.received.customergauge.map((r: any) => `${r.path} ${r.status}`)).toContain('/activities 201');
      expect(watch.report.received.freshdesk.map((r: any) => r.status)).toEqual([0]);

      const { json } = await simulating;
      expect(json.outcomes.map((o: any) => [o.destination, o.outcome])).toEqual([
        ['freshdesk', 'retrying'],
        ['customergauge', 'delivered'],
      ]);
    } finally {
      await closeAll(sim);
    }
  });
});

describe('Crayons icons, offline', () => {
  const crayonsDir = path.join(APP_DIR, 'node_modules/@freshworks/crayons/dist/crayons');
  const withIconCdn = fs
    .readdirSync(crayonsDir)
    .filter((f) => f.endsWith('.js') && fs.readFileSync(path.join(crayonsDir, f), 'utf8').includes('crayons-icon@next'));

  test('Crayons scripts fetch their icons from the simulator, which serves them', async () => {
    expect(withIconCdn.length).toBeGreaterThan(0);
    const sim = await startRecordingServer({ stateDir: false });
    try {
      for (const file of withIconCdn) {
        const script = await sim.get(`/_fdk/crayons/${file}`);
        expect(script.text).not.toContain('cdn.jsdelivr.net/npm/@freshworks/crayons-icon');
        expect(script.text).toContain('/_fdk/crayons-icon/icons');
      }
      const alert = await sim.get('/_fdk/crayons-icon/icons/alert.svg');
      expect([alert.status, alert.type]).toEqual([200, 'image/svg+xml']);
      expect(alert.text).toMatch(/^<svg[\s\S]*<\/svg>$/);
      expect((await sim.get('/_fdk/crayons-icon/icons/no-such-icon.svg')).status).toBe(404);
      // The shipped HTML keeps the CDN URL FDK requires; only what the simulator serves changes.
      expect(fs.readFileSync(path.join(APP_DIR, 'app/index.html'), 'utf8')).toContain(
        'https://cdn.jsdelivr.net/npm/@freshworks/crayons@v4/dist/crayons/crayons.esm.js',
      );
    } finally {
      await closeAll(sim);
    }
  });
});
