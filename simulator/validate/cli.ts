/** `npm run validate [app dir]`: the checks `fdk validate` is known to make, lint included, without the CLI. */
import path from 'node:path';
import { APP_DIR } from '../local-app';
import { validateApp } from './app-checks';
import { lintShippedScripts } from './lint';

async function main(appDir: string): Promise<void> {
  const platform = await validateApp(appDir);
  const lint = await lintShippedScripts(appDir);
  for (const problem of platform) console.error(`✖ ${problem}`);
  for (const problem of lint) console.error(`✖ lint: ${problem}`);
  console.log(`Platform errors: ${platform.length}. Lint errors: ${lint.length}.`);
  if (platform.length + lint.length === 0)
    console.log(
      'App is valid (manifest, requests, ES2020 parse, static handlers, installation-page callbacks, iparams, assets, FDK 10 lint).',
    );
  process.exitCode = platform.length + lint.length === 0 ? 0 : 1;
}

void main(process.argv[2] ? path.resolve(process.argv[2]) : APP_DIR);
