/**
 * Fires one onAgentActivityCreate through the runtime and reports what happened: the outcome per
 * destination (from the app's own history API), the template requests the platform made and what
 * the fake vendors received, retries included. Shared by the /web/test page and `npm run simulate`.
 */
import type { DestinationId } from '../../src/shared/destinations';
import { FAKE_VENDOR_NAMES, type LocalApp } from '../local-app';
import type { ReceivedRequest } from '../fake-vendors';
import type { InvocationResult } from '../runtime';

export const EVENT_NAME = 'onAgentActivityCreate';

export interface DestinationOutcome {
  /** freshdesk | customergauge, or `event` when the app rejected the event itself */
  destination: string;
  outcome: string;
  reason: string | null;
  last_status: number | null;
  attempts: number;
  next_retry_at: string | null;
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
}

export interface ReceivedSummary {
  method: string;
  path: string;
  status: number;
  body: unknown;
  /** What the fake did besides answering (e.g. a Freshdesk contact it created). */
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
  /** every template request since the event was fired, its retries included */
  requests: RequestSummary[];
  received: Record<DestinationId, ReceivedSummary[]>;
  logs: string[];
}

interface ListedActivity {
  id: string;
  target: { destination: string } | null;
  outcome: string;
  reason: string | null;
  last_status: number | null;
  attempts: number;
  next_retry_at: string | null;
}

/** Outcomes that mean the event will not reach a destination without someone acting. */
const FAILED_OUTCOMES = new Set(['rejected', 'dead_letter']);

export function hasFailure(report: SimulationReport): boolean {
  return (!report.inProgress && !report.handled) || report.outcomes.some((o) => FAILED_OUTCOMES.has(o.outcome));
}

export function isRetrying(report: SimulationReport): boolean {
  return report.outcomes.some((o) => o.outcome === 'retrying');
}

/** failed (red) before waiting (amber) before done (green): a colour never hides a problem. */
export type ReportState = 'failed' | 'waiting' | 'done';

export function reportState(report: SimulationReport): ReportState {
  if (hasFailure(report)) return 'failed';
  return report.inProgress || isRetrying(report) ? 'waiting' : 'done';
}

export class Simulator {
  /** Activity ids already reported: with a manual clock several events share one timestamp. */
  private readonly reported = new Set<string>();

  constructor(private readonly local: LocalApp) {}

  /** Fires the event; the run reports on it from then on, retries included. */
  start(payload: Record<string, unknown>): SimulationRun {
    return new SimulationRun(this.local, this.reported, payload);
  }

  async fire(payload: Record<string, unknown>): Promise<SimulationReport> {
    const run = this.start(payload);
    await run.done;
    return run.report();
  }
}

/** One simulated event, followed from its first delivery through every retry. */
export class SimulationRun {
  readonly done: Promise<void>;
  private readonly startedAt: number;
  private readonly marks: { requests: number; received: Record<DestinationId, number>; scheduled: number };
  private result: InvocationResult | undefined;
  private ids: string[] | undefined;
  private outcomes: DestinationOutcome[] = [];

  constructor(
    private readonly local: LocalApp,
    private readonly reported: Set<string>,
    payload: Record<string, unknown>,
  ) {
    const { runtime } = local;
    this.startedAt = runtime.clock.now();
    this.marks = {
      requests: runtime.requests.length,
      received: byDestination((id) => local.fakes[id].received.length),
      scheduled: runtime.scheduledInvocations.length,
    };
    this.done = runtime.invokeEvent(EVENT_NAME, payload).then(async (result) => {
      await this.refresh();
      this.result = result;
    });
  }

  /** Reads the outcomes again from the app's history API (after retries ran). */
  async refresh(): Promise<void> {
    this.outcomes = await this.outcomesSince();
  }

