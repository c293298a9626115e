/**
 * The variant of this app with a third, test-only destination (Echo), built exactly as README
 * "Adding a destination" lists the steps: the files in ./variant plus one line per list.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DestinationDescriptor } from '../../../src/shared/destinations';

export const REPO = path.resolve(__dirname, '../../..');
const FILES = path.join(__dirname, 'variant');
const COPIED = [
  'src',
  'simulator',
  'types',
  'config',
  'app',
  'test_data',
  'manifest.json',
  'rollup.config.mjs',
  'scripts',
  'tsconfig.json',
  'tsconfig.server.json',
  'tsconfig.app.json',
  'package.json',
];

/** Inserts `line` after the only line of `file` that contains `anchor`. */
function addLine(dir: string, file: string, anchor: string, line: string): void {
  const full = path.join(dir, file);
  const lines = fs.readFileSync(full, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes(anchor));
  if (at < 0 || lines.findIndex((l, i) => i > at && l.includes(anchor)) >= 0) throw new Error(`${file}: no single line with ${anchor}`);
  lines.splice(at + 1, 0, line);
  fs.writeFileSync(full, lines.join('\n'));
}

function editJson(dir: string, file: string, edit: (json: any) => void): void {
  const full = path.join(dir, file);
  const json = JSON.parse(fs.readFileSync(full, 'utf8'));
  edit(json);
  fs.writeFileSync(full, JSON.stringify(json, null, 2));
}

const ECHO_TEMPLATE = {
  schema: {
    method: 'POST',
    host: 'api.echo.example',
    path: '/statuses',
    headers: { Authorization: 'Bearer <%= iparam.echo_token %>', 'Content-Type': 'application/json' },
  },
  options: { maxAttempts: 1, retryDelay: 0 },
};

const ECHO_VERIFY_TEMPLATE = {
  schema: { method: 'GET', host: 'api.echo.example', path: '/me', headers: { Authorization: 'Bearer <%= context.token %>' } },
  options: { maxAttempts: 1, retryDelay: 0 },
};

/** The variant: this app plus Echo, exactly as README "Adding a destination" lists the steps. */
function makeVariant(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'third-destination-'));
  for (const entry of COPIED) fs.cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.cpSync(FILES, dir, { recursive: true });
  // Step 1: the descriptor, one line in the list of descriptors (and its import).
  addLine(dir, 'src/shared/destinations/index.ts', "import { freshdesk } from './freshdesk';", "import { echo } from './echo';");
  fs.writeFileSync(
    path.join(dir, 'src/shared/destinations/index.ts'),
    fs
      .readFileSync(path.join(dir, 'src/shared/destinations/index.ts'), 'utf8')
      .replace('[freshdesk, customerGauge]', '[freshdesk, customerGauge, echo]'),
  );
  // Step 2: the folder, one line in the server's registry (and its import).
  addLine(dir, 'src/server/destinations/registry.ts', "import { freshdesk } from './freshdesk';", "import { echo } from './echo';");
  addLine(dir, 'src/server/destinations/registry.ts', 'customergauge: customerGauge,', '  echo,');
  // Step 3: its templates, declared where the platform reads them.
  editJson(dir, 'config/requests.json', (requests) =>
    Object.assign(requests, { echoPostStatus: ECHO_TEMPLATE, echoVerifyToken: ECHO_VERIFY_TEMPLATE }),
  );
  editJson(dir, 'manifest.json', (manifest) =>
    Object.assign(manifest.modules.common.requests, { echoPostStatus: {}, echoVerifyToken: {} }),
  );
  // Step 4: its part of the installation page, one line in the page registry (and its import).
  addLine(dir, 'src/iparams/destinations/index.ts', "import { freshdeskPage } from './freshdesk';", "import { echoPage } from './echo';");
  addLine(dir, 'src/iparams/destinations/index.ts', 'customergauge: customerGaugePage,', '  echo: echoPage,');
  // Step 5: its fake with its sandbox entry, one line in the fakes' registry (and its import).
  addLine(dir, 'simulator/fake-vendors/index.ts', 'import { FRESHDESK_SANDBOX', "import { ECHO_SANDBOX } from './echo';");
  addLine(dir, 'simulator/fake-vendors/index.ts', 'customergauge: CUSTOMERGAUGE_SANDBOX,', '  echo: ECHO_SANDBOX,');
  return dir;
}

export const DESCRIPTORS_OF = (dir: string): readonly DestinationDescriptor[] =>
  (require(path.join(dir, 'src/shared/destinations/index.ts')) as { DESCRIPTORS: readonly DestinationDescriptor[] }).DESCRIPTORS;

const run = (dir: string, command: string, args: string[]) => execFileSync(command, args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });

/** Type-checks and builds the variant; returns its folder. */
export function buildVariant(): string {
  const dir = makeVariant();
  run(dir, process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.server.json']);
  run(dir, process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.app.json']);
  run(dir, process.execPath, [path.join(REPO, 'node_modules/rollup/dist/bin/rollup'), '-c', 'rollup.config.mjs', '--silent']);
  return dir;
}
