/**
 * The server methods' share of the `$db` quota. Agents' browsers can call the history methods at
 * will (the platform allows 50 calls a minute), and every page read spends one of the 50 `$db`
 * operations a minute deliveries need. So each `$db` operation a server method makes first takes a
 * token of this minute's reserve: a one-time schedule `r<minute>-<i>`, i < RESERVE_PER_MINUTE.
 * Names are unique, so however many calls race, at most RESERVE_PER_MINUTE operations a minute are
 * spent by them; a call that gets fewer reads less and says so (`notice`).
 *
 * The reserve is booked only while it is used: the minute's first token notes the time in the head,
 * and while that time is recent events waiting for the store leave the reserve free (pipeline/outbox.ts
 * `backlogSlot`, `yieldsToReserve`); otherwise they may use the whole quota.
 */
import { createOnce, NAMES } from '../platform/schedule';
import { reserveInUse, updateHead } from './head';

// The notice is part of the history API (the sidebar recognises a refusal for want of reserve by it).
export { RESERVE_NOTICE } from '../../shared/history-api';

/** Room for a sidebar open (one list call, two pages at most) and a Retry (two operations) a minute, or two opens. */
export const RESERVE_PER_MINUTE = 4;

/** Notes in the head that the reserve is in use (leaving its daily firing where it is); a lost note costs only the pace of a backlog. */
const noteUse = (now: number): Promise<unknown> =>
  updateHead(
    (head) => ({
      ...head,
      reserve_at: Math.max(head.reserve_at ?? 0, now),
      // Coming into use: the backlog placed so far was paced without the reserve.
      booked_from: reserveInUse(head, now) ? head.booked_from : head.backlog_at,
    }),
    (head) => (head.reserve_at ?? 0) >= now,
    true,
  ).catch(() => undefined);

/** Token `index` of `minute`; whoever takes a minute's first token notes the use (one note a minute). */
async function takeToken(minute: number, index: number, now: number): ReturnType<typeof createOnce> {
  const token = await createOnce(NAMES.readToken(minute, index), { kind: 'reserve' }, now);
  if (token === 'created' && index === 0) await noteUse(now);
  return token;
}

/** Takes up to `wanted` tokens of this minute's reserve; returns how many it got. */
export async function takeReserve(wanted: number): Promise<number> {
  const now = Date.now();
  const minute = Math.floor(now / 60_000);
  let got = 0;
  for (let i = 0; i < RESERVE_PER_MINUTE && got < wanted; i++) {
    const token = await takeToken(minute, i, now);
    // No schedule can be made at all (all 1,000 in use, or the scheduler failing): the history stays readable.
    if (token === 'full' || token === 'failed') return wanted;
    if (token === 'created') got++;
  }
  return got;
}
