/** Files served as they are on disk: the app/ folder (with FDK's HTML placeholders), crayons, iparams assets. */
import fs from 'node:fs/promises';
import path from 'node:path';

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

/**
 * What `fdk run` does to app HTML: the client placeholder becomes a real script URL. Crayons is
 * loaded from the CDN in production; offline it comes from node_modules instead.
 */
export function rewriteAppHtml(html: string): string {
  return html.replace(/\{\{\{\s*appclient\s*\}\}\}/g, '/_fdk/client.js').replace(CRAYONS_CDN, '/_fdk/crayons/');
}
