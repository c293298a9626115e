/** Rebuilds server/server.js (and the browser scripts) when src/ changed since the last build. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR } from '../local-app';
import { CliError } from './errors';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when `output` is missing or older than any file under `sourceDir`. */
export function needsBuild(output: string, sourceDir: string): boolean {
  if (!fs.existsSync(output)) return true;
  return newestMtime(sourceDir) > fs.statSync(output).mtimeMs;
}

export function ensureBuild(appDir: string = APP_DIR): void {
  const output = path.join(appDir, 'server', 'server.js');
  if (!needsBuild(output, path.join(appDir, 'src'))) return;
  console.log(fs.existsSync(output) ? 'src/ changed since the last build: running npm run build…' : 'No build yet: running npm run build…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: appDir, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new CliError(
      `npm run build failed${result.error ? ` (${result.error.message})` : ''}: fix the errors above, then run npm start again.`,
    );
  }
}
