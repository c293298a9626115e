/** Final-state checks shared by the fault suite: the history must agree with what the sandboxes hold. */
import type { TestApp } from './app';
import { queuedWork } from './storage';

/**
 * Every activity in the history, paging with cursors. The clock moves half a minute a call, so the
 * server methods' reserve (4 page reads a minute) and the server-method quota never bite.
 */
export async function allActivities(app: TestApp): Promise<any[]> {
  const all: any[] = [];
  let after: string | undefined;
  for (;;) {
    app.clock.advance(30_000);
    const page = await app.call('listActivities', { page: { size: 100, ...(after ? { after } : {}) } });
    all.push(...page.activities);
    if (!page.meta.has_more) return all;
    after = page.meta.after_cursor;
  }
}

export interface Settlement {
  delivered: Record<string, number>;
  deadLettered: number;
  rejected: number;
}

/**
 * Asserts: nothing is still retrying or queued; each delivered Freshdesk push landed exactly once
 * (by event key); each delivered CustomerGauge push exists once by reference; failures carry a reason.
 */
export async function expectSettled(app: TestApp, expectedEvents: number): Promise<Settlement> {
  expect(queuedWork(app.runtime)).toEqual([]);
  const activities = await allActivities(app);
  const settlement: Settlement = { delivered: { freshdesk: 0, customergauge: 0 }, deadLettered: 0, rejected: 0 };
  const freshdeskByKey = new Map<string, number>();
  for (const body of app.freshdesk.activities as any[])
    freshdeskByKey.set(body.activity.object.id, (freshdeskByKey.get(body.activity.object.id) ?? 0) + 1);
  for (const activity of activities) {
    expect(activity.outcome).not.toBe('retrying');
    if (activity.outcome === 'delivered') {
      settlement.delivered[activity.target.destination]++;
      if (activity.target.destination === 'freshdesk' && !activity.may_duplicate)
        expect(freshdeskByKey.get(activity.target.reference)).toBe(1);
      if (activity.target.destination === 'customergauge')
        expect(app.customerGauge.activitiesByReference.has(activity.target.reference)).toBe(true);
    } else {
      expect(activity.reason).toEqual(expect.any(String));
      if (activity.outcome === 'dead_letter') settlement.deadLettered++;
      if (activity.outcome === 'rejected') settlement.rejected++;
    }
  }
  const events = new Set(activities.map((a) => a.id.split('.')[1]));
  expect(events.size).toBe(expectedEvents);
  // Nothing reached a destination that the history does not show as delivered.
  expect(freshdeskByKey.size).toBe(settlement.delivered.freshdesk);
  expect(app.customerGauge.activitiesByReference.size).toBe(settlement.delivered.customergauge);
  return settlement;
}
