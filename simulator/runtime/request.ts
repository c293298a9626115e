import axios, { type AxiosResponse } from 'axios';

import type { AppDefinition } from './app';
import type { Clock } from './clock';
import type { RequestTemplate } from './app';
import { badRequest, isPlainObject, type PlatformError } from './errors';
import type { PlatformRules } from './platform-rules';
import { UNDOCUMENTED_CONTENT_TYPE } from './platform-rules';
import { PLATFORM_QUOTA_LIMIT, RollingWindowQuota } from './quota';
import { renderTemplate, type RenderedRequest } from './template';

/** The invocation that made a request: its handler and the payload it got (the event's envelope). */
export interface InvocationCause {
  handler: string;
  payload: Readonly<Record<string, unknown>>;
}

export interface RequestTrace {
  template: string;
  method: string;
  /** the body as sent (secure iparams are only ever in headers) */
  body?: string;
  /** the invocation that sent it; absent for a front-end call (`client.request.invokeTemplate`) */
  cause?: InvocationCause;
  /** URL as sent (after hostOverride); headers are never recorded since they carry secrets. */
  url: string;
  /** HTTP status, or 0 when no response arrived (network error / timeout) or none yet (`pending`) */
  status: number;
  /** sent, no answer yet */
  pending?: true;
  attempt: number;
  at: number;
  error?: string;
}

export interface InvokeTemplateOptions {
  context?: Record<string, unknown>;
  body?: unknown;
}

export interface TemplateResponse {
  status: number;
  headers: Record<string, string>;
  response: string;
  /** how many times the request was sent */
  attempts: number;
}

/** Every `$request.invokeTemplate` rejection but the quota's has this shape (FDK 6.9 lib/api/proxy.js). */
export interface TemplateFailure {
  status: number;
  headers: Record<string, string>;
  /** the vendor's body, or the platform's reason */
  response: string;
  errorSource: 'APP';
  /** absent when the request was refused before it was sent */
  attempts?: number;
}

/**
 * The platform's own refusal when the app's request quota is spent, as Freshworks documents it:
 * `{status: 429, headers: {…}, message: 'You have exceeded the limit of 50 requests per minute',
 * errorSource: 'APP'}` — a `message` and no vendor `response` (freshworks-developers/marketplace
 * at ec373d2, references/common/fdk-docs/request-method-errors.md, "Fixing the request method
 * rate-limit error"). Which headers it carries is not documented: none here (stricter: the app
 * cannot lean on a Retry-After the platform may not send).
 */
export interface QuotaRefusal {
  status: 429;
  headers: Record<string, string>;
  message: string;
  errorSource: 'APP';
}

export const QUOTA_REFUSAL_MESSAGE = `You have exceeded the limit of ${PLATFORM_QUOTA_LIMIT} requests per minute`;

export interface RequestEmulatorOptions {
  app: AppDefinition;
  clock: Clock;
  quota: RollingWindowQuota;
  iparams: () => Readonly<Record<string, unknown>>;
  hostOverride?: (host: string) => string | undefined;
  requestTimeoutMs: number;
  trace: RequestTrace[];
  /** the invocation running the current call, if any */
  cause: () => InvocationCause | undefined;
  counters: { requests: number; requestsRefused: number };
  rules: Pick<PlatformRules, 'formUrlencodedTemplates' | 'frontEndSecureIparams'>;
}

/** Where a template call comes from: the serverless app (`$request`) or a page (`client.request`). */
type Caller = 'server' | 'front-end';

const FORM_CONTENT_TYPE = /^\s*application\/x-www-form-urlencoded/i;

interface PreparedRequest {
  template: RequestTemplate;
  rendered: RenderedRequest;
  url: string;
  body: string | undefined;
}

type Attempt = { kind: 'response'; response: AxiosResponse<string> } | { kind: 'network'; status: number; reason: string; detail: string };

/*
 * Sources: FDK 6.9 lib/api/proxy.js and lib/event_handler/features/request.js (hemchander23/glitch-fdk-base);
 * the Freshworks request-method docs (accepted response formats).
 */
