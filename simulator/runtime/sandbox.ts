import { createRequire } from 'node:module';
import { format } from 'node:util';
import vm from 'node:vm';

import { coverageGlobals, instrumentSource, type CoverageMap } from './coverage';
import type { DbEmulator } from './db';
import { describeThrown, jsonText } from './errors';
import type { RequestEmulator } from './request';
import type { ScheduleEmulator } from './schedule';

export type LogLevel = 'log' | 'info' | 'warn' | 'error';
/** The sandbox console has exactly these methods (FDK 6.9 lib/event_handler/framework.js); `console.warn()` throws. */
const CONSOLE_METHODS: readonly LogLevel[] = ['log', 'info', 'error'];

export interface InvocationResult {
  ok: boolean;
  data?: unknown;
  error?: unknown;
  logs: string[];
}

/** Host implementations of the platform globals; the sandbox gets wrapped copies. */
export interface PlatformServices {
  request: Pick<RequestEmulator, 'invokeTemplate'>;
  db: Pick<DbEmulator, 'set' | 'get' | 'delete' | 'update'>;
  schedule: Pick<ScheduleEmulator, 'create' | 'fetch' | 'update' | 'delete'>;
}

type AsyncMethod = (...args: unknown[]) => Promise<unknown>;

export interface InvocationSpec {
  handlerName: string;
  payload: Record<string, unknown>;
  /** server methods and app set-up events answer only through renderData() */
  requireRenderData: boolean;
  timeoutMs: number;
  /** the runtime clock; the sandbox's Date follows it so app time matches TTLs and schedules */
  now: () => number;
  log?: (level: LogLevel, text: string) => void;
}

export interface ServerScriptOptions {
  source: string;
  filename: string;
  /** manifest.json "dependencies": the only packages `require` may load */
  dependencies: ReadonlySet<string>;
  coverage?: CoverageMap;
  /**
   * Keep one context across invocations, like a warm serverless container: the script's
   * start-up (module scope, compiled schemas) is paid once. Invocations then run one at a time.
   * Off by default: the app must not depend on it, so tests run cold.
   */
  warm?: boolean;
}

const INVOKER_SOURCE = 'exports[__fdkHandlerName__](__fdkPayload__)';

// A Date whose "now" is the runtime clock (identical to the real Date on a SystemClock).
// Calling Date() without `new` returns a string, hence the Proxy around the subclass.
const CLOCK_DATE_SOURCE = `(function (now) {
  var RealDate = Date;
  class ClockDate extends RealDate {
    constructor(...args) { if (args.length === 0) super(now()); else super(...args); }
    static now() { return now(); }
  }
  return new Proxy(ClockDate, { apply: function () { return new RealDate(now()).toString(); } });
})`;
const ENDED = { status: 500, message: 'The invocation has already ended' };
/** FDK 6.9 lib/event_handler/framework.js: what the caller sees when the limit passes (server method timeout). */
export const EXECUTION_TIMEOUT_ERROR = { status: 504, message: 'Timeout error while processing the request.', errorSource: 'APP' } as const;
/** FDK 6.9 renderData(): an error that is not an object with a message or a status. */
export const INVALID_RENDER_ERROR = {
  status: 400,
  message: 'The error should be a JSON Object with a message or a status parameter.',
  errorSource: 'APP',
} as const;

/** One invocation: what it was asked to do and what it has done so far. */
interface Invocation {
  spec: InvocationSpec;
  state: InvocationState;
}

/** One invocation: what it was asked to do and what it has done so far. */
interface Invocation {
  spec: InvocationSpec;
  state: InvocationState;
}

/** Per-invocation bookkeeping shared by the wrapped globals. */
class InvocationState {
  alive = true;
  inFlight = 0;
  rendered: { error: unknown; data: unknown } | undefined;
  readonly logs: string[] = [];
  private drained: (() => void) | undefined;

  begin(): void {
    this.inFlight++;
  }

  end(): void {
    this.inFlight--;
    if (this.inFlight === 0) this.drained?.();
  }

  whenDrained(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => (this.drained = resolve));
  }
}

class ExecutionTimeout {
  constructor(readonly ms: number) {}
}

/**
 * server/server.js compiled once; every invocation runs it in a fresh vm context that
 * holds only the documented platform globals (no timers, process, Buffer or fetch).
 */
