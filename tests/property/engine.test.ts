/**
 * Issue 17, done means: random interleavings of arrivals, fired schedules, Retry and Retry all
 * clicks, invocations killed at any await (at any platform call, and again during the run that
 * resumes the work), and platform calls that fail or fail ambiguously (stored, then an error).
 * After the faults stop and the engine settles: 0 lost (each event listed once, or counted as
 * dropped), duplicates flagged, counts exact.
 *
 * The windows no design closes are left out, by name (README "Delivery guarantees"): an arrival
 * that dies before its write-ahead copy exists (its head read, the copy's create, tried again when it
 * answers an error), and a resume that dies at its very first call when no backup copy holds its work
 * (the platform deleted the copy as it fired). A copy whose two creates both fail is not drawn: a
 * fault strikes one call of a method.
 */
import fc from 'fast-check';
import sinon from 'sinon';
import { agentEvent, startTestApp, type TestApp } from '../support/app';
import { allActivities } from '../support/settle';
import { head } from '../support/storage';

const MINUTE = 60_000;

type Fault = 'fail' | 'ambiguous';
type Action =
  | { kind: 'arrive'; burst: number }
  | { kind: 'time'; minutes: number }
  | { kind: 'retryAll' }
  | { kind: 'retry' }
  | { kind: 'vendor'; down: boolean }
  | { kind: 'fault'; fault: Fault; service: 'db' | 'schedule'; method: number; after: number }
  /** The platform call `after` calls from now never answers (the invocation dies there); `again`: so does the one that many calls after it. */
  | { kind: 'kill'; after: number; again: number | null };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('arrive' as const), burst: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('time' as const), minutes: fc.integer({ min: 1, max: 15 }) }),
  fc.constant({ kind: 'retryAll' as const }),
  fc.constant({ kind: 'retry' as const }),
  fc.record({ kind: fc.constant('vendor' as const), down: fc.boolean() }),
  fc.record({
    kind: fc.constant('fault' as const),
    fault: fc.constantFrom<Fault>('fail', 'ambiguous'),
    service: fc.constantFrom<'db' | 'schedule'>('db', 'schedule'),
    method: fc.integer({ min: 0, max: 3 }),
    after: fc.integer({ min: 0, max: 6 }),
  }),
  fc.record({
    kind: fc.constant('kill' as const),
    after: fc.integer({ min: 0, max: 12 }),
    again: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
  }),
);

const METHODS = { db: ['get', 'set', 'update', 'delete'], schedule: ['create', 'fetch', 'update', 'delete'] } as const;

/** The next call of one platform method (after `after` good ones) fails, fails after taking effect, or never answers (the invocation dies). */
function inject(app: TestApp, a: Extract<Action, { kind: 'fault' }>): void {
  const target: any = a.service === 'db' ? app.runtime.db : app.runtime.schedules;
  const name = METHODS[a.service][a.method];
  if ((target[name] as { restore?: unknown }).restore) return;
  const stub = sinon.stub(target, name);
  let calls = 0;
  stub.callsFake(async (...args: unknown[]) => {
    if (calls++ !== a.after) return stub.wrappedMethod.apply(target, args);
    stub.restore();
    if (a.fault === 'ambiguous') await stub.wrappedMethod.apply(target, args);
    throw { status: 504, message: 'Timeout error while processing the request.' };
  });
}

/** Kills at any platform call: a countdown over every `$db` and `$schedule` call, whatever invocation makes it. */
class Killer {
  private countdown: number | null = null;
  private again: number | null = null;
  /** Copies created so far: a create of one again is a resume taking its copy back. */
  private readonly copies = new Set<string>();
  /** Arrivals whose copy is not created yet: their head read and copy create are never struck. */
  arriving = 0;

  constructor(private readonly app: TestApp) {
    for (const [service, names] of Object.entries(METHODS)) {
      const target: any = service === 'db' ? app.runtime.db : app.runtime.schedules;
      for (const name of names) {
        const original = target[name].bind(target);
        target[name] = (...args: any[]) => (this.strikes(service, name, args[0]) ? new Promise(() => undefined) : original(...args));
      }
    }
  }

  arm(a: Extract<Action, { kind: 'kill' }>): void {
    if (this.countdown !== null) return;
    this.countdown = a.after;
    this.again = a.again;
  }

  stop(): void {
    this.countdown = null;
  }