  /**
   * One listActivities call filtered on arrival time: it reads only the history buckets since the
   * event, so the simulator spends as little of the app's $db quota as possible.
   */
  private async outcomesSince(): Promise<DestinationOutcome[]> {
    const listed = await this.local.runtime.invokeServerMethod('listActivities', {
      page: { size: 100 },
      filter: { since: this.startedAt },
    });
    if (!listed.ok) {
      const message = (listed.error as { message?: string } | undefined)?.message ?? 'unknown error';
      return [
        {
          destination: 'history',
          outcome: 'unknown',
          reason: `listActivities failed: ${message}`,
          last_status: null,
          attempts: 0,
          next_retry_at: null,
        },
      ];
    }
    const activities = (listed.data as { activities?: ListedActivity[] }).activities ?? [];
    if (this.ids === undefined) {
      this.ids = activities.filter((a) => !this.reported.has(a.id)).map((a) => a.id);
      this.ids.forEach((id) => this.reported.add(id));
    }
    const ids = this.ids;
    return activities
      .filter((a) => ids.includes(a.id))
      .map((a) => ({
        destination: a.target?.destination ?? 'event',
        outcome: a.outcome,
        reason: a.reason,
        last_status: a.last_status,
        attempts: a.attempts,
        next_retry_at: a.next_retry_at,
      }));
  }

  report(): SimulationReport {
    const { runtime, fakes } = this.local;
    const result = this.result;
    const retryLogs = runtime.scheduledInvocations.slice(this.marks.scheduled).flatMap((s) => s.result.logs);
    return {
      handled: result?.ok ?? false,
      ...(result && !result.ok ? { error: result.error } : {}),
      duplicate: result !== undefined && result.ok && this.outcomes.length === 0 && result.logs.some((line) => /duplicate/i.test(line)),
      inProgress: result === undefined,
      outcomes: this.outcomes,
      requests: runtime.requests.slice(this.marks.requests).map(({ template, method, url, status, attempt, at, error }) => ({
        template,
        method,
        url,
        status,
        attempt,
        at,
        ...(error === undefined ? {} : { error }),
      })),
      received: byDestination((id) => fakes[id].received.slice(this.marks.received[id]).map(summarise)),
      logs: [...(result?.logs ?? []), ...retryLogs],
    };
  }
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

/** One line per destination, e.g. `freshdesk      delivered     HTTP 201, 1 attempt`. */
export function describeOutcome(o: DestinationOutcome): string {
  const details = [
    o.last_status === null ? null : `HTTP ${o.last_status}`,
    o.attempts > 0 ? `${o.attempts} attempt${o.attempts === 1 ? '' : 's'}` : null,
    o.next_retry_at ? `next retry ${o.next_retry_at}` : null,
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

/** HH:MM:SS of the simulator clock, which the clock control may have moved ahead. */
const clockTime = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/** The whole report as text, for the /web/test page (rendered with textContent). */
export function formatReport(report: SimulationReport): string {
  const sections = [['Outcome', ...outcomeLines(report).map((l) => `  ${l}`)].join('\n')];
  const requests = report.requests.map(
    (r) =>
      `  ${clockTime(r.at)}  ${r.template}  ${r.method} ${r.url} -> ${r.status || 'no answer'}${r.error ? ` (${r.error})` : ''}${r.attempt > 1 ? ` [attempt ${r.attempt}]` : ''}`,
  );
  sections.push(
    [
      'Template requests, retries included (headers hidden: they carry the credentials)',
      ...(requests.length ? requests : ['  none yet']),
    ].join('\n'),
  );

  for (const [name, received] of Object.entries(report.received)) {
    if (received.length === 0) continue;
    const lines = received.map((r) => {
      const body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body, null, 2);
      const note = r.note ? ` (${r.note})` : '';
      return `  ${r.method} ${r.path} -> ${r.status || 'no answer (yet)'}${note}${body ? `\n${indent(body, 4)}` : ''}`;
    });
    sections.push([`The fake ${name} received`, ...lines].join('\n'));
  }
  if (report.logs.length > 0) sections.push(['App logs', ...report.logs.map((l) => `  ${l}`)].join('\n'));
  return sections.join('\n\n');
}

const indent = (text: string, spaces: number): string =>
  text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
