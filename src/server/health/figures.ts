/**
 * The Health view's figures, computed from what the engine keeps: the head (outage marks, drops) and
 * the history pages read for this answer (the pages are the outbox, so waiting pushes are there too).
 * A figure is exact only when every page it could live on was read; otherwise it says "at least".
 */
import type { DestinationId } from '../destinations/types';
import type { DownMark, Head } from '../history/head';
import type { EventRecord, PushState } from '../history/record';
import { MIN_LEAD_MS } from '../platform/schedule';
import type { DestinationHealth, ErrorKind, Figure, HealthColour, LastError } from '../../shared/health-api';

export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;
/**
 * A waiting push is overdue when its next attempt passed longer ago than a drain wake-up can take
 * (the platform's lead for a one-time schedule, plus a minute): then it waits longer than its retry
 * policy says.
 */
export const OVERDUE_MS = MIN_LEAD_MS + 60_000;

/** What was read: pages by number (null: missing), and which windows the reads covered whole. */
export interface Reads {
  records: EventRecord[];
  /** Some history page could be read, or none was ever written (a fresh installation). */
  known: boolean;
  /** Every page a push updated in the last hour / day could be on was read. */
  hourComplete: boolean;
  dayComplete: boolean;
  /** Every page from the outbox's start (`open_from`) to the newest was read. */
  waitingComplete: boolean;
}

/** Outcomes of a push that was tried (skipped pushes are left out before). */
type Tried = NonNullable<DestinationHealth['last_push']>['outcome'];

interface Push {
  record: EventRecord;
  push: PushState;
}

const iso = (at: number): string => new Date(at).toISOString();
const figure = (value: number, exact: boolean): Figure => ({ value, exact });

function pushesOf(records: EventRecord[], id: DestinationId): Push[] {
  return records.flatMap((record) => {
    const push = record.pushes[id];
    return push ? [{ record, push }] : [];
  });
}

const statusIn = (reason: string): number | null => {
  const match = /^HTTP (\d{3})\b/.exec(reason);
  return match ? Number(match[1]) : null;
};

const KIND_BY_STATUS: Partial<Record<number, ErrorKind>> = {
  0: 'unreachable',
  401: 'credentials',
  403: 'credentials',
  408: 'unreachable',
  429: 'rate_limited',
};

/** The kind of a failure, from its status (stored, or the "HTTP nnn" its reason starts with). */
function kindOf(status: number | null, quota: boolean): ErrorKind {
  if (quota) return 'quota';
  if (status === null || status >= 500) return 'unreachable';
  return KIND_BY_STATUS[status] ?? (status >= 400 ? 'refused' : 'other');
}

const WORDS: Record<ErrorKind, string> = {
  credentials: 'credentials refused',
  rate_limited: 'rate-limited',
  unreachable: 'unreachable',
  refused: 'refused the push',
  quota: "the installation's platform quota was spent",
  other: 'failed',
};

function words(kind: ErrorKind, status: number | null): string {
  return status !== null && status > 0 && kind !== 'quota' ? `${WORDS[kind]} (HTTP ${status})` : WORDS[kind];
}

/** A destination's outage mark: it stays until a push to it goes through, so it is always ongoing. */
function errorFromMark(mark: DownMark): LastError {
  const status = statusIn(mark.reason);
  const kind = kindOf(status, false);
  return { kind, words: words(kind, status), reason: mark.reason, since: iso(mark.since), until: iso(mark.until), ongoing: true };
}

/** Waiting now because the installation's quota was spent at its last try. */
const waitsForQuota = (p: PushState): boolean =>
  p.outcome === 'retrying' && p.quota_deferred_at !== undefined && p.quota_deferred_at >= p.updated_at;

const isFailure = (p: PushState): boolean =>
  p.outcome === 'rejected' || p.outcome === 'dead_letter' || (p.outcome === 'retrying' && p.reason !== 'retry requested');

function errorFromPush(p: PushState, ongoing: boolean): LastError {
  const status = p.last_status ?? statusIn(p.reason ?? '');
  const kind = kindOf(status, waitsForQuota(p));
  return {
    kind,
    words: words(kind, status),
    reason: p.reason ?? '',
    since: iso(p.failing_since ?? p.updated_at),
    until: p.outcome === 'retrying' && p.next_retry_at !== null ? iso(p.next_retry_at) : null,
    ongoing,
  };
}

const newest = (pushes: Push[]): Push | undefined =>
  pushes.reduce<Push | undefined>((best, p) => (best === undefined || p.push.updated_at > best.push.updated_at ? p : best), undefined);

type Figures = Omit<DestinationHealth, 'colour' | 'summary'>;

interface Judged {
  h: Figures;
  /** An outage mark holds the destination's pushes back. */
  held: boolean;
  /** At least one history page could be read. */
  read: boolean;
  quotaWaits: number;
}

