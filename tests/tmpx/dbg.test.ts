import { intelliassign, startTestApp } from '../support/app';
test('dbg', async () => {
  const app = await startTestApp();
  const at = new Date(app.clock.now() + 3_600_000).toISOString();
  for (let i = 0; i < 1000; i++) await app.runtime.schedules.create({ name: `other-${i}`, data: { i }, schedule_at: at });
  app.freshdesk.enqueueFaults({ status: 503 });
  await app.fire(intelliassign());
  console.log(app.logs, Object.keys(app.runtime.db.dump()));
  await app.close();
}, 120000);
