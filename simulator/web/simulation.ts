/**
 * Fires one onAgentActivityCreate through the runtime and reports what happened: the outcome per
 * destination (from the app's own history API), the template requests the platform made and what
 * the sandbox servers received. Shared by the /web/test page and `npm run simulate`.
 */
import type { LocalApp } from '../local-app';
import type { ReceivedRequest } from '../fake-vendors';

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
  error?: string;
}

export interface ReceivedSummary {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

export interface SimulationReport {
  /** false when the handler itself failed (crash, timeout, payload too large) */
  handled: boolean;
  error?: unknown;
  /** the app recognised an event it had already processed and sent nothing */
  duplicate: boolean;
  outcomes: DestinationOutcome[];
  requests: RequestSummary[];
  received: { freshdesk: ReceivedSummary[]; customergauge: ReceivedSummary[] };
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
  return !report.handled || report.outcomes.some((o) => FAILED_OUTCOMES.has(o.outcome));
}

export class Simulator {
  /** Activity ids already reported: with a manual clock several events share one timestamp. */
  private readonly reported = new Set<string>();

  constructor(private readonly local: LocalApp) {}

  async fire(payload: Record<string, unknown>): Promise<SimulationReport> {
    const { runtime, freshdesk, customerGauge } = this.local;
    const startedAt = runtime.clock.now();
    const marks = { requests: runtime.requests.length, freshdesk: freshdesk.received.length, customergauge: customerGauge.received.length };

    const result = await runtime.invokeEvent(EVENT_NAME, payload);
    const outcomes = await this.outcomesSince(startedAt);
    return {
      handled: result.ok,
      ...(result.ok ? {} : { error: result.error }),
      duplicate: result.ok && outcomes.length === 0 && result.logs.some((line) => /duplicate/i.test(line)),
      outcomes,
      requests: runtime.requests.slice(marks.requests).map(({ template, method, url, status, attempt, error }) => ({
        template,
        method,
        url,
        status,
        attempt,
        ...(error === undefined ? {} : { error }),
      })),
      received: {
        freshdesk: freshdesk.received.slice(marks.freshdesk).map(summarise),
        customergauge: customerGauge.received.slice(marks.customergauge).map(summarise),
      },
      logs: result.logs,
    };
  }

  /**
   * One listActivities call filtered on arrival time: it reads only the newest history bucket,
   * so the simulator spends as little of the app's $db quota as possible.
   */
  private async outcomesSince(since: number): Promise<DestinationOutcome[]> {
    const listed = await this.local.runtime.invokeServerMethod('listActivities', { page: { size: 100 }, filter: { since } });
    if (!listed.ok) {
      const message = (listed.error as { message?: string } | undefined)?.message ?? 'unknown error';
      return [{ destination: 'history', outcome: 'unknown', reason: `listActivities failed: ${message}`, last_status: null, attempts: 0, next_retry_at: null }];
    }
    const activities = ((listed.data as { activities?: ListedActivity[] }).activities ?? []).filter((a) => !this.reported.has(a.id));
    activities.forEach((a) => this.reported.add(a.id));
    return activities.map((a) => ({
      destination: a.target?.destination ?? 'event',
      outcome: a.outcome,
      reason: a.reason,
      last_status: a.last_status,
      attempts: a.attempts,
      next_retry_at: a.next_retry_at,
    }));
  }
}

function summarise(request: ReceivedRequest): ReceivedSummary {
  return { method: request.method, path: request.path, status: request.status, body: request.json ?? request.body };
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

/** The whole report as text, for the /web/test page (rendered with textContent). */
export function formatReport(report: SimulationReport): string {
  const sections: string[] = [];
  const outcomeLines = report.handled
    ? report.duplicate
      ? ['Duplicate: this event was already processed, nothing was sent. Change status_change_timestamp to send a new one.']
      : report.outcomes.length > 0
        ? report.outcomes.map(describeOutcome)
        : ['No activity recorded (the event kind or the destinations may be switched off in the installation page).']
    : [`The handler failed: ${JSON.stringify(report.error)}`];
  sections.push(['Outcome', ...outcomeLines.map((l) => `  ${l}`)].join('\n'));

  const requests = report.requests.map(
    (r) => `  ${r.template}  ${r.method} ${r.url} -> ${r.status || 'no answer'}${r.error ? ` (${r.error})` : ''}${r.attempt > 1 ? ` [attempt ${r.attempt}]` : ''}`,
  );
  sections.push(['Template requests (headers hidden: they carry the credentials)', ...(requests.length ? requests : ['  none'])].join('\n'));

  for (const [name, received] of Object.entries(report.received)) {
    if (received.length === 0) continue;
    const lines = received.map((r) => {
      const body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body, null, 2);
      return `  ${r.method} ${r.path} -> ${r.status || 'no answer'}${body ? `\n${indent(body, 4)}` : ''}`;
    });
    sections.push([`The ${name} sandbox received`, ...lines].join('\n'));
  }
  if (report.logs.length > 0) sections.push(['App logs', ...report.logs.map((l) => `  ${l}`)].join('\n'));
  return sections.join('\n\n');
}

const indent = (text: string, spaces: number): string =>
  text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
