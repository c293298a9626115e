/**
 * Write-ahead copies at work when `$db` refuses or fails part of a run: an event waiting in its copy
 * is not run twice when it arrives again, and a resume that cannot read the history yet waits again
 * instead of guessing. Driven through the built server.js in the runtime against the fake vendors.
 */
import sinon from 'sinon';
import { agentEvent, history, intelliassign, startTestApp, type TestApp } from '../support/app';
import { allActivities } from '../support/settle';
import { writeAheads } from '../support/storage';

let app: TestApp;
afterEach(async () => {
  sinon.restore();
  await app.close();
});

const MINUTE = 60_000;

test("the same event arriving again while its copy waits for the store's quota is ignored as a duplicate: pushed once", async () => {
  app = await startTestApp();
  await app.fire(agentEvent(1)); // the head exists
  app.clock.set(Math.ceil(app.clock.now() / MINUTE) * MINUTE);
  // The installation's other work has spent this minute's `$db` operations: the claim is refused.
  for (let i = 0; i < 50; i++) await app.runtime.db.set(`other-${i}`, { i }).catch(() => undefined);
  await app.fire(intelliassign());
  expect(writeAheads(app.runtime)).toHaveLength(1);
  await app.fire(intelliassign());
  expect(app.logs.filter((l) => /duplicate of event \w+ ignored/.test(l))).toHaveLength(1);
  expect(app.freshdesk.activities).toHaveLength(1);
  await app.runtime.runUntilIdle();
  expect(app.freshdesk.activities).toHaveLength(2);
  expect(await allActivities(app)).toHaveLength(4);
});

test('a history write that failed, then a resume that cannot read the page: it waits again, then stores the outcomes without pushing again', async () => {
  app = await startTestApp();
  await app.fire(agentEvent(1)); // the page is open: the next record is added with `update`
  const update = sinon.stub(app.runtime.db, 'update').rejects({ status: 500, message: 'Internal Server Error' });
  await app.fire(intelliassign());
  update.restore();
  expect(app.freshdesk.activities).toHaveLength(2);
  expect(writeAheads(app.runtime)).toHaveLength(1);
  // The copy fires while the history cannot be read: whether the failed write landed is unknown.
  const get = sinon.stub(app.runtime.db, 'get').rejects({ status: 503, message: 'Service Unavailable' });
  app.clock.advance(7 * MINUTE);
  await app.runtime.fireDueSchedules();
  get.restore();
  expect(writeAheads(app.runtime)).toHaveLength(1);
  await app.runtime.runUntilIdle();
  expect(writeAheads(app.runtime)).toHaveLength(0);
  expect(app.freshdesk.activities).toHaveLength(2);
  expect(app.customerGauge.activitiesByReference.size).toBe(2);
  const stored = await history(app);
  expect(stored).toHaveLength(4);
  expect(stored.every((a) => a.outcome === 'delivered')).toBe(true);
});
