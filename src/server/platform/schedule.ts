/**
 * The one module that calls `$schedule`. Schedules are the engine's timers and its per-event
 * locks, never its storage of waiting work. It knows the facts: a one-time schedule fires at least
 * 5 minutes and at most a year ahead (checked by the scheduler's clock, which may differ from ours:
 * MIN_LEAD_MS covers ±60 s), names are unique (a create is a compare-and-set), data ≤ 4 KB, at most
 * 1,000 one-time + 1 recurring. Every name the app uses is made here.
 */

/** How far the scheduler's clock may be from ours. */
const SKEW_MS = 60_000;
/** 5 minutes, plus the scheduler's clock running ahead of ours, plus a margin for the call itself. */
export const MIN_LEAD_MS = 5 * 60_000 + SKEW_MS + 30_000;
/** A create or move refused as too soon (a clock further off than we thought) is tried once more this much later. */
const SKEW_RETRY_MS = 2 * 60_000;

export const NAMES = {
  /** The engine's head (history page, HMAC key, outage marks, drop count): the one recurring schedule. */
  head: 'history-head',
  /** A destination's cached OAuth token. */
  token: 'cg-token',
  /** An event's lock and write-ahead copy: whoever holds it is the only one pushing this event. */
  writeAhead: (key: string): string => `w${key}`,
  /** The backup of a copy that is expected to fire (pipeline/write-ahead.ts). */
  backupAhead: (key: string): string => `b${key}`,
  /** A page's lock while its waiting pushes are drained. */
  pageLock: (page: string): string => `s${page}`,
  /** A page lock's recovery that found the page held by another run: it runs again once that run is done. */
  pageRecovery: (page: string): string => `v${page}`,
  /** Wake-ups of the drain: one per minute of a 16-minute wheel. */
  wake: (at: number): string => `k${Math.floor(at / 60_000) % 16}`,
  /** A server method's share of this minute's `$db` reserve (see history/reserve.ts). */
  readToken: (minute: number, index: number): string => `r${minute.toString(36)}-${index}`,
} as const;

type CreateResult = 'created' | 'exists' | 'full' | 'failed';

const text = (err: unknown): string => String((err as { message?: unknown } | null)?.message);
const statusOf = (err: unknown): number => {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : 0;
};

/** `refused`: a quota refusal (429), which is never executed; `failed`: any other error, which may have been. */
function classifyCreate(err: unknown): CreateResult | 'too_soon' | 'refused' {
  const message = text(err);
  if (statusOf(err) === 429) return 'refused';
  if (statusOf(err) !== 400) return 'failed';
  if (/already exists/i.test(message)) return 'exists';
  if (/maximum number/i.test(message)) return 'full';
  return /at least 5 minutes/i.test(message) ? 'too_soon' : 'failed';
}

const isoAt = (at: number): string => new Date(at).toISOString();

/** A one-time schedule's data carries its name: its fired event can then delete it (see releaseFired). */
const named = (name: string, data: Record<string, unknown>): Record<string, unknown> => ({ ...data, name });

/** The platform's own answers, unclassified: for the platform self-check, which asks what they are. */
export const rawSchedule = {
  create: (spec: FdkScheduleSpec): Promise<unknown> => $schedule.create(spec),
  fetch: (name: string): Promise<FdkScheduleRecord> => $schedule.fetch({ name }),
  delete: (name: string): Promise<unknown> => $schedule.delete({ name }),
};

async function attemptCreate(name: string, data: Record<string, unknown>, at: number): Promise<CreateResult | 'refused'> {
  const when = Math.max(at, Date.now() + MIN_LEAD_MS);
  try {
    await rawSchedule.create({ name, data: named(name, data), schedule_at: isoAt(when) });
    return 'created';
  } catch (err) {
    const result = classifyCreate(err);
    if (result !== 'too_soon') return result;
    return rawSchedule.create({ name, data: named(name, data), schedule_at: isoAt(when + SKEW_RETRY_MS) }).then(
      () => 'created' as const,
      (again: unknown) => (classifyCreate(again) === 'exists' ? 'exists' : 'failed'),
    );
  }
}

/** Creates a one-time schedule firing at `at` (never sooner than the lead). `exists`: the name is taken. */
export async function createOnce(name: string, data: Record<string, unknown>, at: number): Promise<CreateResult> {
  const result = await attemptCreate(name, data, at);
  return result === 'refused' ? 'failed' : result;
}

/**
 * Creates one-time schedule `name` that is the only holder of its work (a write-ahead copy): a create
 * that answered an error other than a quota refusal is tried once more. A name then taken may be the
 * first create, stored before its error: it is the caller's when it waits to fire and `ours` says so
 * of its data.
 */