const NETWORK_ERROR = 'Error in establishing connection';
const TIMEOUT_ERROR = 'Timeout error while processing the request';
const UNSUPPORTED_CONTENT_TYPE = 'Unsupported content type';
/**
 * Response media types the platform passes on: the ones both FDK 6.9 (VALID_CONTENT_TYPES) and the docs list.
 * FDK 6.9 also lists application/javascript and the docs text/javascript; each is refused here (stricter).
 * Compared like FDK: the part before ';', exactly. A response without Content-Type passes (FDK 6.9).
 */
export const ACCEPTED_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'application/json',
  'application/jsonp',
  'application/vnd.api+json',
  'application/xml',
  'text/xml',
  'text/html',
  'text/plain',
]);

function settleEntry(entry: RequestTrace, outcome: Attempt): void {
  delete entry.pending;
  entry.status = outcome.kind === 'response' ? outcome.response.status : 0;
  if (outcome.kind === 'network') entry.error = outcome.detail;
}

function failure(status: number, response: string, attempts: number | undefined, headers: Record<string, string> = {}): TemplateFailure {
  return { status, headers, response, errorSource: 'APP', ...(attempts === undefined ? {} : { attempts }) };
}

/**
 * `$request.invokeTemplate`. Every rejection is `{ status, headers, response, errorSource, attempts }`:
 *  - non-2xx after retries: the vendor's status, headers and body string (never parsed), errorSource 'APP';
 *  - a response whose Content-Type is not accepted: 415 'Unsupported content type' (whatever its status);
 *  - timeout: 504 'Timeout error while processing the request'; connection error: 502 'Error in establishing connection';
 *  - app quota exhausted: the documented `QuotaRefusal` (429, a `message`, no `response`), nothing more sent;
 *  - template problems (undeclared, missing value, secure iparam outside headers, host not a plain FQDN, or a host the override does not route):
 *    400 with the reason in `response` and no `attempts`, nothing sent.
 * Success is `{ status, headers, response, attempts }`.
 */
export class RequestEmulator {
  constructor(private readonly options: RequestEmulatorOptions) {}

  async invokeTemplate(name: unknown, invokeOptions: unknown = {}): Promise<TemplateResponse> {
    return this.invokeAs('server', name, invokeOptions);
  }

  /** `client.request.invokeTemplate` from a page: the same rules, and secure iparams as `frontEndSecureIparams` says. */
  invokeFromFrontEnd(name: unknown, invokeOptions: unknown = {}): Promise<TemplateResponse> {
    return this.invokeAs('front-end', name, invokeOptions);
  }

  private async invokeAs(caller: Caller, name: unknown, invokeOptions: unknown): Promise<TemplateResponse> {
    let prepared: PreparedRequest;
    try {
      prepared = this.prepare(caller, name, invokeOptions);
    } catch (err) {
      const refusal = err as PlatformError;
      throw failure(refusal.status, refusal.message, undefined);
    }
    return this.send(prepared);
  }

  /** Checks the call and renders the template; throws `{ status, message }` before anything is sent. */
  private prepare(caller: Caller, name: unknown, invokeOptions: unknown): PreparedRequest {
    const { app } = this.options;
    if (typeof name !== 'string' || !app.templates.has(name))
      throw badRequest(`Request template '${String(name)}' is not defined in config/requests.json`);
    if (!app.declaredRequests.has(name))
      throw badRequest(`Request template '${name}' is not declared in manifest.json modules.common.requests`);
    if (invokeOptions !== undefined && !isPlainObject(invokeOptions)) throw badRequest('invokeTemplate options must be an object');
    const { context = {}, body } = (invokeOptions ?? {}) as InvokeTemplateOptions;
    if (!isPlainObject(context)) throw badRequest('invokeTemplate context must be an object');
    if (body !== undefined && typeof body !== 'string') throw badRequest('invokeTemplate body must be a string (JSON.stringify it)');

    const template = app.templates.get(name)!;
    const { rules } = this.options;
    const contentType = Object.entries(template.headers).find(([header]) => header.toLowerCase() === 'content-type')?.[1];
    if (rules.formUrlencodedTemplates === 'refused' && contentType !== undefined && FORM_CONTENT_TYPE.test(contentType))
      throw badRequest(UNDOCUMENTED_CONTENT_TYPE);
    const iparams = this.options.iparams();
    const withheld = caller === 'front-end' && rules.frontEndSecureIparams === 'withheld';
    const rendered = renderTemplate(template, {
      template: name,
      iparams: withheld ? Object.fromEntries(Object.entries(iparams).filter(([key]) => !app.secureIparams.has(key))) : iparams,
      secureIparams: app.secureIparams,
      context,
    });
    return { template, rendered, url: this.targetUrl(rendered), body };
  }

