/**
 * The browser every UI test drives: the Chromium that `npm install` brings (@sparticuz/chromium,
 * unpacked to /tmp on first use), launched by playwright-core. `CHROMIUM_PATH` points at another
 * binary instead. No system browser is needed, so the browser suites never skip.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

// Flags for a headless run on a machine without network: no sandbox (root in CI), no background
// connections (refused here, and noisy).
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** @sparticuz/chromium is an ES module and jest runs CommonJS: unpack it in a child Node. */
function bundledChromium(): string {
  const script = "import('@sparticuz/chromium').then((m) => m.default.executablePath()).then((p) => process.stdout.write(p))";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || bundledChromium();
  return chromium.launch({ executablePath, args: FLAGS, headless: true });
}
