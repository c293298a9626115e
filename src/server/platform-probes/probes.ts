/**
 * The probes: each asks the platform one question on scratch keys and names and answers with the
 * reading it saw (see ./rules.ts), or null with the reason it could not tell.
 */
import { messageOf } from '../core/errors';
import { destinations } from '../destinations/registry';
import { probeDb, probeSchedule, statusOf } from './platform';
import { entry, type ProbeEntry } from './record';
import { redactorFor } from '../core/redactor';

const SCRATCH_KEY = 'platform-probe:scratch';
/** The one-time schedule whose firing tells whether a fired schedule frees its place. */
export const FIRE_PROBE_SCHEDULE = 'platform-probe-fire';
export const PROBE_SCHEDULE_KIND = 'platform-probe';
/** A name never created: fetching it is the cheapest `$schedule` call there is. */
const ABSENT_SCHEDULE = 'platform-probe-absent';
/** One more call than the other quotas allow in a minute (50). */
const METERING_CALLS = 51;
/** The platform's minimum lead for a one-time schedule is 5 minutes; 30 s of margin for clock skew. */
const FIRE_PROBE_LEAD_MS = 5.5 * 60_000;

const reason = (err: unknown): string => `${statusOf(err) || 'no status'}: ${messageOf(err)}`;

/** `update` with setIf 'exist' on a key that was just deleted: refused if the option is read, creates the key if it is dropped. */
export async function probeDbUpdateOptions(now: number): Promise<ProbeEntry> {
  try {
    await probeDb.delete(SCRATCH_KEY);
    await probeDb.update(SCRATCH_KEY, { probed_at: now }, { setIf: 'exist' });
  } catch (err) {
    if (statusOf(err) === 400) return entry('honoured', now, `update(missing key, set, …, {setIf: 'exist'}) was refused (${reason(err)})`);
    return entry(null, now, `the probe's $db calls failed (${reason(err)}); tried again tomorrow`);
  }
  await probeDb.delete(SCRATCH_KEY).catch(() => undefined);
  return entry('ignored', now, "update(missing key, set, …, {setIf: 'exist'}) created the key: the option was not read");
}

/** Arms the fire probe: a one-time schedule at the earliest time the platform allows. An armed one is left alone. */
export async function armFireProbe(now: number): Promise<void> {
  const spec = {
    name: FIRE_PROBE_SCHEDULE,
    data: { kind: PROBE_SCHEDULE_KIND },
    schedule_at: new Date(now + FIRE_PROBE_LEAD_MS).toISOString(),
  };
  await probeSchedule.create(spec).catch(() => undefined);
}

/**
 * Run by the probe schedule's own event. FDK deletes a one-time schedule before its handler runs;
 * a platform that deletes it after the handler would still list it now, so a listed schedule is
 * only noted (`fired_at`) and `recheckFireProbe` decides the next day.
 */
export async function checkFireProbeWhileFiring(now: number): Promise<ProbeEntry> {
  try {
    await probeSchedule.fetch(FIRE_PROBE_SCHEDULE);
  } catch (err) {
    if (statusOf(err) === 404) return entry('freed', now, 'fetched by name while its own event ran: 404, already deleted');
    return entry(null, now, `fetching the fired probe schedule failed (${reason(err)}); tried again tomorrow`);
  }
  return entry(null, now, 'still listed while its own event ran; looked at again by the daily run', { fired_at: now });
}

type FireProbeState = { state: 'failed'; entry: ProbeEntry } | { state: 'absent' | 'waiting' } | { state: 'fired'; firedAt: number };

/** Where the fire probe stands now: not listed, armed and waiting, listed after its time (fired and kept), or unknown. */
async function fireProbeState(now: number): Promise<FireProbeState> {
  try {
    const firesAt = Date.parse((await probeSchedule.fetch(FIRE_PROBE_SCHEDULE)).schedule_at);
    return firesAt > now ? { state: 'waiting' } : { state: 'fired', firedAt: firesAt };
  } catch (err) {
    if (statusOf(err) === 404) return { state: 'absent' };
    return { state: 'failed', entry: entry(null, now, `fetching the probe schedule failed (${reason(err)}); tried again tomorrow`) };
  }
}

/** The daily look at the fire probe: kept if still listed after it fired, freed if gone since; then armed again. */
export async function recheckFireProbe(now: number, last: ProbeEntry | undefined): Promise<ProbeEntry | undefined> {
  const found = await fireProbeState(now);
  if (found.state === 'failed') return found.entry;
  if (found.state === 'waiting') return undefined;
  if (found.state === 'fired') {
    await probeSchedule.delete(FIRE_PROBE_SCHEDULE).catch(() => undefined);
    await armFireProbe(now);
    return entry('kept', now, `still listed ${Math.round((now - found.firedAt) / 60_000)} min after it fired (the probe deleted it)`);
  }
  await armFireProbe(now);
  const freedSince = typeof last?.fired_at === 'number';
  return freedSince ? entry('freed', now, 'listed while its own event ran, gone once the event had ended') : undefined;
}

/** 51 fetches of an absent name within one call: a quota of 50 a minute refuses at least one. */
export async function probeScheduleMetering(now: number): Promise<ProbeEntry> {
  const answers = await Promise.allSettled(Array.from({ length: METERING_CALLS }, () => probeSchedule.fetch(ABSENT_SCHEDULE)));
  const statuses = answers.map((answer) => (answer.status === 'rejected' ? statusOf(answer.reason) : 200));
  const refused = statuses.filter((status) => status === 429).length;
  if (refused > 0)
    return entry('metered', now, `${refused} of ${METERING_CALLS} $schedule calls made within one minute were refused with 429`);
  if (statuses.every((status) => status === 404))
    return entry('unmetered', now, `${METERING_CALLS} $schedule calls made within one minute all answered (more than $db allows)`);
  return entry(null, now, `the $schedule calls failed otherwise (statuses ${[...new Set(statuses)].join(', ')}); tried again tomorrow`);
}

/** The enabled destination that gets a token through a form-urlencoded template, if any. */
function formTokenUser(iparams: Record<string, unknown>) {
  const enabled = Array.isArray(iparams.destinations) ? iparams.destinations : [];
  return destinations.find((destination) => destination.fetchToken !== undefined && enabled.includes(destination.label));
}

/** The platform's or a token endpoint's refusal of the form body, as the token module reports it. */
const FORM_REFUSED = /content.?type|invalid_request/i;

/**
 * A token request (Content-Type application/x-www-form-urlencoded) through the destination's own
 * token module, so the token is cached and used by its next delivery: no request the app would not
 * make anyway. Nothing is sent when no such destination is on, or when a token is cached.
 */
export async function probeFormContentType(now: number, iparams: Record<string, unknown>): Promise<ProbeEntry> {
  const destination = formTokenUser(iparams);
  if (!destination?.fetchToken) return entry(null, now, 'no destination that requests a token is switched on: nothing to learn from');
  try {
    await destination.fetchToken({ startedAt: now, redactor: redactorFor(iparams) });
    return entry('accepted', now, `${destination.label}'s form-urlencoded token template obtained a token (cached for its next delivery)`);
  } catch (err) {
    const message = messageOf(err);
    if (FORM_REFUSED.test(message)) return entry('refused', now, message);
    return entry(null, now, `${destination.label}'s token request did not settle it (${message}); tried again tomorrow`);
  }
}
