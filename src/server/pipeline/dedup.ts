/**
 * Dedup: the first delivery of an event claims its key with `setIf: not_exist`; a second delivery
 * of the same event finds the key taken and is dropped. One `$db` operation per event.
 *
 * The claim lives as long as the history (30 days), so a redelivery is recognised for as long as
 * its push is listed. It holds the token of the run that made it: if that run dies, its write-ahead
 * copy (./write-ahead) resumes and recognises the claim as its own instead of as a duplicate.
 */
import { messageOf } from '../core/errors';
import { HISTORY_TTL_SECONDS } from '../history/store';

const CLAIM_TTL_SECONDS = HISTORY_TTL_SECONDS;

type ClaimResult = 'claimed' | 'duplicate' | 'deferred';

const claimKey = (key: string): string => `ev:${key}`;

async function claimedBy(key: string): Promise<string | null> {
  try {
    const value = await $db.get(claimKey(key));
    return typeof value.run === 'string' ? value.run : null;
  } catch {
    return null;
  }
}

/** `resuming`: this run's write-ahead copy is resuming it, so a claim with the same token is ours. */
export async function claimEvent(key: string, run: string, now: number, resuming: boolean): Promise<ClaimResult> {
  try {
    await $db.set(claimKey(key), { at: now, run }, { setIf: 'not_exist', ttl: CLAIM_TTL_SECONDS });
    return 'claimed';
  } catch (err) {
    const { status } = err as FdkDbError;
    if (status !== 400 || !/setif/i.test(messageOf(err))) return 'deferred'; // quota or outage: queued and claimed later
    if (!resuming) return 'duplicate';
    return (await claimedBy(key)) === run ? 'claimed' : 'duplicate';
  }
}

/** A fresh token for a run's claim. */
export const newRunToken = (now: number): string => now.toString(36) + Math.floor(Math.random() * 36 ** 6).toString(36);
