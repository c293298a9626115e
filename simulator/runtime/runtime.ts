import { AsyncLocalStorage } from 'node:async_hooks';
import { loadApp, SERVER_METHOD_TIMEOUTS_S, type AppDefinition } from './app';
import { ManualClock, SystemClock, type Clock } from './clock';
import { resolveCoverageTarget, type CoverageOption } from './coverage';
import { DbEmulator } from './db';
import { jsonByteLength, jsonText, platformError } from './errors';
import { readState, writeState } from './persistence';
import { platformRules, type PlatformRules } from './platform-rules';
import { PLATFORM_QUOTA_LIMIT, PLATFORM_QUOTA_WINDOW_MS, RollingWindowQuota } from './quota';
import { RequestEmulator, type InvocationCause, type RequestTrace } from './request';
import { ServerScript, type InvocationResult, type LogLevel, type PlatformServices } from './sandbox';
import { ScheduleEmulator, type ScheduleRecord } from './schedule';

export interface RuntimeOptions {
  /** holds manifest.json, config/requests.json, config/iparams.json (optional), server/server.js */
  appDir: string;
  iparams: Record<string, unknown>;
  /** extra secure iparam names on top of `"secure": true` entries in config/iparams.json */
  secureIparams?: string[];
  clock?: Clock;
  /** maps a rendered template host to a base URL such as http://127.0.0.1:4321; a host it maps to nothing is refused (400, nothing sent) */
  hostOverride?: (host: string) => string | undefined;
  /** persist $db and $schedule state to this JSON file */
  dbFile?: string;
  requestTimeoutMs?: number;
  /** overrides every execution limit (events: 20 s, app set-up events 10 s; server methods: manifest `timeout`, default 5 s) */
  executionTimeoutMs?: number;
  log?: (level: LogLevel, text: string) => void;
  /** instrument server.js for istanbul; default: auto (see coverage.ts) */
  coverage?: CoverageOption;
  /** reuse one sandbox context across invocations, like a warm container (see ServerScriptOptions.warm) */
  warm?: boolean;
  /** overrides for envelope.currentHost.endpoint_urls (product -> URL) */
  endpointUrls?: Record<string, string>;
  /**
   * [module prefix, product] rows beyond MODULE_PRODUCTS: the products that are also a destination's
   * vendor, which each vendor's fake declares (local-app passes them)
   */
  hostProducts?: ReadonlyArray<readonly [string, string]>;
  /** enforce the 50 server-method calls/minute limit (default true) */
  serverMethodQuota?: boolean;
  /** flips the readings of the platform rules no source settles (see platform-rules.ts); default DEFAULT_PLATFORM_RULES */
  platformRules?: Partial<PlatformRules>;
  /** the scheduler's clock runs this far ahead of the app's (negative: behind), as two hosts' clocks may */
  scheduleSkewMs?: number;
}

export interface RuntimeStats {
  requests: number;
  requestsRefused: number;
  dbOps: number;
  dbOpsRefused: number;
  scheduleOps: number;
  invocations: number;
  serverMethodsRefused: number;
}

export interface ScheduledInvocation {
  schedule: ScheduleRecord;
  firedAt: number;
  result: InvocationResult;
}

export const PLATFORM_DEFAULTS = {
  requestTimeoutMs: 15_000,
  executionTimeoutMs: 20_000,
  /**
   * onAppInstall / onAppUninstall: FDK 6.9 (lib/routes/beevents.js APP_SETUP_WAIT_TIME, framework.js
   * APP_EVENT_TIMEOUT) waits 10 s; the docs' limits table says 20 s. The stricter 10 s applies.
   */
  appSetupTimeoutMs: 10_000,
  region: 'US',
  accountId: '1234567890',
  domain: 'acme.freshchat.com',
  maxServerMethodPayloadBytes: 100 * 1024,
  maxEventPayloadBytes: 256 * 1024,
} as const;

function refusal(status: number, message: string, extra: Record<string, unknown> = {}): InvocationResult {
  return { ok: false, error: platformError(status, message, extra), logs: [] };
}

/** Events whose completion the app controls through renderData() (docs: app set-up events). */
const APP_SETUP_EVENTS = new Set(['onAppInstall', 'onAppUninstall', 'afterAppUpdate']);
const DEFAULT_IDLE_MAX_MS = 24 * 60 * 60 * 1000;

/**
 * Product module prefix -> product whose URL shows up in currentHost.endpoint_urls. A product that
 * is also a destination's vendor comes with that vendor's fake (RuntimeOptions.hostProducts).
 */
const MODULE_PRODUCTS: ReadonlyArray<readonly [string, string]> = [
  ['chat_', 'freshchat'],
  ['service_', 'freshservice'],
  ['call', 'freshcaller'],
  ['deal', 'freshsales'],
];

