import type { Clock } from './clock';

export type QuotaDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Rolling-window rate limiter ("N calls per rolling window"), shared by `$request`
 * (50 attempts/min per app) and `$db` (50 operations/min per installation).
 * A refused call does not consume a slot, like the platform which never executes it.
 */
export class RollingWindowQuota {
  private readonly grants: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  tryAcquire(): QuotaDecision {
    const now = this.clock.now();
    this.prune(now);
    if (this.grants.length < this.limit) {
      this.grants.push(now);
      return { allowed: true };
    }
    // The oldest grant leaves the window first; that is when a slot frees up.
    return { allowed: false, retryAfterMs: this.grants[0] + this.windowMs - now };
  }

  /** Slots still available in the current window (inspection only, does not consume). */
  remaining(): number {
    this.prune(this.clock.now());
    return this.limit - this.grants.length;
  }

  private prune(now: number): void {
    while (this.grants.length > 0 && this.grants[0] <= now - this.windowMs) this.grants.shift();
  }
}

export const PLATFORM_QUOTA_LIMIT = 50;
export const PLATFORM_QUOTA_WINDOW_MS = 60_000;
