/**
 * Issue 17: the delivery engine under outages, ambiguous failures, concurrency, slow platform calls,
 * clock skew and hostile browsers. One test (or a few) per numbered finding, named after it. Each
 * drives the built server.js in the runtime (real platform rules) against the fake vendors.
 */
import sinon from 'sinon';
import { RESERVE_NOTICE } from '../../src/shared/history-api';
import { agentEvent, history, intelliassign, startTestApp, type TestApp } from '../support/app';
import { allActivities, expectSettled } from '../support/settle';
import { head, pageOf, queuedWork, storedRecords, waitingPushes } from '../support/storage';

let app: TestApp;
afterEach(async () => {
  sinon.restore();
  await app.close();
});

const MINUTE = 60_000;

/** `perMinute` events a minute for `minutes`, firing due schedules as time passes; returns the next event index. */
async function arrive(perMinute: number, minutes: number, from = 0, each?: (minute: number) => Promise<void>): Promise<number> {
  let i = from;
  for (let minute = 0; minute < minutes; minute++) {
    for (let n = 0; n < perMinute; n++) {
      await app.fire(agentEvent(i++));
      app.clock.advance(Math.floor(MINUTE / perMinute));
      await app.runtime.fireDueSchedules();
    }
    if (each) await each(minute);
  }
  return i;
}

const oneTimeSchedules = () => app.runtime.schedules.list().filter((s) => !s.repeat).length;
const droppedLogs = () => app.logs.filter((l) => /^error: event \w+ dropped/.test(l));