export class PlatformRuntime {
  readonly requests: RequestTrace[] = [];
  /** outcome of every scheduled event fired, in order */
  readonly scheduledInvocations: ScheduledInvocation[] = [];
  readonly db: DbEmulator;
  readonly schedules: ScheduleEmulator;
  readonly clock: Clock;

  private iparams: Record<string, unknown>;
  private readonly counters: RuntimeStats = {
    requests: 0,
    requestsRefused: 0,
    dbOps: 0,
    dbOpsRefused: 0,
    scheduleOps: 0,
    invocations: 0,
    serverMethodsRefused: 0,
  };
  private readonly requestEmulator: RequestEmulator;
  private readonly serverMethodQuota: RollingWindowQuota;
  private readonly services: PlatformServices;
  /** Which invocation a platform call comes from, for the request trace. */
  private readonly causes = new AsyncLocalStorage<InvocationCause>();
  private readonly rules: PlatformRules;

  private constructor(
    private readonly app: AppDefinition,
    private readonly script: ServerScript,
    private readonly options: RuntimeOptions,
  ) {
    this.clock = options.clock ?? new SystemClock();
    this.rules = platformRules(options.platformRules);
    this.iparams = { ...options.iparams };
    const persisted = options.dbFile ? readState(options.dbFile) : undefined;
    const persist = options.dbFile ? () => this.persist() : undefined;
    const window = () => new RollingWindowQuota(PLATFORM_QUOTA_LIMIT, PLATFORM_QUOTA_WINDOW_MS, this.clock);

    this.serverMethodQuota = window();
    this.db = new DbEmulator({
      clock: this.clock,
      quota: window(),
      counters: this.counters,
      initial: persisted?.db,
      onChange: persist,
      updateOptions: this.rules.dbUpdateOptions,
    });
    this.schedules = new ScheduleEmulator({
      clock: this.clock,
      counters: this.counters,
      hasScheduledEventHandler: app.eventHandlers.has('onScheduledEvent'),
      initial: persisted?.schedules,
      onChange: persist,
      firedOneTime: this.rules.firedOneTimeSchedules,
      quota: this.rules.scheduleCalls === 'metered' ? window() : undefined,
      skewMs: options.scheduleSkewMs,
    });
    this.requestEmulator = new RequestEmulator({
      app,
      clock: this.clock,
      quota: window(),
      iparams: () => this.iparams,
      hostOverride: options.hostOverride,
      requestTimeoutMs: options.requestTimeoutMs ?? PLATFORM_DEFAULTS.requestTimeoutMs,
      trace: this.requests,
      cause: () => this.causes.getStore(),
      counters: this.counters,
      rules: this.rules,
    });
    this.services = { request: this.requestEmulator, db: this.db, schedule: this.schedules };
  }

  /** Reads manifest and templates and compiles server/server.js once. */
  static async load(options: RuntimeOptions): Promise<PlatformRuntime> {
    const app = await loadApp(options.appDir, options.secureIparams);
    const script = new ServerScript({
      source: app.serverSource,
      filename: app.serverFile,
      dependencies: app.dependencies,
      coverage: resolveCoverageTarget(options.coverage),
      warm: options.warm,
    });
    return new PlatformRuntime(app, script, options);
  }

  stats(): RuntimeStats {
    return { ...this.counters };
  }

  setIparams(iparams: Record<string, unknown>): void {
    this.iparams = { ...iparams };
  }

  async invokeEvent(eventName: string, payload: Record<string, unknown> = {}): Promise<InvocationResult> {
    const handlerName = this.app.eventHandlers.get(eventName);
    if (!handlerName) throw new Error(`Event '${eventName}' has no handler in manifest.json`);
    const envelope = this.eventEnvelope(eventName, payload);
    const bytes = jsonByteLength(envelope, jsonText);
    if (bytes > PLATFORM_DEFAULTS.maxEventPayloadBytes) return refusal(413, `Event payload is ${bytes} bytes; the limit is 256 KB`);
    const appSetup = APP_SETUP_EVENTS.has(eventName);
    return this.invoke(
      handlerName,
      envelope,
      appSetup,
      appSetup ? PLATFORM_DEFAULTS.appSetupTimeoutMs : PLATFORM_DEFAULTS.executionTimeoutMs,
    );
  }

