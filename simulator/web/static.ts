/** Files served from disk: the app/ folder (with FDK's HTML placeholders), Crayons and its icons, iparams assets. */
import fs from 'node:fs/promises';
import path from 'node:path';
import crayonsIconSet from './crayons-icons.json';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Resolves a URL path below `root`, or undefined when it escapes it (`..`, encoded or not)
 * or names nothing readable. A directory means its index.html.
 */
export async function resolveStatic(root: string, urlPath: string): Promise<string | undefined> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const file = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  if (file !== root && !file.startsWith(`${root}${path.sep}`)) return undefined;
  try {
    const stat = await fs.stat(file);
    if (stat.isFile()) return file;
    if (!stat.isDirectory()) return undefined;
    const index = path.join(file, 'index.html');
    return (await fs.stat(index)).isFile() ? index : undefined;
  } catch {
    return undefined;
  }
}

const CRAYONS_CDN = /https:\/\/cdn\.jsdelivr\.net\/npm\/@freshworks\/crayons@[^/"'\s]+\/dist\/crayons\//g;
/** Where Crayons' fw-icon fetches its default icon library from (the URL is built into its code). */
const CRAYONS_ICON_CDN = 'https://cdn.jsdelivr.net/npm/@freshworks/crayons-icon@next/dist/icons';
export const LOCAL_CRAYONS_ICONS = '/_fdk/crayons-icon/icons';

/**
 * What `fdk run` does to app HTML: the client placeholder becomes a real script URL. Crayons is
 * loaded from the CDN in production (FDK requires that URL in the shipped HTML); locally it comes
 * from node_modules instead, so the pages work offline.
 */
export function rewriteAppHtml(html: string): string {
  return html.replace(/\{\{\{\s*appclient\s*\}\}\}/g, '/_fdk/client.js').replace(CRAYONS_CDN, '/_fdk/crayons/');
}

/** Crayons' scripts as served locally: its icon fetches go to this server instead of the CDN. */
export function rewriteCrayonsScript(source: string): string {
  return source.split(CRAYONS_ICON_CDN).join(LOCAL_CRAYONS_ICONS);
}

/**
 * Crayons' icon set, name -> SVG. The package that holds it (@freshworks/crayons-icon) cannot be
 * installed from the registry (its CLI depends on a placeholder `fs` package), so its icons are
 * kept in the repo as one file; see its "source" field.
 */
const CRAYONS_ICONS: Readonly<Record<string, string>> = crayonsIconSet.icons;

export function crayonsIcon(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(CRAYONS_ICONS, name) ? CRAYONS_ICONS[name] : undefined;
}
