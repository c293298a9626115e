/** String helpers shared by the destination mappings and the history titles. */

/** Cuts `text` to at most `max` code points (never inside a surrogate pair), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, max - 1).join('') + '…';
}

/** `joy` becomes `:joy:` (a shortcode name); an emoji character stays as it is. */
export function emojiText(emoji: string | null): string | null {
  if (!emoji) return null;
  return /^[a-z0-9_+-]+$/i.test(emoji) ? `:${emoji}:` : emoji;
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

/** Base64 of a UTF-8 string without Buffer or btoa (neither exists in the platform sandbox). */
export function base64(text: string): string {
  const bytes = Array.from(unescape(encodeURIComponent(text)), (c) => c.charCodeAt(0));
  const alphabet = BASE64;
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chunk = [18, 12, 6, 0].map((shift) => alphabet[(n >> shift) & 63]).join('');
    out += chunk.slice(0, Math.min(4, bytes.length - i + 1)).padEnd(4, '=');
  }
  return out;
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