  private strikes(service: string, name: string, spec: any): boolean {
    const copy = service === 'schedule' && name === 'create' && /^w/.test(spec?.name) ? (spec.name as string) : null;
    const retake = copy !== null && this.copies.has(copy);
    const beforeCopy = this.arriving > 0 && ((copy !== null && !retake) || (service === 'schedule' && spec?.name === 'history-head'));
    if (copy !== null && !retake) this.arriving = Math.max(0, this.arriving - 1);
    if (copy) this.copies.add(copy);
    if (this.countdown === null || this.countdown-- > 0) return false;
    // The windows no design closes: an arrival before its copy, a resume's first call without a backup.
    if (beforeCopy || (retake && !this.app.runtime.schedules.list().some((s) => s.name === `b${copy.slice(1)}`))) {
      this.countdown = 0;
      return false;
    }
    this.countdown = this.again;
    this.again = null;
    return true;
  }
}

async function run(actions: Action[]): Promise<void> {
  const app = await startTestApp({ executionTimeoutMs: 2000 });
  const killer = new Killer(app);
  let next = 0;
  try {
    for (const a of actions) {
      if (a.kind === 'arrive') killer.arriving += a.burst;
      if (a.kind === 'arrive')
        await Promise.all(Array.from({ length: a.burst }, () => app.fire(agentEvent(next++)).catch(() => undefined)));
      if (a.kind === 'time') {
        app.clock.advance(a.minutes * MINUTE);
        await app.runtime.fireDueSchedules();
      }
      if (a.kind === 'retryAll') await app.runtime.invokeServerMethod('retryAllFailed', {});
      if (a.kind === 'retry') {
        const listed = await app.runtime.invokeServerMethod('listActivities', { filter: { outcome: 'rejected' } });
        const id = listed.ok ? (listed.data as any).activities[0]?.id : undefined;
        if (id) await app.runtime.invokeServerMethod('retryActivity', { id });
      }
      if (a.kind === 'vendor') app.freshdesk.setMode(a.down ? 'server_error' : 'none');
      if (a.kind === 'fault') inject(app, a);
      if (a.kind === 'kill') killer.arm(a);
    }
    sinon.restore();
    killer.stop();
    killer.arriving = 0;
    app.freshdesk.setMode('none');
    await app.runtime.runUntilIdle({ maxMs: 30 * 3600_000 });
    // Retry all until nothing failed is left (a push may have been rejected by a fault's aftermath).
    await app.runtime.invokeServerMethod('retryAllFailed', {});
    await app.runtime.runUntilIdle({ maxMs: 30 * 3600_000 });
    const activities = await allActivities(app);
    const byEvent = new Map<string, any[]>();
    for (const activity of activities) byEvent.set(activity.target.reference?.replace(/^freshchat-agent-activity-/, '') ?? activity.id, []);
    const keys = new Set(activities.map((a) => a.id.split('.')[1]));
    // Listed once: one activity per destination and event.
    expect(new Set(activities.map((a) => a.id.split('.').slice(1).join('.'))).size).toBe(activities.length);
    // Nothing left waiting.
    expect(activities.filter((a) => a.outcome === 'retrying')).toEqual([]);
    // Duplicates flagged: a Freshdesk activity written twice is a push flagged may_duplicate.
    const writes = new Map<string, number>();
    for (const body of app.freshdesk.activities as any[])
      writes.set(body.activity.object.id, (writes.get(body.activity.object.id) ?? 0) + 1);
    for (const activity of activities.filter((a) => a.target?.destination === 'freshdesk')) {
      if ((writes.get(activity.target.reference) ?? 0) > 1) expect(activity.may_duplicate).toBe(true);
    }
    // 0 lost, counts exact: every event is listed, or it reached no destination and is counted as dropped.
    // (A drop the head could not count, because the head itself was unreachable, is logged by name.)
    const dropped = head(app.runtime)?.dropped ?? 0;
    const uncounted = app.logs.filter((l) => /dropped: neither the engine head/.test(l)).length;
    const unlisted = next - keys.size;
    expect(dropped + uncounted).toBe(unlisted);
    for (const key of writes.keys()) expect(keys.has(key)).toBe(true);
  } finally {
    sinon.restore();
    await app.close();
  }
}

/**
 * Fixed seeds, so CI is reproducible; several, so it sees more interleavings than one seed's runs.
 * 1926977635 found an arrival whose copy's create answered an error and which then died at its claim
 * (its second run reaches it). FC_SEED=<n> runs one other seed instead (for hunting counterexamples).
 */
const SEEDS = process.env.FC_SEED ? [Number(process.env.FC_SEED)] : [20261207, 1926977635, 1120951905, 889418966];
const RUNS_PER_SEED = process.env.FC_SEED ? 30 : 12;

test.each(SEEDS)(
  'random interleavings of arrivals, schedules, replays, kills and ambiguous failures (seed %d): 0 lost, duplicates flagged, listed once, counts exact',
  async (seed) => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 3, maxLength: 12 }), run), { numRuns: RUNS_PER_SEED, seed });
  },
  600_000,
);
