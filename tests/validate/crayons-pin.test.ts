/**
 * The installation page, where admins type secrets, loads Crayons from jsDelivr pinned to the exact
 * version package-lock.json installs (the one every browser test runs), each script with the SRI
 * hash of the file in node_modules: a changed CDN file, or a Crayons upgrade without new hashes, fails here.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const APP_DIR = path.resolve(__dirname, '../..');
const page = fs.readFileSync(path.join(APP_DIR, 'config/iparams.html'), 'utf8');
const lock = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version: string }>;
};
const version = lock.packages['node_modules/@freshworks/crayons'].version;

const SCRIPT = /<script\b[^>]*\bsrc="(https:\/\/cdn\.jsdelivr\.net\/npm\/@freshworks\/crayons@[^"]+)"[^>]*>/g;
const scripts = [...page.matchAll(SCRIPT)].map(([tag, src]) => ({
  src,
  integrity: /\bintegrity="([^"]*)"/.exec(tag)?.[1],
  crossorigin: /\bcrossorigin="([^"]*)"/.exec(tag)?.[1],
}));

const sri = (file: string): string =>
  `sha384-${crypto
    .createHash('sha384')
    .update(fs.readFileSync(path.join(APP_DIR, 'node_modules/@freshworks/crayons', file)))
    .digest('base64')}`;

test('both Crayons scripts name the locked version exactly', () => {
  expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  expect(scripts.map((s) => s.src)).toEqual([
    `https://cdn.jsdelivr.net/npm/@freshworks/crayons@${version}/dist/crayons/crayons.esm.js`,
    `https://cdn.jsdelivr.net/npm/@freshworks/crayons@${version}/dist/crayons/crayons.js`,
  ]);
});

test.each(scripts.map((s) => [s.src.replace(/^.*@freshworks\/crayons@[^/]+\//, ''), s] as const))(
  '%s carries the SRI hash of the installed file, fetched without credentials',
  (file, script) => {
    expect(script.integrity).toBe(sri(file));
    expect(script.crossorigin).toBe('anonymous');
  },
);
