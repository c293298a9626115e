/**
 * The checks FDK makes by reading the shipped files rather than running them (sources in README
 * "Platform rules"): every file parses at ES2020; handlers and server methods are the properties of
 * the top-level `exports = {...}` whose value is a `function` expression (FDK 6.9
 * utils/event-util.js: `name: identifier` and arrow functions are "not defined"); installation-page
 * callbacks are top-level `function` declarations of config/assets/iparams.js (validations/iparam.js).
 * Each check returns its problems as sentences; used by `npm run validate` and by the runtime,
 * which refuses to load an app that fails them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, type Node, type Program } from 'acorn';

/** `"javascript": {"ecma_version": 2020}` in FDK 10.1.2's configuration. */
export const ECMA_VERSION = 2020;

export type ParsedScript = { ok: true; program: Program } | { ok: false; problem: string };

/** Parses a classic script (FDK parses shipped files as scripts, not modules) at ES2020. */
export function parseScript(source: string, file: string): ParsedScript {
  try {
    return { ok: true, program: parse(source, { ecmaVersion: ECMA_VERSION, sourceType: 'script' }) };
  } catch (err) {
    return { ok: false, problem: `${file} does not parse at ES${ECMA_VERSION}: ${(err as Error).message}` };
  }
}

type AnyNode = Node & Record<string, any>;

/** The object of the first top-level `exports = {...}` statement, as FDK looks for it. */
function exportsObject(program: Program): AnyNode | null {
  for (const statement of program.body as AnyNode[]) {
    const expression = statement.type === 'ExpressionStatement' ? statement.expression : null;
    if (expression?.type !== 'AssignmentExpression' || expression.left.name !== 'exports') continue;
    return expression.right.type === 'ObjectExpression' ? expression.right : null;
  }
  return null;
}

