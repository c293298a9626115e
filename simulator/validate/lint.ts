/**
 * FDK's "lint" validator: the shipped scripts under the repository's eslint.config.mjs (FDK 10's rule
 * list at ES2020), each problem printed as FDK prints it (`file::line: message`). Not for jest: ESLint
 * loads its config through a dynamic import (tests run it through the CLI).
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { shippedScripts } from './static-checks';

const CONFIG_FILE = path.resolve(__dirname, '../../eslint.config.mjs');

export async function lintShippedScripts(appDir: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: appDir, overrideConfigFile: CONFIG_FILE });
  const results = await eslint.lintFiles(shippedScripts(appDir));
  return results.flatMap((result) => result.messages.map((m) => `${path.relative(appDir, result.filePath)}::${m.line}: ${m.message}`));
}
