/**
 * The local stand-in for `fdk run`: one node:http server with the installation page, the event
 * simulator, the sidebar and the FDK client endpoints, on top of the repo's own platform runtime.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { APP_DIR, startLocalApp, type LocalApp } from '../local-app';
import { ManualClock, type Clock, type LogLevel } from '../runtime';
import type { FaultMode } from '../sandbox';
import { clientShimSource } from './client-shim';
import { HttpError, isPlainObject, readJson, send, sendHtml, sendJson } from './http';
import { installationPageHtml } from './iparams-config';
import { IparamsStore } from './iparams-store';
import { customConfigsPage } from './pages/custom-configs';
import { homePage } from './pages/home';
import { FAULT_MODES, SANDBOX_NAMES, webTestPage, type SandboxName } from './pages/web-test';
import { formatReport, hasFailure, Simulator } from './simulation';
import { contentTypeOf, resolveStatic, rewriteAppHtml } from './static';

export interface SimulatorServer {
  url: string;
  port: number;
  local: LocalApp;
  close(): Promise<void>;
}

export interface SimulatorServerOptions {
  /** 0 = any free port; default env PORT or 10001 (fdk run's port) */
  port?: number;
  host?: string;
  /** default <repo>/config/iparam_test_data.json (git-ignored) */
  iparamsFile?: string;
  clock?: Clock;
  /** real Freshdesk/CustomerGauge with the saved iparams; default env FDK_LIVE=1 */
  live?: boolean;
  /** $db/$schedule state; default <repo>/.local/db.json, false keeps it in memory */
  dbFile?: string | false;
  /** the app's console output */
  log?: (level: LogLevel, text: string) => void;
  /** how often due $schedule retries fire by themselves (default 5 s) */
  scheduleTickMs?: number;
}

/** The port is taken; the message says what to do, since this is what a newcomer hits first. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is in use: stop the other process or run PORT=${port + 1} npm start`);
  }
}

export const DEFAULT_PORT = 10001;
/** How often due $schedule retries fire by themselves, like the platform's scheduler would. */
const SCHEDULE_TICK_MS = 5000;
const CRAYONS_DIR = path.join(APP_DIR, 'node_modules', '@freshworks', 'crayons', 'dist', 'crayons');
const TEST_DATA_DIR = path.join(APP_DIR, 'test_data');
/** What client.instance.context() answers in the conversation sidebar. */
const SIDEBAR_CONTEXT = { location: 'conversation_user_info', product: 'freshchat', data: {} };

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, params: string[]) => Promise<void>;
interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle: Handler;
}

function defaultPort(): number {
  const fromEnv = Number(process.env.PORT);
  return process.env.PORT && Number.isInteger(fromEnv) ? fromEnv : DEFAULT_PORT;
}

export async function startSimulatorServer(opts: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const live = opts.live ?? process.env.FDK_LIVE === '1';
  const iparamsFile = opts.iparamsFile ?? path.join(APP_DIR, 'config', 'iparam_test_data.json');
  const dbFile = opts.dbFile === false ? undefined : (opts.dbFile ?? path.join(APP_DIR, '.local', 'db.json'));
  // Read the iparams before starting anything, so a broken file fails fast with nothing to clean up.
  const store = new IparamsStore(iparamsFile);
  const local = await startLocalApp({ clock: opts.clock, live, iparams: store.effective(live), dbFile, log: opts.log });
  const app = new SimulatorApp(local, store, live, dbFile);

  const server = http.createServer((req, res) => void app.dispatch(req, res));
  try {
    await listen(server, opts.port ?? defaultPort(), opts.host ?? '127.0.0.1');
  } catch (err) {
    await local.close();
    throw err;
  }
  const timer = setInterval(() => {
    app.fireDue(false).catch((err: Error) => opts.log?.('error', `scheduled retries could not run: ${err.message}`));
  }, opts.scheduleTickMs ?? SCHEDULE_TICK_MS);
  timer.unref();

  const { port, address } = server.address() as AddressInfo;
  const shownHost = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    local,
    close: async () => {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Sandboxes first: that ends any request hanging on a fault, so the runtime work settles quickly.
      await local.close();
      await app.idle();
    },
  };
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err));
    server.listen(port, host, () => resolve());
  });
}

