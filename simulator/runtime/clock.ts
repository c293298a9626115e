/**
 * Time source for the emulated platform. Everything time-dependent (quotas, TTLs,
 * schedules, retry delays) reads this so tests can drive time deterministically.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  }
}

export const DEFAULT_MANUAL_START = Date.parse('2026-11-23T09:00:00Z');

/** Test clock: time only moves when told to; `sleep` moves it instantly. */
export class ManualClock implements Clock {
  private current: number;

  constructor(startMs: number = DEFAULT_MANUAL_START) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`ManualClock.advance needs a non-negative duration, got ${ms}`);
    this.current += ms;
  }

  set(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`ManualClock.set needs a finite time, got ${ms}`);
    this.current = ms;
  }

  sleep(ms: number): Promise<void> {
    this.advance(Math.max(0, ms));
    return Promise.resolve();
  }
}