/** The first rule that holds gives the colour and its words: green only when nothing else does. */
const COLOUR_RULES: Array<[(j: Judged) => boolean, HealthColour, (j: Judged) => string]> = [
  // An outage mark is in the engine's head, known without reading the history.
  // A vendor's rate limit is not a failure: its pushes wait, without spending attempts.
  [(j) => j.held && j.h.last_error?.kind === 'rate_limited', 'amber', () => 'Rate-limited: its pushes wait until the limit lifts.'],
  [(j) => j.held, 'red', () => 'Failing: its pushes wait for the next probe.'],
  [(j) => j.h.last_push === null && !j.read, 'grey', () => 'Nothing known yet: the history could not be read now.'],
  [(j) => j.h.last_push === null, 'grey', () => 'Nothing pushed in the pages read.'],
  [
    (j) => j.h.last_push?.outcome === 'rejected' || j.h.last_push?.outcome === 'dead_letter',
    'red',
    () => 'Failing: the last push did not go through.',
  ],
  [(j) => j.quotaWaits > 0, 'amber', (j) => `${j.quotaWaits} waiting for the installation's platform quota: deliveries are quota-bound.`],
  [(j) => j.h.last_push?.outcome !== 'delivered', 'amber', () => 'The last push is waiting for its next try.'],
  [
    (j) => j.h.oldest_waiting?.overdue === true,
    'amber',
    () => 'The last push went through, but pushes wait longer than their retry time (catching up).',
  ],
  [(j) => !j.h.waiting.exact, 'amber', () => 'The last push went through; not every waiting push could be read now.'],
  [(j) => j.h.waiting.value > 0, 'green', () => 'The last push went through; the pushes waiting are within their retry time.'],
  [() => true, 'green', () => 'The last push went through; nothing waits.'],
];

function colourOf(judged: Judged): [HealthColour, string] {
  const [, colour, text] = COLOUR_RULES.find(([holds]) => holds(judged)) as (typeof COLOUR_RULES)[number];
  return [colour, text(judged)];
}

function oldestWaiting(waiting: Push[], now: number): DestinationHealth['oldest_waiting'] {
  const oldest = waiting.reduce<Push | undefined>(
    (o, p) => (o === undefined || p.record.received_at < o.record.received_at ? p : o),
    undefined,
  );
  if (!oldest) return null;
  return {
    since: iso(oldest.record.received_at),
    next_attempt: iso(oldest.push.next_retry_at ?? now),
    overdue: waiting.some((p) => (p.push.next_retry_at ?? now) < now - OVERDUE_MS),
  };
}

/** The outage mark's failure when one holds, else the newest failed push's. */
function lastErrorOf(mark: DownMark | undefined, pushes: Push[], ongoing: boolean): LastError | null {
  if (mark) return errorFromMark(mark);
  const failure = newest(pushes.filter((p) => isFailure(p.push)));
  return failure ? errorFromPush(failure.push, ongoing) : null;
}

/** The health of destination `id` as of `now`. */
export function destinationHealth(id: DestinationId, label: string, head: Head, reads: Reads, now: number): DestinationHealth {
  const pushes = pushesOf(reads.records, id).filter((p) => p.push.outcome !== 'skipped');
  const count = (outcome: PushState['outcome'] | null, window: number, exact: boolean) =>
    figure(pushes.filter((p) => (outcome === null || p.push.outcome === outcome) && p.push.updated_at >= now - window).length, exact);
  const waiting = pushes.filter((p) => p.push.outcome === 'retrying');
  const latest = newest(pushes);
  const mark = head.down[id];
  const held = mark !== undefined && mark.until > now;
  const ongoing = held || latest?.push.outcome !== 'delivered';
  const h: Figures = {
    destination: id,
    label,
    delivered_last_hour: count('delivered', HOUR_MS, reads.hourComplete),
    delivered_last_day: count('delivered', DAY_MS, reads.dayComplete),
    waiting: figure(waiting.length, reads.waitingComplete),
    oldest_waiting: oldestWaiting(waiting, now),
    dead_letters: count('dead_letter', DAY_MS, reads.dayComplete),
    rejected: count('rejected', DAY_MS, reads.dayComplete),
    quota_deferred_last_hour: figure(pushes.filter((p) => (p.push.quota_deferred_at ?? 0) >= now - HOUR_MS).length, reads.hourComplete),
    last_push: latest ? { outcome: latest.push.outcome as Tried, at: iso(latest.push.updated_at) } : null,
    last_error: lastErrorOf(mark, pushes, ongoing),
  };
  const [colour, summary] = colourOf({
    h,
    held,
    read: reads.known,
    quotaWaits: waiting.filter((p) => waitsForQuota(p.push)).length,
  });
  return { ...h, colour, summary };
}
