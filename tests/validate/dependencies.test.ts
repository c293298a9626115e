/**
 * What the app ships and what a fresh `npm install` needs: the shipped dependencies are exactly what
 * server/server.js requires (the manifest declares them; everything else is a dev dependency), and
 * the Node versions the README names satisfy package.json, the manifest and every locked package.
 */
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { APP_DIR } from '../../simulator/local-app';

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(APP_DIR, file), 'utf8'));
const pkg = readJson('package.json');
const manifest = readJson('manifest.json');
const lock = readJson('package-lock.json');

test('dependencies are exactly the modules server/server.js requires, at the versions the manifest pins', () => {
  const source = fs.readFileSync(path.join(APP_DIR, 'server', 'server.js'), 'utf8');
  const required = [...new Set([...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))].sort();
  expect(Object.keys(pkg.dependencies).sort()).toEqual(required);
  expect(Object.keys(manifest.dependencies).sort()).toEqual(required);
  for (const name of required) {
    expect(semver.satisfies(manifest.dependencies[name], pkg.dependencies[name])).toBe(true);
    expect(lock.packages[`node_modules/${name}`].version).toBe(manifest.dependencies[name]);
  }
});

/** The Node versions the README names: the lowest the local tools run on, and the one FDK 10 runs (the manifest's). */
function readmeNodeVersions(): string[] {
  const readme = fs.readFileSync(path.join(APP_DIR, 'README.md'), 'utf8');
  const paragraph = /^\*\*Node\.\*\* [\s\S]*?\n\n/m.exec(readme)?.[0] ?? '';
  return [...paragraph.matchAll(/Node (\d+\.\d+\.\d+)/g)].map((m) => m[1]);
}

test("the README's Node versions satisfy package.json, and FDK 10's is the manifest's", () => {
  const versions = readmeNodeVersions();
  expect(versions).toContain(manifest.engines.node);
  expect(versions.length).toBeGreaterThanOrEqual(2);
  for (const version of versions) expect(semver.satisfies(version, pkg.engines.node)).toBe(true);
});

test('no locked package refuses a Node version the README names (npm install prints no EBADENGINE)', () => {
  // Optional packages that refuse a Node version are skipped silently by npm (a platform build of rollup's).
  const refusing = (version: string) =>
    Object.entries(lock.packages as Record<string, { engines?: { node?: string }; optional?: boolean }>)
      .filter(([name, p]) => name !== '' && !p.optional && p.engines?.node && !semver.satisfies(version, p.engines.node))
      .map(([name, p]) => `${name} wants node ${p.engines!.node}`);
  for (const version of readmeNodeVersions()) expect([version, refusing(version)]).toEqual([version, []]);
});
