/** `npm run validate`: the checks `fdk validate` is known to make, without the CLI. */
import { APP_DIR } from '../local-app';
import { validateApp } from './app-checks';

validateApp(APP_DIR).then((problems) => {
  for (const problem of problems) console.error(`✖ ${problem}`);
  console.log(problems.length === 0 ? 'App is valid (manifest, requests, ES2020 parse, static handlers, installation-page callbacks, iparams, assets).' : `${problems.length} problem(s).`);
  process.exitCode = problems.length === 0 ? 0 : 1;
});
