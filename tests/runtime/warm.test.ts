import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { ManualClock, PlatformRuntime } from '../../simulator/runtime';

/** A fixture app whose module scope counts how often the script was loaded. */
function fixtureApp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warm-'));
  fs.mkdirSync(path.join(dir, 'server'));
  fs.mkdirSync(path.join(dir, 'config'));
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      'platform-version': '3.0',
      modules: { common: { functions: { loads: {} } } },
      engines: { node: '24.11.1', fdk: '10.0.1' },
    }),
  );
  fs.writeFileSync(path.join(dir, 'config', 'requests.json'), '{}');
  fs.writeFileSync(
    path.join(dir, 'server', 'server.js'),
    'let loaded = 0; loaded++; let calls = 0;\nexports = { loads: async function () { calls++; await Promise.resolve(); renderData(null, { loaded, calls }); } };\n',
  );
  return dir;
}

test.each([
  [
    false,
    [
      { loaded: 1, calls: 1 },
      { loaded: 1, calls: 1 },
    ],
  ],
  [
    true,
    [
      { loaded: 1, calls: 1 },
      { loaded: 1, calls: 2 },
    ],
  ],
])('warm=%s: a cold runtime reloads the script per invocation, a warm one keeps its module scope', async (warm, expected) => {
  const runtime = await PlatformRuntime.load({ appDir: fixtureApp(), iparams: {}, clock: new ManualClock(), coverage: false, warm });
  const answers = [];
  for (let i = 0; i < 2; i++) answers.push((await runtime.invokeServerMethod('loads')).data);
  expect(answers).toEqual(expected);
});