describe('issue 17', () => {
  test('item 1: Freshdesk down for 15 min at 20/min: CustomerGauge unaffected, nothing dropped, no schedule per event, all drained after', async () => {
    app = await startTestApp();
    app.freshdesk.setMode('server_error');
    let peak = 0;
    const count = await arrive(20, 15, 0, async () => {
      peak = Math.max(peak, oneTimeSchedules());
    });
    // CustomerGauge got every event on its first attempt while Freshdesk was down.
    expect(app.customerGauge.activitiesByReference.size).toBe(count);
    expect(waitingPushes(app.runtime).length).toBe(count);
    expect(peak).toBeLessThan(50);
    // Freshdesk was called once, then probed: its waiting pushes spent no requests.
    expect(app.freshdesk.received.length).toBeLessThan(12);
    app.freshdesk.setMode('none');
    await app.runtime.runUntilIdle({ maxMs: 6 * 3600_000 });
    expect(droppedLogs()).toHaveLength(0);
    const settled = await expectSettled(app, count);
    expect(settled.delivered).toEqual({ freshdesk: count, customergauge: count });
  }, 300_000);

  test('item 2 and item 15: Retry all clicked many times and Retry from another agent push each failed push once', async () => {
    app = await startTestApp();
    app.freshdesk.setMode('bad_credentials');
    for (let i = 0; i < 5; i++) await app.fire(agentEvent(i));
    app.freshdesk.setMode('none');
    const [first] = await history(app, { destination: 'freshdesk' });
    const refusals: unknown[] = [];
    for (let click = 0; click < 20; click++) {
      app.clock.advance(3000);
      // Clicks beyond the minute's reserve are refused with its notice (never "Nothing to retry").
      const answer = await app.runtime.invokeServerMethod('retryAllFailed', {});
      if (!answer.ok) refusals.push(answer.error);
      if (click === 3) await app.runtime.invokeServerMethod('retryActivity', { id: first.id });
      await app.runtime.fireDueSchedules();
    }
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals) expect(refusal).toMatchObject({ status: 429, message: RESERVE_NOTICE });
    await app.runtime.runUntilIdle();
    const settled = await expectSettled(app, 5);
    expect(settled.delivered).toEqual({ freshdesk: 5, customergauge: 5 });
    expect(app.freshdesk.activities).toHaveLength(5);
  }, 120_000);

  test('item 3: the claim is stored and then answers 504: the event is delivered once, listed once', async () => {
    app = await startTestApp();
    const set = sinon.stub(app.runtime.db, 'set');
    set.onFirstCall().callsFake(async (...args: Parameters<typeof app.runtime.db.set>) => {
      await set.wrappedMethod.apply(app.runtime.db, args);
      throw { status: 504, message: 'Timeout error while processing the request.' };
    });
    set.callThrough();
    await app.fire(intelliassign());
    await app.runtime.runUntilIdle();
    const settled = await expectSettled(app, 1);
    expect(settled.delivered).toEqual({ freshdesk: 1, customergauge: 1 });
  });

  test('item 4: 40 concurrent arrivals while deliveries are busy: none dropped', async () => {
    app = await startTestApp();
    await arrive(20, 2);
    await Promise.all(Array.from({ length: 40 }, (_, i) => app.fire(agentEvent(100 + i))));
    await app.runtime.runUntilIdle();
    expect(droppedLogs()).toHaveLength(0);
    const settled = await expectSettled(app, 80);
    expect(settled.delivered).toEqual({ freshdesk: 80, customergauge: 80 });
  }, 120_000);

  test('item 5: 23 events a minute with the sidebar opened twice a minute: nothing dropped, the backlog drains', async () => {
    app = await startTestApp();
    const count = await arrive(23, 15, 0, async () => {
      for (let open = 0; open < 2; open++) {
        await app.call('listActivities');
        await app.call('countActivities');
      }
    });
    await app.runtime.runUntilIdle();
    expect(droppedLogs()).toHaveLength(0);
    const settled = await expectSettled(app, count);
    expect(settled.delivered).toEqual({ freshdesk: count, customergauge: count });
  }, 300_000);

  test('item 6: a drain that dies with a push in flight loses nothing: the push is flagged and delivered', async () => {
    app = await startTestApp({ executionTimeoutMs: 2000, requestTimeoutMs: 10_000 });
    app.freshdesk.enqueueFaults({ status: 503 }, { hang: true });
    await app.fire(intelliassign());
    await app.runtime.runUntilIdle();
    const fd = (await history(app, { destination: 'freshdesk' }))[0];
    expect(fd).toMatchObject({ outcome: 'delivered', may_duplicate: true });
    expect(queuedWork(app.runtime)).toEqual([]);
  });

  test('item 6: a resumed run that dies again is resumed again: nothing lost', async () => {
    app = await startTestApp({ executionTimeoutMs: 2000, requestTimeoutMs: 10_000 });
    app.freshdesk.enqueueFaults({ hang: true }, { hang: true });
    await app.runtime.invokeEvent('onAgentActivityCreate', intelliassign());
    await app.runtime.runUntilIdle();
    const settled = await expectSettled(app, 1);
    expect(settled.delivered).toEqual({ freshdesk: 1, customergauge: 1 });
    expect((await history(app, { destination: 'freshdesk' }))[0].may_duplicate).toBe(true);
  });

  test('item 7: the write-ahead copy cannot be deleted after a clean delivery: not pushed again, listed once', async () => {
    app = await startTestApp();
    sinon.stub(app.runtime.schedules, 'delete').onFirstCall().rejects({ status: 500, message: 'Internal server error' }).callThrough();
    await app.fire(intelliassign());
    await app.runtime.runUntilIdle();
    expect(app.freshdesk.activities).toHaveLength(1);
    expect(await allActivities(app)).toHaveLength(2);
  });

  test('item 7: the write-ahead copy is stored and its create answers an error: still one activity, listed once', async () => {
    app = await startTestApp();
    const create = sinon.stub(app.runtime.schedules, 'create');
    create.callsFake(async (spec: any) => {
      await create.wrappedMethod.call(app.runtime.schedules, spec);
      if (String(spec?.name).startsWith('w') && create.callCount <= 3) throw { status: 502, message: 'Bad gateway' };
      return undefined as never;
    });
    await app.fire(intelliassign());
    create.restore();
    await app.runtime.runUntilIdle();
    expect(app.freshdesk.activities).toHaveLength(1);
    expect(await allActivities(app)).toHaveLength(2);
  });

  test('item 9: platform calls of 1.7 s each: delivered, at most 5 invocations an event', async () => {
    app = await startTestApp();
    const slow = (target: any, method: string) => {
      const original = target[method].bind(target);
      sinon.stub(target, method).callsFake(async (...args: unknown[]) => {
        app.clock.advance(1700);
        return original(...args);
      });
    };
    for (const method of ['get', 'set', 'update', 'delete']) slow(app.runtime.db, method);
    for (const method of ['create', 'fetch', 'update', 'delete']) slow(app.runtime.schedules, method);
    const before = app.runtime.stats().invocations;
    for (let i = 0; i < 10; i++) await app.fire(agentEvent(i));
    await app.runtime.runUntilIdle();
    expect((app.runtime.stats().invocations - before) / 10).toBeLessThanOrEqual(5);
    sinon.restore();
    const settled = await expectSettled(app, 10);
    expect(settled.delivered).toEqual({ freshdesk: 10, customergauge: 10 });
  }, 120_000);

  test('item 10: dropped counts exactly the events that reached neither a destination nor the history', async () => {
    app = await startTestApp();
    await app.fire(agentEvent(100)); // the head exists
    const at = new Date(app.clock.now() + 3_600_000).toISOString();
    for (let i = 0; oneTimeSchedules() < 1000; i++)
      await app.runtime.schedules.create({ name: `other-${i}`, data: { i }, schedule_at: at });
    for (let i = 0; i < 50; i++) await app.runtime.db.set(`other-${i}`, { i }).catch(() => undefined);
    for (let i = 0; i < 5; i++) await app.fire(agentEvent(i));
    expect(app.freshdesk.received).toHaveLength(1);
    expect(droppedLogs()).toHaveLength(5);
    app.clock.advance(MINUTE);
    expect((await app.call('countActivities')).count.dropped).toBe(5);
    expect(head(app.runtime).dropped).toBe(5);
  });

  test('item 11: Retry all reaches failed pushes on old pages, a few pages a click', async () => {
    app = await startTestApp();
    app.freshdesk.setMode('bad_credentials');
    for (let i = 0; i < 3; i++) await app.fire(agentEvent(i));
    app.freshdesk.setMode('none');
    await arrive(20, 6, 10); // 120 newer events fill newer pages
    expect(Number.parseInt(head(app.runtime).page, 10)).toBeGreaterThanOrEqual(2);
    let queued = 0;
    for (let click = 0; click < 10 && queued < 3; click++) {
      app.clock.advance(MINUTE);
      queued += (await app.call('retryAllFailed')).queued;
    }
    expect(queued).toBe(3);
    await app.runtime.runUntilIdle();
    expect((await history(app, { outcome: 'rejected' })).length).toBe(0);
  }, 180_000);

  test('item 12: five 429s with Retry-After: 90 are delivered within the hour, spending no attempts', async () => {
    app = await startTestApp();
    const limited = { status: 429, retryAfter: '90' };
    app.freshdesk.enqueueFaults(limited, limited, limited, limited, limited, limited);
    await app.fire(intelliassign());
    await app.runtime.runUntilIdle({ maxMs: 60 * MINUTE });
    const fd = (await history(app, { destination: 'freshdesk' }))[0];
    expect(fd).toMatchObject({ outcome: 'delivered', attempts: 1 });
  });

  test.each([35_000, 60_000, -60_000])(
    'item 13: a scheduler clock %i ms off loses nothing in a burst of 100',
    async (skew) => {
      app = await startTestApp({ scheduleSkewMs: skew });
      for (let i = 0; i < 100; i++) await app.fire(agentEvent(i));
      await app.runtime.runUntilIdle();
      expect(droppedLogs()).toHaveLength(0);
      const settled = await expectSettled(app, 100);
      expect(settled.delivered).toEqual({ freshdesk: 100, customergauge: 100 });
    },
    120_000,
  );

  test('item 13: a scheduler clock 150 s ahead, beyond the margin: the copy refused as too soon is made 2 minutes later and holds an event the store cannot take', async () => {
    app = await startTestApp({ scheduleSkewMs: 150_000 });
    await app.fire(agentEvent(0)); // the head exists
    app.clock.set(Math.ceil(app.clock.now() / MINUTE) * MINUTE);
    for (let i = 0; i < 50; i++) await app.runtime.db.set(`other-${i}`, { i }).catch(() => undefined);
    await app.fire(agentEvent(1));
    expect(app.freshdesk.activities).toHaveLength(1);
    expect(droppedLogs()).toHaveLength(0);
    await app.runtime.runUntilIdle();
    const settled = await expectSettled(app, 2);
    expect(settled.delivered).toEqual({ freshdesk: 2, customergauge: 2 });
  });

  test('item 13: a scheduler clock 150 s ahead, beyond the margin: waiting pushes drain (the lock move refused as too soon is made 2 minutes later)', async () => {
    app = await startTestApp({ scheduleSkewMs: 150_000 });
    app.freshdesk.setMode('server_error');
    for (let i = 0; i < 5; i++) await app.fire(agentEvent(i));
    app.freshdesk.setMode('none');
    await app.runtime.runUntilIdle({ maxMs: 3 * 3600_000 });
    const settled = await expectSettled(app, 5);
    expect(settled.delivered).toEqual({ freshdesk: 5, customergauge: 5 });
  });

  test('item 15: Retry all 20 times a minute for 3 minutes is bounded: no extra writes, new events still arrive', async () => {
    app = await startTestApp();
    app.freshdesk.setMode('bad_credentials');
    for (let i = 0; i < 10; i++) await app.fire(agentEvent(i));
    app.freshdesk.setMode('none');
    let next = 100;
    for (let minute = 0; minute < 3; minute++) {
      for (let click = 0; click < 20; click++) {
        app.clock.advance(3000);
        await app.runtime.invokeServerMethod('retryAllFailed', {});
        if (click % 2 === 0) await app.fire(agentEvent(next++));
        await app.runtime.fireDueSchedules();
      }
    }
    await app.runtime.runUntilIdle();
    const settled = await expectSettled(app, 10 + 30);
    expect(settled.delivered.freshdesk).toBe(40);
    expect(app.freshdesk.activities).toHaveLength(40);
  }, 180_000);

  test('item 16: a record forged in $db (the browser can write it) is never replayed nor drained', async () => {
    app = await startTestApp();
    app.freshdesk.setMode('bad_credentials');
    await app.fire(intelliassign());
    app.freshdesk.setMode('none');
    const [record] = storedRecords(app.runtime);
    const page = pageOf(app.runtime, record.key);
    const forged = JSON.parse(JSON.stringify(record));
    forged.change.status = 'attacker text';
    forged.pushes.freshdesk.outcome = 'retrying';
    forged.pushes.freshdesk.next_retry_at = app.clock.now();
    await app.runtime.db.update(`h:${page}`, 'set', { [record.key]: forged });
    const [fd] = await history(app, { destination: 'freshdesk' });
    expect(await app.callError('retryActivity', { id: fd.id })).toMatchObject({ status: 409 });
    await app.runtime.runUntilIdle();
    expect(app.freshdesk.activities).toHaveLength(0);
  });

  test('item 17: listActivities 50 times a minute does not delay delivery: every event delivered on arrival', async () => {
    app = await startTestApp();
    for (let minute = 0; minute < 10; minute++) {
      await app.fire(agentEvent(minute));
      await Promise.all(Array.from({ length: 49 }, () => app.runtime.invokeServerMethod('listActivities', {})));
      app.clock.advance(MINUTE);
      await app.runtime.fireDueSchedules();
    }
    expect(app.freshdesk.activities).toHaveLength(10);
    expect(app.customerGauge.activitiesByReference.size).toBe(10);
  }, 120_000);
});
