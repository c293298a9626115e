/**
 * Issue 12 item 10, server side: a crafted region never reaches a request template, so the
 * client credentials cannot be sent to another host. (The installation page refuses it too:
 * tests/simulator/iparams-rules.test.ts; the runtime refuses a non-FQDN host: tests/runtime/request.test.ts.)
 */
import { history, intelliassign, startTestApp, type TestApp } from '../../support/app';

let app: TestApp;
afterEach(() => app.close());

test.each(['x.evil.com#', 'evil.com/', 'EU', ''])('a cg_region of %p rejects the push by name and sends nothing', async (region) => {
  app = await startTestApp({ iparamOverrides: { destinations: ['CustomerGauge'], cg_region: region } });
  await app.fire(intelliassign());
  const [activity] = await history(app, { destination: 'customergauge' });
  expect(activity.outcome).toBe('rejected');
  expect(activity.reason).toMatch(/cg_region/);
  expect(app.customerGauge.received).toEqual([]);
});
