/**
 * The engine's loss windows and the platform readings it must survive (README "Delivery
 * guarantees"): work parked in a write-ahead copy has a backup, so a resume that dies at its first
 * call loses nothing; a copy whose create answers an error is tried again, so a run that dies next
 * loses nothing; and under the other readings of two unverified rules (fired one-time schedules
 * kept rather than freed, `$schedule` calls metered) nothing is lost and nothing piles up.
 */
import sinon from 'sinon';
import { agentEvent, history, intelliassign, startTestApp, withChange, type TestApp } from '../support/app';
import { allActivities, expectSettled } from '../support/settle';
import { head } from '../support/storage';

const MINUTE = 60_000;
let app: TestApp;

afterEach(async () => {
  sinon.restore();
  await app?.close();
});

/** Spends what is left of this minute's `$db` quota, as other work would. */
async function spendDbQuota(): Promise<void> {
  for (let i = 0; i < 50; i++) await app.runtime.db.get(`other:${i}`).catch(() => undefined);
}

/** The engine's one-time schedules alive now: copies, backups, page locks and their recoveries, wake-ups. */
const engineSchedules = () => app.runtime.schedules.list().filter((s) => /^[wbsvk]/.test(s.name));

describe('parked work has a backup copy', () => {
  test('an event deferred for the quota whose resume dies at its first call is resumed by its backup: delivered once, listed once', async () => {
    app = await startTestApp({ executionTimeoutMs: 2000 });
    await app.fire(intelliassign()); // the head and its first page exist
    await spendDbQuota();
    await app.fire(withChange(intelliassign(), { org_agent_id: 'agent-2', email: 'agent2@example.com' }));
    expect(
      engineSchedules()
        .map((s) => s.name[0])
        .sort(),
    ).toEqual(['b', 'w']);
    // The copy fires; its resume dies at its first call (taking the copy back), so nothing of it is left.
    const create = sinon.stub(app.runtime.schedules, 'create');
    create.callsFake((spec: any) =>
      /^w/.test(spec?.name) && create.callCount === 1
        ? new Promise(() => undefined)
        : create.wrappedMethod.call(app.runtime.schedules, spec),
    );
    await app.runtime.runUntilIdle();
    expect(create.callCount).toBeGreaterThan(1);
    const settled = await expectSettled(app, 2);
    expect(settled.delivered).toEqual({ freshdesk: 2, customergauge: 2 });
    expect(engineSchedules()).toEqual([]);
  });

  test('the history write refused for the quota: the outcome waits in the copy, spends no try and no second push', async () => {
    app = await startTestApp();
    await app.fire(intelliassign());
    const update = sinon.stub(app.runtime.db, 'update');
    update.onFirstCall().rejects({ status: 429, message: 'Rate limit exceeded' }).callThrough();
    await app.fire(agentEvent(2));
    update.restore();
    expect(engineSchedules().find((s) => /^w/.test(s.name))?.data).toMatchObject({ step: 'pushed', mayBeStored: false, tries: 0 });
    await app.runtime.runUntilIdle();
    expect(app.freshdesk.activities).toHaveLength(2);
    expect((await allActivities(app)).filter((a) => a.outcome === 'delivered')).toHaveLength(4);
    expect(engineSchedules()).toEqual([]);
  });

  test('a history write that fails ambiguously is looked for before it is written again: listed once', async () => {
    app = await startTestApp();
    await app.fire(intelliassign());
    const update = sinon.stub(app.runtime.db, 'update');
    update.onFirstCall().callsFake(async (...args: any[]) => {
      await update.wrappedMethod.apply(app.runtime.db, args as never);
      throw { status: 504, message: 'Timeout error while processing the request.' };
    });
    update.callThrough();
    await app.fire(agentEvent(2));
    update.restore();
    await app.runtime.runUntilIdle();
    expect(await allActivities(app)).toHaveLength(4);
    expect(app.freshdesk.activities).toHaveLength(2);
  });
});

