import type { Clock } from './clock';
import { badRequest, isPlainObject, jsonByteLength, jsonClone, notFound } from './errors';

export const SCHEDULE_LIMITS = {
  maxNameLength: 100,
  maxDataBytes: 4 * 1024,
  maxOneTime: 1000,
  maxRecurring: 1,
  minMinutesFrequency: 5,
} as const;

export type TimeUnit = 'minutes' | 'hours' | 'days';

export interface ScheduleRepeat {
  time_unit: TimeUnit;
  frequency: number;
}

export interface ScheduleRecord {
  name: string;
  data: Record<string, unknown>;
  schedule_at: string;
  repeat?: ScheduleRepeat;
  created_at: string;
  updated_at: string;
}

export interface StoredSchedule extends ScheduleRecord {
  /** epoch ms of the next firing */
  nextFireAt: number;
  /** creation order, to fire same-time schedules deterministically */
  seq: number;
}

/** What `list()` returns: the platform record plus when it fires next. */
export interface ScheduleListing extends ScheduleRecord {
  next_fire_at: string;
}

export interface ScheduleEmulatorOptions {
  clock: Clock;
  counters: { scheduleOps: number };
  initial?: Record<string, StoredSchedule>;
  onChange?: () => void;
}

const UNIT_MS: Record<TimeUnit, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * `$schedule`. Not metered by the `$db` quota. Fired by the runtime
 * (`fireDueSchedules`), never by a timer, so tests control when events happen.
 */
export class ScheduleEmulator {
  private readonly schedules = new Map<string, StoredSchedule>();
  private seq = 0;

  constructor(private readonly options: ScheduleEmulatorOptions) {
    for (const [name, stored] of Object.entries(options.initial ?? {})) {
      this.schedules.set(name, jsonClone(stored));
      this.seq = Math.max(this.seq, stored.seq + 1);
    }
  }

  async create(spec: unknown): Promise<ScheduleRecord> {
    return this.op(() => {
      const valid = this.validate(spec);
      if (this.schedules.has(valid.name)) throw badRequest('Schedule already exists');
      this.checkCapacity(valid.repeat !== undefined, undefined);
      const now = new Date(this.options.clock.now()).toISOString();
      const stored: StoredSchedule = { ...valid, created_at: now, updated_at: now, nextFireAt: Date.parse(valid.schedule_at), seq: this.seq++ };
      this.schedules.set(valid.name, stored);
      return publicRecord(stored);
    });
  }

  async fetch(query: unknown): Promise<ScheduleRecord> {
    return this.op(() => publicRecord(this.existing(query)), false);
  }

  async update(spec: unknown): Promise<ScheduleRecord> {
    return this.op(() => {
      const valid = this.validate(spec);
      const current = this.existing(valid);
      this.checkCapacity(valid.repeat !== undefined, current);
      const stored: StoredSchedule = {
        ...valid,
        created_at: current.created_at,
        updated_at: new Date(this.options.clock.now()).toISOString(),
        nextFireAt: Date.parse(valid.schedule_at),
        seq: current.seq,
      };
      this.schedules.set(valid.name, stored);
      return publicRecord(stored);
    });
  }

  async delete(query: unknown): Promise<{ name: string; deleted: true }> {
    return this.op(() => {
      const current = this.existing(query);
      this.schedules.delete(current.name);
      return { name: current.name, deleted: true };
    });
  }

  list(): ScheduleListing[] {
    return this.ordered().map((stored) => ({ ...publicRecord(stored), next_fire_at: new Date(stored.nextFireAt).toISOString() }));
  }

  /** Earliest pending fire time, or undefined when nothing is scheduled. */
  nextFireAt(): number | undefined {
    return this.ordered()[0]?.nextFireAt;
  }

  /**
   * Takes the schedules due at `now` (in fire order): one-time ones are removed
   * (so a handler can re-create the same name), recurring ones re-armed past `now`.
   */
  takeDue(now: number): ScheduleRecord[] {
    const due = this.ordered().filter((stored) => stored.nextFireAt <= now);
    for (const stored of due) {
      if (stored.repeat) {
        const interval = UNIT_MS[stored.repeat.time_unit] * stored.repeat.frequency;
        const missed = Math.floor((now - stored.nextFireAt) / interval) + 1;
        stored.nextFireAt += missed * interval;
      } else {
        this.schedules.delete(stored.name);
      }
    }
    if (due.length > 0) this.options.onChange?.();
    return due.map(publicRecord);
  }

