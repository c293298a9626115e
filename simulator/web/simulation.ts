/**
 * Fires one onAgentActivityCreate through the runtime and reports what happened: the outcome per
 * destination (read from the app's store, ./app-store, which spends none of the app's quota), the
 * template requests this event made and what the fake vendors received from them, retries
 * included, and apart from them the requests made meanwhile for anything else. Shared by the
 * /web/test page and `npm run simulate`.
 */
import type { DestinationId } from '../../src/shared/destinations';
import { FAKE_VENDOR_NAMES, type LocalApp } from '../local-app';
import type { ReceivedRequest } from '../fake-vendors';
import type { InvocationResult, RequestTrace } from '../runtime';
import { eventKeyOf, pendingDeliveries, readEvent, requestsFor, workKeyOf, type StoredPush } from './app-store';

export const EVENT_NAME = 'onAgentActivityCreate';

export interface DestinationOutcome {
  /** a destination id; `event` when the app rejected the event itself or it waits to be delivered; `history` when unknown */
  destination: string;
  /** a stored outcome, `queued` (waiting for its first delivery) or `unknown` (the store holds nothing readable) */
  outcome: string;
  reason: string | null;
  last_status: number | null;
  attempts: number;
  /** when its delivery really runs (ISO): the fire time of its write-ahead copy, or of the first drain at or after `due_at` */
  next_retry_at: string | null;
  /** when a waiting push is due (ISO): the next_retry_at the app stored; a drain runs it at `next_retry_at` */
  due_at: string | null;
}

/** A template request as the platform made it: no headers, they carry the credentials. */
export interface RequestSummary {
  template: string;
  method: string;
  url: string;
  status: number;
  attempt: number;
  /** when it was sent, on the simulator clock */
  at: number;
  error?: string;
  /** sent, no answer yet */
  pending?: true;
}

export interface ReceivedSummary {
  method: string;
  path: string;
  status: number;
  body: unknown;
  /** What the fake did besides answering (e.g. a contact it created). */
  note?: string;
}

export interface SimulationReport {
  /** false when the handler itself failed (crash, timeout, payload too large) */
  handled: boolean;
  error?: unknown;
  /** the app recognised an event it had already processed and sent nothing */
  duplicate: boolean;
  /** the handler has not returned yet (a destination may be slow or hanging) */
  inProgress: boolean;
  outcomes: DestinationOutcome[];
  /** every template request this event made since it was fired, its retries included */
  requests: RequestSummary[];
  /** the requests made meanwhile for anything else: other events' retries, the installation page's checks */
  other_requests: RequestSummary[];
  /** what the fakes received from this event's requests */
  received: Record<DestinationId, ReceivedSummary[]>;
  logs: string[];
}

/** Outcomes that mean the event will not reach a destination without someone acting. */
const FAILED_OUTCOMES = new Set(['rejected', 'dead_letter']);
/** Outcomes with delivery work still scheduled. */
const WAITING_OUTCOMES = new Set(['retrying', 'queued']);

export function hasFailure(report: SimulationReport): boolean {
  return (!report.inProgress && !report.handled) || report.outcomes.some((o) => FAILED_OUTCOMES.has(o.outcome));
}

export function isRetrying(report: SimulationReport): boolean {
  return report.outcomes.some((o) => WAITING_OUTCOMES.has(o.outcome));
}

/** failed (red) before waiting (amber) before unknown (amber) before done (green): a colour never hides a problem. */
export type ReportState = 'failed' | 'waiting' | 'unknown' | 'done';

export function reportState(report: SimulationReport): ReportState {
  if (hasFailure(report)) return 'failed';
  if (report.inProgress || isRetrying(report)) return 'waiting';
  return report.outcomes.some((o) => o.outcome === 'unknown') ? 'unknown' : 'done';
}

export class Simulator {
  constructor(private readonly local: LocalApp) {}

  /** Fires the event; the run reports on it from then on, retries included. */
  start(payload: Record<string, unknown>): SimulationRun {
    return new SimulationRun(this.local, payload);
  }

  async fire(payload: Record<string, unknown>): Promise<SimulationReport> {
    const run = this.start(payload);
    await run.done;
    return run.report();
  }
}

