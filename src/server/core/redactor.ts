/**
 * Structural redaction: every occurrence of a secret the app holds (secure iparams, the
 * access token a destination obtained) is removed from a text, whatever the form a vendor echoes it in —
 * plain in any letter case, JSON-escaped (once or nested), URL- or form-encoded, HTML-escaped,
 * base64 (alone, as `key:X`, padded or not, standard or URL-safe alphabet) — and so is any piece
 * a cut can leave of it (its first or last FRAGMENT_CHARS characters or more). The text is decoded into views
 * that remember where each decoded character came from; a match in any view removes its source
 * span from the original text. Callers redact before they cut (`excerpt`), so a cut never leaves
 * a fragment. Credential-shaped text of unknown secrets (bearer tokens, JWTs, `api_key=` fields)
 * goes too (./credentials).
 */
import { SECURE_IPARAMS } from '../../shared/destinations';
import { scrubCredentials } from './credentials';
import { base64OfBytes, truncate, utf8Bytes } from './text';

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
  /** A vendor's or an error's text: every secret, and credential-shaped text (bearer tokens, JWTs, `api_key=…`), replaced by REDACTED. */
  text(text: string): string;
  /**
   * `value` with every secret in its strings replaced (property names kept; deeper than 32 levels
   * becomes "…"): a copy when something was replaced, else `value` itself. Credential shapes are
   * left, so an agent's status that merely looks like one ("Password: reset") reaches the history
   * and a retry as sent; vendor texts in it went through `text` where they entered.
   */
  value<T>(value: T): T;
  /** Redacts, then cuts to at most `max` code points: the cut can never leave a piece of a secret. */
  excerpt(text: string, max: number): string;
  /** Adds a secret obtained during the invocation (an access token). */
  learn(secret: string): void;
}

type Span = [number, number];

/**
 * Characters [at, at + length) of a decoded view came from [from, to) of the view it was decoded
 * from: one decoded escape, or (`literal`) a stretch copied as it was, character for character.
 */
interface Segment {
  at: number;
  length: number;
  from: number;
  to: number;
  literal: boolean;
}

/** A reading of the text: the text itself, or a decoding of another view (`parent`), mapped back by segments. */
interface View {
  chars: string;
  parent?: View;
  segments?: Segment[];
}

/** The parent-view span that character i of `view` came from. */
function parentSpan(segments: Segment[], i: number): Span {
  let [low, high] = [0, segments.length - 1];
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (segments[mid].at <= i) low = mid;
    else high = mid - 1;
  }
  const segment = segments[low];
  const offset = segment.from + (i - segment.at);
  return segment.literal ? [offset, offset + 1] : [segment.from, segment.to];
}

/** Where view positions [start, end) came from in the original text. */
function sourceOf(view: View, [start, end]: Span): Span {
  if (!view.parent || !view.segments) return [start, end];
  return sourceOf(view.parent, [parentSpan(view.segments, start)[0], parentSpan(view.segments, end - 1)[1]]);
}

/** One decoding rule: at position i of the view, the decoded text and how many view characters it took, or null. */
type DecodeStep = (chars: string, i: number) => { text: string; used: number } | null;

interface Decoder {
  /** The characters a rule can start at (the decoding jumps from one to the next). */
  trigger: RegExp;
  step: DecodeStep;
}

