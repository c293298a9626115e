/** Rebuilds server/server.js (and the browser scripts) when src/ changed since the last build. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { builtFrom, sourceHash } from '../../scripts/source-hash.cjs';
import { APP_DIR } from '../local-app';
import { CliError } from './errors';

/** The built files, each naming in its banner the source hash it was built from. */
export const BUILT_FILES = ['server/server.js', 'app/scripts/sidebar.js', 'config/assets/iparams.js'];

/** Why a build is needed ('missing' or 'changed'), or null when every built file is from the current source. */
export function needsBuild(appDir: string): 'missing' | 'changed' | null {
  const outputs = BUILT_FILES.map((file) => path.join(appDir, file));
  if (!outputs.every((file) => fs.existsSync(file))) return 'missing';
  const current = sourceHash(appDir);
  return outputs.every((file) => builtFrom(fs.readFileSync(file, 'utf8')) === current) ? null : 'changed';
}

export function ensureBuild(appDir: string = APP_DIR): void {
  const why = needsBuild(appDir);
  if (why === null) return;
  console.log(why === 'changed' ? 'src/ changed since the last build: running npm run build…' : 'No build yet: running npm run build…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: appDir, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new CliError(
      `npm run build failed${result.error ? ` (${result.error.message})` : ''}: fix the errors above, then run npm start again.`,
    );
  }
}
