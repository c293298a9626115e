/**
 * What a web page the developer visits, or another user of the machine, can do to the simulator:
 * requests as a browser or an HTTP client would send them, files as the file system holds them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { APP_DIR, SANDBOX_IPARAMS, SandboxValuesError } from '../../simulator/local-app';
import { ManualClock } from '../../simulator/runtime';
import { startSimulatorServer } from '../../simulator/web/server';
import { intelliassignWithStatus, startRecordingServer, stopRecordingServer, tempDir, type RecordingClient } from './helpers';

const mode = (file: string): string => (fs.statSync(file).mode & 0o777).toString(8);

let sim: RecordingClient;
beforeAll(async () => {
  sim = await startRecordingServer({ clock: new ManualClock(Date.parse('2026-11-23T11:00:00Z')) });
});
afterAll(() => stopRecordingServer(sim));

describe('local files', () => {
  test("the mode's store is written 0600 in a 0700 folder, also over an older store readable by all", async () => {
    const store = sim.server.store!;
    fs.chmodSync(store.dir, 0o755);
    fs.writeFileSync(store.dbFile, '{}', { mode: 0o644 });
    fs.chmodSync(store.dbFile, 0o644);
    const again = await startRecordingServer({
      stateDir: path.dirname(store.dir),
      clock: new ManualClock(Date.parse('2026-11-23T11:00:00Z')),
    });
    try {
      expect([mode(store.dir), mode(store.dbFile)]).toEqual(['700', '600']);
      await again.post('/_fdk/simulate', intelliassignWithStatus('Lunch', 1));
      expect([mode(store.dir), mode(store.dbFile)]).toEqual(['700', '600']);
    } finally {
      await stopRecordingServer(again);
    }
  });

  test('the saved settings and their temporary file are git-ignored', () => {
    for (const file of ['config/iparam_test_data.json', `config/iparam_test_data.json.${process.pid}.tmp`, '.local/sandbox/db.json'])
      expect(execFileSync('git', ['check-ignore', '--no-index', file], { cwd: APP_DIR, encoding: 'utf8' }).trim()).toBe(file);
  });
});

describe('sandbox mode never reaches the internet', () => {
  test.each([
    ['freshdeskVerifyCredentials', { subdomain: 'a.b', api_key: 'k' }, 'a.b.freshdesk.com'],
    ['customerGaugeVerifyCredentials', { region: 'xx', credentials: 'Yzpz' }, 'auth.xx.customergauge.com'],
  ])('%s to a host with no fake is refused before anything is sent', async (template, context, host) => {
    const before = sim.server.local.runtime.requests.length;
    const { status, json } = await sim.post(`/_fdk/template/${template}`, { context });
    expect(status).toBe(400);
    expect(json.response).toContain(`No local server stands in for ${host}: nothing was sent`);
    expect(sim.server.local.runtime.requests.slice(before)).toEqual([]);
  });
});

/** A raw HTTP request, with exactly the headers a browser or a script would send (fetch would add or forbid some). */
function raw(method: string, pathname: string, headers: Record<string, string>, body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: sim.server.port,
        method,
        path: pathname,
        headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('cross-site requests and DNS rebinding', () => {
  const own = () => `127.0.0.1:${sim.server.port}`;
  const modeBody = JSON.stringify({ mode: 'server_error' });
  /** The fault switch as the page shows it. */
  const freshdeskMode = async () =>
    /id="mode-freshdesk"[\s\S]*?<option value="([a-z_]+)" selected>/.exec((await sim.get('/web/test')).text)?.[1];
  const sameOrigin = () => ({
    Host: own(),
    Origin: `http://${own()}`,
    'Content-Type': 'application/json',
    'X-FDK-Token': sim.server.token,
  });

  test("a form or fetch from another site (text/plain, the attacker's Origin, no token) changes nothing", async () => {
    const attempts: Array<Record<string, string>> = [
      // <form enctype="text/plain"> or fetch with mode no-cors: no preflight, so the browser sends it.
      { Host: own(), Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      { Host: own(), Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      // JSON from another origin (it would need a preflight, never granted; a script may still try).
      { Host: own(), Origin: 'https://evil.example', 'Content-Type': 'application/json', 'X-FDK-Token': sim.server.token },
      // The right origin but no token (a page of this server from an earlier run), or a wrong one.
      { ...sameOrigin(), 'X-FDK-Token': '' },
      { ...sameOrigin(), 'X-FDK-Token': 'guessed' },
      // No Origin at all (curl, or a browser that hides it).
      { Host: own(), 'Content-Type': 'application/json', 'X-FDK-Token': sim.server.token },
    ];
    for (const headers of attempts) {
      const answer = await raw('POST', '/_fdk/sandbox/freshdesk/mode', headers, modeBody);
      expect([headers, answer.status]).toEqual([headers, expect.any(Number)]);
      expect(answer.status === 403 || answer.status === 415).toBe(true);
    }
    await expect(freshdeskMode()).resolves.toBe('none');
    for (const route of [
      '/_fdk/simulate',
      '/_fdk/clock/advance',
      '/_fdk/iparams',
      '/_fdk/invoke/retryAllFailed',
      '/_fdk/template/freshdeskVerifyCredentials',
    ])
      expect((await raw('POST', route, attempts[0], '{}')).status).toBe(415);
    expect((await raw('POST', '/_fdk/sandbox/freshdesk/mode', sameOrigin(), modeBody)).status).toBe(200);
    await expect(freshdeskMode()).resolves.toBe('server_error');
    await raw('POST', '/_fdk/sandbox/freshdesk/mode', sameOrigin(), JSON.stringify({ mode: 'none' }));
  });

  test('under another host name (DNS rebinding) nothing is served: no token, no history, no settings', async () => {
    for (const host of [
      `evil.example:${sim.server.port}`,
      'evil.example',
      `127.0.0.1:${sim.server.port + 1}`,
      `localhost.evil.example:${sim.server.port}`,
    ]) {
      for (const pathname of ['/web/test', '/_fdk/client.js', '/_fdk/watch', '/custom_configs'])
        expect([host, pathname, (await raw('GET', pathname, { Host: host })).status]).toEqual([host, pathname, 421]);
      const post = await raw('POST', '/_fdk/invoke/listActivities', { ...sameOrigin(), Host: host, Origin: `http://${host}` }, '{}');
      expect(post.status).toBe(421);
      expect(post.text).not.toContain(sim.server.token);
    }
    for (const host of [own(), `localhost:${sim.server.port}`]) expect((await raw('GET', '/web/test', { Host: host })).status).toBe(200);
  });

  test('another site may link to the pages but not load the client script that holds the token', async () => {
    const page = await raw('GET', '/web/test', { Host: own(), 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' });
    expect(page.status).toBe(200);
    const script = await raw('GET', '/_fdk/client.js', { Host: own(), 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' });
    expect(script.status).toBe(403);
    expect(script.text).not.toContain(sim.server.token);
  });
});

describe('live mode never sends the sandbox quick-start values to the real vendors', () => {
  test('--live refuses to start with them, naming each one and what to do', async () => {
    const dir = tempDir();
    const iparamsFile = path.join(dir, 'iparam_test_data.json');
    fs.writeFileSync(iparamsFile, JSON.stringify(SANDBOX_IPARAMS));
    try {
      const starting = startSimulatorServer({ live: true, port: 0, iparamsFile, stateDir: false });
      await expect(starting).rejects.toThrow(SandboxValuesError);
      await expect(starting).rejects.toThrow(
        /^Live mode talks to the real Freshdesk and CustomerGauge, but freshdesk_subdomain, freshdesk_api_key, cg_client_id, cg_client_secret, cg_client_credentials still hold the sandbox's quick-start values\. Save your real accounts on the installation page/,
      );
      fs.writeFileSync(iparamsFile, JSON.stringify({ ...SANDBOX_IPARAMS, freshdesk_subdomain: 'acme', freshdesk_api_key: 'real-key' }));
      await expect(startSimulatorServer({ live: true, port: 0, iparamsFile, stateDir: false })).rejects.toThrow(
        /but cg_client_id, cg_client_secret, cg_client_credentials still hold/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a live installation page cannot save them either', async () => {
    const live = await startRecordingServer({ live: true, stateDir: false });
    try {
      const { status, json } = await live.post('/_fdk/iparams', {
        ...SANDBOX_IPARAMS,
        freshdesk_subdomain: 'acme',
        freshdesk_api_key: 'real',
      });
      expect(status).toBe(400);
      expect(json.message).toMatch(/but cg_client_id, cg_client_secret, cg_client_credentials still hold/);
      expect(fs.existsSync(live.iparamsFile)).toBe(false);
    } finally {
      await stopRecordingServer(live);
    }
  });
});
