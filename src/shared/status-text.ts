/** Status and duration wording shared by the server (titles, descriptions) and the sidebar. */

/** AVAILABLE/UNAVAILABLE become words; custom statuses stay as typed. */
export function statusLabel(status: unknown): string {
  if (status === 'AVAILABLE') return 'Available';
  if (status === 'UNAVAILABLE') return 'Unavailable';
  return typeof status === 'string' && status !== '' ? status : 'Unknown';
}

/** The kind of status change, as an admin reads it. */
export function kindLabel(kind: unknown): string {
  if (kind === 'GeneralAvailability') return 'General availability';
  return typeof kind === 'string' && kind !== '' ? kind : 'Unknown';
}

export const DURATION_UNITS: ReadonlyArray<readonly [number, string]> = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
];

/** "1 h 5 min", "45 min", "12 s": the two largest non-zero units of a duration. */
export function humanDuration(ms: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(ms));
  for (const [size, unit] of DURATION_UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 && parts.length < 2) parts.push(`${count} ${unit}`);
  }
  return parts.length > 0 ? parts.join(' ') : '0 s';
}