/** Request handling, with the state the routes share. */
class SimulatorApp {
  private readonly simulator: Simulator;
  private readonly modes: Record<SandboxName, FaultMode> = { freshdesk: 'none', customergauge: 'none' };
  /** Runtime work runs one at a time so each report sees only its own requests. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly routes: Route[] = [
    { method: 'GET', pattern: /^\/$/, handle: (_q, res) => this.home(res) },
    { method: 'GET', pattern: /^\/custom_configs\/?$/, handle: (_q, res) => this.customConfigs(res) },
    { method: 'GET', pattern: /^\/custom_configs\/form$/, handle: async (_q, res) => sendHtml(res, 200, installationPageHtml(APP_DIR)) },
    { method: 'GET', pattern: /^\/custom_configs\/assets\/(.+)$/, handle: (_q, res, [file]) => serveFile(res, path.join(APP_DIR, 'config', 'assets'), file) },
    { method: 'GET', pattern: /^\/web\/test\/?$/, handle: (_q, res) => this.webTest(res) },
    { method: 'GET', pattern: /^\/app$/, handle: async (_q, res) => redirect(res, '/app/') },
    { method: 'GET', pattern: /^\/app\/(.*)$/, handle: (_q, res, [file]) => this.appFile(res, file) },
    { method: 'GET', pattern: /^\/_fdk\/client\.js$/, handle: (_q, res) => this.clientShim(res) },
    { method: 'GET', pattern: /^\/_fdk\/crayons\/(.+)$/, handle: (_q, res, [file]) => serveFile(res, CRAYONS_DIR, file) },
    { method: 'POST', pattern: /^\/_fdk\/iparams$/, handle: (req, res) => this.saveIparams(req, res) },
    { method: 'POST', pattern: /^\/_fdk\/invoke\/([A-Za-z0-9_]+)$/, handle: (req, res, [name]) => this.invoke(req, res, name) },
    { method: 'POST', pattern: /^\/_fdk\/template\/([A-Za-z0-9_]+)$/, handle: (req, res, [name]) => this.template(req, res, name) },
    { method: 'POST', pattern: /^\/_fdk\/simulate$/, handle: (req, res) => this.simulate(req, res) },
    { method: 'POST', pattern: /^\/_fdk\/schedules\/run$/, handle: (_q, res) => this.runDue(res) },
    { method: 'POST', pattern: /^\/_fdk\/sandbox\/([a-z]+)\/mode$/, handle: (req, res, [name]) => this.setMode(req, res, name) },
  ];

  constructor(
    private readonly local: LocalApp,
    private readonly store: IparamsStore,
    private readonly live: boolean,
    private readonly dbFile: string | undefined,
  ) {
    this.simulator = new Simulator(local);
  }

  async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      const matching = this.routes.filter((r) => r.pattern.test(pathname));
      if (matching.length === 0) throw new HttpError(404, `Nothing at ${pathname}. Start from /`);
      const route = matching.find((r) => r.method === req.method);
      if (!route) throw new HttpError(405, `${req.method} is not supported on ${pathname}`);
      await route.handle(req, res, route.pattern.exec(pathname)!.slice(1));
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      const status = err instanceof HttpError ? err.status : 500;
      const body = err instanceof HttpError && err.body !== undefined ? err.body : { status, message: (err as Error).message };
      sendJson(res, status, body);
    }
  }

  /** Queues runtime work behind whatever is running; a failure does not block later work. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  idle(): Promise<unknown> {
    return this.queue;
  }

  /**
   * Fires the $schedule retries that are due. From the button on a manual clock (tests), time
   * first jumps to the next fire time, since it would otherwise never come.
   */
  fireDue(advance: boolean): Promise<{ fired: number; pending: number; nextAt: number | undefined }> {
    return this.serial(async () => {
      const { runtime } = this.local;
      const next = runtime.schedules.nextFireAt();
      if (advance && runtime.clock instanceof ManualClock && next !== undefined && next > runtime.clock.now()) runtime.clock.set(next);
      const fired = await runtime.fireDueSchedules();
      return { fired, pending: runtime.schedules.list().length, nextAt: runtime.schedules.nextFireAt() };
    });
  }

  private async home(res: http.ServerResponse): Promise<void> {
    sendHtml(
      res,
      200,
      homePage({
        live: this.live,
        iparamsSaved: this.store.saved,
        iparamsFile: path.relative(APP_DIR, this.store.file) || this.store.file,
        freshdeskUrl: this.local.freshdesk.url,
        customerGaugeUrl: this.local.customerGauge.url,
        dbFile: this.dbFile && path.relative(APP_DIR, this.dbFile),
      }),
    );
  }

  private async customConfigs(res: http.ServerResponse): Promise<void> {
    sendHtml(res, 200, customConfigsPage({ live: this.live, configs: this.store.publicValues() }));
  }

