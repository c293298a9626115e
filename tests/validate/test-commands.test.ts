/**
 * What `fdk pack` runs (`scripts.fdk-unit-test`, in manifest.json as FDK 10.1.2's own sample app
 * declares it) must pass with no browser at all, and one suite run alone is not held to the
 * coverage threshold of the whole suite.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR } from '../../simulator/local-app';

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(APP_DIR, file), 'utf8'));
const relative = (files: string) =>
  files
    .trim()
    .split('\n')
    .map((f) => path.relative(APP_DIR, f))
    .sort();

let all: string[];
/** Suites that launch a browser (they import the launcher in tests/support/browser.ts). */
let browser: string[];
beforeAll(() => {
  all = relative(execFileSync('npx', ['jest', '--listTests'], { cwd: APP_DIR, encoding: 'utf8' }));
  browser = all.filter((file) => /support\/browser['"]/.test(fs.readFileSync(path.join(APP_DIR, file), 'utf8')));
});

test('manifest.json declares the same fdk-unit-test script as package.json', () => {
  expect(readJson('manifest.json').scripts['fdk-unit-test']).toBe(readJson('package.json').scripts['fdk-unit-test']);
});

test('fdk-unit-test runs every suite except the browser suites', () => {
  const listed = relative(
    execFileSync('npm', ['run', '--silent', 'fdk-unit-test', '--', '--listTests'], { cwd: APP_DIR, encoding: 'utf8' }),
  );
  expect(browser.length).toBeGreaterThan(0);
  expect(listed).toEqual(all.filter((file) => !browser.includes(file)));
});

test('a browser suite is named *.browser.test.ts or lives in tests/browser/ (so fdk-unit-test leaves it out)', () => {
  for (const file of browser) expect(file).toMatch(/^tests\/browser\/|browser\.test\.ts$/);
});

test('coverage, and its threshold, only in the full runs', () => {
  const jestConfig = require(path.join(APP_DIR, 'jest.config.js'));
  const scripts = readJson('package.json').scripts;
  expect(jestConfig.collectCoverage).toBeFalsy();
  expect(jestConfig.coverageThreshold['./server/server.js']).toEqual({ statements: 90, branches: 90, functions: 90, lines: 90 });
  expect(scripts.test).toMatch(/jest --coverage/);
  expect(scripts['fdk-unit-test']).toMatch(/^jest --coverage/);
});
