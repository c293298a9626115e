/**
 * The server methods' reserve is booked only while it is used (README "Delivery guarantees" › *The
 * server methods' reserve*): a burst's backlog may use the whole store quota while no agent reads
 * the history, and leaves the reserve free once one does, whether the reads began before the burst
 * or only during its drain. Either way nothing is lost, duplicated or listed twice.
 */
import { RESERVE_NOTICE } from '../../src/shared/history-api';
import { agentEvent, startTestApp, type TestApp } from '../support/app';
import { expectSettled } from '../support/settle';
import { head, queuedWork } from '../support/storage';

const MINUTE = 60_000;
/** The list's notice when the store refused a page read for its quota (src/server/history/query.ts). */
const QUOTA_SPENT = /storage quota is spent/;
/** Deep enough that its backlog outlasts the platform's lead: events placed before the reads give places up. */
const BURST = 250;

let app: TestApp;
afterEach(async () => {
  await app.close();
});

async function burst(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await app.fire(agentEvent(i));
    app.clock.advance(Math.floor(MINUTE / count));
  }
}

/** The sidebar opened twice a minute (one list of 25) until nothing is left to do; each answer's notice. */
async function readWhileDraining(): Promise<Array<string | null>> {
  const notices: Array<string | null> = [];
  while (queuedWork(app.runtime).length > 0) {
    await app.runtime.runUntilIdle({ maxMs: MINUTE / 2 });
    const page = await app.call('listActivities', { page: { size: 25 } });
    notices.push(page.meta.notice);
  }
  return notices;
}

test.each([
  ['before the burst', true],
  ['only once its drain has begun', false],
])(
  `${BURST} events in a minute, the history read twice a minute from %s: its reads answered, all delivered once`,
  async (_when, readFirst) => {
    app = await startTestApp();
    if (readFirst) await app.call('listActivities', {});
    await burst(BURST);
    expect(head(app.runtime).reserve_at !== null).toBe(readFirst);
    // Into the drain (the copies fire from the platform's lead on), then an agent reads.
    if (!readFirst) await app.runtime.runUntilIdle({ maxMs: 7 * MINUTE });
    const notices = await readWhileDraining();
    // The first read of an idle reserve may find the quota spent by the backlog: its use, noted then, books the reserve.
    const booked = readFirst ? notices : notices.slice(1);
    expect(booked.filter((n) => n === RESERVE_NOTICE || QUOTA_SPENT.test(n ?? ''))).toEqual([]);
    const settled = await expectSettled(app, BURST);
    expect(settled.delivered).toEqual({ freshdesk: BURST, customergauge: BURST });
    expect(head(app.runtime).dropped).toBe(0);
  },
  600_000,
);

test("noting the reserve's use leaves the head's daily firing (the drain's safety net) where it was", async () => {
  app = await startTestApp();
  await app.fire(agentEvent(0));
  const firesAt = () => app.runtime.schedules.list().find((s) => s.repeat)?.schedule_at;
  const before = firesAt();
  app.clock.advance(60 * MINUTE);
  await app.call('listActivities', {});
  expect(head(app.runtime).reserve_at).toBe(app.clock.now());
  expect(firesAt()).toBe(before);
});
