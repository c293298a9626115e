/**
 * Vendor-neutral body validation. Both vendors check the same kinds of things (required keys,
 * types, lengths, formats) but word the errors differently, so the walker reports neutral
 * issues and each vendor renders them in its own error format.
 */

export type Rule =
  | {
      kind: 'string';
      required?: boolean;
      maxChars?: number;
      format?: (value: string) => boolean;
      oneOf?: () => readonly string[] | undefined;
    }
  /** Identifiers that vendors accept either as strings or numbers. */
  | { kind: 'id'; required?: boolean }
  | { kind: 'boolean'; required?: boolean }
  /** `fields` undefined means any object is accepted (a vendor's free-form context, say). */
  | { kind: 'object'; required?: boolean; fields?: Schema };

export type Schema = Readonly<Record<string, Rule>>;

export type Problem = 'missing' | 'unknown' | 'type' | 'too_long' | 'format' | 'not_allowed';

export interface Issue {
  /** Dotted path, e.g. 'activity.actor.type'. */
  field: string;
  problem: Problem;
  rule?: Rule;
  /** Length in characters, for too_long. */
  length?: number;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Vendors limit lengths in characters; counting code points keeps emoji from counting double. */
export function charLength(value: string): number {
  return Array.from(value).length;
}

/** null and '' count as absent: Laravel converts '' to null, and neither vendor stores blanks. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

export function validate(schema: Schema, value: Record<string, unknown>, rejectUnknown: boolean, prefix = ''): Issue[] {
  const issues: Issue[] = [];
  if (rejectUnknown) {
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(schema, key)) issues.push({ field: prefix + key, problem: 'unknown' });
    }
  }
  for (const [key, rule] of Object.entries(schema)) {
    const field = prefix + key;
    const item = value[key];
    if (isAbsent(item)) {
      if (rule.required) issues.push({ field, problem: 'missing', rule });
      continue;
    }
    issues.push(...checkPresent(field, item, rule, rejectUnknown));
  }
  return issues;
}

function checkPresent(field: string, item: unknown, rule: Rule, rejectUnknown: boolean): Issue[] {
  switch (rule.kind) {
    case 'id':
      return typeof item === 'string' || typeof item === 'number' ? [] : [{ field, problem: 'type', rule }];
    case 'boolean':
      return typeof item === 'boolean' ? [] : [{ field, problem: 'type', rule }];
    case 'object':
      if (!isPlainObject(item)) return [{ field, problem: 'type', rule }];
      return rule.fields ? validate(rule.fields, item, rejectUnknown, `${field}.`) : [];
    case 'string': {
      if (typeof item !== 'string') return [{ field, problem: 'type', rule }];
      const length = charLength(item);
      if (rule.maxChars !== undefined && length > rule.maxChars) return [{ field, problem: 'too_long', rule, length }];
      if (rule.format && !rule.format(item)) return [{ field, problem: 'format', rule }];
      const allowed = rule.oneOf?.();
      if (allowed && !allowed.includes(item)) return [{ field, problem: 'not_allowed', rule }];
      return [];
    }
  }
}

/** Regex shapes alone accept 2026-02-30; real parsers (Rails, PHP strict formats) do not. */
function isRealDateTime(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d >= 1 && d <= daysInMonth;
}

function matchDateTime(pattern: RegExp, value: string): boolean {
  const m = pattern.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  return isRealDateTime(y, mo, d, h, mi, s);
}

/** ISO 8601 in whole seconds: `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS±hh:mm`, no fraction. */
const ISO_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
/** PHP `Y-m-d H:i:s`, optionally followed by a ` ±hhmm` offset. */
const YMD_HIS = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?: [+-](?:[01]\d|2[0-3])[0-5]\d)?$/;

/** e.g. 2026-11-23T10:45:00Z, 2026-11-23T10:45:00+05:30. */
export function isIsoSecondsDateTime(value: string): boolean {
  return matchDateTime(ISO_SECONDS, value);
}

/** PHP 'Y-m-d H:i:s', e.g. 2026-11-23 10:45:00, or 2026-11-23 10:45:00 +0530. */
export function isYmdHis(value: string): boolean {
  return matchDateTime(YMD_HIS, value);
}

/**
 * The host a request was addressed to, lower case and without its port. The simulator sends the
 * vendor's host; a test calling the fake directly sends the fake's own.
 */
export function addressedHost(headers: Record<string, string | string[] | undefined>): string {
  return String(headers['host'] ?? '')
    .toLowerCase()
    .replace(/:\d+$/, '');
}

/** Credentials of an `Authorization` header with the given scheme (case-insensitive), else undefined. */
export function authCredentials(header: string | string[] | undefined, scheme: 'Basic' | 'Bearer'): string | undefined {
  if (typeof header !== 'string') return undefined;
  const m = /^(\S+)\s+(\S+)\s*$/.exec(header);
  if (!m || m[1]!.toLowerCase() !== scheme.toLowerCase()) return undefined;
  return scheme === 'Basic' ? Buffer.from(m[2]!, 'base64').toString('utf8') : m[2];
}

export function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}
