/**
 * The clock control of /web/test: the simulator's time can be moved ahead so retries that the
 * platform schedules minutes away (one-time schedules are ≥ 5 minutes ahead) run in seconds.
 */
import { MIN_LEAD_MS } from '../../src/server/platform/schedule';
import type { LocalApp } from '../local-app';
import type { Clock } from '../runtime';

/** The shortest step that reaches a first retry: the app sets every schedule, its drains too, MIN_LEAD_MS (6.5 min) ahead. */
export const RETRY_STEP_MS = Math.ceil(MIN_LEAD_MS / 60_000) * 60_000;

/** A clock the control can move; ManualClock (tests) and ShiftedClock (npm start) both are. */
export interface SettableClock extends Clock {
  set(ms: number): void;
}

/** Real time plus an offset that only grows: npm start's clock in sandbox mode. */
export class ShiftedClock implements SettableClock {
  constructor(private offset = 0) {}

  get offsetMs(): number {
    return this.offset;
  }

  now(): number {
    return Date.now() + this.offset;
  }

  /** Time never goes back: an earlier time is ignored (schedules and TTLs must not run backwards). */
  set(ms: number): void {
    this.offset = Math.max(this.offset, ms - Date.now());
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  }
}

export function isSettable(clock: Clock): clock is SettableClock {
  return typeof (clock as Partial<SettableClock>).set === 'function';
}

/** Guards against a schedule that keeps re-creating itself at the same instant. */
const MAX_STEPS = 10_000;

/**
 * Moves the clock `ms` ahead the way time would pass: every schedule due on the way fires at its
 * own time, in order, including the retries those firings schedule within the window.
 * Returns how many scheduled events fired.
 */
export async function advanceClock(local: LocalApp, clock: SettableClock, ms: number): Promise<number> {
  const { runtime } = local;
  const target = clock.now() + ms;
  let fired = 0;
  for (let step = 0; step < MAX_STEPS; step++) {
    const next = runtime.schedules.nextFireAt();
    if (next === undefined || next > target) break;
    clock.set(Math.max(next, clock.now()));
    fired += await runtime.fireDueSchedules();
  }
  clock.set(target);
  return fired + (await runtime.fireDueSchedules());
}
