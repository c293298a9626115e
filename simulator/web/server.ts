/**
 * The local stand-in for `fdk run`: one node:http server with the installation page, the event
 * simulator, the sidebar and the FDK client endpoints, on top of the repo's own platform runtime.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DESCRIPTORS } from '../../src/shared/destinations';
import {
  APP_DIR,
  FAKE_VENDOR_NAMES,
  refuseSandboxValues,
  runtimeIparams,
  SandboxValuesError,
  startLocalApp,
  type FakeVendorName,
  type LocalApp,
} from '../local-app';
import { SystemClock, type Clock, type LogLevel, type PlatformRules } from '../runtime';
import { FAULT_MODES, type FaultMode } from '../fake-vendors';
import { pendingDeliveries } from './app-store';
import { advanceClock, isSettable, ShiftedClock } from './clock-control';
import { clientShimSource } from './client-shim';
import { HttpError, isPlainObject, readJson, send, sendHtml, sendJson } from './http';
import { installationPageHtml } from './iparams-config';
import { checkRequest, newRunToken } from './request-guard';
import { IparamsStore } from './iparams-store';
import { customConfigsPage } from './pages/custom-configs';
import { homePage } from './pages/home';
import { webTestPage } from './pages/web-test';
import {
  checkLocalStore,
  localStore,
  secureLocalStore,
  readClockOffset,
  resetLocalStore,
  writeClockOffset,
  type LocalStore,
} from './local-store';
import { formatReport, hasFailure, reportState, Simulator, type SimulationReport, type SimulationRun } from './simulation';
import { contentTypeOf, crayonsIcon, resolveStatic, rewriteAppHtml, rewriteCrayonsScript } from './static';

export interface SimulatorServer {
  url: string;
  port: number;
  /** this run's secret: the pages send it with every state-changing request (./request-guard) */
  token: string;
  local: LocalApp;
  /** where this mode's state lives; undefined when it is kept in memory */
  store: LocalStore | undefined;
  close(): Promise<void>;
}

