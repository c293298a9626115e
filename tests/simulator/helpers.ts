/** Shared set-up for the simulator tests: a server on a free port with its files in a temp dir. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_DIR } from '../../simulator/local-app';
import { startSimulatorServer, type SimulatorServer, type SimulatorServerOptions } from '../../simulator/web/server';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fdk-sim-'));
}

export function testPayload(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(APP_DIR, 'test_data', name), 'utf8')) as Record<string, unknown>;
}

/** A copy of the Intelliassign payload with another status: a different event for the dedup. */
export function intelliassignWithStatus(status: string, minute: number): Record<string, unknown> {
  const payload = testPayload('onAgentActivityCreate.intelliassign.json') as { data: { agent_activity: Record<string, unknown> } };
  Object.assign(payload.data.agent_activity, {
    status,
    status_change_timestamp: `2026-11-23T10:${String(minute).padStart(2, '0')}:00.000Z`,
  });
  return payload;
}

export interface RecordingClient {
  server: SimulatorServer;
  dir: string;
  iparamsFile: string;
  /** Every body any request of this client got back, to look for leaked secrets. */
  bodies: string[];
  get(pathname: string): Promise<{ status: number; text: string; type: string | null }>;
  post<T = any>(pathname: string, body: unknown): Promise<{ status: number; json: T }>;
}

export async function startRecordingServer(options: SimulatorServerOptions = {}): Promise<RecordingClient> {
  const dir = tempDir();
  const iparamsFile = path.join(dir, 'iparam_test_data.json');
  const server = await startSimulatorServer({ port: 0, iparamsFile, stateDir: path.join(dir, 'state'), ...options });
  const bodies: string[] = [];
  return {
    server,
    dir,
    iparamsFile,
    bodies,
    async get(pathname) {
      const res = await fetch(server.url + pathname);
      const text = await res.text();
      bodies.push(text);
      return { status: res.status, text, type: res.headers.get('content-type') };
    },
    async post(pathname, body) {
      const res = await fetch(server.url + pathname, {
        method: 'POST',
        // As the simulator's own pages send it: same origin, with the run's token.
        headers: { 'Content-Type': 'application/json', Origin: server.url, 'X-FDK-Token': server.token },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      bodies.push(text);
      return { status: res.status, json: JSON.parse(text) };
    },
  };
}

/** Stops a server of startRecordingServer and removes its files. */
export async function stopRecordingServer(sim: RecordingClient | undefined): Promise<void> {
  if (!sim) return;
  await sim.server.close();
  fs.rmSync(sim.dir, { recursive: true, force: true });
}