const iso = (ms: number | null | undefined): string | null => (ms === undefined || ms === null ? null : new Date(ms).toISOString());
const destinationOrder = (push: StoredPush): number => {
  const at = (FAKE_VENDOR_NAMES as readonly string[]).indexOf(push.destination);
  return at < 0 ? FAKE_VENDOR_NAMES.length : at;
};

/** One simulated event, followed from its first delivery through every retry. */
export class SimulationRun {
  readonly done: Promise<void>;
  /** the key the app files this event under */
  private readonly key: string;
  private readonly marks: { requests: number; received: Record<DestinationId, number>; scheduled: number };
  private result: InvocationResult | undefined;

  constructor(
    private readonly local: LocalApp,
    payload: Record<string, unknown>,
  ) {
    const { runtime } = local;
    this.key = eventKeyOf(runtime.eventEnvelope(EVENT_NAME, payload));
    this.marks = {
      requests: runtime.requests.length,
      received: byDestination((id) => local.fakes[id].received.length),
      scheduled: runtime.scheduledInvocations.length,
    };
    this.done = runtime.invokeEvent(EVENT_NAME, payload).then((result) => {
      this.result = result;
    });
  }

  private get duplicate(): boolean {
    const result = this.result;
    return result !== undefined && result.ok && result.logs.some((line) => /duplicate/i.test(line));
  }

  /** The outcomes as stored now; never green for what cannot be read. */
  private outcomes(): DestinationOutcome[] {
    const { runtime } = this.local;
    if (this.duplicate) return [];
    const work = pendingDeliveries(runtime).filter((w) => w.key === this.key);
    const none = { last_status: null, attempts: 0, next_retry_at: null, due_at: null };
    const stored = readEvent(runtime, this.key);
    if (!stored) {
      if (this.result === undefined) return [];
      const copy = work.find((w) => w.destination === null);
      if (copy)
        return [
          {
            ...none,
            destination: 'event',
            outcome: 'queued',
            reason: 'held in its write-ahead copy for its first delivery',
            next_retry_at: iso(copy.at),
          },
        ];
      return [{ ...none, destination: 'history', outcome: 'unknown', reason: 'the history holds no record of this event' }];
    }
    if (stored.invalid !== null) return [{ ...none, destination: 'event', outcome: 'rejected', reason: stored.invalid }];
    return [...stored.pushes]
      .sort((a, b) => destinationOrder(a) - destinationOrder(b))
      .map(({ destination, outcome, reason, last_status, attempts }) => {
        const waiting = outcome === 'retrying' ? work.find((w) => w.destination === destination) : undefined;
        return { destination, outcome, reason, last_status, attempts, next_retry_at: iso(waiting?.at), due_at: iso(waiting?.due) };
      });
  }

  report(): SimulationReport {
    const { runtime, fakes } = this.local;
    const result = this.result;
    const since = runtime.requests.slice(this.marks.requests);
    const own = requestsFor(runtime, since, this.key);
    const retryLogs = runtime.scheduledInvocations
      .slice(this.marks.scheduled)
      .filter((s) => workKeyOf(s.schedule.data) === this.key)
      .flatMap((s) => s.result.logs);
    return {
      handled: result?.ok ?? false,
      ...(result && !result.ok ? { error: result.error } : {}),
      duplicate: this.duplicate,
      inProgress: result === undefined,
      outcomes: this.outcomes(),
      requests: own.map(requestSummary),
      other_requests: since.filter((r) => !own.includes(r)).map(requestSummary),
      received: byDestination((id) =>
        fakes[id].received
          .slice(this.marks.received[id])
          .filter((received) => own.some((sent) => isSentAs(sent, received)))
          .map(summarise),
      ),
      logs: [...(result?.logs ?? []), ...retryLogs],
    };
  }
}

function requestSummary({ template, method, url, status, attempt, at, error, pending }: RequestTrace): RequestSummary {
  return { template, method, url, status, attempt, at, ...(error === undefined ? {} : { error }), ...(pending ? { pending } : {}) };
}

