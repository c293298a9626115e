/** Test harness: the built app in the local runtime against the sandbox destinations, on a manual clock. */
import fs from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../simulator/runtime';
import { APP_DIR, startLocalApp, type LocalApp, type LocalAppOptions } from '../../simulator/local-app';

export const START = Date.parse('2026-11-23T11:00:00Z');

export function loadPayload(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(APP_DIR, 'test_data', name), 'utf8')) as Record<string, unknown>;
}

export const intelliassign = () => loadPayload('onAgentActivityCreate.intelliassign.json');
export const generalAvailability = () => loadPayload('onAgentActivityCreate.general-availability.json');

export interface TestApp extends LocalApp {
  clock: ManualClock;
  logs: string[];
  fire(payload: Record<string, unknown>): Promise<void>;
  call<T = any>(method: string, args?: Record<string, unknown>): Promise<T>;
  callError(method: string, args?: Record<string, unknown>): Promise<{ status: number; message: string }>;
}

export async function startTestApp(options: LocalAppOptions = {}): Promise<TestApp> {
  const clock = new ManualClock(START);
  const logs: string[] = [];
  // A hung vendor request times out after 2 s: short enough for hang tests, long enough that a loaded CI machine does not time out a healthy one.
  const local = await startLocalApp({ clock, requestTimeoutMs: 2000, log: (level, text) => logs.push(`${level}: ${text}`), ...options });
  const fire = async (payload: Record<string, unknown>) => {
    const result = await local.runtime.invokeEvent('onAgentActivityCreate', payload);
    if (!result.ok) throw new Error(`handler failed: ${JSON.stringify(result.error)}`);
  };
  const invoke = (method: string, args: Record<string, unknown> = {}) => local.runtime.invokeServerMethod(method, args);
  const call = async (method: string, args?: Record<string, unknown>) => {
    const result = await invoke(method, args);
    if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
    return result.data as any;
  };
  const callError = async (method: string, args?: Record<string, unknown>) => {
    const result = await invoke(method, args);
    if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
    return result.error as { status: number; message: string };
  };
  return { ...local, clock, logs, fire, call, callError };
}

/** Activities of the history, newest first (one page of 100). */
export async function history(app: TestApp, filter: Record<string, unknown> = {}): Promise<any[]> {
  const page = await app.call('listActivities', { page: { size: 100 }, filter });
  return page.activities;
}

export function withChange(payload: Record<string, unknown>, change: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(payload));
  Object.assign(copy.data.agent_activity, change);
  return copy;
}

/** A distinct event per index: another agent changing status a second later. */
export function agentEvent(i: number): Record<string, unknown> {
  const payload = withChange(intelliassign(), {
    org_agent_id: `agent-${i}`,
    email: `agent${i}@example.com`,
    status_change_timestamp: new Date(Date.parse('2026-11-23T10:45:00Z') + i * 1000).toISOString(),
  });
  (payload as { data: { actor: Record<string, unknown> } }).data.actor.email = `agent${i}@example.com`;
  return payload;
}
