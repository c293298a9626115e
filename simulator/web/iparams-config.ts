/**
 * The app's installation page, config/iparams.html, as `fdk run` serves it: `{{{appclient}}}`
 * becomes the simulator's FDK client and Crayons comes from node_modules (offline). Read on every
 * request, so an edited page shows on reload.
 */
import fs from 'node:fs';
import path from 'node:path';
import { rewriteAppHtml } from './static';

export const INSTALLATION_PAGE = path.join('config', 'iparams.html');

export function installationPageHtml(appDir: string): string {
  const file = path.join(appDir, INSTALLATION_PAGE);
  if (!fs.existsSync(file)) throw new Error(`${INSTALLATION_PAGE} is missing: the app has no installation page`);
  return rewriteAppHtml(fs.readFileSync(file, 'utf8'));
}
