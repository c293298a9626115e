import { history, intelliassign, startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(() => app.close());

test('an Intelliassign event reaches both destinations and the history', async () => {
  await app.fire(intelliassign());
  expect(app.freshdesk.activities).toHaveLength(1);
  expect(app.customerGauge.activitiesByReference.size).toBe(1);
  const activities = await history(app);
  expect(activities.map((a) => [a.target.destination, a.outcome])).toEqual([
    ['freshdesk', 'delivered'],
    ['customergauge', 'delivered'],
  ]);
  expect(app.logs).toEqual([]);
});
