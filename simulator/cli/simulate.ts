/**
 * `npm run simulate -- test_data/<file>.json [--live] [--iparams <file>] [--no-build]`: fires one
 * onAgentActivityCreate through the runtime and prints one line per destination.
 * Exit code: 0 all fine, 1 the event or a destination was rejected (or dead-lettered), 2 usage error.
 * State is in memory: retries still pending when it exits run only under `npm start`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR, startLocalApp } from '../local-app';
import { IparamsStore } from '../web/iparams-store';
import { describeOutcome, hasFailure, Simulator, EVENT_NAME } from '../web/simulation';
import { ensureBuild } from './build';
import { CliError, reportAndExit } from './errors';

const USAGE = 'Usage: npm run simulate -- test_data/<file>.json [--live] [--iparams <file>]';

interface Args {
  file: string;
  live: boolean;
  iparamsFile: string;
  build: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    file: '',
    live: process.env.FDK_LIVE === '1',
    iparamsFile: path.join(APP_DIR, 'config', 'iparam_test_data.json'),
    build: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--live') args.live = true;
    else if (arg === '--no-build') args.build = false;
    else if (arg === '--iparams' && argv[i + 1]) args.iparamsFile = path.resolve(argv[++i]);
    else if (arg.startsWith('--')) throw new CliError(`Unknown option ${arg}. ${USAGE}`, 2);
    else if (args.file) throw new CliError(`One payload file at a time. ${USAGE}`, 2);
    else args.file = arg;
  }
  if (!args.file) throw new CliError(`Which payload? ${USAGE}`, 2);
  return args;
}

function readPayload(file: string): Record<string, unknown> {
  if (!fs.existsSync(file)) throw new CliError(`${file} not found. ${USAGE}`, 2);
  let payload: unknown;
  try {
    payload = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`${file} is not valid JSON: ${(err as Error).message}`, 2);
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new CliError(`${file} must hold a JSON object (an event payload)`, 2);
  return payload as Record<string, unknown>;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const payload = readPayload(args.file);
  const store = new IparamsStore(args.iparamsFile);
  if (args.build) ensureBuild();

  const local = await startLocalApp({ live: args.live, iparams: store.effective(args.live) });
  try {
    console.log(`${EVENT_NAME} from ${args.file} (${args.live ? 'live' : 'sandbox'})`);
    const report = await new Simulator(local).fire(payload);
    if (!report.handled) console.log(`handler failed: ${JSON.stringify(report.error)}`);
    else if (report.duplicate) console.log('duplicate event: nothing sent');
    else if (report.outcomes.length === 0) console.log('nothing forwarded (event kind or destinations switched off in the iparams)');
    report.outcomes.forEach((o) => console.log(describeOutcome(o)));
    process.exitCode = hasFailure(report) ? 1 : 0;
  } finally {
    await local.close();
  }
}

main().catch(reportAndExit);
