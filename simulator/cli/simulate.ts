/**
 * `npm run simulate -- test_data/<file>.json [--live] [--iparams <file>] [--fault <vendor>=<mode>] [--no-build]`: fires one
 * onAgentActivityCreate through the runtime and prints one line per destination.
 * Exit code: 0 all delivered (or skipped), 1 the event or a destination was rejected (or
 * dead-lettered) or its outcome cannot be read, 2 usage error, 3 a push is left retrying. State is in memory, so a push left
 * retrying is not sent later: the command says which, and `npm start` is where retries can be watched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DESTINATION_LABELS } from '../../src/shared/destinations';
import { APP_DIR, FAKE_VENDOR_NAMES, runtimeIparams, startLocalApp, type FakeVendorName } from '../local-app';
import { IparamsStore } from '../web/iparams-store';
import { pendingDeliveries } from '../web/app-store';
import {
  describeOutcome,
  isRetrying,
  reportState,
  retryTime,
  Simulator,
  EVENT_NAME,
  type ReportState,
  type SimulationReport,
} from '../web/simulation';
import { FAULT_MODES, type FaultMode } from '../fake-vendors';
import { ensureBuild } from './build';
import { CliError, reportAndExit } from './errors';

const USAGE = `Usage: npm run simulate -- test_data/<file>.json [--live] [--iparams <file>] [--fault ${FAKE_VENDOR_NAMES.join('|')}=<mode>]`;

const HELP = `${USAGE}

Fires one onAgentActivityCreate through the local platform runtime and prints one line per destination.
  --live              the real ${DESTINATION_LABELS.join(' and ')}, with the saved settings (default: the fake vendors)
  --iparams <file>    the settings to use (default: config/iparam_test_data.json, what the installation page saved)
  --fault <name>=<mode>  make a fake vendor misbehave (sandbox only); modes: ${FAULT_MODES.join(', ')}
  --no-build          do not rebuild when src/ changed
Exit code: 0 delivered (or skipped), 1 rejected, dead-lettered or unreadable, 2 usage error, 3 a push is left retrying
(its state is in memory: npm start and /web/test are where retries can be watched).`;

interface Args {
  file: string;
  live: boolean;
  iparamsFile: string;
  build: boolean;
  /** sandbox faults, as on /web/test */
  faults: Array<[FakeVendorName, FaultMode]>;
}

function parseFault(spec: string | undefined): [FakeVendorName, FaultMode] {
  const [name, mode] = (spec ?? '').split('=');
  if (!(FAKE_VENDOR_NAMES as readonly string[]).includes(name) || !FAULT_MODES.includes(mode as FaultMode)) {
    throw new CliError(
      `--fault takes ${FAKE_VENDOR_NAMES.map((n) => `${n}=<mode>`).join(' or ')}, mode one of ${FAULT_MODES.join(', ')}`,
      2,
    );
  }
  return [name as FakeVendorName, mode as FaultMode];
}

function parseArgs(argv: string[]): Args | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const args: Args = {
    file: '',
    live: process.env.FDK_LIVE === '1',
    iparamsFile: path.join(APP_DIR, 'config', 'iparam_test_data.json'),
    build: true,
    faults: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--live') args.live = true;
    else if (arg === '--no-build') args.build = false;
    else if (arg === '--iparams' && argv[i + 1]) args.iparamsFile = path.resolve(argv[++i]);
    else if (arg === '--fault') args.faults.push(parseFault(argv[++i]));
    else if (arg.startsWith('--')) throw new CliError(`Unknown option ${arg}. ${USAGE}`, 2);
    else if (args.file) throw new CliError(`One payload file at a time. ${USAGE}`, 2);
    else args.file = arg;
  }
  if (!args.file) throw new CliError(`Which payload? ${USAGE}`, 2);
  if (args.live && args.faults.length > 0)
    throw new CliError('--fault makes a fake vendor misbehave: it works in sandbox mode only, not with --live', 2);
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
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw new CliError(`${file} must hold a JSON object (an event payload)`, 2);
  return payload as Record<string, unknown>;
}

/** An outcome that cannot be read is not a success. */
const EXIT_CODES: Record<ReportState, number> = { done: 0, failed: 1, unknown: 1, waiting: 3 };

/** What is still queued when the command ends, and that it goes with it. */
function leftRetrying(report: SimulationReport, schedules: number): string {
  const waiting = report.outcomes.filter((o) => o.outcome === 'retrying' || o.outcome === 'queued');
  const lines = waiting.map((o) => `  ${o.destination}: ${retryTime(o) ?? 'next retry not scheduled'}${o.reason ? ` (${o.reason})` : ''}`);
  return [
    `Left retrying: ${waiting.length} push${waiting.length === 1 ? '' : 'es'}, ${schedules} deliver${schedules === 1 ? 'y' : 'ies'} scheduled.`,
    ...lines,
    'npm run simulate keeps its state in memory, so these are dropped now. To watch retries run, use npm start and the clock on /web/test.',
  ].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args === 'help') return console.log(HELP);
  const payload = readPayload(args.file);
  const store = new IparamsStore(args.iparamsFile);
  if (args.build) ensureBuild();

  const local = await startLocalApp({ live: args.live, iparams: runtimeIparams(store.effective(args.live), args.live) });
  for (const [name, mode] of args.faults) local.fakes[name].setMode(mode);
  try {
    console.log(`${EVENT_NAME} from ${args.file} (${args.live ? 'live' : 'sandbox'})`);
    const report = await new Simulator(local).fire(payload);
    if (!report.handled) console.log(`handler failed: ${JSON.stringify(report.error)}`);
    else if (report.duplicate) console.log('duplicate event: nothing sent');
    else if (report.outcomes.length === 0) console.log('nothing forwarded (event kind or destinations switched off in the iparams)');
    report.outcomes.forEach((o) => console.log(describeOutcome(o)));
    if (isRetrying(report)) console.log(leftRetrying(report, pendingDeliveries(local.runtime).length));
    process.exitCode = EXIT_CODES[reportState(report)];
  } finally {
    await local.close();
  }
}

main().catch(reportAndExit);
