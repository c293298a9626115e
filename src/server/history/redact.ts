/**
 * The pipeline's one entry to redaction before anything is stored, queued or logged: no secret the
 * app holds (secure iparams, and with a run's redactor the tokens it obtained), in any encoding
 * or piece, and nothing credential-shaped a vendor echoed, survives (see ../core/redactor).
 */
import { redactorFor, type Redactor } from '../core/redactor';

type Iparams = Record<string, unknown>;

const isRedactor = (source: Redactor | Iparams): source is Redactor =>
  typeof (source as Partial<Redactor>).text === 'function' && typeof (source as Partial<Redactor>).value === 'function';

/**
 * A redacted deep copy of `record` (a history record, queued work, anything JSON-like). Pass the
 * run's redactor where there is one (it also knows the access token); iparams alone build one.
 */
export function redactSecrets<T>(record: T, secrets: Redactor | Iparams): T {
  return (isRedactor(secrets) ? secrets : redactorFor(secrets)).value(record);
}
