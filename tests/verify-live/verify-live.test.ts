/**
 * `npm run verify-live` against the fake vendors on loopback (never the internet): the requests the
 * templates render, what the fakes receive, the table, redaction, --dry-run and the refusal of the
 * sandbox values.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { startFakeCustomerGauge, startFakeFreshdesk, type FakeCustomerGauge, type FakeFreshdesk } from '../../simulator/fake-vendors';
import { sandboxHostOverride } from '../../simulator/local-app';
import { APP_DIR, SANDBOX_IPARAMS } from '../../simulator/local-app';
import { SandboxValuesError, verifyLive } from '../../simulator/verify-live';
import { TEST_CONTACT } from '../../simulator/verify-live/freshdesk';
import { reportMarkdown, secretsOf } from '../../simulator/verify-live/report';

const run = promisify(execFile);
const NOW = Date.parse('2026-12-06T21:30:00Z');
const ACCOUNT = { apiKey: 'fd-real-looking-key-7Qx2', clientId: 'cg-client-4711', clientSecret: 'cg-secret-Zk93vQ' };
const IPARAMS: Record<string, unknown> = {
  ...SANDBOX_IPARAMS,
  freshdesk_subdomain: 'acme',
  freshdesk_api_key: ACCOUNT.apiKey,
  cg_region: 'eu',
  cg_client_id: ACCOUNT.clientId,
  cg_client_secret: ACCOUNT.clientSecret,
  cg_client_credentials: Buffer.from(`${ACCOUNT.clientId}:${ACCOUNT.clientSecret}`).toString('base64'),
  cg_account: 'Acme Support',
};
const SECRETS = secretsOf(IPARAMS);

let freshdesk: FakeFreshdesk;
let customerGauge: FakeCustomerGauge;
let vendorUrls: string;

beforeAll(async () => {
  freshdesk = await startFakeFreshdesk({ apiKey: ACCOUNT.apiKey, subdomain: String(IPARAMS.freshdesk_subdomain) });
  customerGauge = await startFakeCustomerGauge({
    clientId: ACCOUNT.clientId,
    clientSecret: ACCOUNT.clientSecret,
    region: String(IPARAMS.cg_region),
  });
  vendorUrls = `freshdesk=${freshdesk.url},customergauge=${customerGauge.url}`;
});
afterAll(async () => {
  await Promise.all([freshdesk.close(), customerGauge.close()]);
});
beforeEach(() => {
  freshdesk.reset();
  customerGauge.reset();
});

const vendorUrl = () => sandboxHostOverride({ freshdesk: freshdesk.url, customergauge: customerGauge.url });

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(Buffer.from(secret).toString('base64'));
  }
}

describe('verify-live', () => {
  it('calls each vendor once: both token requests, the test contact activity, a verify-… CustomerGauge activity', async () => {
    const results = await verifyLive({ iparams: IPARAMS, dryRun: false, now: NOW, vendorUrl: vendorUrl() });
    expect(results.map((r) => [r.documented.title.split(' ').slice(0, 3).join(' '), r.answer?.status])).toEqual([
      ['Freshdesk contact activity', 200],
      ['CustomerGauge token, Basic', 200],
      ['CustomerGauge token, form', 200],
      ['CustomerGauge activity with', 201],
    ]);

    const [basic, form] = customerGauge.received.filter((r) => r.path === '/oauth2/token');
    expect(basic.headers.authorization).toBe(`Basic ${IPARAMS.cg_client_credentials}`);
    expect(basic.body).toBe('grant_type=client_credentials');
    expect(form.headers.authorization).toBeUndefined();
    expect(new URLSearchParams(form.body).get('client_secret')).toBe(ACCOUNT.clientSecret);

    expect(freshdesk.activities).toHaveLength(1);
    const activity = freshdesk.activities[0] as { contact: Record<string, unknown>; activity: { timestamp: string } };
    expect(activity.contact).toEqual({ unique_external_id: TEST_CONTACT, is_actor: false });
    // The app's own timestamp form, whatever it is: verify-live asks the vendor whether it takes it.
    expect(activity.activity.timestamp).toMatch(/^2026-12-06T21:30:00(\.000)?Z$/);
    expect(freshdesk.received[0].headers.authorization).toBe(`Basic ${Buffer.from(ACCOUNT.apiKey).toString('base64')}`);

    expect([...customerGauge.activitiesByReference.keys()]).toEqual(['verify-20261206T213000000Z']);
    const report = reportMarkdown(results, { dryRun: false, at: NOW, secrets: SECRETS });
    expect(report).toContain('X-RateLimit-Total'.toLowerCase());
    expect(report).toContain('HTTP 201');
    expectNoSecret(report);
    expect(report).not.toContain(String(customerGauge.received[2].headers.authorization).split(' ')[1]);
  });

  it('reports what came back when a vendor refuses: status, error fields, Retry-After', async () => {
    freshdesk.enqueueFaults({ status: 429, retryAfter: '37' });
    customerGauge.enqueueFaults({ path: '/oauth2/token', status: 401 });
    const results = await verifyLive({ iparams: IPARAMS, dryRun: false, now: NOW, vendorUrl: vendorUrl() });
    const report = reportMarkdown(results, { dryRun: false, at: NOW, secrets: SECRETS });
    expect(results.map((r) => r.answer?.status)).toEqual([429, 401, 200, 201]);
    expect(report).toContain('"error":"invalid_client"');
    expect(report).toContain('"retry-after":"37"');
    expect(report).toContain('"code":"rate_limit"');
  });

  it('refuses the sandbox values', async () => {
    await expect(verifyLive({ iparams: SANDBOX_IPARAMS, dryRun: true, now: NOW })).rejects.toThrow(SandboxValuesError);
  });

  describe('the command', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-live-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const iparamsFile = (values: Record<string, unknown>): string => {
      const file = path.join(dir, 'iparams.json');
      fs.writeFileSync(file, JSON.stringify(values));
      return file;
    };
    const command = (...args: string[]) =>
      run(path.join(APP_DIR, 'node_modules', '.bin', 'tsx'), ['simulator/verify-live/cli.ts', ...args], { cwd: APP_DIR }).then(
        (out) => ({ code: 0, ...out }),
        (err: { code: number; stdout: string; stderr: string }) => err,
      );

    it('--dry-run prints the rendered requests, secrets redacted, and sends nothing', async () => {
      const { code, stdout } = await command('--dry-run', '--iparams', iparamsFile(IPARAMS), '--test-vendor-urls', vendorUrls);
      expect(code).toBe(0);
      expect(stdout).toContain('POST https://auth.eu.customergauge.com/oauth2/token');
      expect(stdout).toContain('POST https://acme.freshdesk.com/api/v2/contact-activities');
      expect(stdout).toContain('PUT https://imports.api.eu.customergauge.com/activities');
      expect(stdout).toContain('not sent (--dry-run)');
      expectNoSecret(stdout);
      expect(customerGauge.received).toHaveLength(0);
      expect(freshdesk.received).toHaveLength(0);
    });

    it('--report writes the table; the sandbox values are refused with exit code 2', async () => {
      const report = path.join(dir, 'docs', 'verify-live.md');
      const done = await command('--iparams', iparamsFile(IPARAMS), '--test-vendor-urls', vendorUrls, '--report', report);
      expect(done.code).toBe(0);
      const written = fs.readFileSync(report, 'utf8');
      expect(written).toMatch(/^# verify-live, /);
      expect(written.split('\n').filter((line) => /^\| \d \|/.test(line))).toHaveLength(4);
      expectNoSecret(written);

      const refused = await command('--iparams', iparamsFile(SANDBOX_IPARAMS), '--dry-run');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /Live mode talks to the real Freshdesk and CustomerGauge, but .* still hold the sandbox's quick-start values/,
      );
    });

    it('--test-vendor-urls takes loopback URLs only', async () => {
      const { code, stderr } = await command(
        '--dry-run',
        '--iparams',
        iparamsFile(IPARAMS),
        '--test-vendor-urls',
        'freshdesk=https://evil.example,customergauge=http://127.0.0.1:1',
      );
      expect(code).toBe(2);
      expect(stderr).toContain('loopback only');
    });
  });
});
