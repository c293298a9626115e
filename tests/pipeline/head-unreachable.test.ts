/**
 * The scheduler cannot read the engine head (its `$schedule.fetch` fails): an event then waits in its
 * write-ahead copy, which needs no head, and runs when the copy fires; what no copy can hold is
 * logged by name. Driven through the built server.js in the runtime against the fake vendors.
 */
import sinon from 'sinon';
import { history, intelliassign, startTestApp, type TestApp } from '../support/app';
import { HEAD_SCHEDULE, writeAheads } from '../support/storage';

let app: TestApp;
afterEach(async () => {
  sinon.restore();
  await app.close();
});

/** From now on, reading the engine head fails as a scheduler outage would; the returned function ends it. */
function headUnreadable(): () => void {
  const fetch = sinon.stub(app.runtime.schedules, 'fetch');
  fetch.callsFake((query: unknown) =>
    (query as { name?: string } | null)?.name === HEAD_SCHEDULE
      ? Promise.reject({ status: 503, message: 'Service Unavailable' })
      : fetch.wrappedMethod.call(app.runtime.schedules, query),
  );
  return () => fetch.restore();
}

const requests = () => app.freshdesk.received.length + app.customerGauge.received.length;

test('an event arriving while the head cannot be read waits in its copy, sends nothing, and is delivered once when the copy fires', async () => {
  app = await startTestApp();
  const recover = headUnreadable();
  await app.fire(intelliassign());
  // The same event again (the platform delivering it twice) finds its copy: still one copy.
  await app.fire(intelliassign());
  expect(requests()).toBe(0);
  expect(writeAheads(app.runtime)).toHaveLength(1);
  recover();
  await app.runtime.runUntilIdle();
  expect((await history(app)).map((a) => [a.target.destination, a.outcome])).toEqual([
    ['freshdesk', 'delivered'],
    ['customergauge', 'delivered'],
  ]);
  expect(app.freshdesk.activities).toHaveLength(1);
  expect(writeAheads(app.runtime)).toHaveLength(0);
});

test('with neither the head nor a copy reachable, the event is logged by name as dropped; an unreadable payload leaves no copy', async () => {
  app = await startTestApp();
  headUnreadable();
  sinon.stub(app.runtime.schedules, 'create').rejects({ status: 500, message: 'Internal Server Error' });
  await app.fire(intelliassign());
  expect(app.logs.filter((l) => /^error: event \w+ dropped: neither the engine head nor a write-ahead copy/.test(l))).toHaveLength(1);
  sinon.restore();
  headUnreadable();
  await app.fire({ data: { agent_activity: null } });
  expect(writeAheads(app.runtime)).toHaveLength(0);
  expect(requests()).toBe(0);
});
