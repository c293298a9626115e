/**
 * `npm start`: the `fdk run` experience without the FDK or vendor accounts. Builds when needed,
 * then serves the installation page, the event simulator and the sidebar.
 * `npm start -- --live` (or FDK_LIVE=1) talks to the real Freshdesk and CustomerGauge instead;
 * `--reset` starts the mode's local state (history, pending retries, token, clock) afresh.
 */
import path from 'node:path';
import { DESCRIPTORS } from '../../src/shared/destinations';
import { startSimulatorServer, type SimulatorServer } from '../web/server';
import { ensureBuild } from './build';
import { CliError, reportAndExit } from './errors';

const USAGE = 'Usage: npm start [-- [--live] [--reset]]';

function banner(server: SimulatorServer, live: boolean): string {
  const lines = [
    '',
    `Agent availability app running locally (${live ? 'LIVE: real Freshdesk and CustomerGauge' : 'sandbox: fake Freshdesk and CustomerGauge on this machine'})`,
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
}

main().catch(reportAndExit);