  private async webTest(res: http.ServerResponse): Promise<void> {
    const names = fs.readdirSync(TEST_DATA_DIR).filter((n) => n.endsWith('.json')).sort();
    const payloads = names.map((name) => ({ name, text: fs.readFileSync(path.join(TEST_DATA_DIR, name), 'utf8') }));
    sendHtml(res, 200, webTestPage({ live: this.live, payloads, modes: { ...this.modes } }));
  }

  private async appFile(res: http.ServerResponse, file: string): Promise<void> {
    const found = await resolveStatic(path.join(APP_DIR, 'app'), file);
    if (!found) throw new HttpError(404, `app/${file} not found${file === '' ? ' (app/index.html is missing)' : ''}`);
    if (found.endsWith('.html')) return send(res, 200, contentTypeOf(found), rewriteAppHtml(fs.readFileSync(found, 'utf8')));
    send(res, 200, contentTypeOf(found), fs.readFileSync(found));
  }

  private async clientShim(res: http.ServerResponse): Promise<void> {
    send(res, 200, 'text/javascript; charset=utf-8', clientShimSource({ iparams: this.store.publicValues(), context: SIDEBAR_CONTEXT }));
  }

  private async saveIparams(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const result = this.store.save(await readJson(req));
    if (!result.ok) return sendJson(res, 400, { message: result.message });
    this.local.runtime.setIparams(this.store.effective(this.live));
    // What getConfigs gets on the next "Edit settings": never a secure value.
    sendJson(res, 200, { saved: true, configs: this.store.publicValues() });
  }

  /** client.request.invoke: FDK resolves with { requestID, response } and rejects with renderData's error. */
  private async invoke(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    const args = await readJson(req);
    if (!isPlainObject(args)) throw new HttpError(400, 'Server method arguments must be a JSON object');
    const result = await this.serial(() => this.local.runtime.invokeServerMethod(method, args));
    if (result.ok) return sendJson(res, 200, { requestID: `local-${Date.now()}`, response: result.data });
    const error = isPlainObject(result.error) ? result.error : { message: String(result.error) };
    sendJson(res, httpStatus(error.status), { status: error.status ?? 500, message: error.message ?? 'Server method failed' });
  }

  /** client.request.invokeTemplate: resolves { status, headers, response }, rejects with the failure. */
  private async template(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    const options = await readJson(req);
    if (!isPlainObject(options)) throw new HttpError(400, 'invokeTemplate options must be a JSON object');
    try {
      sendJson(res, 200, await this.serial(() => this.local.runtime.invokeTemplate(name, options as { context?: Record<string, unknown>; body?: string })));
    } catch (err) {
      const failure = isPlainObject(err) ? err : { status: 500, message: (err as Error).message };
      sendJson(res, httpStatus(failure.status), failure);
    }
  }

  private async simulate(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const payload = await readJson(req);
    if (!isPlainObject(payload)) throw new HttpError(400, 'The payload must be a JSON object');
    const report = await this.serial(() => this.simulator.fire(payload));
    sendJson(res, 200, { ...report, failed: hasFailure(report), text: formatReport(report) });
  }

  private async runDue(res: http.ServerResponse): Promise<void> {
    const { fired, pending, nextAt } = await this.fireDue(true);
    const next = nextAt === undefined ? '' : `, next due at ${new Date(nextAt).toISOString()}`;
    sendJson(res, 200, { fired, pending, next_at: nextAt ?? null, summary: `Fired ${fired} due schedule(s); ${pending} pending${next}.` });
  }

  private async setMode(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    if (!(SANDBOX_NAMES as readonly string[]).includes(name)) throw new HttpError(404, `No sandbox named ${name}: use ${SANDBOX_NAMES.join(' or ')}`);
    const body = await readJson(req);
    const mode = isPlainObject(body) ? body.mode : undefined;
    if (!FAULT_MODES.includes(mode as FaultMode)) throw new HttpError(400, `mode must be one of ${FAULT_MODES.join(', ')}`);
    const sandbox = name === 'freshdesk' ? this.local.freshdesk : this.local.customerGauge;
    sandbox.setMode(mode as FaultMode);
    this.modes[name as SandboxName] = mode as FaultMode;
    sendJson(res, 200, { sandbox: name, mode });
  }
}

/** Error statuses pass through when they are real HTTP error codes (a network failure can be 0). */
function httpStatus(status: unknown): number {
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 502;
}

function redirect(res: http.ServerResponse, location: string): void {
  res.writeHead(302, { Location: location });
  res.end();
}

async function serveFile(res: http.ServerResponse, root: string, file: string): Promise<void> {
  const found = await resolveStatic(root, file);
  if (!found) throw new HttpError(404, `${file} not found`);
  send(res, 200, contentTypeOf(found), fs.readFileSync(found));
}
