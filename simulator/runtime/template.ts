import { badRequest } from './errors';
import type { RequestTemplate } from './app';

/** Where a template string sits; secure iparams are only allowed in headers. */
export type TemplateField = 'host' | 'path' | 'query' | 'headers';

export interface RenderScope {
  template: string;
  iparams: Readonly<Record<string, unknown>>;
  secureIparams: ReadonlySet<string>;
  context: Readonly<Record<string, unknown>>;
}

export interface RenderedRequest {
  method: string;
  protocol: string;
  host: string;
  path: string;
  /** `?a=b&c=d` with URL-encoded values, or '' */
  search: string;
  headers: Record<string, string>;
}

// `<%= iparam.x %>`, `<%= context.x %>`, `<%= encode(iparam.x) %>`, whitespace-tolerant.
const PLACEHOLDER = /<%=([\s\S]*?)%>/g;
const EXPRESSION = /^\s*(?:encode\(\s*(iparam|context)\.([A-Za-z_$][\w$]*)\s*\)|(iparam|context)\.([A-Za-z_$][\w$]*))\s*$/;

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function lookup(scope: RenderScope, field: TemplateField, source: string, name: string): string {
  if (source === 'iparam') {
    if (field !== 'headers' && scope.secureIparams.has(name)) {
      throw badRequest(`secure iparam ${name} can only be used in headers`);
    }
    const value = scope.iparams[name];
    if (value === undefined || value === null) throw badRequest(`iparam ${name} is missing (template ${scope.template})`);
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  const value = scope.context[name];
  if (value === undefined || value === null) throw badRequest(`context ${name} is missing (template ${scope.template})`);
  return String(value);
}

export function renderString(text: string, field: TemplateField, scope: RenderScope): string {
  return text.replace(PLACEHOLDER, (_whole, expression: string) => {
    const match = EXPRESSION.exec(expression);
    if (!match) throw badRequest(`Unsupported template expression <%=${expression}%> in ${scope.template}`);
    const encoded = match[1] !== undefined;
    const value = lookup(scope, field, encoded ? match[1] : match[3], encoded ? match[2] : match[4]);
    return encoded ? base64(value) : value;
  });
}

/*
 * FDK 6.9 lib/api/proxy.js validateUrl refuses a request whose host is an IP ('Invalid URL - IP is disallowed')
 * or not a fully qualified domain name (validator.isFQDN: dot-separated labels of letters, digits and inner
 * hyphens, at most 63 characters each, an alphabetic TLD of 2+ letters, no trailing dot). A crafted iparam such
 * as `x.evil.com#` would otherwise turn `auth.<%= iparam.region %>.example.com` into a request to x.evil.com.
 * Only ASCII labels are accepted (stricter than validator's Unicode ranges).
 */
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const TLD = /^(?:[a-z]{2,}|xn--[a-z0-9-]{2,})$/i;
const MAX_HOST_LENGTH = 253;

export const HOST_ERRORS = { ip: 'Invalid URL - IP is disallowed', fqdn: 'Invalid URL - Must be FQDN' } as const;

/** Why `host` may not be requested, or undefined when it is a plain FQDN. */
export function hostProblem(host: string): string | undefined {
  if (IPV4.test(host) || host.startsWith('[')) return HOST_ERRORS.ip;
  const labels = host.split('.');
  const fqdn =
    host.length <= MAX_HOST_LENGTH &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    TLD.test(labels[labels.length - 1]);
  return fqdn ? undefined : HOST_ERRORS.fqdn;
}

export function renderTemplate(template: RequestTemplate, scope: RenderScope): RenderedRequest {
  const host = renderString(template.host, 'host', scope);
  const problem = hostProblem(host);
  if (problem) throw badRequest(problem);

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(template.headers)) headers[name] = renderString(value, 'headers', scope);

  const query = Object.entries(template.query).map(
    ([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(renderString(value, 'query', scope))}`,
  );

  return {
    method: template.method,
    protocol: template.protocol,
    host,
    path: renderString(template.path, 'path', scope),
    search: query.length > 0 ? `?${query.join('&')}` : '',
    headers,
  };
}