/** The names FDK finds as defined functions: `name: function (...) {...}` properties only. */
export function definedServerFunctions(program: Program): string[] | null {
  const object = exportsObject(program);
  if (object === null) return null;
  return (object.properties as AnyNode[])
    .filter((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.value.type === 'FunctionExpression')
    .map((p) => p.key.name as string);
}

export interface ServerEntryPoints {
  /** event name -> handler name */
  eventHandlers: ReadonlyMap<string, string>;
  serverMethods: ReadonlySet<string>;
}

/** Every manifest handler and server method must be a function expression in `exports = {...}`. */
export function checkServerExports(source: string, wanted: ServerEntryPoints, file = 'server/server.js'): string[] {
  const parsed = parseScript(source, file);
  if (!parsed.ok) return [parsed.problem];
  const defined = definedServerFunctions(parsed.program);
  if (defined === null) {
    return [
      `${file} must assign the handlers at top level as exports = { name: function (args) {...} } (FDK: "Error while parsing file containing serverless functions")`,
    ];
  }
  const missing = (name: string) => !defined.includes(name);
  const why = `(only exports properties whose value is a function expression count; not name: identifier, not arrows)`;
  return [
    ...[...wanted.eventHandlers]
      .filter(([, handler]) => missing(handler))
      .map(([event, handler]) => `Event callback '${handler}' of ${event} is not defined in ${file} ${why}`),
    ...[...wanted.serverMethods].filter(missing).map((method) => `Server method '${method}' is not defined in ${file} ${why}`),
  ];
}

/** Names of the top-level `function name() {}` declarations of a script. */
export function topLevelFunctions(program: Program): string[] {
  return (program.body as AnyNode[]).filter((s) => s.type === 'FunctionDeclaration').map((s) => s.id.name as string);
}

const ASSETS_SCRIPT = 'config/assets/iparams.js';
/** The functions the platform calls on a custom installation page (FDK 6.9 iparam.js CONFIG_METHODS). */
const CONFIG_METHODS = ['getConfigs', 'postConfigs'];
const VALID_IPARAM_EVENTS = ['change'];

/** Top-level functions of config/assets/iparams.js, or the problem that keeps them from being read. */
function assetFunctions(appDir: string): { functions: string[]; problems: string[] } {
  const file = path.join(appDir, ASSETS_SCRIPT);
  if (!fs.existsSync(file)) return { functions: [], problems: [] };
  const parsed = parseScript(fs.readFileSync(file, 'utf8'), ASSETS_SCRIPT);
  return parsed.ok ? { functions: topLevelFunctions(parsed.program), problems: [] } : { functions: [], problems: [parsed.problem] };
}

type IparamEvents = Record<string, { events?: unknown }>;

/** iparams.json: each `events: [{change: fn}]` names a top-level function of config/assets/iparams.js. */
function checkIparamEvents(iparams: IparamEvents, functions: readonly string[]): string[] {
  const problems: string[] = [];
  for (const [field, spec] of Object.entries(iparams)) {
    if (spec.events === undefined) continue;
    if (!Array.isArray(spec.events)) {
      problems.push(`For the '${field}' field, add the Events as an array.`);
      continue;
    }
    for (const event of spec.events as Record<string, unknown>[]) {
      for (const [name, callback] of Object.entries(event)) {
        if (!VALID_IPARAM_EVENTS.includes(name)) problems.push(`The ${name} event is not supported in the '${field}' field`);
        if (!functions.includes(String(callback)))
          problems.push(
            `The ${String(callback)} function does not exist for the '${field}' field (a top-level function declaration in ${ASSETS_SCRIPT}).`,
          );
      }
    }
  }
  return problems;
}

/** Top-level functions of the inline classic scripts of a page (FDK 6.9 reads `script:not([type])` text with esprima). */
function inlineFunctions(html: string): string[] {
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc\s*=)(?![^>]*\btype\s*=\s*["']module)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    (m) => m[1],
  );
  return inline.flatMap((source) => {
    const parsed = parseScript(source, 'config/iparams.html');
    return parsed.ok ? topLevelFunctions(parsed.program) : [];
  });
}

/**
 * iparams.html: loads config/assets/iparams.js, which declares getConfigs and postConfigs at top
 * level (platform-3.0 docs, FDK 10 sample); FDK 6.9 looks for them in inline scripts of the page
 * instead. Which one FDK 10 checks is unknown, so both are required (the stricter reading).
 */
function checkCustomPage(html: string, functions: readonly string[]): string[] {
  const problems: string[] = [];
  const sources = [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1].replace(/^\.\//, ''));
  if (!sources.includes('assets/iparams.js')) problems.push(`config/iparams.html must load ./assets/iparams.js with a <script src>`);
  const missing = CONFIG_METHODS.filter((name) => !functions.includes(name));
  if (missing.length > 0)
    problems.push(
      `Mandatory method(s) missing in iparams.html: ${missing.join(',')} (top-level function declarations in ${ASSETS_SCRIPT}).`,
    );
  const inline = inlineFunctions(html);
  const missingInline = CONFIG_METHODS.filter((name) => !inline.includes(name));
  if (missingInline.length > 0)
    problems.push(
      `Mandatory method(s) missing in iparams.html: ${missingInline.join(',')} (inline <script> declarations, where FDK 6.9 looks).`,
    );
  return problems;
}

/** The installation page: exactly one of iparams.json and iparams.html, with its callbacks declared at top level. */
export function checkInstallationPage(appDir: string): string[] {
  const jsonFile = path.join(appDir, 'config', 'iparams.json');
  const htmlFile = path.join(appDir, 'config', 'iparams.html');
  const hasJson = fs.existsSync(jsonFile);
  const hasHtml = fs.existsSync(htmlFile);
  if (hasJson && hasHtml) return ['Unsupported File(s). Specify either iparams.html or iparams.json'];
  if (!hasJson && !hasHtml) return ['iparams.json is mandatory.'];
  const { functions, problems } = assetFunctions(appDir);
  if (problems.length > 0) return problems;
  if (hasHtml) return checkCustomPage(fs.readFileSync(htmlFile, 'utf8'), functions);
  return checkIparamEvents(JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as IparamEvents, functions);
}

/** The JavaScript FDK ships: server/, app/ and config/assets/, outside node_modules and test data. */
export function shippedScripts(appDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    const full = path.join(appDir, dir);
    if (!fs.existsSync(full)) return;
    for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
      const child = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'test_data') walk(child);
      else if (entry.isFile() && entry.name.endsWith('.js')) found.push(child);
    }
  };
  for (const dir of ['server', 'app', 'config/assets']) walk(dir);
  return found.sort();
}

/** Every shipped script parses at ES2020. */
export function checkEcmaVersion(appDir: string): string[] {
  return shippedScripts(appDir).flatMap((file) => {
    const parsed = parseScript(fs.readFileSync(path.join(appDir, file), 'utf8'), file);
    return parsed.ok ? [] : [parsed.problem];
  });
}
