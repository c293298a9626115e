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

export function renderTemplate(template: RequestTemplate, scope: RenderScope): RenderedRequest {
  const host = renderString(template.host, 'host', scope);
  if (host === '' || /[/\s]|:\/\//.test(host)) throw badRequest(`Rendered host "${host}" of ${template.name} is not a host name`);

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
