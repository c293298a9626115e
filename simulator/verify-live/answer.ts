/**
 * Sending one planned request and keeping what the report needs of the answer: the status, the
 * vendor's error fields and its rate-limit headers. Nothing else of a body is kept (a token never is).
 */
import axios from 'axios';

import type { PlannedRequest } from './context';

export interface Answer {
  /** HTTP status, or 0 when no answer came (the reason is in `error`) */
  status: number;
  /** the vendor's documented error fields and a few facts of a success (never a token) */
  fields: Record<string, unknown>;
  /** rate-limit and Retry-After headers */
  limits: Record<string, string>;
  error?: string;
  /** the access token of a successful token request, for the next request only: never reported */
  accessToken?: string;
}

const TIMEOUT_MS = 15_000;
const LIMIT_HEADER = /rate|limit|retry-after/i;
/** Error and fact fields of the vendors' documented answers and of OAuth2's. */
const KEPT_FIELDS = ['description', 'errors', 'code', 'message', 'error', 'error_description', 'expires_in', 'token_type', 'data'];

function parsed(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return text ? { body: text.slice(0, 200) } : {};
  }
}

/** Where a vendor host is sent: its own https URL, or (tests only) a local fake. */
export type VendorUrl = (host: string) => string | undefined;

export async function send(request: PlannedRequest, vendorUrl?: VendorUrl): Promise<Answer> {
  const url = new URL(request.url);
  const target = vendorUrl?.(url.hostname);
  try {
    const response = await axios.request<string>({
      method: request.method,
      url: target ? `${target.replace(/\/+$/, '')}${url.pathname}${url.search}` : request.url,
      headers: request.headers,
      data: request.body,
      timeout: TIMEOUT_MS,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
    });
    const body = parsed(typeof response.data === 'string' ? response.data : '');
    const fields = Object.fromEntries(KEPT_FIELDS.filter((name) => body[name] !== undefined).map((name) => [name, body[name]]));
    if ('body' in body) fields.body = body.body;
    const limits = Object.fromEntries(
      Object.entries(response.headers)
        .filter(([name]) => LIMIT_HEADER.test(name))
        .map(([name, value]) => [name, String(value)]),
    );
    const token = typeof body.access_token === 'string' && response.status < 300 ? body.access_token : undefined;
    return { status: response.status, fields, limits, ...(token ? { accessToken: token } : {}) };
  } catch (err) {
    return {
      status: 0,
      fields: {},
      limits: {},
      error: (err as { code?: string; message?: string }).code ?? String((err as Error).message),
    };
  }
}
