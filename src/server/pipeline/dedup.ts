/**
 * Dedup: the first run of an event claims its key (`ev:<key>`, `setIf: not_exist`) for as long as
 * the history keeps it (30 days); a second delivery of the same event finds the key taken. The claim
 * holds the run's token and the page the history stood at, so the run's write-ahead copy can tell
 * its own claim from another's and find the record it may have written.
 */
import { hmacSha256 } from '../core/digest';
import { createKey, readKeyOrNull, StoreError } from '../platform/db';
import { HISTORY_TTL_SECONDS } from '../history/store';

const claimKey = (key: string): string => `ev:${key}`;

export interface Claim {
  run: string;
  page: number;
}

/**
 * `claimed`: new; `ours` (with the claim read back): made earlier by this run (an answer lost after the write, or a run that
 * died); `unknown`: the store failed (quota, outage, or stored and then failed): the write-ahead copy settles it later.
 */
type ClaimResult = 'claimed' | { ours: Claim } | 'duplicate' | 'unknown';

/** The claim of `key`: null when there is none, 'unknown' when it cannot be read now. */
async function readClaim(key: string): Promise<Claim | null | 'unknown'> {
  try {
    const value = await readKeyOrNull(claimKey(key));
    if (value === null) return null;
    return { run: String(value.run), page: typeof value.page === 'number' ? value.page : 0 };
  } catch {
    return 'unknown';
  }
}

export async function claimEvent(key: string, run: string, page: number): Promise<ClaimResult> {
  try {
    await createKey(claimKey(key), { at: Date.now(), run, page }, HISTORY_TTL_SECONDS);
    return 'claimed';
  } catch (err) {
    if ((err as StoreError).kind !== 'condition') return 'unknown';
    // Taken: by another run, or by this one when an earlier answer was lost after the write.
    const claim = await readClaim(key);
    if (claim === 'unknown') return 'unknown';
    return claim?.run === run ? { ours: claim } : 'duplicate';
  }
}

/** A run's token: derived under the secret, so nothing a browser reads reveals the generator behind it. */
export const newRunToken = (secret: string, key: string, now: number): string =>
  hmacSha256(secret, `${key}|${now}|${Math.random()}`).slice(0, 16);