export class ServerScript {
  private readonly script: vm.Script;
  private readonly invoker = new vm.Script(INVOKER_SOURCE, { filename: 'fdk-invoker.js' });
  private readonly clockDate = new vm.Script(CLOCK_DATE_SOURCE, { filename: 'fdk-clock-date.js' });
  private readonly hostRequire: NodeJS.Require;
  /** The invocation the warm context's globals currently serve (warm invocations run one at a time). */
  private warmCurrent: Invocation | undefined;
  private warmContext: vm.Context | undefined;
  private warmQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ServerScriptOptions) {
    const code = options.coverage ? instrumentSource(options.source, options.filename) : options.source;
    this.script = new vm.Script(code, { filename: options.filename });
    this.hostRequire = createRequire(options.filename);
    // Loaded here, outside any invocation: a vm timeout that interrupts a first load inside the
    // sandbox leaves a half-initialised module in this process's require cache, and every later
    // invocation then fails (seen once on a loaded machine: typebox without its `Type`).
    for (const name of options.dependencies) {
      try {
        this.hostRequire(name);
      } catch {
        // A package without a root entry point: the script's own require reports what it lacks.
      }
    }
  }

  invoke(services: PlatformServices, spec: InvocationSpec): Promise<InvocationResult> {
    if (!this.options.warm) return this.invokeOnce(services, spec);
    const run = this.warmQueue.then(() => this.invokeOnce(services, spec));
    this.warmQueue = run.catch(() => undefined);
    return run;
  }

  private async invokeOnce(services: PlatformServices, spec: InvocationSpec): Promise<InvocationResult> {
    const state = new InvocationState();
    const invocation: Invocation = { spec, state };
    const loaded = this.warmContext !== undefined;
    let context: vm.Context;
    if (this.options.warm) {
      this.warmCurrent = invocation;
      context = this.warmContext ??= this.createContext(services, () => this.warmCurrent!);
    } else {
      // A cold context belongs to this invocation alone, so concurrent invocations never see each other.
      context = this.createContext(services, () => invocation);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ExecutionTimeout(spec.timeoutMs)), spec.timeoutMs);
    });
    let thrown: { value: unknown } | undefined;
    try {
      thrown = await Promise.race([this.execute(context, spec, state, loaded), timeout]);
    } catch (err) {
      if (!(err instanceof ExecutionTimeout)) throw err;
      state.alive = false;
      return { ok: false, error: { ...EXECUTION_TIMEOUT_ERROR }, logs: state.logs };
    } finally {
      clearTimeout(timer);
    }
    state.alive = false;
    return settle(spec, state, thrown);
  }

  /** Runs the script and the handler, then waits until no platform call is pending. */
  private async execute(
    context: vm.Context,
    spec: InvocationSpec,
    state: InvocationState,
    loaded: boolean,
  ): Promise<{ value: unknown } | undefined> {
    let thrown: { value: unknown } | undefined;
    try {
      // vm's own timeout also stops synchronous infinite loops, which a host timer cannot.
      if (!loaded) this.script.runInContext(context, { timeout: spec.timeoutMs });
      const exported = (context as { exports?: Record<string, unknown> }).exports;
      if (typeof exported?.[spec.handlerName] !== 'function') {
        throw new Error(`Handler '${spec.handlerName}' is not exported by server/server.js`);
      }
      context.__fdkHandlerName__ = spec.handlerName;
      // jsonText, not JSON.stringify: a payload nested deeper than the stack allows is still valid JSON.
      context.__fdkPayload__ = vm.runInContext('JSON.parse', context)(jsonText(spec.payload));
      const returned: unknown = this.invoker.runInContext(context, { timeout: spec.timeoutMs });
      delete context.__fdkHandlerName__;
      delete context.__fdkPayload__;
      await returned;
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new ExecutionTimeout(spec.timeoutMs);
      thrown = { value: err };
    }
    // Classic FDK code calls renderData from a .then() the handler never returns, so the
    // invocation lasts until the sandbox is idle: no platform call pending and no microtasks.
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (state.inFlight === 0) break;
      await state.whenDrained();
    }
    return thrown;
  }

  private createContext(services: PlatformServices, current: () => Invocation): vm.Context {
    const context = vm.createContext({});
    // Globals look the invocation up when called: a warm context outlives the first one.
    const SandboxPromise = vm.runInContext('Promise', context) as PromiseConstructor;
    const SandboxError = vm.runInContext('Error', context) as ErrorConstructor;
    const sandboxJson = vm.runInContext('JSON', context) as JSON;
    // Values cross into the sandbox realm so `instanceof Object/Array/Promise` behave natively there.
    const toSandbox = (value: unknown): unknown => (value === undefined ? undefined : sandboxJson.parse(JSON.stringify(value)));

    const track =
      (call: AsyncMethod) =>
      (...args: unknown[]): Promise<unknown> =>
        new SandboxPromise((resolve, reject) => {
          const { state } = current();
          if (!state.alive) return reject(toSandbox(ENDED));
          state.begin();
          Promise.resolve()
            .then(() => call(...args))
            .then(
              (value) => resolve(toSandbox(value)),
              (error) => reject(toSandbox(error)),
            )
            .finally(() => state.end());
        });
    // Only the documented methods are exposed, each bound to its host emulator.
    const wrapAll = <T extends object>(target: T, names: ReadonlyArray<keyof T & string>) =>
      Object.freeze(Object.fromEntries(names.map((name) => [name, track((...args) => (target[name] as AsyncMethod).apply(target, args))])));

    const log =
      (level: LogLevel) =>
      (...args: unknown[]) => {
        const text = format(...args);
        const { state, spec } = current();
        state.logs.push(text);
        spec.log?.(level, text);
      };

    const renderData = (error?: unknown, data?: unknown): void => {
      const { state } = current();
      if (!state.alive || state.rendered) return; // first call wins
      state.rendered = normaliseRender(error, data);
    };

    const sandboxRequire = (name: unknown): unknown => {
      const request = String(name);
      if (!this.options.dependencies.has(packageName(request))) {
        throw new SandboxError(`Module '${request}' is not listed in manifest dependencies`);
      }
      return this.hostRequire(request);
    };

    Object.assign(context, {
      $request: wrapAll(services.request, ['invokeTemplate']),
      $db: wrapAll(services.db, ['set', 'get', 'delete', 'update']),
      $schedule: wrapAll(services.schedule, ['create', 'fetch', 'update', 'delete']),
      renderData,
      console: Object.freeze(Object.fromEntries(CONSOLE_METHODS.map((level) => [level, log(level)]))),
      require: sandboxRequire,
      exports: {},
      Date: (this.clockDate.runInContext(context) as (clock: () => number) => DateConstructor)(() => current().spec.now()),
      ...coverageGlobals(this.options.coverage),
    });
    return context;
  }
}

