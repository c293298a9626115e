/**
 * What `fdk validate` is known to reject, checked without the CLI. Each check returns the
 * problems it found as sentences; an empty list means the app passes.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { parse } from 'acorn';
import { SECURE_IPARAMS } from '../../src/shared/iparam-rules';
import { loadApp, type AppDefinition, type RequestTemplate } from '../runtime/app';

const IPARAM_TYPES = new Set(['text', 'paragraph', 'dropdown', 'radio', 'checkbox', 'multiselect', 'number', 'email', 'phone_number', 'url', 'date']);
const WITH_OPTIONS = new Set(['dropdown', 'radio', 'multiselect']);
const PLACEHOLDER = /<%=\s*(iparam|context)\.(\w+)\s*%>|<%=\s*encode\((iparam|context)\.(\w+)\)\s*%>/g;
const FQDN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

type IparamSpec = { type?: unknown; options?: unknown; default_value?: unknown; secure?: unknown };

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function checkRequests(app: AppDefinition): string[] {
  const problems: string[] = [];
  for (const name of app.declaredRequests) if (!app.templates.has(name)) problems.push(`manifest declares request "${name}" but config/requests.json has no such template`);
  for (const name of app.templates.keys()) if (!app.declaredRequests.has(name)) problems.push(`config/requests.json template "${name}" is not declared in manifest modules.common.requests`);
  return problems;
}

/** Runs server.js once (as the platform does) to read what it exports. */
function exportedNames(app: AppDefinition, dependencies: ReadonlySet<string>): Set<string> {
  const hostRequire = createRequire(app.serverFile);
  const context = vm.createContext({ exports: {}, require: (name: string) => (dependencies.has(name) ? hostRequire(name) : {}), console });
  vm.runInContext(app.serverSource, context, { filename: app.serverFile });
  return new Set(Object.keys((context as { exports: object }).exports ?? {}));
}

function checkHandlers(app: AppDefinition): string[] {
  const exported = exportedNames(app, app.dependencies);
  const wanted = [...app.eventHandlers.entries()].map(([event, handler]) => [handler, `event ${event}`]).concat([...app.serverMethods].map((m) => [m, 'server method']));
  return wanted.filter(([name]) => !exported.has(name)).map(([name, what]) => `${what} handler "${name}" is not exported by server/server.js`);
}

function checkIparam(name: string, spec: IparamSpec): string[] {
  const problems: string[] = [];
  const type = String(spec.type);
  if (!IPARAM_TYPES.has(type)) problems.push(`iparam "${name}" has an invalid type "${type}"`);
  if (!WITH_OPTIONS.has(type) || spec.default_value === undefined) return problems;
  const options = Array.isArray(spec.options) ? spec.options : [];
  const defaults = Array.isArray(spec.default_value) ? spec.default_value : [spec.default_value];
  for (const value of defaults) if (!options.includes(value)) problems.push(`iparam "${name}" default "${String(value)}" is not one of its options`);
  return problems;
}

function checkIparams(appDir: string): string[] {
  const file = path.join(appDir, 'config', 'iparams.json');
  if (!fs.existsSync(file)) return [];
  return Object.entries(readJson(file)).flatMap(([name, spec]) => checkIparam(name, spec as IparamSpec));
}

function topLevelFunctions(source: string): Set<string> {
  const program = parse(source, { ecmaVersion: 2020, sourceType: 'script' });
  return new Set(program.body.flatMap((node) => (node.type === 'FunctionDeclaration' && node.id ? [node.id.name] : [])));
}

/** Top-level functions of the classic inline scripts of an HTML page (what FDK 6.9 parses with cheerio + esprima). */
function inlineFunctions(page: string): Set<string> {
  const scripts = [...page.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="module")[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return new Set(scripts.flatMap((script) => [...topLevelFunctions(script)]));
}

/**
 * FDK: config/ holds iparams.html or iparams.json, never both (validations/iparam.js "Specify either
 * iparams.html or iparams.json"). A custom page's getConfigs and postConfigs must be top-level
 * functions both of config/assets/iparams.js (FDK 10 docs, configuration-page-samples iparams-html)
 * and of an inline script of iparams.html (FDK 6.9 validations/iparam.js): the stricter reading.
 */
function checkInstallationPage(appDir: string): string[] {
  const config = path.join(appDir, 'config');
  const hasHtml = fs.existsSync(path.join(config, 'iparams.html'));
  const hasJson = fs.existsSync(path.join(config, 'iparams.json'));
  if (hasHtml && hasJson) return ['config/ holds both iparams.html and iparams.json: specify either'];
  if (!hasHtml) return hasJson ? [] : ['config/iparams.json or config/iparams.html is mandatory'];
  const script = path.join(config, 'assets', 'iparams.js');
  const declared = fs.existsSync(script) ? topLevelFunctions(fs.readFileSync(script, 'utf8')) : new Set<string>();
  const inline = inlineFunctions(fs.readFileSync(path.join(config, 'iparams.html'), 'utf8'));
  return ['getConfigs', 'postConfigs'].flatMap((name) => [
    ...(declared.has(name) ? [] : [`config/assets/iparams.js declares no top-level function ${name} for config/iparams.html`]),
    ...(inline.has(name) ? [] : [`config/iparams.html declares no ${name} in an inline script (FDK 6.9 looks there)`]),
  ]);
}

function placeholders(text: string): Array<{ source: string; name: string }> {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ source: m[1] ?? m[3], name: m[2] ?? m[4] }));
}

function checkTemplate(template: RequestTemplate, secure: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const where = `template "${template.name}"`;
  if (template.protocol !== 'https') problems.push(`${where} must use https`);
  const outsideHeaders = [template.host, template.path, ...Object.values(template.query)].flatMap(placeholders);
  for (const p of outsideHeaders) if (p.source === 'iparam' && secure.has(p.name)) problems.push(`${where} uses secure iparam "${p.name}" outside headers`);
  const host = template.host.replace(PLACEHOLDER, 'x');
  if (!FQDN.test(host)) problems.push(`${where} host "${template.host}" is not a fully qualified domain name`);
  return problems;
}

function checkAssets(appDir: string, manifest: Record<string, unknown>): string[] {
  const files = ['app/styles/images/icon.svg'];
  const modules = manifest.modules as Record<string, { location?: Record<string, { url?: string; icon?: string }> }>;
  for (const spec of Object.values(modules)) {
    for (const location of Object.values(spec.location ?? {})) files.push(...[location.url, location.icon].filter((f): f is string => !!f).map((f) => `app/${f}`));
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
    app = await loadApp(appDir, SECURE_IPARAMS);
  } catch (err) {
    return [...problems, (err as Error).message];
  }
  return [
    ...problems,
    ...checkRequests(app),
    ...checkHandlers(app),
    ...checkIparams(appDir),
    ...checkInstallationPage(appDir),
    ...[...app.templates.values()].flatMap((t) => checkTemplate(t, app.secureIparams)),
    ...checkAssets(appDir, manifest),
  ];
}
