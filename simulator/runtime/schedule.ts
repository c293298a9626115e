import type { Clock } from './clock';
import { badRequest, isPlainObject, jsonByteLength, jsonClone, notFound, platformError } from './errors';
import type { RollingWindowQuota } from './quota';

/*
 * Limits and messages of the platform's `$schedule`. Sources:
 * - FDK 6.9 `lib/event_handler/features/schedule.js` (hemchander23/glitch-fdk-base, `.fdk/fdk/package/lib/`):
 *   name <= 30 characters, data <= 4096 bytes, one-time `schedule_at` at least 5 minutes ahead and at most
 *   525,600 minutes (a year), repeat time_unit minutes|hours|days, frequency a number > 0 and at most
 *   60 minutes / 24 hours / 30 days, a valid IANA `timezone` (default UTC), one recurring schedule, and every
 *   message below; a one-time schedule is deleted when it fires (so `fetch` then answers 404 and the name is free).
 * - Freshworks docs, scheduled events: "maximum of 1000 one-time schedules and 1 recurring schedule",
 *   "schedule_at time must be at least 5 minutes from the current time", data "should not exceed 4 KB".
 * Stricter than FDK 6.9 where the real platform is unverified (say so in README "Platform rules"):
 * the 5-minute / 1-year window also applies to a recurring schedule's first `schedule_at` (the docs state the
 * rule without exception), `update` also enforces the one-recurring limit, a minutes repeat needs frequency >= 5
 * (no schedule fires more often than the one-time lead time), frequency must be an integer and data a non-empty
 * plain object.
 */
export const SCHEDULE_LIMITS = {
  maxNameLength: 30,
  maxDataBytes: 4096,
  maxOneTime: 1000,
  maxRecurring: 1,
  minLeadMinutes: 5,
  maxLeadMinutes: 525_600,
  minMinutesFrequency: 5,
  maxFrequency: { minutes: 60, hours: 24, days: 30 },
} as const;

export const SCHEDULE_MESSAGES = {
  missingKeys: (keys: string[]) => `The following mandatory keys are missing - ${keys.join(',')}`,
  nameType: 'Name must be of type string',
  nameLength: `Name length must not be greater than ${SCHEDULE_LIMITS.maxNameLength}`,
  dataType: "The 'data' value must be of type JSON",
  dataSize: "The size of the 'data' payload must not exceed 4Kb",
  timeFormat: "The 'schedule_at' value must be an ISO string",
  tooSoon: "The 'schedule_at' value must be at least 5 minutes in the future",
  tooLate: "The 'schedule_at' value must not be greater than a year",
  noHandler: 'The app has not registered an onScheduledEvent',
  timeUnit: 'Time unit must either be days, minutes or hours',
  timezone: 'Invalid timezone',
  frequencyType: "The 'frequency' value must be of type Number",
  frequencyWhole: "The 'frequency' value must be a whole number",
  frequencyPositive: "The 'frequency' value must be greater than 0",
  frequencyMax: (unit: TimeUnit) => `The maximum frequency value for the '${unit}' parameter is ${SCHEDULE_LIMITS.maxFrequency[unit]}`,
  exists: 'This Schedule name already exists',
  notFound: 'Schedule does not exist',
  maxRecurring: 'The maximum number of recurring schedules is 1',
  maxOneTime: 'The maximum number of one-time schedules is 1000',
} as const;

export type TimeUnit = 'minutes' | 'hours' | 'days';

export interface ScheduleRepeat {
  time_unit: TimeUnit;
  frequency: number;
  /** IANA zone; the platform fills in UTC when absent */
  timezone: string;
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
  /** a one-time schedule that fired and was kept (firedOneTime 'kept'): it never fires again */
  fired?: true;
}

/** What `list()` returns: the platform record plus when it fires next. */
export interface ScheduleListing extends ScheduleRecord {
  next_fire_at: string;
}

