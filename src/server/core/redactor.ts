/**
 * Structural redaction: every occurrence of a secret the app holds (secure iparams, the
 * CustomerGauge access token) is removed from a text, whatever the form a vendor echoes it in —
 * plain in any letter case, JSON-escaped (once or nested), URL- or form-encoded, HTML-escaped,
 * base64 (alone, as `key:X`, padded or not, standard or URL-safe alphabet) — and so is any piece
 * of it of FRAGMENT_CHARS or more (what a cut elsewhere left). The text is decoded into views
 * that remember where each decoded character came from; a match in any view removes its source
 * span from the original text. Callers redact before they cut (`excerpt`), so a cut never leaves
 * a fragment. Credential-shaped text of unknown secrets (bearer tokens, JWTs, `api_key=` fields)
 * goes too (./credentials).
 */
import { SECURE_IPARAMS } from '../../shared/destinations';
import { scrubCredentials } from './credentials';
import { truncate } from './text';

export const REDACTED = '[redacted]';
/** Shorter values are not treated as secrets (they would match ordinary words). */
const MIN_SECRET_CHARS = 4;
/** A piece of a secret this long (characters, or bytes inside base64) is redacted as the secret itself. */
export const FRAGMENT_CHARS = 8;
/** Decoding layers tried on top of each other (JSON in JSON in a URL…). */
const MAX_DECODE_DEPTH = 3;
/** Containers nested deeper are replaced whole in `value` (bounds the recursion). */
const MAX_VALUE_DEPTH = 32;

export interface Redactor {
  /** `text` with every secret (and credential-shaped text) replaced by REDACTED. */
  text(text: string): string;
  /** A deep copy of `value` with every string (and property name) redacted; deeper than 32 levels becomes "…". */
  value<T>(value: T): T;
  /** Redacts, then cuts to at most `max` code points: the cut can never leave a piece of a secret. */
  excerpt(text: string, max: number): string;
  /** Adds a secret obtained during the invocation (an access token). */
  learn(secret: string): void;
}

/** A decoded reading of the text: `chars[i]` came from `text.slice(from[i], to[i])`. */
interface View {
  chars: string;
  from: number[];
  to: number[];
}

type Span = [number, number];

interface Unit {
  char: string;
  from: number;
  to: number;
}

function viewOf(units: Unit[]): View {
  return { chars: units.map((u) => u.char).join(''), from: units.map((u) => u.from), to: units.map((u) => u.to) };
}

function identityView(text: string): View {
  const at = Array.from({ length: text.length }, (_v, i) => i);
  return { chars: text, from: at, to: at.map((i) => i + 1) };
}

/** One decoding rule: at position i of the view, the decoded text and how many view characters it took, or null. */
type DecodeStep = (chars: string, i: number) => { text: string; used: number } | null;

interface Decoder {
  /** Characters without which the rule cannot apply (skips the work for most texts). */
  trigger: RegExp;
  step: DecodeStep;
}