export async function createHolder(
  name: string,
  data: Record<string, unknown>,
  at: number,
  ours: (found: Record<string, unknown>) => boolean,
): Promise<CreateResult> {
  const first = await attemptCreate(name, data, at);
  if (first !== 'failed') return first === 'refused' ? 'failed' : first;
  const again = await createOnce(name, data, at);
  if (again !== 'exists') return again;
  const found = await fetchSchedule(name).catch(() => null);
  return found && found.at > Date.now() + SKEW_MS && ours(found.data) ? 'created' : 'exists';
}

/** The data of schedule `name` and when it fires; null when there is none (404). Throws on other failures. */
export async function fetchSchedule(name: string): Promise<{ data: Record<string, unknown>; at: number } | null> {
  try {
    const found = await rawSchedule.fetch(name);
    return { data: found.data ?? {}, at: Date.parse(found.schedule_at) };
  } catch (err) {
    if (statusOf(err) === 404) return null;
    throw err;
  }
}

/** Moves schedule `name` to `at` with `data`; false when it failed. */
export async function moveOnce(name: string, data: Record<string, unknown>, at: number): Promise<boolean> {
  const when = Math.max(at, Date.now() + MIN_LEAD_MS);
  const move = (to: number) => $schedule.update({ name, data: named(name, data), schedule_at: isoAt(to) });
  try {
    await move(when);
    return true;
  } catch (err) {
    // Refused as too soon, as a create can be: a drain that cannot move its lock would stall.
    if (classifyCreate(err) !== 'too_soon') return false;
    return move(when + SKEW_RETRY_MS).then(
      () => true,
      () => false,
    );
  }
}

/**
 * Takes one-time schedule `name` again after it fired: created anew (FDK deletes a schedule as it
 * fires; see createHolder) or, where the platform keeps a fired schedule (its time past), that one
 * moved ahead. 'exists': it waits to fire, or another invocation holds it.
 */
export async function retakeOnce(
  name: string,
  data: Record<string, unknown>,
  ours: (found: Record<string, unknown>) => boolean = () => false,
): Promise<CreateResult> {
  const created = await createHolder(name, data, Date.now(), ours);
  if (created !== 'exists') return created;
  const found = await fetchSchedule(name).catch(() => null);
  if (!found || found.at > Date.now() + SKEW_MS) return 'exists';
  return (await moveOnce(name, data, Date.now())) ? 'created' : 'failed';
}

/**
 * A fired timer that carries no work (a drain wake-up, a reserve token) deletes itself: where the
 * platform keeps fired one-time schedules they would otherwise hold their places (and names) for
 * good. Where it frees them (FDK), this costs one call that answers 404.
 */
export async function releaseFired(data: { readonly name?: unknown }): Promise<void> {
  if (typeof data.name === 'string') await removeSchedule(data.name);
}

/** Creates one-time schedule `name`, or moves it when it exists; false when neither worked. */
export async function upsertOnce(name: string, data: Record<string, unknown>, at: number): Promise<boolean> {
  const created = await createOnce(name, data, at);
  return created === 'created' || (created === 'exists' && (await moveOnce(name, data, at)));
}

/** Deletes schedule `name`; true when it is gone (deleted now, or already absent). */
export function removeSchedule(name: string): Promise<boolean> {
  return rawSchedule.delete(name).then(
    () => true,
    (err: unknown) => statusOf(err) === 404,
  );
}

const DAY_MS = 24 * 3600_000;

/**
 * Writes the app's one recurring schedule (created on first write). It is moved a day ahead at each
 * write unless told when it fires (`at`, never sooner than the lead): it fires only after a quiet
 * day, when its sweep is the drain's safety net.
 */
export async function writeRecurring(name: string, data: Record<string, unknown>, at = Date.now() + DAY_MS): Promise<void> {
  const when = Math.max(at, Date.now() + MIN_LEAD_MS);
  const spec = { name, data, schedule_at: isoAt(when), repeat: { time_unit: 'days' as const, frequency: 1 } };
  await $schedule.update(spec).catch(() => $schedule.create(spec));
}

/** Creates the recurring schedule only if it does not exist: the first writer of a value wins. */
export async function createRecurring(name: string, data: Record<string, unknown>): Promise<CreateResult> {
  const spec = { name, data, schedule_at: isoAt(Date.now() + DAY_MS), repeat: { time_unit: 'days' as const, frequency: 1 } };
  try {
    await $schedule.create(spec);
    return 'created';
  } catch (err) {
    const result = classifyCreate(err);
    return result === 'too_soon' || result === 'refused' ? 'failed' : result;
  }
}
