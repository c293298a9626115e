/**
 * Saved installation parameters (the git-ignored config/iparam_test_data.json): what the
 * installation page's postConfigs() returned, stored as the platform stores it. Values named in
 * `__meta.secure` are kept on this side only: never in getConfigs, never in `client.iparams.get()`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { IPARAM_DEFAULTS, SECURE_IPARAMS } from '../../src/shared/iparam-rules';
import { ACCOUNT_IPARAMS, SANDBOX_IPARAMS } from '../local-app';
import { isPlainObject } from './http';

/** The iparams file exists but cannot be used; the message says how to fix it. */
export class IparamsFileError extends Error {}

export type SaveResult = { ok: true } | { ok: false; message: string };

interface Stored {
  values: Record<string, unknown>;
  secure: string[];
}

export class IparamsStore {
  private stored: Stored | undefined;

  constructor(readonly file: string) {
    this.stored = readIparamsFile(file);
  }

  get saved(): boolean {
    return this.stored !== undefined;
  }

  /** Names the page declared secure (`__meta.secure`). */
  secureNames(): string[] {
    return [...(this.stored?.secure ?? [])];
  }

  /**
   * What the browser may see, as getConfigs and `client.iparams.get()` get it: the saved values
   * without the secure ones; {} before the first save (getConfigs is then not called).
   */
  publicValues(): Record<string, unknown> {
    const stored = this.stored;
    if (!stored) return {};
    return Object.fromEntries(Object.entries(stored.values).filter(([name]) => !stored.secure.includes(name)));
  }

  /** The iparams the runtime should use in the given mode. */
  effective(live: boolean): Record<string, unknown> {
    const values = this.stored?.values ?? {};
    if (live) return { ...IPARAM_DEFAULTS, ...values };
    // The accounts always come from SANDBOX_IPARAMS (the only credentials the fakes accept); everything else is the user's.
    const choices = Object.entries(values).filter(([name]) => !ACCOUNT_IPARAMS.includes(name));
    return { ...SANDBOX_IPARAMS, ...Object.fromEntries(choices) };
  }

  /**
   * Stores what postConfigs() returned. A secure value left out keeps the stored one: the page
   * never gets secrets back, so it cannot resend them (README, "Decisions and open points").
   */
  save(input: unknown): SaveResult {
    const checked = checkConfigs(input);
    if (!checked.ok) return checked;
    const previous = this.stored;
    const kept = previous ? previous.secure.filter((name) => !(name in checked.stored.values) && name in previous.values) : [];
    const next: Stored = {
      values: { ...checked.stored.values, ...Object.fromEntries(kept.map((name) => [name, previous!.values[name]])) },
      secure: [...new Set([...checked.stored.secure, ...kept])],
    };
    writeIparamsFile(this.file, next);
    this.stored = next;
    return { ok: true };
  }
}

type Checked = { ok: true; stored: Stored } | { ok: false; message: string };

/** The shape postConfigs() must return: an object of values, with `__meta.secure` a list of their names. */
function checkConfigs(input: unknown): Checked {
  if (!isPlainObject(input)) return { ok: false, message: 'postConfigs() must return an object of iparam values' };
  const { __meta: meta, ...values } = input;
  const secure = meta === undefined ? [] : isPlainObject(meta) ? meta.secure : undefined;
  if (!Array.isArray(secure) || !secure.every((name) => typeof name === 'string')) {
    return { ok: false, message: 'postConfigs(): __meta.secure must be a list of iparam names' };
  }
  return { ok: true, stored: { values, secure: secure.map(String) } };
}

/**
 * Missing file: nothing saved yet. Unreadable JSON or another shape: an error naming the file and
 * the fix. A flat file without `__meta` (FDK's old iparam_test_data.json format, or hand-written for
 * `npm run simulate -- --iparams`) gets the app's secure names, so its secrets stay server-side.
 */
export function readIparamsFile(file: string): Stored | undefined {
  if (!fs.existsSync(file)) return undefined;
  const shown = path.relative(process.cwd(), file) || file;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new IparamsFileError(`${shown} is not valid JSON: ${(err as Error).message}. Delete it or fix it.`);
  }
  if (!isPlainObject(parsed)) throw new IparamsFileError(`${shown} must hold a JSON object of iparam values. Delete it or fix it.`);
  const checked = checkConfigs(parsed.__meta === undefined ? { ...parsed, __meta: { secure: [...SECURE_IPARAMS] } } : parsed);
  if (!checked.ok) throw new IparamsFileError(`${shown}: ${checked.message.replace('postConfigs(): ', '')}. Delete it or fix it.`);
  return checked.stored;
}

function writeIparamsFile(file: string, stored: Stored): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // It holds API keys: readable by the owner only, replaced atomically.
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify({ __meta: { secure: stored.secure }, ...stored.values }, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}
