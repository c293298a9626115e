/**
 * The drain dies with a push in flight (its request hangs past the invocation's limit): the page
 * lock naming that push fires, the push is flagged as a possible duplicate (Freshdesk cannot
 * deduplicate) and the drain sends it again. Driven through the built server.js in the runtime.
 */
import { history, intelliassign, startTestApp, type TestApp } from '../support/app';
import { queuedWork } from '../support/storage';

let app: TestApp;
afterEach(() => app.close());

const freshdeskPush = async () => (await history(app, { destination: 'freshdesk' }))[0];

test('a drain killed with a Freshdesk push out: its lock recovers the push, flagged may_duplicate, and it is delivered', async () => {
  // A request may hang longer than the invocation may run; the first delivery itself finishes well within it.
  app = await startTestApp({ executionTimeoutMs: 5000, requestTimeoutMs: 30_000 });
  app.freshdesk.enqueueFaults({ status: 429 });
  await app.fire(intelliassign());
  expect(await freshdeskPush()).toMatchObject({ outcome: 'retrying', may_duplicate: false });
  // The drain's request hangs: the drain invocation is killed with the push in flight.
  app.freshdesk.enqueueFaults({ hang: true });
  await app.runtime.runUntilIdle();
  expect(await freshdeskPush()).toMatchObject({ outcome: 'delivered', may_duplicate: true });
  expect(app.freshdesk.activities).toHaveLength(1);
  expect(queuedWork(app.runtime)).toHaveLength(0);
});