export interface SimulatorServerOptions {
  /** 0 = any free port; default env PORT or 10001 (fdk run's port) */
  port?: number;
  host?: string;
  /** default <repo>/config/iparam_test_data.json (git-ignored) */
  iparamsFile?: string;
  /** default: real time in live mode; in sandbox mode real time plus what the clock control added */
  clock?: Clock;
  /** the real vendors with the saved iparams; default env FDK_LIVE=1 */
  live?: boolean;
  /** where each mode keeps its state (<dir>/sandbox/, <dir>/live/); default <repo>/.local, false keeps it in memory */
  stateDir?: string | false;
  /** start this mode's state afresh (npm start -- --reset) */
  reset?: boolean;
  /** the app's console output */
  log?: (level: LogLevel, text: string) => void;
  /** how often due $schedule retries fire by themselves (default 5 s) */
  scheduleTickMs?: number;
  /** the platform's request timeout (default 15 s); tests shorten it to watch a hanging fake */
  requestTimeoutMs?: number;
  /** the runtime's readings of the unsettled platform rules; tests flip one to show the app detecting it */
  platformRules?: Partial<PlatformRules>;
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

/** The clock the simulator runs on: the given one, real time when live, else real time shifted by the clock control. */
function simulatorClock(opts: SimulatorServerOptions, live: boolean, store: LocalStore | undefined): Clock | undefined {
  if (opts.clock || live) return opts.clock;
  return new ShiftedClock(store ? readClockOffset(store) : 0);
}

export async function startSimulatorServer(opts: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const live = opts.live ?? process.env.FDK_LIVE === '1';
  const iparamsFile = opts.iparamsFile ?? path.join(APP_DIR, 'config', 'iparam_test_data.json');
  const stateDir = opts.stateDir ?? path.join(APP_DIR, '.local');
  const state = stateDir === false ? undefined : localStore(stateDir, live);
  if (state && opts.reset) resetLocalStore(state);
  // Read every file before starting anything, so a broken one fails fast with nothing to clean up.
  if (state) checkLocalStore(state);
  if (state) secureLocalStore(state);
  const store = new IparamsStore(iparamsFile);
  const clock = simulatorClock(opts, live, state);
  const local = await startLocalApp({
    clock,
    live,
    iparams: runtimeIparams(store.effective(live), live),
    dbFile: state?.dbFile,
    log: opts.log,
    requestTimeoutMs: opts.requestTimeoutMs,
    platformRules: opts.platformRules,
  });
  const token = newRunToken();
  const app = new SimulatorApp(local, store, live, state, token);

  const server = http.createServer((req, res) => void app.dispatch(req, res));
  try {
    await listen(server, opts.port ?? defaultPort(), opts.host ?? '127.0.0.1');
  } catch (err) {
    await local.close();
    throw err;
  }
  const { port, address } = server.address() as AddressInfo;
  app.port = port;
  const timer = setInterval(() => app.tick(opts.log), opts.scheduleTickMs ?? SCHEDULE_TICK_MS);
  timer.unref();

  const shownHost = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    token,
    local,
    store: state,
    close: async () => {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // The fake vendors first: that ends any request hanging on a fault, so the runtime work settles quickly.
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

/** What /web/test polls: the simulator clock, the delivery work still scheduled and the last simulated event. */
export interface WatchState {
  /** ahead_ms: how far the clock control moved npm start's clock (null for a test's manual clock) */
  clock: { now: string; ahead_ms: number | null; adjustable: boolean };
  /** events held in write-ahead copies and pushes waiting in the history, and when the next of them runs (housekeeping left out) */
  deliveries: { pending: number; next_at: string | null };
  report: (SimulationReport & { state: string; text: string }) | null;
}

/** The clock control moves time by at most a day per click. */
const MAX_ADVANCE_MS = 24 * 60 * 60 * 1000;

/**
 * Request handling, with the state the routes share. Nothing here waits for other work: a
 * destination hanging on a fault holds up only the invocation that called it, never the pages,
 * the sidebar, the installation page or the other destination.
 */
class SimulatorApp {
  private readonly simulator: Simulator;
  private readonly modes = Object.fromEntries(FAKE_VENDOR_NAMES.map((name) => [name, 'none'])) as Record<FakeVendorName, FaultMode>;
  /** The event last simulated from /web/test, followed through its retries. */
  private current: SimulationRun | undefined;
  /** Runtime work still running, so close() can wait for it. */
  private readonly running = new Set<Promise<unknown>>();
  private ticking = false;
  /** known once the server listens; requests must name it in their Host */
  port = 0;
  private readonly routes: Route[] = [
    { method: 'GET', pattern: /^\/$/, handle: (_q, res) => this.home(res) },
    { method: 'GET', pattern: /^\/custom_configs\/?$/, handle: (_q, res) => this.customConfigs(res) },
    { method: 'GET', pattern: /^\/custom_configs\/form$/, handle: async (_q, res) => sendHtml(res, 200, installationPageHtml(APP_DIR)) },
    {
      method: 'GET',
      pattern: /^\/custom_configs\/assets\/(.+)$/,
      handle: (_q, res, [file]) => serveFile(res, path.join(APP_DIR, 'config', 'assets'), file),
    },
    { method: 'GET', pattern: /^\/web\/test\/?$/, handle: (_q, res) => this.webTest(res) },
    { method: 'GET', pattern: /^\/app$/, handle: async (_q, res) => redirect(res, '/app/') },
    { method: 'GET', pattern: /^\/app\/(.*)$/, handle: (_q, res, [file]) => this.appFile(res, file) },
    { method: 'GET', pattern: /^\/_fdk\/client\.js$/, handle: (_q, res) => this.clientShim(res) },
    { method: 'GET', pattern: /^\/_fdk\/crayons\/(.+)$/, handle: (_q, res, [file]) => serveCrayons(res, file) },
    {
      method: 'GET',
      pattern: /^\/_fdk\/crayons-icon\/icons\/([a-z0-9-]+)\.svg$/,
      handle: (_q, res, [name]) => serveCrayonsIcon(res, name),
    },
    { method: 'GET', pattern: /^\/_fdk\/watch$/, handle: (_q, res) => this.watch(res) },
    { method: 'POST', pattern: /^\/_fdk\/iparams$/, handle: (req, res) => this.saveIparams(req, res) },
    { method: 'POST', pattern: /^\/_fdk\/invoke\/([A-Za-z0-9_]+)$/, handle: (req, res, [name]) => this.invoke(req, res, name) },
    { method: 'POST', pattern: /^\/_fdk\/template\/([A-Za-z0-9_]+)$/, handle: (req, res, [name]) => this.template(req, res, name) },
    { method: 'POST', pattern: /^\/_fdk\/simulate$/, handle: (req, res) => this.simulate(req, res) },
    { method: 'POST', pattern: /^\/_fdk\/clock\/advance$/, handle: (req, res) => this.advance(req, res) },
    { method: 'POST', pattern: /^\/_fdk\/sandbox\/([a-z]+)\/mode$/, handle: (req, res, [name]) => this.setMode(req, res, name) },
  ];

  constructor(
    private readonly local: LocalApp,
    private readonly store: IparamsStore,
    private readonly live: boolean,
    private readonly state: LocalStore | undefined,
    private readonly token: string,
  ) {
    this.simulator = new Simulator(local);
  }

  async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      checkRequest(req, this.port, this.token);
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

  /** Runs runtime work alongside whatever else runs, remembering it for idle(). */
  private track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    void work.catch(() => undefined).then(() => this.running.delete(work));
    return work;
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Timer: fires the due $schedule retries, like the platform's scheduler; skipped while the last round still runs. */
  tick(log?: (level: LogLevel, text: string) => void): void {
    if (this.ticking) return;
    this.ticking = true;
    this.track(this.local.runtime.fireDueSchedules())
      .catch((err: Error) => log?.('error', `scheduled retries could not run: ${err.message}`))
      .finally(() => (this.ticking = false));
  }

  /** The clock, the delivery work still scheduled (not the app's housekeeping) and the watched event, read from the store. */
  private watchState(): WatchState {
    const { runtime } = this.local;
    const now = runtime.clock.now();
    const work = pendingDeliveries(runtime);
    // Soonest first, what no schedule runs yet last.
    const next = work[0]?.at ?? null;
    const report = this.current?.report();
    return {
      clock: { now: new Date(now).toISOString(), ahead_ms: aheadOf(runtime.clock), adjustable: !this.live && isSettable(runtime.clock) },
      deliveries: { pending: work.length, next_at: next === null ? null : new Date(next).toISOString() },
      report: report ? { ...report, state: reportState(report), text: formatReport(report) } : null,
    };
  }

  private async watch(res: http.ServerResponse): Promise<void> {
    sendJson(res, 200, this.watchState());
  }

  private async home(res: http.ServerResponse): Promise<void> {
    sendHtml(
      res,
      200,
      homePage({
        live: this.live,
        iparamsSaved: this.store.saved,
        iparamsFile: repoPath(this.store.file),
        fakes: DESCRIPTORS.map((d) => ({ label: d.label, url: this.local.fakes[d.id].url })),
        stateDir: this.state && repoPath(this.state.dir),
      }),
    );
  }

  private async customConfigs(res: http.ServerResponse): Promise<void> {
    sendHtml(res, 200, customConfigsPage({ live: this.live, configs: this.store.publicValues(), token: this.token }));
  }

  private async webTest(res: http.ServerResponse): Promise<void> {
    const names = fs
      .readdirSync(TEST_DATA_DIR)
      .filter((n) => n.endsWith('.json'))
      .sort();
    const payloads = names.map((name) => ({ name, text: fs.readFileSync(path.join(TEST_DATA_DIR, name), 'utf8') }));
    sendHtml(res, 200, webTestPage({ live: this.live, payloads, modes: { ...this.modes }, watch: this.watchState(), token: this.token }));
  }

  private async appFile(res: http.ServerResponse, file: string): Promise<void> {
    const found = await resolveStatic(path.join(APP_DIR, 'app'), file);
    if (!found) throw new HttpError(404, `app/${file} not found${file === '' ? ' (app/index.html is missing)' : ''}`);
    if (found.endsWith('.html')) return send(res, 200, contentTypeOf(found), rewriteAppHtml(fs.readFileSync(found, 'utf8')));
    send(res, 200, contentTypeOf(found), fs.readFileSync(found));
  }

  private async clientShim(res: http.ServerResponse): Promise<void> {
    send(
      res,
      200,
      'text/javascript; charset=utf-8',
      clientShimSource({ iparams: this.store.publicValues(), context: SIDEBAR_CONTEXT, token: this.token }),
    );
  }

  private async saveIparams(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readJson(req);
    if (this.live && isPlainObject(body)) refuseLiveSandboxValues(body);
    const result = this.store.save(body);
    if (!result.ok) return sendJson(res, 400, { message: result.message });
    this.local.runtime.setIparams(runtimeIparams(this.store.effective(this.live), this.live));
    // What getConfigs gets on the next "Edit settings": never a secure value.
    sendJson(res, 200, { saved: true, configs: this.store.publicValues() });
  }

  /** client.request.invoke: FDK resolves with { requestID, response } and rejects with renderData's error. */
  private async invoke(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    const args = await readJson(req);
    if (!isPlainObject(args)) throw new HttpError(400, 'Server method arguments must be a JSON object');
    const result = await this.track(this.local.runtime.invokeServerMethod(method, args));
    if (result.ok) return sendJson(res, 200, { requestID: `local-${Date.now()}`, response: result.data });
    const error = isPlainObject(result.error) ? result.error : { message: String(result.error) };
    sendJson(res, httpStatus(error.status), { status: error.status ?? 500, message: error.message ?? 'Server method failed' });
  }

  /** client.request.invokeTemplate: resolves { status, headers, response }, rejects with the failure. */
  private async template(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    const options = await readJson(req);
    if (!isPlainObject(options)) throw new HttpError(400, 'invokeTemplate options must be a JSON object');
    try {
      sendJson(
        res,
        200,
        await this.track(this.local.runtime.invokeTemplate(name, options as { context?: Record<string, unknown>; body?: string })),
      );
    } catch (err) {
      const failure = isPlainObject(err) ? err : { status: 500, message: (err as Error).message };
      sendJson(res, httpStatus(failure.status), failure);
    }
  }

  private async simulate(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const payload = await readJson(req);
    if (!isPlainObject(payload)) throw new HttpError(400, 'The payload must be a JSON object');
    const run = this.simulator.start(payload);
    this.current = run;
    await this.track(run.done);
    const report = run.report();
    sendJson(res, 200, { ...report, failed: hasFailure(report), state: reportState(report), text: formatReport(report) });
  }

  /**
   * The clock control: `{ms}` moves the simulator clock ahead, `{to: 'next'}` to the next delivery
   * (the write-ahead copy or drain that runs the next delivery work); everything due on the way
   * fires at its own time.
   */
  private async advance(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { clock } = this.local.runtime;
    if (this.live || !isSettable(clock))
      throw new HttpError(409, 'The clock runs on real time in live mode: retries reach the real vendors when they are due');
    const body = await readJson(req);
    const next = pendingDeliveries(this.local.runtime)[0]?.at ?? undefined;
    const ms =
      isPlainObject(body) && body.to === 'next'
        ? Math.max(0, (next ?? clock.now()) - clock.now())
        : isPlainObject(body)
          ? body.ms
          : undefined;
    if (typeof ms !== 'number' || !(ms >= 0 && ms <= MAX_ADVANCE_MS))
      throw new HttpError(400, 'Send {"ms": <0 to 86400000>} or {"to": "next"}');
    const fired = await this.track(advanceClock(this.local, clock, ms));
    if (this.state && clock instanceof ShiftedClock) writeClockOffset(this.state, clock.offsetMs);
    sendJson(res, 200, { fired, ...this.watchState() });
  }

  private async setMode(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    if (!(FAKE_VENDOR_NAMES as readonly string[]).includes(name))
      throw new HttpError(404, `No fake vendor named ${name}: use ${FAKE_VENDOR_NAMES.join(' or ')}`);
    const body = await readJson(req);
    const mode = isPlainObject(body) ? body.mode : undefined;
    if (!FAULT_MODES.includes(mode as FaultMode)) throw new HttpError(400, `mode must be one of ${FAULT_MODES.join(', ')}`);
    this.local.fakes[name as FakeVendorName].setMode(mode as FaultMode);
    this.modes[name as FakeVendorName] = mode as FaultMode;
    sendJson(res, 200, { sandbox: name, mode });
  }
}

/** Live mode never saves the sandbox's quick-start values: they would go to the real vendors. */
function refuseLiveSandboxValues(values: Record<string, unknown>): void {
  try {
    refuseSandboxValues(values);
  } catch (err) {
    if (err instanceof SandboxValuesError) throw new HttpError(400, err.message);
    throw err;
  }
}

/** A path as the home page shows it: relative inside the repository, absolute elsewhere. */
function repoPath(file: string): string {
  const relative = path.relative(APP_DIR, file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function aheadOf(clock: Clock): number | null {
  if (clock instanceof ShiftedClock) return clock.offsetMs;
  return clock instanceof SystemClock ? 0 : null;
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

/** Crayons from node_modules, its scripts pointed at the local icons. */
async function serveCrayons(res: http.ServerResponse, file: string): Promise<void> {
  const found = await resolveStatic(CRAYONS_DIR, file);
  if (!found) throw new HttpError(404, `${file} not found`);
  const type = contentTypeOf(found);
  send(res, 200, type, type.startsWith('text/javascript') ? rewriteCrayonsScript(fs.readFileSync(found, 'utf8')) : fs.readFileSync(found));
}

async function serveCrayonsIcon(res: http.ServerResponse, name: string): Promise<void> {
  const svg = crayonsIcon(name);
  if (svg === undefined) throw new HttpError(404, `Crayons has no icon named ${name}`);
  send(res, 200, 'image/svg+xml', svg);
}