describe('a copy that could not be created', () => {
  // Property seed 1926977635: the copy's create answered an error and the invocation then died at its
  // claim, before anything held the event: it was neither listed nor counted as dropped.
  test('the create answers an error and the invocation dies at its next call: the copy, tried again, resumes it: delivered once, listed once', async () => {
    app = await startTestApp({ executionTimeoutMs: 2000 });
    await app.fire(intelliassign()); // the head and its first page exist
    sinon
      .stub(app.runtime.schedules, 'create')
      .onFirstCall()
      .rejects({ status: 504, message: 'Timeout error while processing the request.' })
      .callThrough();
    const set = sinon.stub(app.runtime.db, 'set');
    set.onFirstCall().returns(new Promise(() => undefined)); // the claim never answers: the invocation dies there
    set.callThrough();
    expect((await app.runtime.invokeEvent('onAgentActivityCreate', agentEvent(2))).ok).toBe(false);
    sinon.restore();
    await app.runtime.runUntilIdle();
    const settled = await expectSettled(app, 2);
    expect(settled.delivered).toEqual({ freshdesk: 2, customergauge: 2 });
    expect(head(app.runtime)?.dropped ?? 0).toBe(0);
  });

  test('the create is stored and answers an error: the second try finds the copy this run wrote and delivers at once', async () => {
    app = await startTestApp();
    await app.fire(intelliassign());
    const create = sinon.stub(app.runtime.schedules, 'create');
    create.onFirstCall().callsFake(async (spec: any) => {
      await create.wrappedMethod.call(app.runtime.schedules, spec);
      throw { status: 502, message: 'Bad gateway' };
    });
    create.callThrough();
    await app.fire(agentEvent(2));
    sinon.restore();
    expect(app.freshdesk.activities).toHaveLength(2);
    expect(engineSchedules()).toEqual([]);
    const settled = await expectSettled(app, 2);
    expect(settled.delivered).toEqual({ freshdesk: 2, customergauge: 2 });
  });
  test('a resume whose retake of the copy answers an error and which then dies at its next call: the copy, taken again, resumes it', async () => {
    app = await startTestApp({ executionTimeoutMs: 2000 });
    await app.fire(intelliassign());
    const set = sinon.stub(app.runtime.db, 'set');
    set.onFirstCall().returns(new Promise(() => undefined)); // the first run dies at its claim
    set.callThrough();
    expect((await app.runtime.invokeEvent('onAgentActivityCreate', agentEvent(2))).ok).toBe(false);
    set.restore();
    // The copy fires: its retake answers an error, then the resume's next call never answers.
    sinon.stub(app.runtime.schedules, 'create').onFirstCall().rejects({ status: 502, message: 'Bad gateway' }).callThrough();
    sinon
      .stub(app.runtime.schedules, 'fetch')
      .onFirstCall()
      .returns(new Promise(() => undefined))
      .callThrough();
    app.clock.advance(7 * MINUTE);
    await app.runtime.fireDueSchedules();
    sinon.restore();
    await app.runtime.runUntilIdle();
    const settled = await expectSettled(app, 2);
    expect(settled.delivered).toEqual({ freshdesk: 2, customergauge: 2 });
    expect(head(app.runtime)?.dropped ?? 0).toBe(0);
  });
});

describe('the other readings of the unverified schedule rules', () => {
  test('fired one-time schedules kept: parked work resumes, drains are armed again, nothing piles up', async () => {
    app = await startTestApp({ platformRules: { firedOneTimeSchedules: 'kept' } });
    await app.fire(intelliassign());
    await spendDbQuota();
    await app.fire(agentEvent(2)); // deferred: its copy fires and is kept
    app.freshdesk.setMode('server_error');
    for (let i = 3; i < 8; i++) await app.fire(agentEvent(i)); // waiting in the outbox
    app.clock.advance(10 * MINUTE);
    await app.runtime.fireDueSchedules();
    app.freshdesk.setMode('none');
    await app.runtime.runUntilIdle({ maxMs: 6 * 3600_000 });
    const activities = await allActivities(app);
    expect(activities.filter((a) => a.outcome === 'delivered')).toHaveLength(14);
    expect(new Set(app.freshdesk.activities.map((b: any) => b.activity.object.id)).size).toBe(7);
    // Each fired timer and copy was deleted by the app: none holds a place among the 1,000.
    const fired = app.runtime.schedules.list().filter((s) => Date.parse(s.schedule_at) <= app.clock.now());
    expect(fired.filter((s) => /^[wbsvkr]/.test(s.name))).toEqual([]);
  });

  test('$schedule calls metered (50 a minute): 10 events a minute (4 calls each) for 10 minutes are all delivered, none dropped', async () => {
    app = await startTestApp({ platformRules: { scheduleCalls: 'metered' } });
    for (let minute = 0, i = 0; minute < 10; minute++) {
      for (let k = 0; k < 10; k++, i++) {
        app.clock.advance(6000);
        await app.runtime.fireDueSchedules();
        await app.fire(agentEvent(i));
      }
    }
    await app.runtime.runUntilIdle({ maxMs: 6 * 3600_000 });
    expect(head(app.runtime)?.dropped ?? 0).toBe(0);
    expect(new Set(app.freshdesk.activities.map((b: any) => b.activity.object.id)).size).toBe(100);
    const delivered = (await allActivities(app)).filter((a) => a.outcome === 'delivered');
    expect(delivered.filter((a) => a.target.destination === 'customergauge')).toHaveLength(100);
  });
});

