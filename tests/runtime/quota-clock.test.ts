import { ManualClock, RollingWindowQuota, SystemClock } from '../../simulator/runtime';

describe('ManualClock', () => {
  it('starts at 2026-11-23T09:00:00Z by default and moves only when told', async () => {
    const clock = new ManualClock();
    expect(new Date(clock.now()).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    clock.advance(1500);
    await clock.sleep(500);
    expect(clock.now()).toBe(Date.parse('2026-11-23T09:00:02Z'));
    clock.set(0);
    expect(clock.now()).toBe(0);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe('SystemClock', () => {
  it('follows real time', async () => {
    const clock = new SystemClock();
    const before = clock.now();
    await clock.sleep(5);
    expect(clock.now()).toBeGreaterThanOrEqual(before + 4);
  });
});

describe('RollingWindowQuota', () => {
  it('grants `limit` calls per rolling window and says when the next slot frees', () => {
    const clock = new ManualClock(0);
    const quota = new RollingWindowQuota(3, 1000, clock);
    expect(quota.tryAcquire()).toEqual({ allowed: true });
    clock.advance(400);
    quota.tryAcquire();
    quota.tryAcquire();
    expect(quota.remaining()).toBe(0);
    expect(quota.tryAcquire()).toEqual({ allowed: false, retryAfterMs: 600 });
    clock.advance(600); // the first grant (t=0) leaves the window
    expect(quota.tryAcquire()).toEqual({ allowed: true });
    expect(quota.tryAcquire()).toEqual({ allowed: false, retryAfterMs: 400 });
  });

  it('does not spend a slot on refused calls', () => {
    const clock = new ManualClock(0);
    const quota = new RollingWindowQuota(1, 1000, clock);
    quota.tryAcquire();
    for (let i = 0; i < 10; i++) quota.tryAcquire();
    clock.advance(1000);
    expect(quota.remaining()).toBe(1);
  });
});
