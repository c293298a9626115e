/**
 * `npm run verify-live -- [--dry-run] [--report docs/verify-live.md] [--iparams <file>]`: reads the
 * saved iparams (config/iparam_test_data.json), calls each vendor once and prints the table.
 * Exit code: 0 every request made got an answer (whatever its status), 1 one got none, 2 usage
 * error or sandbox values. `--test-vendor-urls <destination id>=<url>,…` (tests only, loopback URLs)
 * sends to local fake vendors instead.
 */
import fs from 'node:fs';
import path from 'node:path';

import { DESCRIPTORS, type DestinationId } from '../../src/shared/destinations';
import { CliError, reportAndExit } from '../cli/errors';
import { sandboxHostOverride } from '../local-app';
import { APP_DIR } from '../local-app';
import { readIparamsFile } from '../web/iparams-store';
import type { VendorUrl } from './answer';
import { SandboxValuesError, verifyLive } from './index';
import { reportMarkdown, secretsOf } from './report';

const USAGE = 'Usage: npm run verify-live -- [--dry-run] [--report <file.md>] [--iparams <file>]';

interface Args {
  dryRun: boolean;
  report?: string;
  iparamsFile: string;
  vendorUrl?: VendorUrl;
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\/?$/;

/** Tests only: `<destination id>=http://127.0.0.1:<port>` for each destination, comma-separated; anything but loopback is refused. */
function testVendorUrls(spec: string | undefined): VendorUrl {
  const pairs = (spec ?? '').split(',').map((pair) => pair.split('='));
  const ids = DESCRIPTORS.map((d) => d.id as string);
  const urls = Object.fromEntries(pairs) as Record<string, string>;
  if (!ids.every((id) => urls[id] !== undefined && LOOPBACK.test(urls[id]))) {
    throw new CliError(`--test-vendor-urls takes ${ids.map((id) => `${id}=http://127.0.0.1:<port>`).join(',')} (loopback only)`, 2);
  }
  return sandboxHostOverride(urls as Record<DestinationId, string>);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { dryRun: false, iparamsFile: path.join(APP_DIR, 'config', 'iparam_test_data.json') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--report' && argv[i + 1]) args.report = path.resolve(argv[++i]);
    else if (arg === '--iparams' && argv[i + 1]) args.iparamsFile = path.resolve(argv[++i]);
    else if (arg === '--test-vendor-urls') args.vendorUrl = testVendorUrls(argv[++i]);
    else throw new CliError(`Unknown option ${arg}. ${USAGE}`, 2);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const stored = readIparamsFile(args.iparamsFile);
  if (!stored)
    throw new CliError(
      `${path.relative(process.cwd(), args.iparamsFile)} does not exist: save your accounts at /custom_configs (npm start -- --live)`,
      2,
    );
  const at = Date.now();
  const results = await verifyLive({ iparams: stored.values, dryRun: args.dryRun, now: at, vendorUrl: args.vendorUrl }).catch(
    (err: unknown) => {
      throw err instanceof SandboxValuesError ? new CliError(err.message, 2) : err;
    },
  );
  const report = reportMarkdown(results, { dryRun: args.dryRun, at, secrets: secretsOf(stored.values) });
  console.log(report);
  if (args.report) {
    fs.mkdirSync(path.dirname(args.report), { recursive: true });
    fs.writeFileSync(args.report, report);
    console.log(`Written to ${path.relative(process.cwd(), args.report)}`);
  }
  if (results.some((result) => result.answer?.status === 0)) process.exitCode = 1;
}

main().catch(reportAndExit);