  private async send({ template, rendered, url, body }: PreparedRequest): Promise<TemplateResponse> {
    for (let attempt = 1; ; attempt++) {
      if (!this.options.quota.tryAcquire().allowed) {
        this.options.counters.requestsRefused++;
        const refusal: QuotaRefusal = { status: 429, headers: {}, message: QUOTA_REFUSAL_MESSAGE, errorSource: 'APP' };
        throw refusal;
      }
      this.options.counters.requests++;
      const entry = this.record(template.name, rendered.method, url, body, attempt);
      const outcome = await this.attempt(rendered, url, body);
      settleEntry(entry, outcome);

      const retryable = outcome.kind === 'network' || outcome.response.status === 429 || outcome.response.status >= 500;
      if (retryable && attempt < template.maxAttempts) {
        await this.options.clock.sleep(template.retryDelay);
        continue;
      }
      return settle(outcome, attempt);
    }
  }

  /** With a host override, only the hosts it routes are reachable: a sandbox never sends to the internet. */
  private targetUrl(rendered: RenderedRequest): string {
    const { hostOverride } = this.options;
    const routed = hostOverride?.(rendered.host);
    if (hostOverride && routed === undefined)
      throw badRequest(`No local server stands in for ${rendered.host}: nothing was sent (the host override routes only known hosts)`);
    const base = routed ?? `${rendered.protocol}://${rendered.host}`;
    return `${base.replace(/\/+$/, '')}${rendered.path}${rendered.search}`;
  }

  /** A request sent to a stand-in keeps the vendor's `Host`, so the fake sees which account (subdomain, region) it was addressed to. */
  private sentHeaders(rendered: RenderedRequest): Record<string, string> {
    return this.options.hostOverride ? { ...rendered.headers, Host: rendered.host } : rendered.headers;
  }

  private async attempt(rendered: RenderedRequest, url: string, body: string | undefined): Promise<Attempt> {
    try {
      const response = await axios.request<string>({
        method: rendered.method,
        url,
        headers: this.sentHeaders(rendered),
        data: body,
        timeout: this.options.requestTimeoutMs,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
        maxRedirects: 0,
        proxy: false,
      });
      return {
        kind: 'response',
        response: { ...response, data: typeof response.data === 'string' ? response.data : String(response.data ?? '') },
      };
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'ERR_NETWORK';
      if (code === 'ECONNABORTED' || code === 'ETIMEDOUT')
        return { kind: 'network', status: 504, reason: TIMEOUT_ERROR, detail: 'timeout' };
      return { kind: 'network', status: 502, reason: NETWORK_ERROR, detail: code };
    }
  }

  /** Traces an attempt as it is sent (in flight until settled), so a hanging request shows too. */
  private record(template: string, method: string, url: string, body: string | undefined, attempt: number): RequestTrace {
    const cause = this.options.cause();
    const entry: RequestTrace = {
      template,
      method,
      url,
      ...(body === undefined ? {} : { body }),
      ...(cause === undefined ? {} : { cause }),
      status: 0,
      attempt,
      at: this.options.clock.now(),
      pending: true,
    };
    this.options.trace.push(entry);
    return entry;
  }
}

/** The final attempt's outcome as the app sees it. */
function settle(outcome: Attempt, attempts: number): TemplateResponse {
  if (outcome.kind === 'network') throw failure(outcome.status, outcome.reason, attempts);
  const headers = plainHeaders(outcome.response.headers);
  const contentType = headers['content-type'];
  if (contentType !== undefined && !ACCEPTED_CONTENT_TYPES.has(contentType.split(';')[0])) {
    throw failure(415, UNSUPPORTED_CONTENT_TYPE, attempts);
  }
  const { status } = outcome.response;
  if (status >= 200 && status < 300) return { status, headers, response: outcome.response.data, attempts };
  throw failure(status, outcome.response.data, attempts, headers);
}

function plainHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return result;
}
