/** `npm run validate` as a developer runs it: the platform checks and FDK's lint, with FDK's counts and exit code. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { APP_DIR } from '../../simulator/local-app';
import { copyApp, writeFile } from './app-copy';

function validate(dir: string): { status: number | null; output: string } {
  const run = spawnSync('npx', ['tsx', path.join(APP_DIR, 'simulator/validate/cli.ts'), dir], { cwd: APP_DIR, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

test('this app is valid: exit 0', () => {
  const { status, output } = validate(APP_DIR);
  expect(output).toContain('Platform errors: 0. Lint errors: 0.');
  expect(status).toBe(0);
});

test('a lint error in a shipped script fails it, printed as FDK prints it', () => {
  const dir = copyApp();
  writeFile(dir, 'app/scripts/lib/catalog.js', 'var catalog = [];\nwindow.catalog = catalog;\n');
  const { status, output } = validate(dir);
  expect(output).toContain('✖ lint: app/scripts/lib/catalog.js::1: Unexpected var, use let or const instead.');
  expect(output).toContain('Platform errors: 0. Lint errors: 1.');
  expect(status).toBe(1);
});
