/** String helpers shared by the destination mappings and the history titles. */

/** Pieces of the extended grapheme cluster rules (Unicode UAX #29) for the fallback below. */
const HANGUL_SYLLABLE = '[\\u1100-\\u115F\\uA960-\\uA97C]+[\\u1160-\\u11A7\\uD7B0-\\uD7C6]*[\\u11A8-\\u11FF\\uD7CB-\\uD7FB]*';
/** Indic conjuncts (GB9c): a virama joins the next consonant of Devanagari, Bengali, Gujarati, Oriya, Telugu or Malayalam. */
const CONJUNCT =
  '[\\u094D\\u09CD\\u0ACD\\u0B4D\\u0C4D\\u0D4D][\\p{M}\\u200D]*[\\u0915-\\u0939\\u0958-\\u095F\\u0978-\\u097F\\u0995-\\u09B9\\u09DC-\\u09DF\\u09F0\\u09F1\\u0A95-\\u0AB9\\u0AF9\\u0B15-\\u0B39\\u0B5C-\\u0B5F\\u0B71\\u0C15-\\u0C39\\u0C58-\\u0C5A\\u0D15-\\u0D3A]';
/** What attaches to the previous character: marks, variation selectors, skin tones, ZWNJ, emoji tags, a ZWJ and the pictograph it joins. */
const EXTEND = `${CONJUNCT}|[\\p{M}\\p{Emoji_Modifier}\\u200C\\u{E0020}-\\u{E007F}]|\\u200D\\p{Extended_Pictographic}?`;
/** CR LF, a flag (regional-indicator pair), or a base (a Hangul syllable or any character) with what attaches to it. */
const CLUSTER = new RegExp(`\\r\\n|\\p{Regional_Indicator}{2}|(?:${HANGUL_SYLLABLE}|[\\s\\S])(?:${EXTEND})*`, 'gu');

/** Extended grapheme clusters (what a reader sees as one character), for engines without Intl.Segmenter. */
export function graphemesByPattern(text: string): string[] {
  return text.match(CLUSTER) ?? [];
}

type Segmenter = { segment(text: string): Iterable<{ segment: string }> };

/** Node 16+ (FDK 10 runs Node 18 and later) and current browsers have Intl.Segmenter. */
function platformSegmenter(): Segmenter | null {
  const Ctor =
    typeof Intl === 'object' ? (Intl as { Segmenter?: new (locale?: string, options?: object) => Segmenter }).Segmenter : undefined;
  return typeof Ctor === 'function' ? new Ctor(undefined, { granularity: 'grapheme' }) : null;
}

let segmenter: Segmenter | null | undefined;

/** `text` split into extended grapheme clusters. */
export function graphemes(text: string): string[] {
  if (segmenter === undefined) segmenter = platformSegmenter();
  return segmenter ? Array.from(segmenter.segment(text), (part) => part.segment) : graphemesByPattern(text);
}

/**
 * Cuts `text` to at most `max` code points (the unit of the vendors' length limits), marking the
 * cut with an ellipsis. The cut falls between grapheme clusters: a family emoji, a flag or a
 * letter with its accent is kept whole or dropped whole, never split into something else.
 */
export function truncate(text: string, max: number): string {
  // UTF-16 length bounds the code point count: most texts return here without splitting.
  if (text.length <= max || Array.from(text).length <= max) return text;
  let kept = '';
  let used = 0;
  for (const cluster of graphemes(text)) {
    const size = Array.from(cluster).length;
    if (used + size > max - 1) break;
    kept += cluster;
    used += size;
  }
  return kept + '…';
}

/** Deterministic 53-bit string hash (cyrb53); the sandbox has no crypto module. */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** 106-bit hex digest from two seeds: short enough for `$db` keys, wide enough to never collide in practice. */
export function digest(text: string): string {
  return cyrb53(text, 1).toString(36) + cyrb53(text, 2).toString(36);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A string's UTF-8 bytes as Latin-1 characters (the sandbox has no Buffer); throws on a lone surrogate. */
export function utf8Bytes(text: string): string {
  return unescape(encodeURIComponent(text));
}

/** Base64 of a byte string (Latin-1 characters), padded. */
export function base64OfBytes(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes.charCodeAt(i) << 16) | ((bytes.charCodeAt(i + 1) || 0) << 8) | (bytes.charCodeAt(i + 2) || 0);
    const chunk = [18, 12, 6, 0].map((shift) => BASE64[(n >> shift) & 63]).join('');
    out += chunk.slice(0, Math.min(4, bytes.length - i + 1)).padEnd(4, '=');
  }
  return out;
}

/** Base64 of a UTF-8 string without Buffer or btoa (neither exists in the platform sandbox). */
export function base64(text: string): string {
  return base64OfBytes(utf8Bytes(text));
}

/** Inverse of `base64` (padding optional); throws on characters outside the alphabet. */
export function unbase64(text: string): string {
  const digits = Array.from(text.replace(/=+$/, ''), (c) => {
    const value = BASE64.indexOf(c);
    if (value < 0) throw new Error('not base64');
    return value;
  });
  let binary = '';
  for (let i = 0; i < digits.length; i += 4) {
    const n = (digits[i] << 18) | ((digits[i + 1] ?? 0) << 12) | ((digits[i + 2] ?? 0) << 6) | (digits[i + 3] ?? 0);
    const count = Math.min(3, ((digits.length - i) * 6) >> 3);
    for (let j = 0; j < count; j++) binary += String.fromCharCode((n >> (16 - 8 * j)) & 255);
  }
  return decodeURIComponent(escape(binary));
}
