import axios, { type AxiosResponse } from 'axios';

import type { AppDefinition } from './app';
import type { Clock } from './clock';
import { badRequest, isPlainObject, platformError, type PlatformError } from './errors';
import { RollingWindowQuota } from './quota';
import { renderTemplate, type RenderedRequest } from './template';

export interface RequestTrace {
  template: string;
  method: string;
  /** URL as sent (after hostOverride); headers are never recorded since they carry secrets. */
  url: string;
  /** HTTP status, or 0 when no response arrived (network error / timeout) */
  status: number;
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
}

export interface RequestEmulatorOptions {
  app: AppDefinition;
  clock: Clock;
  quota: RollingWindowQuota;
  iparams: () => Readonly<Record<string, unknown>>;
  hostOverride?: (host: string) => string | undefined;
  requestTimeoutMs: number;
  trace: RequestTrace[];
  counters: { requests: number; requestsRefused: number };
}

type Attempt =
  | { kind: 'response'; response: AxiosResponse<string> }
  | { kind: 'network'; error: PlatformError; detail: string };

const RATE_LIMIT_BODY = JSON.stringify({ message: 'Rate limit exceeded' });

/**
 * `$request.invokeTemplate`. Failure shapes (the docs leave transport errors loosely specified):
 *  - non-2xx after retries: `{ status, headers, response }` (body string, never parsed);
 *  - timeout:               `{ status: 504, message: 'Request timed out', errorSource: 'PLATFORM' }`;
 *  - connection error:      `{ status: 502, message: <code, e.g. ECONNREFUSED>, errorSource: 'PLATFORM' }`;
 *  - app quota exhausted:   `{ status: 429, headers: {'retry-after'}, response, message, errorSource: 'PLATFORM' }`
 *    and nothing is sent;
 *  - template problems (undeclared, missing value, secure iparam outside headers): `{ status: 400, message }`.
 */
export class RequestEmulator {
  constructor(private readonly options: RequestEmulatorOptions) {}

  async invokeTemplate(name: unknown, invokeOptions: unknown = {}): Promise<TemplateResponse> {
    const { app } = this.options;
    if (typeof name !== 'string' || !app.templates.has(name)) throw badRequest(`Request template '${String(name)}' is not defined in config/requests.json`);
    if (!app.declaredRequests.has(name)) throw badRequest(`Request template '${name}' is not declared in manifest.json modules.common.requests`);
    if (invokeOptions !== undefined && !isPlainObject(invokeOptions)) throw badRequest('invokeTemplate options must be an object');
    const { context = {}, body } = (invokeOptions ?? {}) as InvokeTemplateOptions;
    if (!isPlainObject(context)) throw badRequest('invokeTemplate context must be an object');
    if (body !== undefined && typeof body !== 'string') throw badRequest('invokeTemplate body must be a string (JSON.stringify it)');

    const template = app.templates.get(name)!;
    const rendered = renderTemplate(template, {
      template: name,
      iparams: this.options.iparams(),
      secureIparams: app.secureIparams,
      context,
    });
    const url = this.targetUrl(rendered);

    for (let attempt = 1; ; attempt++) {
      const quota = this.options.quota.tryAcquire();
      if (!quota.allowed) {
        this.options.counters.requestsRefused++;
        throw platformError(429, 'Rate limit exceeded', {
          headers: { 'retry-after': String(Math.ceil(quota.retryAfterMs / 1000)) },
          response: RATE_LIMIT_BODY,
          errorSource: 'PLATFORM',
        });
      }
      this.options.counters.requests++;
      const outcome = await this.send(rendered, url, body);
      this.record(name, rendered.method, url, attempt, outcome);

      const retryable = outcome.kind === 'network' || outcome.response.status === 429 || outcome.response.status >= 500;
      if (retryable && attempt < template.maxAttempts) {
        await this.options.clock.sleep(template.retryDelay);
        continue;
      }
      if (outcome.kind === 'network') throw outcome.error;
      const result = { status: outcome.response.status, headers: plainHeaders(outcome.response.headers), response: outcome.response.data };
      if (result.status >= 200 && result.status < 300) return result;
      throw result;
    }
  }

  private targetUrl(rendered: RenderedRequest): string {
    const base = this.options.hostOverride?.(rendered.host) ?? `${rendered.protocol}://${rendered.host}`;
    return `${base.replace(/\/+$/, '')}${rendered.path}${rendered.search}`;
  }

  private async send(rendered: RenderedRequest, url: string, body: string | undefined): Promise<Attempt> {
    try {
      const response = await axios.request<string>({
        method: rendered.method,
        url,
        headers: rendered.headers,
        data: body,
        timeout: this.options.requestTimeoutMs,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
        maxRedirects: 0,
        proxy: false,
      });
      return { kind: 'response', response: { ...response, data: typeof response.data === 'string' ? response.data : String(response.data ?? '') } };
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'ERR_NETWORK';
      if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
        return { kind: 'network', detail: 'timeout', error: platformError(504, 'Request timed out', { errorSource: 'PLATFORM' }) };
      }
      return { kind: 'network', detail: code, error: platformError(502, code, { errorSource: 'PLATFORM' }) };
    }
  }

  private record(template: string, method: string, url: string, attempt: number, outcome: Attempt): void {
    const entry: RequestTrace = {
      template,
      method,
      url,
      status: outcome.kind === 'response' ? outcome.response.status : 0,
      attempt,
      at: this.options.clock.now(),
    };
    if (outcome.kind === 'network') entry.error = outcome.detail;
    this.options.trace.push(entry);
  }
}

function plainHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return result;
}