  snapshot(): Record<string, StoredSchedule> {
    return jsonClone(Object.fromEntries(this.schedules));
  }

  private ordered(): StoredSchedule[] {
    return [...this.schedules.values()].sort((a, b) => a.nextFireAt - b.nextFireAt || a.seq - b.seq);
  }

  private async op<T>(operation: () => T, mutates = true): Promise<T> {
    this.options.counters.scheduleOps++;
    const result = operation();
    if (mutates) this.options.onChange?.();
    return result;
  }

  private existing(query: unknown): StoredSchedule {
    const name = isPlainObject(query) ? query.name : undefined;
    if (typeof name !== 'string' || name === '') throw badRequest('Schedule name is required');
    const stored = this.schedules.get(name);
    if (!stored) throw notFound('Schedule not found');
    return stored;
  }

  private checkCapacity(recurring: boolean, replacing: StoredSchedule | undefined): void {
    const count = [...this.schedules.values()].filter((s) => s !== replacing && (s.repeat !== undefined) === recurring).length;
    if (recurring && count >= SCHEDULE_LIMITS.maxRecurring) {
      throw badRequest(`Limit of ${SCHEDULE_LIMITS.maxRecurring} recurring schedule per installation reached`);
    }
    if (!recurring && count >= SCHEDULE_LIMITS.maxOneTime) {
      throw badRequest(`Limit of ${SCHEDULE_LIMITS.maxOneTime} one-time schedules per installation reached`);
    }
  }

  private validate(spec: unknown): Omit<ScheduleRecord, 'created_at' | 'updated_at'> {
    if (!isPlainObject(spec)) throw badRequest('Schedule must be an object');
    const { name, data, schedule_at: scheduleAt, repeat } = spec;
    if (typeof name !== 'string' || name === '') throw badRequest('Schedule name must be a non-empty string');
    if (name.length > SCHEDULE_LIMITS.maxNameLength) throw badRequest(`Schedule name exceeds ${SCHEDULE_LIMITS.maxNameLength} characters`);
    if (!isPlainObject(data) || Object.keys(data).length === 0) throw badRequest('Schedule data must be a non-empty object');
    const bytes = jsonByteLength(data);
    if (bytes > SCHEDULE_LIMITS.maxDataBytes) throw badRequest(`Schedule data is ${bytes} bytes; the limit is 4 KB`);
    if (typeof scheduleAt !== 'string' || !ISO_DATE_TIME.test(scheduleAt) || Number.isNaN(Date.parse(scheduleAt))) {
      throw badRequest('schedule_at must be an ISO 8601 date-time with a time zone');
    }
    if (Date.parse(scheduleAt) < this.options.clock.now()) throw badRequest('schedule_at must not be in the past');
    return { name, data: jsonClone(data), schedule_at: scheduleAt, ...(repeat === undefined ? {} : { repeat: validateRepeat(repeat) }) };
  }
}

function validateRepeat(repeat: unknown): ScheduleRepeat {
  if (!isPlainObject(repeat)) throw badRequest('repeat must be an object');
  const { time_unit: unit, frequency } = repeat;
  if (unit !== 'minutes' && unit !== 'hours' && unit !== 'days') throw badRequest("repeat.time_unit must be 'minutes', 'hours' or 'days'");
  if (typeof frequency !== 'number' || !Number.isInteger(frequency) || frequency < 1) throw badRequest('repeat.frequency must be an integer >= 1');
  if (unit === 'minutes' && frequency < SCHEDULE_LIMITS.minMinutesFrequency) {
    throw badRequest(`repeat.frequency must be at least ${SCHEDULE_LIMITS.minMinutesFrequency} for minutes`);
  }
  return { time_unit: unit, frequency };
}

function publicRecord(stored: StoredSchedule): ScheduleRecord {
  const { nextFireAt: _next, seq: _seq, ...record } = stored;
  return jsonClone(record);
}
