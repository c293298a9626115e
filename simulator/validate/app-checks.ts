/**
 * What `fdk validate` is known to reject, checked without the CLI. Each check returns the
 * problems it found as sentences; an empty list means the app passes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readAppDefinition, type AppDefinition, type RequestTemplate } from '../runtime/app';
import { checkEcmaVersion, checkInstallationPage, checkServerExports } from './static-checks';
import { SECURE_IPARAMS } from '../../src/shared/iparam-rules';

const IPARAM_TYPES = new Set([
  'text',
  'paragraph',
  'dropdown',
  'radio',
  'checkbox',
  'multiselect',
  'number',
  'email',
  'phone_number',
  'url',
  'date',
]);
const WITH_OPTIONS = new Set(['dropdown', 'radio', 'multiselect']);
const PLACEHOLDER = /<%=\s*(iparam|context)\.(\w+)\s*%>|<%=\s*encode\((iparam|context)\.(\w+)\)\s*%>/g;
const FQDN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

type IparamSpec = { type?: unknown; options?: unknown; default_value?: unknown; secure?: unknown };

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function checkRequests(app: AppDefinition): string[] {
  const problems: string[] = [];
  for (const name of app.declaredRequests)
    if (!app.templates.has(name)) problems.push(`manifest declares request "${name}" but config/requests.json has no such template`);
  for (const name of app.templates.keys())
    if (!app.declaredRequests.has(name))
      problems.push(`config/requests.json template "${name}" is not declared in manifest modules.common.requests`);
  return problems;
}

function checkIparam(name: string, spec: IparamSpec): string[] {
  const problems: string[] = [];
  const type = String(spec.type);
  if (!IPARAM_TYPES.has(type)) problems.push(`iparam "${name}" has an invalid type "${type}"`);
  if (!WITH_OPTIONS.has(type) || spec.default_value === undefined) return problems;
  const options = Array.isArray(spec.options) ? spec.options : [];
  const defaults = Array.isArray(spec.default_value) ? spec.default_value : [spec.default_value];
  for (const value of defaults)
    if (!options.includes(value)) problems.push(`iparam "${name}" default "${String(value)}" is not one of its options`);
  return problems;
}

function checkIparams(appDir: string): string[] {
  const file = path.join(appDir, 'config', 'iparams.json');
  if (!fs.existsSync(file)) return [];
  return Object.entries(readJson(file)).flatMap(([name, spec]) => checkIparam(name, spec as IparamSpec));
}

function placeholders(text: string): Array<{ source: string; name: string }> {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ source: m[1] ?? m[3], name: m[2] ?? m[4] }));
}

function checkTemplate(template: RequestTemplate, secure: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const where = `template "${template.name}"`;
  if (template.protocol !== 'https') problems.push(`${where} must use https`);
  const outsideHeaders = [template.host, template.path, ...Object.values(template.query)].flatMap(placeholders);
  for (const p of outsideHeaders)
    if (p.source === 'iparam' && secure.has(p.name)) problems.push(`${where} uses secure iparam "${p.name}" outside headers`);
  const host = template.host.replace(PLACEHOLDER, 'x');
  if (!FQDN.test(host)) problems.push(`${where} host "${template.host}" is not a fully qualified domain name`);
  return problems;
}

function checkAssets(appDir: string, manifest: Record<string, unknown>): string[] {
  const files = ['app/styles/images/icon.svg'];
  const modules = manifest.modules as Record<string, { location?: Record<string, { url?: string; icon?: string }> }>;
  for (const spec of Object.values(modules)) {
    for (const location of Object.values(spec.location ?? {}))
      files.push(...[location.url, location.icon].filter((f): f is string => !!f).map((f) => `app/${f}`));
  }
  return files.filter((file) => !fs.existsSync(path.join(appDir, file))).map((file) => `${file} is missing`);
}

export async function validateApp(appDir: string): Promise<string[]> {
  const manifest = readJson(path.join(appDir, 'manifest.json'));
  const problems: string[] = [];
  if (manifest['platform-version'] !== '3.0') problems.push('manifest.json platform-version must be "3.0"');
  let app: AppDefinition;
  try {
    // The custom installation page declares its secure iparams at runtime (`__meta.secure`).
    app = await readAppDefinition(appDir, SECURE_IPARAMS);
  } catch (err) {
    return [...problems, (err as Error).message];
  }
  // A file that does not parse is reported once, though two checks read it.
  const all = [
    ...problems,
    ...checkRequests(app),
    ...checkEcmaVersion(appDir),
    ...checkServerExports(app.serverSource, app),
    ...checkInstallationPage(appDir),
    ...checkIparams(appDir),
    ...[...app.templates.values()].flatMap((t) => checkTemplate(t, app.secureIparams)),
    ...checkAssets(appDir, manifest),
  ];
  return [...new Set(all)];
}
