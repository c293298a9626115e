/**
 * The probes' only door to `$db` and `$schedule`. The delivery engine's own modules
 * (src/server/platform/db.ts, schedule.ts) are to become the app's single callers of both: point
 * these forwards at them. `update` must keep passing a fourth argument through unchanged, since
 * whether the platform reads it is what one probe asks.
 */

type UpdateOptions = { setIf?: 'exist' | 'not_exist' };
/** `$db.update` as the probe calls it: with the fourth argument the platform is not documented to read. */
type UpdateWithOptions = (
  key: string,
  action: FdkDbUpdateAction,
  attributes: Record<string, unknown>,
  options: UpdateOptions,
) => Promise<unknown>;

export const probeDb = {
  get: (key: string): Promise<Record<string, unknown>> => $db.get(key),
  delete: (key: string): Promise<unknown> => $db.delete(key),
  update: (key: string, action: FdkDbUpdateAction, attributes: Record<string, unknown>, options?: UpdateOptions): Promise<unknown> =>
    options === undefined ? $db.update(key, action, attributes) : ($db.update as UpdateWithOptions)(key, action, attributes, options),
};

export const probeSchedule = {
  create: (spec: FdkScheduleSpec): Promise<unknown> => $schedule.create(spec),
  fetch: (name: string): Promise<FdkScheduleRecord> => $schedule.fetch({ name }),
  delete: (name: string): Promise<unknown> => $schedule.delete({ name }),
};

/** The status of a platform rejection, or 0 when there is none. */
export const statusOf = (err: unknown): number => {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : 0;
};