/** 'ajv/dist/core' -> 'ajv', '@scope/pkg/x' -> '@scope/pkg' */
function packageName(request: string): string {
  const parts = request.split('/');
  return request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * FDK 6.9 renderData(error): any truthy error that is an array, not an object, or has neither `message` nor
 * `status` becomes a 400; otherwise only `status` (default 500) and `message` (default null) reach the caller.
 */
function renderedError(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null || Array.isArray(error)) return { ...INVALID_RENDER_ERROR };
  const { status, message } = error as { status?: unknown; message?: unknown };
  if (message === undefined && !status) return { ...INVALID_RENDER_ERROR };
  try {
    return JSON.parse(JSON.stringify({ status: status || 500, message: message ?? null, errorSource: 'APP' })) as Record<string, unknown>;
  } catch {
    return { status: 500, message: 'renderData() error is not JSON-serialisable', errorSource: 'APP' };
  }
}

function normaliseRender(error: unknown, data: unknown): { error: unknown; data: unknown } {
  if (error) return { error: renderedError(error), data: undefined };
  try {
    return { error: undefined, data: data === undefined ? undefined : (JSON.parse(JSON.stringify(data)) as unknown) };
  } catch {
    return { error: { status: 500, message: 'renderData() data is not JSON-serialisable' }, data: undefined };
  }
}

function settle(spec: InvocationSpec, state: InvocationState, thrown: { value: unknown } | undefined): InvocationResult {
  const { logs, rendered } = state;
  if (rendered) return rendered.error === undefined ? { ok: true, data: rendered.data, logs } : { ok: false, error: rendered.error, logs };
  if (spec.requireRenderData) {
    const how = thrown ? `threw (${errorMessage(thrown.value)})` : 'completed';
    return { ok: false, error: { status: 500, message: `Handler '${spec.handlerName}' ${how} without calling renderData()` }, logs };
  }
  return thrown ? { ok: false, error: describeThrown(thrown.value), logs } : { ok: true, logs };
}

function errorMessage(value: unknown): string {
  return value && typeof value === 'object' && 'message' in value ? String((value as { message: unknown }).message) : String(value);
}