/** The view decoded by one rule, or null when nothing in it decodes. */
function decodeWith(view: View, { trigger, step }: Decoder): View | null {
  const { chars } = view;
  const starts = new RegExp(trigger.source, 'g');
  const parts: string[] = [];
  const segments: Segment[] = [];
  let [copied, length] = [0, 0];
  const add = (text: string, from: number, to: number, literal: boolean): void => {
    parts.push(text);
    segments.push({ at: length, length: text.length, from, to, literal });
    length += text.length;
  };
  for (let found = starts.exec(chars); found; found = starts.exec(chars)) {
    const decoded = step(chars, found.index);
    if (!decoded) continue;
    if (found.index > copied) add(chars.slice(copied, found.index), copied, found.index, true);
    add(decoded.text, found.index, found.index + decoded.used, false);
    copied = starts.lastIndex = found.index + decoded.used;
  }
  if (segments.length === 0) return null;
  if (copied < chars.length) add(chars.slice(copied), copied, chars.length, true);
  return { chars: parts.join(''), parent: view, segments };
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

const jsonStep: DecodeStep = (chars, i) => {
  if (chars[i] !== '\\') return null;
  const next = chars[i + 1];
  if (next === 'u' && /^[0-9a-f]{4}$/i.test(chars.slice(i + 2, i + 6)))
    return { text: String.fromCharCode(parseInt(chars.slice(i + 2, i + 6), 16)), used: 6 };
  return next !== undefined && next in JSON_ESCAPES ? { text: JSON_ESCAPES[next], used: 2 } : null;
};

const PERCENT_BYTES = /^(?:%[0-9a-f]{2}){1,4}/i;

/** How many bytes the UTF-8 sequence led by `byte` has (1 for a byte that cannot lead one). */
const utf8Length = (byte: number): number => (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1);

/**
 * One character per step: a UTF-8 sequence of %XX bytes. A '%' that starts no valid sequence is
 * taken as written ("100%aa" is not a byte 0xAA before "a"), so a secret glued to it still reads.
 */
const urlStep: DecodeStep = (chars, i) => {
  if (chars[i] === '+') return { text: ' ', used: 1 };
  const bytes = chars[i] === '%' ? PERCENT_BYTES.exec(chars.slice(i, i + 12))?.[0] : undefined;
  if (!bytes) return null;
  const used = 3 * Math.min(utf8Length(parseInt(bytes.slice(1, 3), 16)), bytes.length / 3);
  try {
    return { text: decodeURIComponent(bytes.slice(0, used)), used };
  } catch {
    return null;
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

const JSON_DECODER: Decoder = { trigger: /\\/, step: jsonStep };
const URL_DECODER: Decoder = { trigger: /[%+]/, step: urlStep };
const HTML_DECODER: Decoder = { trigger: /&/, step: htmlStep };
/** All three at once, for encodings mixed in one text (URL-encoded inside JSON…). */
const ANY_DECODER: Decoder = {
  trigger: /[\\%+&]/,
  step: (chars, i) => jsonStep(chars, i) ?? urlStep(chars, i) ?? htmlStep(chars, i),
};
const DECODERS: readonly Decoder[] = [JSON_DECODER, URL_DECODER, HTML_DECODER, ANY_DECODER];

/**
 * The text as written, and its readings under each decoder applied again and again (up to
 * MAX_DECODE_DEPTH layers: JSON in JSON…): at most 1 + 4 × 3 views, one for most texts.
 */
function viewsOf(text: string): View[] {
  const views: View[] = [{ chars: text }];
  for (const decoder of DECODERS) {
    let view: View | null = views[0];
    for (let depth = 0; depth < MAX_DECODE_DEPTH && view; depth++) {
      view = decodeWith(view, decoder);
      if (view) views.push(view);
    }
  }
  return views;
}

/** Lower case, one code unit for one (so positions stay aligned). */
function fold(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
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

/** The characters base64 may hold, in either alphabet, and its padding. */
const BASE64_CHAR = /[A-Za-z0-9+/_=-]/;

/**
 * The base64 characters that `bytes` alone decide, at each of the three alignments it can have
 * inside a longer base64 text (after 0, 1 or 2 other bytes): whatever surrounds it, base64 of a
 * text holding `bytes` contains one of them.
 */
function base64Cores(bytes: string): string[] {
  return [0, 1, 2].map((k) =>
    base64OfBytes('\0'.repeat(k) + bytes).slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes.length)) / 6)),
  );
}

