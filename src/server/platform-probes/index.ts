/**
 * The platform self-check (README "Platform self-check"): onAppInstall runs the quick probes and
 * arms the fire probe; that schedule's event, five minutes later, runs the rest; the app's daily
 * recurring schedule runs them again. Probes never throw into the handlers: a failure is a null reading.
 */
import { reasonOf } from '../core/errors';
import {
  armFireProbe,
  checkFireProbeWhileFiring,
  probeDbUpdateOptions,
  probeFormContentType,
  probeScheduleMetering,
  PROBE_SCHEDULE_KIND,
  recheckFireProbe,
} from './probes';
import { readEntries, saveEntries, type ProbeEntries } from './record';

/** The data kind of the app's one recurring schedule (the history head, history/head.ts), which fires once a quiet day. */
const DAILY_SCHEDULE_KIND = 'head';

export async function checkPlatformAtInstall(): Promise<void> {
  const now = Date.now();
  const entries: ProbeEntries = { db_update_options: await probeDbUpdateOptions(now) };
  await armFireProbe(now);
  await saveEntries(entries);
}

async function daily(now: number): Promise<void> {
  const last = await readEntries();
  const entries: ProbeEntries = { db_update_options: await probeDbUpdateOptions(now) };
  const fired = await recheckFireProbe(now, last.fired_schedule);
  if (fired) entries.fired_schedule = fired;
  await saveEntries(entries);
}

async function fireProbe(now: number, iparams: Record<string, unknown>): Promise<void> {
  const last = await readEntries();
  const entries: ProbeEntries = { fired_schedule: await checkFireProbeWhileFiring(now) };
  // A known form reading is not asked again; metering is, unless already seen (the burst would spend a minute's quota).
  if (!last.form_content_type?.reading) entries.form_content_type = await probeFormContentType(now, iparams);
  if (last.schedule_calls?.reading !== 'metered') entries.schedule_calls = await probeScheduleMetering(now);
  await saveEntries(entries);
}

/** onScheduledEvent for a schedule that carries no delivery work: the daily run, or the fire probe. */
export async function checkPlatformOnSchedule(data: unknown, iparams: Record<string, unknown>): Promise<void> {
  const kind = (data as { kind?: unknown } | undefined)?.kind;
  try {
    if (kind === DAILY_SCHEDULE_KIND) await daily(Date.now());
    else if (kind === PROBE_SCHEDULE_KIND) await fireProbe(Date.now(), iparams);
  } catch (err) {
    console.error(`platform self-check: ${reasonOf(err)}`);
  }
}
