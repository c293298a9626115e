/**
 * Saved installation parameters (the git-ignored config/iparam_test_data.json, as `fdk run` keeps
 * them): validation on save, secure values kept server-side, and the values the runtime gets.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SANDBOX_IPARAMS } from '../local-app';
import { isPlainObject } from './http';
import { defaultValue, type IparamField } from './iparams-config';

/** The iparams file exists but cannot be used; the message says how to fix it. */
export class IparamsFileError extends Error {}

/**
 * Which destination account the app talks to. In sandbox mode these always come from
 * SANDBOX_IPARAMS (the only credentials the fake servers accept); everything else is the user's.
 */
export const ACCOUNT_FIELDS: readonly string[] = ['freshdesk_subdomain', 'freshdesk_api_key', 'cg_client_id', 'cg_client_secret', 'cg_client_credentials'];

export type SaveResult = { ok: true } | { ok: false; errors: Record<string, string> };

export class IparamsStore {
  private values: Record<string, unknown> | undefined;

  constructor(
    readonly file: string,
    readonly fields: readonly IparamField[],
  ) {
    this.values = readIparamsFile(file);
  }

  get saved(): boolean {
    return this.values !== undefined;
  }

  /** Names of secure fields holding a saved value (the page says "saved" instead of showing it). */
  savedSecureFields(): string[] {
    return this.fields.filter((f) => f.secure && hasText(this.values?.[f.name])).map((f) => f.name);
  }

  /** What the browser may see: saved (or default) values, secure ones left out. */
  publicValues(): Record<string, unknown> {
    return Object.fromEntries(this.fields.filter((f) => !f.secure).map((f) => [f.name, this.values?.[f.name] ?? defaultValue(f)]));
  }

  /** The iparams the runtime should use in the given mode. */
  effective(live: boolean): Record<string, unknown> {
    if (live) return { ...Object.fromEntries(this.fields.map((f) => [f.name, defaultValue(f)])), ...this.values };
    const choices = Object.entries(this.values ?? {}).filter(([name]) => !ACCOUNT_FIELDS.includes(name));
    return { ...SANDBOX_IPARAMS, ...Object.fromEntries(choices) };
  }

  /** Validates posted form values against config/iparams.json and writes the file. */
  save(input: unknown): SaveResult {
    if (!isPlainObject(input)) return { ok: false, errors: { _form: 'Expected a JSON object of field values' } };
    const errors: Record<string, string> = {};
    const next: Record<string, unknown> = {};
    for (const field of this.fields) {
      const checked = checkValue(field, input[field.name]);
      if (!checked.ok) {
        errors[field.name] = checked.error;
        continue;
      }
      // The browser never gets secure values back, so a blank one means "keep what is saved".
      const value = field.secure && !hasText(checked.value) ? this.values?.[field.name] : checked.value;
      if (field.required && isEmpty(value)) errors[field.name] = `${field.display_name} is required`;
      else if (value !== undefined) next[field.name] = value;
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    writeIparamsFile(this.file, next);
    this.values = next;
    return { ok: true };
  }
}

type Checked = { ok: true; value: unknown } | { ok: false; error: string };

const accept = (value: unknown): Checked => ({ ok: true, value });
const refuse = (error: string): Checked => ({ ok: false, error });

function checkValue(field: IparamField, value: unknown): Checked {
  if (value === undefined || value === null) return accept(field.type === 'checkbox' ? false : field.type === 'multiselect' ? [] : '');
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? accept(value) : refuse('Expected text');
    case 'checkbox':
      return typeof value === 'boolean' ? accept(value) : refuse('Expected true or false');
    case 'dropdown':
      return value === '' || field.options.includes(value as string) ? accept(value) : refuse(`Choose one of: ${field.options.join(', ')}`);
    case 'multiselect':
      return Array.isArray(value) && value.every((v) => field.options.includes(v as string))
        ? accept(value)
        : refuse(`Choose among: ${field.options.join(', ')}`);
  }
}

const hasText = (value: unknown): boolean => typeof value === 'string' && value !== '';
const isEmpty = (value: unknown): boolean => value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** Missing file: nothing saved yet. Unreadable JSON: an error naming the file and the fix. */
export function readIparamsFile(file: string): Record<string, unknown> | undefined {
  if (!fs.existsSync(file)) return undefined;
  const shown = path.relative(process.cwd(), file) || file;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new IparamsFileError(`${shown} is not valid JSON: ${(err as Error).message}. Delete it or fix it.`);
  }
  if (!isPlainObject(parsed)) throw new IparamsFileError(`${shown} must hold a JSON object of iparam values. Delete it or fix it.`);
  return parsed;
}

function writeIparamsFile(file: string, values: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // It holds API keys: readable by the owner only, replaced atomically.
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}