  /**
   * Server Method Invocation, with its documented limits: 50 calls per minute per
   * installation and a 100 KB request payload (checked before the iparams are merged in). The
   * docs' "maximum size of the payload" does not say which way: *stricter*, the answer is held to
   * 100 KB too, and one over it fails the call (README "Platform rules", row 8g).
   */
  async invokeServerMethod(name: string, args: Record<string, unknown> = {}): Promise<InvocationResult> {
    if (!this.app.serverMethods.has(name)) {
      return refusal(404, `Server method '${name}' is not declared in manifest.json modules.common.functions`);
    }
    if (this.options.serverMethodQuota !== false) {
      const decision = this.serverMethodQuota.tryAcquire();
      if (!decision.allowed) {
        this.counters.serverMethodsRefused++;
        return refusal(429, 'Rate limit exceeded', { retryAfter: Math.ceil(decision.retryAfterMs / 1000) });
      }
    }
    const bytes = jsonByteLength(args, jsonText);
    if (bytes > PLATFORM_DEFAULTS.maxServerMethodPayloadBytes)
      return refusal(413, `Server method payload is ${bytes} bytes; the limit is 100 KB`);
    const timeoutMs =
      this.rules.serverMethodTimeout === 'default' ? SERVER_METHOD_TIMEOUTS_S.default * 1000 : this.app.serverMethodTimeoutsMs.get(name)!;
    const result = await this.invoke(name, { ...args, iparams: { ...this.iparams } }, true, timeoutMs);
    const answered = result.ok ? jsonByteLength(result.data, jsonText) : 0;
    if (answered > PLATFORM_DEFAULTS.maxServerMethodPayloadBytes)
      return { ...refusal(413, `Server method response is ${answered} bytes; the limit is 100 KB`), logs: result.logs };
    return result;
  }

  /** A request template called from the front end (`client.request.invokeTemplate`): same substitution and quota. */
  invokeTemplate(name: string, options: { context?: Record<string, unknown>; body?: string } = {}): Promise<unknown> {
    return this.requestEmulator.invokeFromFrontEnd(name, options);
  }

  /** Fires onScheduledEvent for every schedule due at clock.now(); returns how many fired. */
  async fireDueSchedules(): Promise<number> {
    const firedAt = this.clock.now();
    const due = this.schedules.takeDue(firedAt);
    for (const schedule of due) {
      const result = await this.invokeEvent('onScheduledEvent', { data: schedule.data });
      this.scheduledInvocations.push({ schedule, firedAt, result });
    }
    return due.length;
  }

  /**
   * Moves a ManualClock from one fire time to the next (or by `stepMs` increments) and fires,
   * until no schedule is left or `maxMs` has elapsed.
   */
  async runUntilIdle(opts: { maxMs?: number; stepMs?: number } = {}): Promise<void> {
    if (!(this.clock instanceof ManualClock)) throw new Error('runUntilIdle needs a ManualClock');
    const clock = this.clock;
    const deadline = clock.now() + (opts.maxMs ?? DEFAULT_IDLE_MAX_MS);
    await this.fireDueSchedules();
    for (;;) {
      const next = this.schedules.nextFireAt();
      if (next === undefined) return;
      const target = opts.stepMs ? Math.min(clock.now() + opts.stepMs, Math.max(next, clock.now())) : Math.max(next, clock.now());
      if (target > deadline) {
        clock.set(Math.max(clock.now(), deadline));
        return;
      }
      clock.set(target);
      await this.fireDueSchedules();
    }
  }

  private async invoke(
    handlerName: string,
    payload: Record<string, unknown>,
    requireRenderData: boolean,
    timeoutMs: number,
  ): Promise<InvocationResult> {
    this.counters.invocations++;
    // The trace keeps the payload without its iparams: it must never hold a secret.
    const cause = { handler: handlerName, payload: Object.fromEntries(Object.entries(payload).filter(([name]) => name !== 'iparams')) };
    return this.causes.run(cause, () =>
      this.script.invoke(this.services, {
        handlerName,
        payload,
        requireRenderData,
        timeoutMs: this.options.executionTimeoutMs ?? timeoutMs,
        now: () => this.clock.now(),
        log: this.options.log,
      }),
    );
  }

  /** The platform's event payload; missing fields get defaults, iparams always come from here. */
  eventEnvelope(eventName: string, payload: Record<string, unknown>): Record<string, unknown> {
    const domain = typeof payload.domain === 'string' ? payload.domain : PLATFORM_DEFAULTS.domain;
    return {
      event: eventName,
      region: PLATFORM_DEFAULTS.region,
      account_id: PLATFORM_DEFAULTS.accountId,
      timestamp: this.clock.now(),
      data: {},
      ...payload,
      domain,
      iparams: { ...this.iparams },
      currentHost: { subscribed_modules: [...this.app.subscribedModules], endpoint_urls: this.endpointUrls(domain) },
    };
  }

  private endpointUrls(domain: string): Record<string, string> {
    const urls: Record<string, string> = {};
    for (const moduleName of this.app.subscribedModules) {
      const product = [...MODULE_PRODUCTS, ...(this.options.hostProducts ?? [])].find(([prefix]) => moduleName.startsWith(prefix))?.[1];
      if (product) urls[product] = `https://${domain}`;
    }
    return { ...urls, ...this.options.endpointUrls };
  }

  private persist(): void {
    writeState(this.options.dbFile!, { db: this.db.snapshot(), schedules: this.schedules.snapshot() });
  }
}
