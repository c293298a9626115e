/**
 * The simulator's state on disk, one folder per mode (`.local/sandbox/`, `.local/live/`): the
 * runtime's $db and $schedule (history, pending retries, cached access tokens) in
 * db.json, and how far the simulator clock was moved ahead in clock.json. Separate folders are what
 * keeps a sandbox test push from ever being retried against a real vendor.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isPlainObject } from './http';

export type Mode = 'sandbox' | 'live';

export interface LocalStore {
  mode: Mode;
  dir: string;
  dbFile: string;
  clockFile: string;
}

/** The store cannot be read; the message names the file and the way out. */
export class LocalStoreError extends Error {}

export function localStore(root: string, live: boolean): LocalStore {
  const mode: Mode = live ? 'live' : 'sandbox';
  const dir = path.join(root, mode);
  return { mode, dir, dbFile: path.join(dir, 'db.json'), clockFile: path.join(dir, 'clock.json') };
}

/** `npm start -- --reset`: forget this mode's history, pending retries, token and clock. */
export function resetLocalStore(store: LocalStore): void {
  fs.rmSync(store.dir, { recursive: true, force: true });
}

function shown(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

function unreadable(store: LocalStore, file: string, why: string): LocalStoreError {
  return new LocalStoreError(
    `${shown(file)} cannot be read (${why}): it holds the ${store.mode} history and pending retries. Delete ${shown(store.dir)} or run npm start -- ${store.mode === 'live' ? '--live ' : ''}--reset to start afresh.`,
  );
}

function readJsonFile(store: LocalStore, file: string): unknown {
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw unreadable(store, file, `not valid JSON: ${(err as Error).message}`);
  }
}

const isRecord = (v: unknown): boolean =>
  isPlainObject(v) && isPlainObject(v.value) && (v.expiresAt === null || Number.isFinite(v.expiresAt));
const isSchedule = (v: unknown): boolean =>
  isPlainObject(v) && typeof v.name === 'string' && isPlainObject(v.data) && Number.isFinite(v.nextFireAt) && Number.isFinite(v.seq);

/** What the runtime would otherwise choke on later, with a stack trace: the shape of each entry. */
function shapeProblem(state: unknown): string | undefined {
  if (!isPlainObject(state)) return 'not a JSON object';
  const sections: Array<[string, (v: unknown) => boolean]> = [
    ['db', isRecord],
    ['schedules', isSchedule],
  ];
  for (const [name, valid] of sections) {
    const section = state[name];
    if (section === undefined) continue;
    if (!isPlainObject(section)) return `"${name}" is not an object`;
    const bad = Object.keys(section).find((key) => !valid(section[key]));
    if (bad !== undefined) return `${name} entry "${bad}" is malformed`;
  }
  return undefined;
}

/**
 * Makes this mode's folder private: owner-only (0700), its files 0600, also when an older version
 * created them readable by everyone. The runtime writes db.json 0600 from then on.
 */
export function secureLocalStore(store: LocalStore): void {
  fs.mkdirSync(store.dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(store.dir, 0o700);
  for (const file of [store.dbFile, store.clockFile]) if (fs.existsSync(file)) fs.chmodSync(file, 0o600);
}

/** Throws LocalStoreError when db.json or clock.json exists but is not what the simulator wrote. */
export function checkLocalStore(store: LocalStore): void {
  const problem = shapeProblem(readJsonFile(store, store.dbFile) ?? {});
  if (problem) throw unreadable(store, store.dbFile, problem);
  readClockOffset(store);
}

/** How far ahead of real time the simulator clock runs (0 when never moved). */
export function readClockOffset(store: LocalStore): number {
  const saved = readJsonFile(store, store.clockFile);
  if (saved === undefined) return 0;
  const offset = isPlainObject(saved) ? saved.offset_ms : undefined;
  if (typeof offset !== 'number' || !Number.isFinite(offset) || offset < 0)
    throw unreadable(store, store.clockFile, 'offset_ms is not a non-negative number');
  return offset;
}

export function writeClockOffset(store: LocalStore, offsetMs: number): void {
  fs.mkdirSync(store.dir, { recursive: true, mode: 0o700 });
  const temp = `${store.clockFile}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify({ offset_ms: offsetMs })}\n`, { mode: 0o600 });
  fs.renameSync(temp, store.clockFile);
}