/** A secret's UTF-8 bytes; a lone surrogate has none, the text stands for them. */
function bytesOf(secret: string): string {
  try {
    return utf8Bytes(secret);
  } catch {
    return secret;
  }
}

/** The cores of a secret's bytes and, for a longer one, of its first and last FRAGMENT_CHARS bytes (what a cut leaves). */
function secretCores(secret: string): string[] {
  const bytes = bytesOf(secret);
  const pieces = bytes.length <= FRAGMENT_CHARS ? [bytes] : [bytes.slice(0, FRAGMENT_CHARS), bytes.slice(-FRAGMENT_CHARS)];
  return pieces.flatMap(base64Cores).filter((core) => core.length > 0);
}

/**
 * The secret as written and as encoded whole (URL, form, JSON once and twice): sought as they are
 * besides the decoded views, since decoding is ambiguous where a '%' or '\\' of the text runs into
 * the secret's own characters.
 */
function encodedForms(secret: string): string[] {
  const json = [JSON.stringify(secret).slice(1, -1), JSON.stringify(JSON.stringify(secret)).slice(3, -3)];
  return [...new Set([secret, ...json, ...urlForms(secret)])];
}

/** URL- and form-encoded; none for a lone surrogate (it has no URL form). */
function urlForms(secret: string): string[] {
  try {
    const url = encodeURIComponent(secret);
    return [url, url.replace(/%20/g, '+')];
  } catch {
    return [];
  }
}

/** Spans of the base64 runs (in either alphabet, with their padding) that hold one of `cores`. */
function findBase64(chars: string, cores: readonly string[]): Span[] {
  const standard = chars.replace(/-/g, '+').replace(/_/g, '/');
  const spans: Span[] = [];
  for (const core of cores) {
    for (let at = standard.indexOf(core); at >= 0; at = standard.indexOf(core, at + 1)) {
      let [start, end] = [at, at + core.length];
      while (start > 0 && BASE64_CHAR.test(chars[start - 1])) start--;
      while (end < chars.length && BASE64_CHAR.test(chars[end])) end++;
      spans.push([start, end]);
    }
  }
  return spans;
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
  /** The secrets in lower case (for text) and their base64 cores, built on first use. */
  private forms: { folded: string[]; cores: string[] } | null;

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
    return typeof text === 'string' ? scrubCredentials(this.secretsOut(text)) : text;
  }

  /** `text` without the secrets this redactor knows. */
  private secretsOut(text: string): string {
    return this.secrets.size === 0 || text === '' ? text : replaceSpans(text, this.spansIn(text));
  }

  excerpt(text: string, max: number): string {
    return truncate(this.text(text), max);
  }

  value<T>(value: T): T {
    return this.holdsNothing(value) ? value : (this.walk(value, 0) as T);
  }

  /**
   * True when the JSON text of `value` holds no secret: one scan
   * instead of one per string (its JSON-decoded view reads every string as it is). Too deep to
   * serialise: false, and the walk bounds it.
   */
  private holdsNothing(value: unknown): boolean {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      return false;
    }
    return json === undefined || this.secretsOut(json) === json;
  }

  private walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.secretsOut(value);
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= MAX_VALUE_DEPTH) return '…';
    if (Array.isArray(value)) return value.map((item) => this.walk(item, depth + 1));
    // Property names are kept: they are the app's own or a vendor's documented field names.
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, this.walk(item, depth + 1)]));
  }

  /** Source spans of every match, in any view; a base64 run holding a secret (or a piece a cut leaves) goes whole. */
  private spansIn(text: string): Span[] {
    this.forms = this.forms ?? { folded: [...this.secrets].flatMap(encodedForms).map(fold), cores: [...this.secrets].flatMap(secretCores) };
    const { folded, cores } = this.forms;
    return viewsOf(text).flatMap((view) =>
      [...findSecrets(fold(view.chars), folded), ...findBase64(view.chars, cores)].map((span) => sourceOf(view, span)),
    );
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
