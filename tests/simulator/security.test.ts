/**
 * What a web page the developer visits, or another user of the machine, can do to the simulator:
 * requests as a browser or an HTTP client would send them, files as the file system holds them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR } from '../../simulator/local-app';
import { ManualClock } from '../../simulator/runtime';
import { intelliassignWithStatus, startRecordingServer, type RecordingClient } from './helpers';

const mode = (file: string): string => (fs.statSync(file).mode & 0o777).toString(8);

let sim: RecordingClient;
beforeAll(async () => {
  sim = await startRecordingServer({ clock: new ManualClock(Date.parse('2026-11-23T11:00:00Z')) });
});
afterAll(async () => {
  await sim.server.close();
  fs.rmSync(sim.dir, { recursive: true, force: true });
});

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
      await again.server.close();
      fs.rmSync(again.dir, { recursive: true, force: true });
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
