/** Timestamp parsing and formatting for the event payload and the destinations. */

/** Below this an epoch number is taken as seconds (with decimals), above it as milliseconds. */
const SECONDS_CUTOFF = 100_000_000_000;

/**
 * Epoch milliseconds from what Freshchat sends: an ISO/UTC string, or a number (or numeric string)
 * in ms or in seconds with decimals. `null` when it cannot be read.
 */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value === 'number') return epochToMs(value);
  return typeof value === 'string' ? parseText(value.trim()) : null;
}

function parseText(text: string): number | null {
  if (/^\d+(\.\d+)?$/.test(text)) return epochToMs(Number(text));
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

function epochToMs(value: number): number | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  return Math.round(value < SECONDS_CUTOFF ? value * 1000 : value);
}

/** `YYYY-MM-DDTHH:MM:SSZ`: UTC in whole seconds (the fraction is dropped, never rounded into the next second). */
export function isoUtcSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