function decodeWith(view: View, { trigger, step }: Decoder): View | null {
  if (!trigger.test(view.chars)) return null;
  const units: Unit[] = [];
  let changed = false;
  for (let i = 0; i < view.chars.length;) {
    const decoded = step(view.chars, i);
    if (decoded === null) {
      units.push({ char: view.chars[i], from: view.from[i], to: view.to[i] });
      i++;
      continue;
    }
    changed = true;
    const end = i + decoded.used - 1;
    for (const char of decoded.text)
      for (let k = 0; k < char.length; k++) units.push({ char: char[k], from: view.from[i], to: view.to[end] });
    i += decoded.used;
  }
  return changed ? viewOf(units) : null;
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

const jsonStep: DecodeStep = (chars, i) => {
  if (chars[i] !== '\\') return null;
  const next = chars[i + 1];
  if (next === 'u' && /^[0-9a-f]{4}$/i.test(chars.slice(i + 2, i + 6)))
    return { text: String.fromCharCode(parseInt(chars.slice(i + 2, i + 6), 16)), used: 6 };
  return next !== undefined && next in JSON_ESCAPES ? { text: JSON_ESCAPES[next], used: 2 } : null;
};

const PERCENT_RUN = /^(?:%[0-9a-f]{2})+/i;

const urlStep: DecodeStep = (chars, i) => {
  if (chars[i] === '+') return { text: ' ', used: 1 };
  if (chars[i] !== '%') return null;
  const run = PERCENT_RUN.exec(chars.slice(i, i + 3 * 64))?.[0];
  if (!run) return null;
  const bytes = run.match(/%[0-9a-f]{2}/gi) as string[];
  try {
    return { text: decodeURIComponent(run), used: run.length };
  } catch {
    // Not UTF-8: each byte as its Latin-1 character.
    return { text: bytes.map((b) => String.fromCharCode(parseInt(b.slice(1), 16))).join(''), used: run.length };
  }
};

const HTML_NAMED: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

/** The character an entity name (`quot`, `#34`, `#x22`) stands for, or undefined. */
function entityText(name: string): string | undefined {
  if (!name.startsWith('#')) return HTML_NAMED[name];
  const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

const htmlStep: DecodeStep = (chars, i) => {
  const entity = chars[i] === '&' ? /^&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/i.exec(chars.slice(i, i + 12)) : null;
  const text = entity ? entityText(entity[1].toLowerCase()) : undefined;
  return entity && text !== undefined ? { text, used: entity[0].length } : null;
};

const DECODERS: readonly Decoder[] = [
  { trigger: /\\/, step: jsonStep },
  { trigger: /[%+]/, step: urlStep },
  { trigger: /&/, step: htmlStep },
];

/** The text as written, and every reading of it under up to MAX_DECODE_DEPTH layers of encoding. */
function viewsOf(text: string): View[] {
  const views = [identityView(text)];
  let layer = views;
  for (let depth = 0; depth < MAX_DECODE_DEPTH && layer.length > 0; depth++) {
    const next: View[] = [];
    for (const view of layer) {
      for (const decoder of DECODERS) {
        const decoded = decodeWith(view, decoder);
        if (decoded) next.push(decoded);
      }
    }
    views.push(...next);
    layer = next;
  }
  return views;
}

/** Lower case, one code unit for one (so positions stay aligned). */
function fold(text: string): string {
  let out = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    out += lower.length === char.length ? lower : char;
  }
  return out;
}

/**
 * Every whole secret in `haystack`, and every piece of one that a cut can leave — its first or its
 * last FRAGMENT_CHARS characters or more — as [start, end) positions. (Pieces from inside a secret
 * are not sought: a weak secret made of words would take ordinary words with it.)
 */
function findSecrets(haystack: string, secrets: readonly string[]): Span[] {
  const spans: Span[] = [];
  const each = (piece: string, found: (at: number) => void): void => {
    for (let at = haystack.indexOf(piece); at >= 0; at = haystack.indexOf(piece, at + 1)) found(at);
  };
  for (const secret of secrets) {
    if (secret.length <= FRAGMENT_CHARS) {
      each(secret, (at) => spans.push([at, at + secret.length]));
      continue;
    }
    each(secret.slice(0, FRAGMENT_CHARS), (at) => {
      let end = at + FRAGMENT_CHARS;
      while (end < haystack.length && end - at < secret.length && haystack[end] === secret[end - at]) end++;
      spans.push([at, end]);
    });
    each(secret.slice(-FRAGMENT_CHARS), (at) => {
      let start = at;
      let k = secret.length - FRAGMENT_CHARS;
      while (start > 0 && k > 0 && haystack[start - 1] === secret[k - 1]) [start, k] = [start - 1, k - 1];
      spans.push([start, at + FRAGMENT_CHARS]);
    });
  }
  return spans;
}

const BASE64_RUN = /[A-Za-z0-9+/_-]{6,}={0,2}/g;
const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes (as Latin-1 characters) that `run` encodes when read from its `offset`-th character. */
function base64Bytes(run: string, offset: number): string {
  const digits = Array.from(run.slice(offset).replace(/=+$/, ''), (c) => BASE64_DIGITS.indexOf(c === '-' ? '+' : c === '_' ? '/' : c));
  let bytes = '';
  let bits = 0;
  let buffer = 0;
  for (const digit of digits) {
    buffer = ((buffer << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += String.fromCharCode((buffer >> bits) & 255);
    }
  }
  return bytes;
}

/** A string's UTF-8 bytes as Latin-1 characters (no Buffer in the sandbox); a lone surrogate has none, the text stands. */
function utf8Bytes(text: string): string {
  try {
    return unescape(encodeURIComponent(text));
  } catch {
    return text;
  }
}

function mergeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

function replaceSpans(text: string, spans: Span[]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of mergeSpans(spans)) {
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

class SecretRedactor implements Redactor {
  private readonly secrets: Set<string>;
  /** The secrets in lower case (for text) and as UTF-8 bytes (for base64), built on first use. */
  private forms: { folded: string[]; bytes: string[] } | null;

  constructor(secrets: Iterable<string>) {
    this.secrets = new Set();
    this.forms = null;
    for (const secret of secrets) this.learn(secret);
  }

  learn(secret: string): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_CHARS || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.forms = null;
  }

  text(text: string): string {
    if (typeof text !== 'string' || text === '') return text;
    return scrubCredentials(this.secrets.size === 0 ? text : replaceSpans(text, this.spansIn(text)));
  }

  excerpt(text: string, max: number): string {
    return truncate(this.text(text), max);
  }

  value<T>(value: T): T {
    return this.walk(value, 0) as T;
  }

  private walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.text(value);
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= MAX_VALUE_DEPTH) return '…';
    if (Array.isArray(value)) return value.map((item) => this.walk(item, depth + 1));
    // Property names are kept: they are the app's own or a vendor's documented field names.
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, this.walk(item, depth + 1)]));
  }

  /** Source spans of every match, in any view. */
  private spansIn(text: string): Span[] {
    this.forms = this.forms ?? { folded: [...this.secrets].map(fold), bytes: [...this.secrets].map(utf8Bytes) };
    const { folded, bytes } = this.forms;
    const spans: Span[] = [];
    const toSource = (view: View, [start, end]: Span): Span => [view.from[start], view.to[end - 1]];
    for (const view of viewsOf(text)) {
      spans.push(...findSecrets(fold(view.chars), folded).map((span) => toSource(view, span)));
      for (const run of view.chars.matchAll(BASE64_RUN)) {
        // A base64 run holding a secret (or a piece of one), read from any of its first four characters, goes whole.
        if (![0, 1, 2, 3].some((offset) => findSecrets(base64Bytes(run[0], offset), bytes).length > 0)) continue;
        const start = run.index as number;
        spans.push(toSource(view, [start, start + run[0].length]));
      }
    }
    return spans;
  }
}

/** A redactor for the given secrets (strings shorter than 4 characters are ignored). */
export function createRedactor(secrets: Iterable<string> = []): Redactor {
  return new SecretRedactor(secrets);
}

/** The secure iparams' values: what every invocation's redactor starts from. */
export function secureValues(iparams: Record<string, unknown> | undefined): string[] {
  return SECURE_IPARAMS.map((name) => iparams?.[name]).filter((v): v is string => typeof v === 'string');
}

/** Built once per invocation from the installation's secure iparams; tokens are added with `learn`. */
export function redactorFor(iparams: Record<string, unknown> | undefined): Redactor {
  return createRedactor(secureValues(iparams));
}
