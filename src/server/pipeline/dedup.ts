/**
 * Dedup: the first delivery of an event claims its key with `setIf: not_exist`; a second delivery
 * of the same event finds the key taken and is dropped. One `$db` operation per event.
 */
export const CLAIM_TTL_SECONDS = 7 * 24 * 3600;

export type ClaimResult = 'claimed' | 'duplicate' | 'deferred';

export async function claimEvent(key: string, now: number): Promise<ClaimResult> {
  try {
    await $db.set(`ev:${key}`, { at: now }, { setIf: 'not_exist', ttl: CLAIM_TTL_SECONDS });
    return 'claimed';
  } catch (err) {
    const { status, message } = err as FdkDbError;
    if (status === 400 && /setif/i.test(message ?? '')) return 'duplicate';
    // Quota spent or the store failing: the event is queued and claimed later, not dropped.
    return 'deferred';
  }
}