describe("a dead drain's page lock fires while another drain takes the page", () => {
  /** Freshdesk's push waits on page 0, and the drain that sends it dies with it in flight; returns its lock. */
  async function drainDiesWithPushInFlight() {
    app = await startTestApp({ executionTimeoutMs: 2000, requestTimeoutMs: 10_000 });
    app.freshdesk.enqueueFaults({ status: 429 }, { hang: true });
    await app.fire(intelliassign());
    for (;;) {
      app.clock.set(app.runtime.schedules.nextFireAt() ?? app.clock.now());
      await app.runtime.fireDueSchedules();
      const lock = app.runtime.schedules.list().find((s) => s.name === 's0' && (s.data.inflight as unknown[]).length > 0);
      if (lock) return lock;
    }
  }

  /** The lock fires at its time (the platform deletes it as it fires); returns it and whatever else was due then, not yet run. */
  function lockFires(lock: { schedule_at: string }) {
    app.clock.set(Date.parse(lock.schedule_at));
    const due = app.runtime.schedules.takeDue(app.clock.now());
    return [...due.filter((s) => s.name !== 's0'), ...due.filter((s) => s.name === 's0')];
  }

  const run = async (fired: Array<{ data: Record<string, unknown> }>) => {
    for (const s of fired) await app.runtime.invokeEvent('onScheduledEvent', { data: s.data });
  };
  const drain = () => app.runtime.invokeEvent('onScheduledEvent', { data: { kind: 'wake' } });

  test('the other drain settles the push first: the recovery flags it as a possible duplicate', async () => {
    const lock = await drainDiesWithPushInFlight();
    const fired = lockFires(lock);
    await drain();
    await run(fired);
    await app.runtime.runUntilIdle();
    const fd = await history(app, { destination: 'freshdesk' });
    expect(fd).toHaveLength(1);
    expect(fd[0]).toMatchObject({ outcome: 'delivered', may_duplicate: true });
    expect(app.freshdesk.activities).toHaveLength(1);
    expect(engineSchedules()).toEqual([]);
  });

  test('the other drain still holds the page: the recovery runs again once it is done, and flags the push', async () => {
    const lock = await drainDiesWithPushInFlight();
    const fired = lockFires(lock);
    // The other drain has taken the page lock and not finished yet when the recovery runs.
    await app.runtime.schedules.create({
      name: 's0',
      data: { kind: 'page', page: '0', inflight: [] },
      schedule_at: new Date(app.clock.now() + 7 * MINUTE).toISOString(),
    });
    await run(fired);
    expect(engineSchedules().map((s) => s.name)).toContain('v0');
    // The other drain pushes and settles the push, then lets go of the page.
    await app.runtime.schedules.delete({ name: 's0' });
    await drain();
    await app.runtime.runUntilIdle();
    const fd = await history(app, { destination: 'freshdesk' });
    expect(fd).toHaveLength(1);
    expect(fd[0]).toMatchObject({ outcome: 'delivered', may_duplicate: true });
    expect(engineSchedules()).toEqual([]);
  });

  test('no other run touched the push: recovered as before, flagged and delivered once', async () => {
    const lock = await drainDiesWithPushInFlight();
    expect(lock.data.since).toEqual(expect.any(Number));
    await app.runtime.runUntilIdle();
    const fd = await history(app, { destination: 'freshdesk' });
    expect(fd).toEqual([expect.objectContaining({ outcome: 'delivered', may_duplicate: true })]);
    expect(app.freshdesk.activities).toHaveLength(1);
  });
});
