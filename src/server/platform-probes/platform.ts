/**
 * The probes' door to `$db` and `$schedule`: the app's one caller of each (src/server/platform/db.ts,
 * schedule.ts), here with the platform's own answers, since what they are is what the probes ask.
 * `update` passes a fourth argument through unchanged when given: whether the platform reads it is
 * one probe's question.
 */
import { deleteKey, readKey, setAttributes, setAttributesWithOptions, type UpdateOptions } from '../platform/db';
import { rawSchedule } from '../platform/schedule';

export const probeDb = {
  get: readKey,
  delete: deleteKey,
  update: (key: string, attributes: Record<string, unknown>, options?: UpdateOptions): Promise<unknown> =>
    options === undefined ? setAttributes(key, attributes) : setAttributesWithOptions(key, attributes, options),
};

export const probeSchedule = rawSchedule;

/** The status of a platform rejection, or 0 when there is none. */
export const statusOf = (err: unknown): number => {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : 0;
};
