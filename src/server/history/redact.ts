/**
 * Last line of defence: no secure iparam value (or its base64 form) and nothing credential-like a
 * vendor echoed (a bearer token in an error body) is ever stored in history or queue data.
 */
import { scrubCredentials } from '../core/credentials';
import { base64 } from '../core/text';
import { SECURE_IPARAMS } from '../pipeline/settings';
import type { EventRecord } from './record';

const MIN_SECRET_LENGTH = 4;

function secretsOf(iparams: Record<string, unknown>): string[] {
  return SECURE_IPARAMS.map((name) => iparams[name])
    .filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH)
    .flatMap((v) => [v, base64(v)]);
}

function scrubReasons(record: EventRecord): void {
  for (const push of Object.values(record.pushes)) {
    if (push?.reason) push.reason = scrubCredentials(push.reason);
  }
}

export function redactSecrets(record: EventRecord, iparams: Record<string, unknown>): EventRecord {
  scrubReasons(record);
  let text = JSON.stringify(record);
  const secrets = secretsOf(iparams);
  if (!secrets.some((secret) => text.includes(secret))) return record;
  for (const secret of secrets) text = text.split(secret).join('[redacted]');
  return JSON.parse(text) as EventRecord;
}