export interface ScheduleEmulatorOptions {
  clock: Clock;
  counters: { scheduleOps: number };
  /** false when manifest.json subscribes no onScheduledEvent handler: every create/update is refused */
  hasScheduledEventHandler?: boolean;
  initial?: Record<string, StoredSchedule>;
  onChange?: () => void;
  /** 'kept': a fired one-time schedule stays (fetchable, counted, its name taken) until deleted (PlatformRules.firedOneTimeSchedules) */
  firedOneTime?: 'freed' | 'kept';
  /** when given, every call takes a slot of this quota and is refused with 429 beyond it (PlatformRules.scheduleCalls 'metered') */
  quota?: RollingWindowQuota;
  /** How far the scheduler's clock is ahead of the app's (negative: behind); it judges leads and fires by its own clock. */
  skewMs?: number;
}

type ScheduleSpec = Omit<ScheduleRecord, 'created_at' | 'updated_at'>;

const MINUTE_MS = 60_000;
const UNIT_MS: Record<TimeUnit, number> = { minutes: MINUTE_MS, hours: 60 * MINUTE_MS, days: 24 * 60 * MINUTE_MS };
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const MANDATORY_WRITE_FIELDS = ['name', 'data', 'schedule_at'];
const MANDATORY_REPEAT_FIELDS = ['time_unit', 'frequency'];

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
      if (this.schedules.has(valid.name)) throw badRequest(SCHEDULE_MESSAGES.exists);
      this.checkCapacity(valid.repeat !== undefined, undefined);
      const now = new Date(this.options.clock.now()).toISOString();
      const stored: StoredSchedule = {
        ...valid,
        created_at: now,
        updated_at: now,
        nextFireAt: Date.parse(valid.schedule_at),
        seq: this.seq++,
      };
      this.schedules.set(valid.name, stored);
      return publicRecord(stored);
    });
  }

  async fetch(query: unknown): Promise<ScheduleRecord> {
    return this.op(() => publicRecord(this.existing(query)), false);
  }

  /** Same validation as create (so the 5-minute / 1-year window applies to updates too). */
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
    const next = this.ordered()[0]?.nextFireAt;
    return next === undefined ? undefined : next - this.skew();
  }

  /**
   * Takes the schedules due at `now` (in fire order): one-time ones are deleted before their
   * handler runs, as FDK's `executeSchedule` does (fetch answers 404, the name is free again);
   * recurring ones are re-armed past `now`.
   */
  takeDue(appNow: number): ScheduleRecord[] {
    const now = appNow + this.skew();
    const due = this.ordered().filter((stored) => stored.nextFireAt <= now);
    for (const stored of due) {
      if (stored.repeat) {
        const interval = UNIT_MS[stored.repeat.time_unit] * stored.repeat.frequency;
        const missed = Math.floor((now - stored.nextFireAt) / interval) + 1;
        stored.nextFireAt += missed * interval;
      } else if (this.options.firedOneTime === 'kept') {
        stored.fired = true;
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

  private skew(): number {
    return this.options.skewMs ?? 0;
  }

  private ordered(): StoredSchedule[] {
    return [...this.schedules.values()].filter((stored) => !stored.fired).sort((a, b) => a.nextFireAt - b.nextFireAt || a.seq - b.seq);
  }

  private async op<T>(operation: () => T, mutates = true): Promise<T> {
    const decision = this.options.quota?.tryAcquire();
    if (decision && !decision.allowed)
      throw platformError(429, 'Rate limit exceeded', { retryAfter: Math.ceil(decision.retryAfterMs / 1000) });
    this.options.counters.scheduleOps++;
    const result = operation();
    if (mutates) this.options.onChange?.();
    return result;
  }

  private existing(query: unknown): StoredSchedule {
    const fields = isPlainObject(query) ? query : {};
    if (!('name' in fields)) throw badRequest(SCHEDULE_MESSAGES.missingKeys(['name']));
    if (typeof fields.name !== 'string') throw badRequest(SCHEDULE_MESSAGES.nameType);
    const stored = this.schedules.get(fields.name);
    if (!stored) throw notFound(SCHEDULE_MESSAGES.notFound);
    return stored;
  }

  private checkCapacity(recurring: boolean, replacing: StoredSchedule | undefined): void {
    const count = [...this.schedules.values()].filter((s) => s !== replacing && (s.repeat !== undefined) === recurring).length;
    if (recurring && count >= SCHEDULE_LIMITS.maxRecurring) throw badRequest(SCHEDULE_MESSAGES.maxRecurring);
    if (!recurring && count >= SCHEDULE_LIMITS.maxOneTime) throw badRequest(SCHEDULE_MESSAGES.maxOneTime);
  }

  /** FDK's checks in FDK's order; the first failure is the message. */
  private validate(spec: unknown): ScheduleSpec {
    if (!isPlainObject(spec)) throw badRequest(SCHEDULE_MESSAGES.missingKeys(MANDATORY_WRITE_FIELDS));
    const missing = MANDATORY_WRITE_FIELDS.filter((field) => !(field in spec));
    const repeatSpec = spec.repeat === undefined ? undefined : repeatFields(spec.repeat);
    if (repeatSpec) missing.push(...MANDATORY_REPEAT_FIELDS.filter((field) => !(field in repeatSpec)));
    if (missing.length > 0) throw badRequest(SCHEDULE_MESSAGES.missingKeys(missing));
    const name = validName(spec.name);
    const data = validData(spec.data);
    const scheduleAt = this.validScheduleAt(spec.schedule_at);
    if (this.options.hasScheduledEventHandler === false) throw badRequest(SCHEDULE_MESSAGES.noHandler);
    return { name, data, schedule_at: scheduleAt, ...(repeatSpec ? { repeat: validRepeat(repeatSpec) } : {}) };
  }

  private validScheduleAt(value: unknown): string {
    if (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
      throw badRequest(SCHEDULE_MESSAGES.timeFormat);
    }
    const leadMinutes = (Date.parse(value) - this.options.clock.now() - this.skew()) / MINUTE_MS;
    if (leadMinutes < SCHEDULE_LIMITS.minLeadMinutes) throw badRequest(SCHEDULE_MESSAGES.tooSoon);
    if (leadMinutes > SCHEDULE_LIMITS.maxLeadMinutes) throw badRequest(SCHEDULE_MESSAGES.tooLate);
    return value;
  }
}

function repeatFields(repeat: unknown): Record<string, unknown> {
  // FDK reads the keys of whatever `repeat` is; a non-object has none, so every repeat field is "missing".
  return isPlainObject(repeat) ? repeat : {};
}

function validName(name: unknown): string {
  if (typeof name !== 'string') throw badRequest(SCHEDULE_MESSAGES.nameType);
  if (name.length > SCHEDULE_LIMITS.maxNameLength) throw badRequest(SCHEDULE_MESSAGES.nameLength);
  // FDK accepts '', but a schedule nobody can name again is never what an app means (stricter).
  if (name === '') throw badRequest(SCHEDULE_MESSAGES.nameType);
  return name;
}

function validData(data: unknown): Record<string, unknown> {
  if (!isPlainObject(data) || Object.keys(data).length === 0) throw badRequest(SCHEDULE_MESSAGES.dataType);
  if (jsonByteLength(data) > SCHEDULE_LIMITS.maxDataBytes) throw badRequest(SCHEDULE_MESSAGES.dataSize);
  return jsonClone(data);
}

function validRepeat(repeat: Record<string, unknown>): ScheduleRepeat {
  const { time_unit: unit, frequency } = repeat;
  const timezone = repeat.timezone ?? 'UTC';
  if (unit !== 'minutes' && unit !== 'hours' && unit !== 'days') throw badRequest(SCHEDULE_MESSAGES.timeUnit);
  if (typeof timezone !== 'string' || !isTimeZone(timezone)) throw badRequest(SCHEDULE_MESSAGES.timezone);
  if (typeof frequency !== 'number') throw badRequest(SCHEDULE_MESSAGES.frequencyType);
  if (!Number.isInteger(frequency)) throw badRequest(SCHEDULE_MESSAGES.frequencyWhole);
  if (frequency <= 0) throw badRequest(SCHEDULE_MESSAGES.frequencyPositive);
  if (frequency > SCHEDULE_LIMITS.maxFrequency[unit]) throw badRequest(SCHEDULE_MESSAGES.frequencyMax(unit));
  if (unit === 'minutes' && frequency < SCHEDULE_LIMITS.minMinutesFrequency) {
    throw badRequest(`The 'frequency' value for 'minutes' must be at least ${SCHEDULE_LIMITS.minMinutesFrequency}`);
  }
  return { time_unit: unit, frequency, timezone };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function publicRecord(stored: StoredSchedule): ScheduleRecord {
  const { nextFireAt: _next, seq: _seq, fired: _fired, ...record } = stored;
  return jsonClone(record);
}
