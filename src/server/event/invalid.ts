/**
 * What the history keeps of a payload that could not be read. Such a payload can be anything the
 * platform accepts (256 KB of JSON nests 100,000 levels deep): it is serialised within a fixed
 * depth and length, so recording it can neither overflow the stack nor exceed a `$db` value.
 */
import { digest, truncate } from '../core/text';

/** The excerpt an admin sees to recognise the payload. */
export const EXCERPT_CHARS = 300;
const EXCERPT_DEPTH = 12;
/** The part of the payload that identifies it: a redelivery of the same payload gets the same key. */
const KEY_CHARS = 64 * 1024;
const KEY_DEPTH = 64;

interface Writer {
  parts: string[];
  length: number;
  maxDepth: number;
  maxChars: number;
}

function write(out: Writer, text: string): void {
  out.parts.push(text);
  out.length += text.length;
}

const full = (out: Writer): boolean => out.length >= out.maxChars;

function writeValue(out: Writer, value: unknown, depth: number): void {
  if (value === null || typeof value !== 'object') return write(out, JSON.stringify(value) ?? 'null');
  // Containers below the depth limit are summarised, which bounds the recursion.
  if (depth >= out.maxDepth) return write(out, '"…"');
  if (Array.isArray(value)) return writeArray(out, value, depth);
  writeObject(out, value as Record<string, unknown>, depth);
}

function writeArray(out: Writer, items: unknown[], depth: number): void {
  write(out, '[');
  for (let i = 0; i < items.length && !full(out); i++) {
    if (i > 0) write(out, ',');
    writeValue(out, items[i], depth + 1);
  }
  write(out, ']');
}

function writeObject(out: Writer, object: Record<string, unknown>, depth: number): void {
  write(out, '{');
  // Like JSON.stringify: properties that have no JSON form (undefined, functions) are left out.
  const entries = Object.entries(object).filter(([, v]) => typeof v === 'object' || JSON.stringify(v) !== undefined);
  for (let i = 0; i < entries.length && !full(out); i++) {
    if (i > 0) write(out, ',');
    write(out, `${JSON.stringify(entries[i][0])}:`);
    writeValue(out, entries[i][1], depth + 1);
  }
  write(out, '}');
}

/**
 * JSON text of `value` (identical to JSON.stringify for JSON data within the bounds), with
 * containers nested deeper than `maxDepth` replaced by "…" and the text cut after `maxChars`.
 */
export function boundedJson(value: unknown, maxDepth: number, maxChars: number): string {
  const out: Writer = { parts: [], length: 0, maxDepth, maxChars };
  writeValue(out, value, 0);
  return truncate(out.parts.join(''), maxChars);
}

/** The history key and excerpt of an unreadable event's `data`. */
export function invalidPayloadIdentity(data: unknown): { key: string; excerpt: string } {
  return { key: `x${digest(boundedJson(data, KEY_DEPTH, KEY_CHARS))}`, excerpt: boundedJson(data, EXCERPT_DEPTH, EXCERPT_CHARS) };
}
