/** A per-minute API limit counted in fixed one-minute windows. */
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the current window ends (Retry-After when refused). */
  retryAfterSeconds: number;
}

const WINDOW_MS = 60_000;

export class MinuteWindowLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  /** `limit` undefined means unlimited. */
  constructor(
    readonly limit: number | undefined,
    private readonly now: () => number,
  ) {}

  consume(): RateDecision {
    const now = this.now();
    if (now >= this.windowStart + WINDOW_MS) {
      this.windowStart = now - (now % WINDOW_MS);
      this.used = 0;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((this.windowStart + WINDOW_MS - now) / 1000));
    if (this.limit !== undefined && this.used >= this.limit) return { allowed: false, retryAfterSeconds };
    this.used += 1;
    return { allowed: true, retryAfterSeconds };
  }

  /** Calls left in the current window (limit minus used; refused calls are not counted). */
  remaining(): number {
    if (this.limit === undefined) return Number.POSITIVE_INFINITY;
    const fresh = this.now() >= this.windowStart + WINDOW_MS;
    return fresh ? this.limit : Math.max(0, this.limit - this.used);
  }

  reset(): void {
    this.windowStart = Number.NEGATIVE_INFINITY;
    this.used = 0;
  }
}
