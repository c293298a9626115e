import { promises as fs } from 'node:fs';
import path from 'node:path';

import { checkServerExports } from '../validate/static-checks';
import { isPlainObject } from './errors';

/** One entry of config/requests.json, validated against the documented limits. */
export interface RequestTemplate {
  name: string;
  method: string;
  protocol: 'https' | 'http';
  host: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  maxAttempts: number;
  retryDelay: number;
}

export interface AppDefinition {
  appDir: string;
  serverFile: string;
  /** event name -> handler name, across all modules */
  eventHandlers: Map<string, string>;
  /** modules.common.functions */
  serverMethods: Set<string>;
  /** execution limit of each server method: `functions.<name>.timeout` seconds, default 5 */
  serverMethodTimeoutsMs: Map<string, number>;
  /** modules.common.requests */
  declaredRequests: Set<string>;
  templates: Map<string, RequestTemplate>;
  /** manifest "dependencies": the only packages `require` may load */
  dependencies: Set<string>;
  /** product modules (every module except common) */
  subscribedModules: string[];
  /** iparam names marked "secure": true in config/iparams.json */
  secureIparams: Set<string>;
  serverSource: string;
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_ATTEMPTS = { min: 1, max: 5 };
const MAX_RETRY_DELAY_MS = 1500;
/*
 * Server-method execution limit. FDK 6.9 (lib/event_handler/framework.js, SMI_TIMEOUT) runs a server method
 * for 5 s by default; the docs' limits table gives 20 s as the SMI ceiling. Which values the `timeout` attribute
 * takes is not in a source we could read: the stricter reading allows whole 5-second steps up to 20.
 */
export const SERVER_METHOD_TIMEOUTS_S = { default: 5, allowed: [5, 10, 15, 20] } as const;

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
}

