/**
 * The Health figures' rules on their own: what makes a destination green, amber or red, and which
 * pages a check reads. Records are built as the engine stores them (src/server/history/record.ts).
 */
import { destinationHealth, OVERDUE_MS, type Reads } from '../../src/server/health/figures';
import { readOrder, readPlan } from '../../src/server/health/check';
import { EMPTY_HEAD, type Head } from '../../src/server/history/head';
import type { EventRecord, PushState } from '../../src/server/history/record';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const MINUTE = 60_000;

const head = (change: Partial<Head> = {}): Head => ({
  ...EMPTY_HEAD,
  opened_at: NOW - 60 * MINUTE,
  secret: 'x'.repeat(64),
  ...change,
});

function push(change: Partial<PushState>): PushState {
  return {
    outcome: 'delivered',
    reason: null,
    attempts: 1,
    last_status: 200,
    next_retry_at: null,
    updated_at: NOW - MINUTE,
    sent: null,
    remote_id: null,
    may_duplicate: false,
    failing_since: null,
    replayed_at: null,
    ...change,
  };
}

let n = 0;
const record = (received_at: number, freshdesk: PushState): EventRecord => ({
  key: `k${n++}`,
  page: '0',
  received_at,
  change: null,
  invalid: null,
  pushes: { freshdesk },
});

const complete = (records: EventRecord[]): Reads => ({
  records,
  known: true,
  hourComplete: true,
  dayComplete: true,
  waitingComplete: true,
});

const health = (records: EventRecord[], h = head(), reads = complete(records)) =>
  destinationHealth('freshdesk', 'Freshdesk', h, reads, NOW);

const waiting = (nextRetryAt: number) =>
  push({
    outcome: 'retrying',
    reason: 'HTTP 503: down',
    last_status: 503,
    next_retry_at: nextRetryAt,
    updated_at: NOW - 20 * MINUTE,
    failing_since: NOW - 20 * MINUTE,
  });

describe('colours tell the truth', () => {
  test('green: the last push went through and what waits is within its retry time', () => {
    const h = health([record(NOW - 30 * MINUTE, waiting(NOW + 5 * MINUTE)), record(NOW - MINUTE, push({}))]);
    expect([h.colour, h.summary]).toEqual(['green', 'The last push went through; the pushes waiting are within their retry time.']);
    expect(h.oldest_waiting).toMatchObject({ overdue: false });
  });

  test('amber: the last push went through, but a push waits past its retry time by more than a wake-up can take', () => {
    const h = health([record(NOW - 30 * MINUTE, waiting(NOW - OVERDUE_MS - 1)), record(NOW - MINUTE, push({}))]);
    expect(h.colour).toBe('amber');
    expect(h.oldest_waiting).toMatchObject({ overdue: true });
  });

  test('a push just past its retry time (its wake-up on the way) does not turn the colour', () => {
    expect(health([record(NOW - 30 * MINUTE, waiting(NOW - OVERDUE_MS + MINUTE)), record(NOW - MINUTE, push({}))]).colour).toBe('green');
  });

  test('red: the last push was rejected; the error is in words since its first failure', () => {
    const rejected = push({ outcome: 'rejected', reason: 'HTTP 403: forbidden', last_status: 403, failing_since: NOW - 2 * MINUTE });
    const h = health([record(NOW - 2 * MINUTE, rejected)]);
    expect(h.colour).toBe('red');
    expect(h.last_error).toMatchObject({
      kind: 'credentials',
      words: 'credentials refused (HTTP 403)',
      since: new Date(NOW - 2 * MINUTE).toISOString(),
    });
  });

  test('grey: nothing pushed', () => {
    expect(health([]).colour).toBe('grey');
  });

  test("an outage is known from the engine's head alone: red with its error, even when no page could be read", () => {
    const mark = { until: NOW + 3 * MINUTE, failures: 2, since: NOW - 10 * MINUTE, reason: 'HTTP 503: down' };
    const h = health([], head({ down: { freshdesk: mark } }), { ...complete([]), known: false, hourComplete: false });
    expect([h.colour, h.summary]).toEqual(['red', 'Failing: its pushes wait for the next probe.']);
    expect(h.last_error).toMatchObject({
      kind: 'unreachable',
      since: new Date(mark.since).toISOString(),
      until: new Date(mark.until).toISOString(),
    });
    expect(h.delivered_last_hour).toEqual({ value: 0, exact: false });
  });

  test('a past error is shown as past once the last push went through', () => {
    const older = push({
      outcome: 'dead_letter',
      reason: 'gave up after 24 h failing: HTTP 502',
      last_status: 502,
      updated_at: NOW - 10 * MINUTE,
    });
    const h = health([record(NOW - 30 * 60 * MINUTE, older), record(NOW - MINUTE, push({}))]);
    expect(h.colour).toBe('green');
    expect(h.last_error).toMatchObject({ kind: 'unreachable', ongoing: false });
    expect(h.dead_letters).toEqual({ value: 1, exact: true });
  });
});

describe('which pages a check reads', () => {
  test("in order of worth: the newest page, the self-check's record, then the outbox's first page; none before anything is stored", () => {
    expect(readOrder(head({ page: 9, open_from: 2 }))).toEqual([9, 'rules', 2]);
    expect(readOrder(head({ page: 0 }))).toEqual([0, 'rules']);
    expect(readOrder(head({ page: 0, opened_at: null }))).toEqual(['rules']);
  });

  test('the newest pages, and the outbox’s first page when the newest do not reach it', () => {
    expect(readPlan(head({ page: 9, open_from: 9 }), 3)).toEqual([9, 8, 7]);
    expect(readPlan(head({ page: 9, open_from: 8 }), 3)).toEqual([9, 8, 7]);
    expect(readPlan(head({ page: 9, open_from: 2 }), 3)).toEqual([9, 8, 2]);
    expect(readPlan(head({ page: 1, open_from: 0 }), 3)).toEqual([1, 0]);
    expect(readPlan(head({ page: 9, open_from: 2 }), 1)).toEqual([9]);
    expect(readPlan(head({ page: 9, open_from: 2 }), 0)).toEqual([]);
  });
});
