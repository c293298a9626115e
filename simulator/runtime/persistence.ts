import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { StoredRecord } from './db';
import type { StoredSchedule } from './schedule';

/** On-disk form of `dbFile`: one JSON document, one section per store. */
export interface PersistedState {
  db: Record<string, StoredRecord>;
  schedules: Record<string, StoredSchedule>;
}

export function readState(file: string): PersistedState {
  if (!existsSync(file)) return { db: {}, schedules: {} };
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<PersistedState>;
  return { db: parsed.db ?? {}, schedules: parsed.schedules ?? {} };
}

/**
 * Written synchronously after every operation so a crash never loses an acknowledged write. It holds
 * what the app stores (tokens, agents' emails): readable by the owner only, in a folder created so.
 */
export function writeState(file: string, state: PersistedState): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(temp, file);
}