/** A fake's received request is one this event sent: same method, target and body. */
function isSentAs(sent: RequestTrace, received: ReceivedRequest): boolean {
  const url = new URL(sent.url);
  return sent.method === received.method && `${url.pathname}${url.search}` === received.path && (sent.body ?? '') === received.body;
}

function byDestination<T>(value: (id: DestinationId) => T): Record<DestinationId, T> {
  return Object.fromEntries(FAKE_VENDOR_NAMES.map((id) => [id, value(id)])) as Record<DestinationId, T>;
}

function summarise(request: ReceivedRequest): ReceivedSummary {
  const summary: ReceivedSummary = {
    method: request.method,
    path: request.path,
    status: request.status,
    body: request.json ?? request.body,
  };
  if (request.note) summary.note = request.note;
  return summary;
}

/** When a waiting push or event runs, and when a push was due: a drain runs it at its first wake-up after that. */
export function retryTime(o: DestinationOutcome): string | null {
  if (o.due_at === null) return o.next_retry_at && `next retry ${o.next_retry_at}`;
  return `next retry ${o.next_retry_at ?? 'not scheduled yet'} (due ${o.due_at})`;
}

/** One line per destination, e.g. `<id>      delivered     HTTP 201, 1 attempt`. */
export function describeOutcome(o: DestinationOutcome): string {
  const details = [
    o.last_status === null ? null : `HTTP ${o.last_status}`,
    o.attempts > 0 ? `${o.attempts} attempt${o.attempts === 1 ? '' : 's'}` : null,
    retryTime(o),
    o.reason,
  ].filter((part): part is string => Boolean(part));
  return `${o.destination.padEnd(14)} ${o.outcome.padEnd(12)} ${details.join(', ')}`.trimEnd();
}

function outcomeLines(report: SimulationReport): string[] {
  if (report.inProgress)
    return ['In progress: the handler is still waiting for a destination (the platform gives up on a request after 15 s).'];
  if (!report.handled) return [`The handler failed: ${JSON.stringify(report.error)}`];
  if (report.duplicate)
    return ['Duplicate: this event was already processed, nothing was sent. Change status_change_timestamp to send a new one.'];
  if (report.outcomes.length === 0)
    return ['No activity recorded (the event kind or the destinations may be switched off in the installation page).'];
  return report.outcomes.map(describeOutcome);
}

/** Date and time (UTC) on the simulator clock, which the clock control may have moved days ahead. */
const clockTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

const requestLine = (r: RequestSummary): string =>
  `  ${clockTime(r.at)}  ${r.template}  ${r.method} ${r.url} -> ${r.pending ? 'no answer yet' : r.status || 'no answer'}${r.error ? ` (${r.error})` : ''}${r.attempt > 1 ? ` [attempt ${r.attempt}]` : ''}`;

/** The whole report as text, for the /web/test page (rendered with textContent). */
export function formatReport(report: SimulationReport): string {
  const sections = [['Outcome', ...outcomeLines(report).map((l) => `  ${l}`)].join('\n')];
  const requests = report.requests.map(requestLine);
  sections.push(
    [
      "This event's template requests, retries included (headers hidden: they carry the credentials)",
      ...(requests.length ? requests : ['  none yet']),
    ].join('\n'),
  );
  if (report.other_requests.length > 0)
    sections.push(
      [
        'Meanwhile, requests for other events (their retries) and the pages (connection tests)',
        ...report.other_requests.map(requestLine),
      ].join('\n'),
    );

  for (const [name, received] of Object.entries(report.received)) {
    if (received.length === 0) continue;
    const lines = received.map((r) => {
      const body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body, null, 2);
      const note = r.note ? ` (${r.note})` : '';
      return `  ${r.method} ${r.path} -> ${r.status || 'no answer (yet)'}${note}${body ? `\n${indent(body, 4)}` : ''}`;
    });
    sections.push([`The fake ${name} received from this event`, ...lines].join('\n'));
  }
  if (report.logs.length > 0) sections.push(['App logs', ...report.logs.map((l) => `  ${l}`)].join('\n'));
  return sections.join('\n\n');
}

const indent = (text: string, spaces: number): string =>
  text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
