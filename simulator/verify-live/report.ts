/**
 * The verify-live table: per request, what the documentation says, what was sent and what came
 * back. Every secret the iparams hold (plain and base64, alone or as `key:X`) and every token is
 * redacted from everything printed.
 */
import { SECURE_IPARAMS } from '../../src/shared/iparam-rules';
import type { CheckResult, PlannedRequest } from './context';

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const REDACTED = '‹redacted›';

/** Replaces each secret and its encoded forms, longest first (so a secret inside another is not half-redacted). */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const forms = secrets
    .filter((secret) => secret.length >= 4)
    .flatMap((secret) => [secret, base64(secret), base64(`${secret}:X`), encodeURIComponent(secret)])
    .sort((a, b) => b.length - a.length);
  return (text) => forms.reduce((out, form) => out.split(form).join(REDACTED), text);
}

/** The secure iparam values: what a report must never show. */
export const secretsOf = (iparams: Record<string, unknown>): string[] =>
  SECURE_IPARAMS.map((name) => iparams[name]).filter((value): value is string => typeof value === 'string');

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function sent(request: PlannedRequest): string {
  const headers = Object.entries(request.headers).map(([name, value]) =>
    name.toLowerCase() === 'authorization' ? `${name}: ${value.split(' ')[0]} ${REDACTED}` : `${name}: ${value}`,
  );
  const body = request.headers['Content-Type']?.startsWith('application/x-www-form-urlencoded')
    ? request.body.replace(/(client_secret=)[^&]*/, `$1${REDACTED}`)
    : request.body;
  return [`${request.method} ${request.url}`, ...headers, `body: ${body}`].join('; ');
}

function cameBack(result: CheckResult, dryRun: boolean): string {
  if (result.skipped) return `not sent: ${result.skipped}`;
  if (dryRun || !result.answer) return 'not sent (--dry-run)';
  const { status, fields, limits, error, accessToken } = result.answer;
  if (status === 0) return `no answer: ${error}`;
  const parts = [`HTTP ${status}`];
  if (accessToken) parts.push(`access_token: ${REDACTED}`);
  if (Object.keys(fields).length > 0) parts.push(`fields: ${JSON.stringify(fields)}`);
  parts.push(Object.keys(limits).length > 0 ? `rate-limit headers: ${JSON.stringify(limits)}` : 'no rate-limit headers');
  return parts.join('; ');
}

export function reportMarkdown(
  results: readonly CheckResult[],
  options: { dryRun: boolean; at: number; secrets: readonly string[] },
): string {
  // A token could come back in a later answer's error text: redacted like the stored secrets.
  const tokens = results.map((result) => result.answer?.accessToken).filter((token): token is string => token !== undefined);
  const redact = redactor([...options.secrets, ...tokens]);
  const rows = results.map((result, index) => {
    const { documented } = result;
    const request = result.request ? sent(result.request) : '—';
    return `| ${index + 1} | ${cell(documented.title)} | ${cell(documented.says)} | ${cell(documented.question)} | ${cell(request)} | ${cell(cameBack(result, options.dryRun))} |`;
  });
  const lines = [
    `# verify-live${options.dryRun ? ' (dry run: nothing sent)' : ''}, ${new Date(options.at).toISOString()}`,
    '',
    'Each request once, rendered from config/requests.json as the platform renders it. Secrets are redacted.',
    '',
    '| # | request | the documentation says | settles | sent | came back |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
  return redact(lines.join('\n'));
}