async function readOptionalJson(file: string): Promise<unknown> {
  try {
    return await readJson(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function objectAt(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new Error(`${where} must be an object`);
  return value;
}

function stringRecord(value: unknown, where: string): Record<string, string> {
  const record = objectAt(value, where);
  for (const [key, item] of Object.entries(record)) {
    if (typeof item !== 'string') throw new Error(`${where}.${key} must be a string`);
  }
  return record as Record<string, string>;
}

export function parseTemplate(name: string, raw: unknown): RequestTemplate {
  const where = `config/requests.json: ${name}`;
  const entry = objectAt(raw, where);
  const schema = objectAt(entry.schema, `${where}.schema`);
  const options = objectAt(entry.options, `${where}.options`);

  const method = String(schema.method ?? '').toUpperCase();
  if (!HTTP_METHODS.has(method)) throw new Error(`${where}.schema.method must be one of ${[...HTTP_METHODS].join(', ')}`);
  const protocol = schema.protocol ?? 'https';
  if (protocol !== 'https' && protocol !== 'http') throw new Error(`${where}.schema.protocol must be https or http`);
  if (typeof schema.host !== 'string' || schema.host === '') throw new Error(`${where}.schema.host is required`);
  const templatePath = schema.path ?? '/';
  if (typeof templatePath !== 'string' || !templatePath.startsWith('/')) throw new Error(`${where}.schema.path must start with /`);

  const maxAttempts = options.maxAttempts ?? 1;
  if (
    typeof maxAttempts !== 'number' ||
    !Number.isInteger(maxAttempts) ||
    maxAttempts < MAX_ATTEMPTS.min ||
    maxAttempts > MAX_ATTEMPTS.max
  ) {
    throw new Error(`${where}.options.maxAttempts must be an integer from ${MAX_ATTEMPTS.min} to ${MAX_ATTEMPTS.max}`);
  }
  const retryDelay = options.retryDelay ?? 0;
  if (typeof retryDelay !== 'number' || retryDelay < 0 || retryDelay > MAX_RETRY_DELAY_MS) {
    throw new Error(`${where}.options.retryDelay must be between 0 and ${MAX_RETRY_DELAY_MS} ms`);
  }

  return {
    name,
    method,
    protocol,
    host: schema.host,
    path: templatePath,
    headers: stringRecord(schema.headers, `${where}.schema.headers`),
    query: stringRecord(schema.query, `${where}.schema.query`),
    maxAttempts,
    retryDelay,
  };
}

function serverMethodTimeouts(functions: Record<string, unknown>): Map<string, number> {
  const timeouts = new Map<string, number>();
  for (const [name, spec] of Object.entries(functions)) {
    const timeout = objectAt(spec, `modules.common.functions.${name}`).timeout ?? SERVER_METHOD_TIMEOUTS_S.default;
    if (!(SERVER_METHOD_TIMEOUTS_S.allowed as readonly unknown[]).includes(timeout)) {
      throw new Error(
        `manifest.json: modules.common.functions.${name}.timeout must be one of ${SERVER_METHOD_TIMEOUTS_S.allowed.join(', ')} (seconds)`,
      );
    }
    timeouts.set(name, (timeout as number) * 1000);
  }
  return timeouts;
}

function secureIparamNames(iparamsConfig: unknown): Set<string> {
  const names = new Set<string>();
  if (!isPlainObject(iparamsConfig)) return names;
  for (const [name, spec] of Object.entries(iparamsConfig)) {
    if (isPlainObject(spec) && spec.secure === true) names.add(name);
  }
  return names;
}

/** The app as its files declare it, unchecked (`npm run validate` reports each problem itself). */
export async function readAppDefinition(appDir: string, extraSecureIparams: readonly string[] = []): Promise<AppDefinition> {
  const manifest = objectAt(await readJson(path.join(appDir, 'manifest.json')), 'manifest.json');
  const modules = objectAt(manifest.modules, 'manifest.json modules');
  const common = objectAt(modules.common, 'manifest.json modules.common');

  const eventHandlers = new Map<string, string>();
  for (const [moduleName, moduleSpec] of Object.entries(modules)) {
    const events = objectAt(objectAt(moduleSpec, `modules.${moduleName}`).events, `modules.${moduleName}.events`);
    for (const [eventName, eventSpec] of Object.entries(events)) {
      const handler = objectAt(eventSpec, `modules.${moduleName}.events.${eventName}`).handler;
      if (typeof handler !== 'string' || handler === '') throw new Error(`manifest.json: event ${eventName} needs a handler name`);
      eventHandlers.set(eventName, handler);
    }
  }

  const requestsJson = objectAt(await readOptionalJson(path.join(appDir, 'config', 'requests.json')), 'config/requests.json');
  const templates = new Map<string, RequestTemplate>();
  for (const [name, raw] of Object.entries(requestsJson)) templates.set(name, parseTemplate(name, raw));

  const secureIparams = secureIparamNames(await readOptionalJson(path.join(appDir, 'config', 'iparams.json')));
  for (const name of extraSecureIparams) secureIparams.add(name);

  const serverFile = path.join(appDir, 'server', 'server.js');
  const functions = objectAt(common.functions, 'modules.common.functions');
  return {
    appDir,
    serverFile,
    eventHandlers,
    serverMethods: new Set(Object.keys(functions)),
    serverMethodTimeoutsMs: serverMethodTimeouts(functions),
    declaredRequests: new Set(Object.keys(objectAt(common.requests, 'modules.common.requests'))),
    templates,
    dependencies: new Set(Object.keys(objectAt(manifest.dependencies, 'manifest.json dependencies'))),
    subscribedModules: Object.keys(modules).filter((name) => name !== 'common'),
    secureIparams,
    serverSource: await fs.readFile(serverFile, 'utf8'),
  };
}

/** The app, refused like the platform refuses it when a handler or server method is not statically defined. */
export async function loadApp(appDir: string, extraSecureIparams: readonly string[] = []): Promise<AppDefinition> {
  const app = await readAppDefinition(appDir, extraSecureIparams);
  const problems = checkServerExports(app.serverSource, app);
  if (problems.length > 0) throw new Error(`The app cannot be loaded:\n${problems.join('\n')}`);
  return app;
}
