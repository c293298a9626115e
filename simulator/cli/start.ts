/**
 * `npm start`: the `fdk run` experience without the FDK or vendor accounts. Builds when needed,
 * then serves the installation page, the event simulator and the sidebar.
 * `npm start -- --live` (or FDK_LIVE=1) talks to the real vendors instead;
 * `--reset` starts the mode's local state (history, pending retries, token, clock) afresh.
 */
import path from 'node:path';
import { DESCRIPTORS, DESTINATION_LABELS } from '../../src/shared/destinations';
import { startSimulatorServer, type SimulatorServer } from '../web/server';
import { ensureBuild } from './build';
import { CliError, reportAndExit } from './errors';

/** e.g. "A and B": the vendors, as the help and the banner name them. */
const VENDORS = DESTINATION_LABELS.join(' and ');

const USAGE = 'Usage: npm start [-- [--live] [--reset]]';

const HELP = `${USAGE}

Serves the app locally on http://localhost:\${PORT:-10001}: the installation page, the event simulator and the sidebar.
  --live    the real ${VENDORS} with the saved settings (default: fake vendors on this machine)
  --reset   start this mode's local state (history, pending retries, token, clock) afresh
Rebuilds first when src/ changed since the last build.`;

/** How often the server checks that whoever started it is still there. */
const PARENT_CHECK_MS = 500;

function banner(server: SimulatorServer, live: boolean): string {
  const lines = [
    '',
    `Agent availability app running locally (${live ? `LIVE: real ${VENDORS}` : `sandbox: fake ${VENDORS} on this machine`})`,
    '',
    `  Home:               ${server.url}/`,
    `  Installation page:  ${server.url}/custom_configs`,
    `  Event simulator:    ${server.url}/web/test`,
    `  Sidebar:            ${server.url}/app/`,
    ...(live ? [] : DESCRIPTORS.map((d) => `  ${`Fake ${d.label}:`.padEnd(20)}${server.local.fakes[d.id].url}`)),
    '',
    `State (${live ? 'live' : 'sandbox'} only): ${server.store ? path.relative(process.cwd(), server.store.dir) || server.store.dir : 'in memory'}`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) return console.log(HELP);
  const unknown = args.find((a) => a !== '--live' && a !== '--reset');
  if (unknown) throw new CliError(`Unknown option ${unknown}. ${USAGE}`, 2);
  const live = args.includes('--live') || process.env.FDK_LIVE === '1';
  ensureBuild();
  const server = await startSimulatorServer({
    live,
    reset: args.includes('--reset'),
    log: (level, text) => console.log(`[app ${level}] ${text}`),
  });
  console.log(banner(server, live));
  let stopping = false;
  const stop = () => {
    // A second Ctrl-C does not wait for a request hanging on a fake vendor's fault.
    if (stopping) process.exit(130);
    stopping = true;
    console.log('Stopping… (Ctrl-C again to force)');
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // npm passes a SIGTERM to the shell running the script, which dies without passing it on: the
  // server is then orphaned (its parent changes) and stops rather than keep holding the port.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && !stopping && stop(), PARENT_CHECK_MS).unref();
}

main().catch(reportAndExit);
