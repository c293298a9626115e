/** Pure text formatting for the sidebar: names, statuses, outcomes, relative times, durations. */
import { DURATION_UNITS, statusLabel } from '../shared/status-text';
import type { Activity, AgentActivity, Outcome } from './types';

type PillColor = 'green' | 'yellow' | 'red' | 'grey' | 'blue';

const OUTCOMES: Record<Outcome, { label: string; color: PillColor }> = {
  delivered: { label: 'Delivered', color: 'green' },
  retrying: { label: 'Retrying', color: 'yellow' },
  rejected: { label: 'Rejected', color: 'red' },
  dead_letter: { label: 'Dead letter', color: 'red' },
  skipped: { label: 'Skipped', color: 'grey' },
};

export const OUTCOME_VALUES = Object.keys(OUTCOMES) as Outcome[];

export function outcomeLabel(outcome: Outcome): string {
  return OUTCOMES[outcome]?.label ?? String(outcome);
}

export function outcomeColor(outcome: Outcome): PillColor {
  return OUTCOMES[outcome]?.color ?? 'grey';
}

export function agentActivityOf(activity: Activity): AgentActivity | null {
  return 'agent_activity' in activity.object ? activity.object.agent_activity : null;
}

export function agentName(activity: Activity): string {
  const { name, email, id } = activity.actor;
  if (name) return name;
  if (email) return email;
  if (agentActivityOf(activity)) return `Agent ${id ?? 'unknown'}`;
  return 'unreadable_record' in activity.object ? 'Unreadable record' : 'Invalid event';
}

/** "Available → In a meeting"; an invalid event shows why it was rejected. */
export function transition(activity: Activity): string {
  const change = agentActivityOf(activity);
  if (!change) return activity.reason ?? 'Unreadable event';
  return `${statusLabel(change.prev_status)} → ${statusLabel(change.status)}`;
}

export function destinationName(activity: Activity): string {
  return activity.target?.name ?? 'No destination';
}

/** The largest single unit: "3 min", "2 h", "5 d". */
function span(ms: number): string {
  const [size, unit] = DURATION_UNITS.find(([size]) => ms >= size) ?? DURATION_UNITS[DURATION_UNITS.length - 1];
  return `${Math.floor(ms / size)} ${unit}`;
}

export function parseTime(iso: string | null | undefined): number | null {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? null : ms;
}

/** "just now", "3 min ago", "2 h ago"; a time slightly ahead of the platform's clock reads "just now". */
export function ago(iso: string | null, now: number): string {
  const at = parseTime(iso);
  if (at === null) return '';
  const elapsed = now - at;
  return elapsed < 45_000 ? 'just now' : `${span(elapsed)} ago`;
}

/** "in 3 min", or "due now" once the time has passed. */
export function until(iso: string | null, now: number): string {
  const at = parseTime(iso);
  if (at === null) return '';
  const left = at - now;
  return left < 1000 ? 'due now' : `in ${span(left)}`;
}

function sameDay(a: Date, b: Date): boolean {
  return a.toDateString() === b.toDateString();
}

/**
 * The one way the sidebar writes a time, in the browser's locale and time zone: "14:05" on the
 * platform's today, "23 Nov, 14:05" on another day (with the year when it is not this year); '' when unknown.
 */
export function timeText(iso: string | null | undefined, now: number): string {
  const at = parseTime(iso);
  if (at === null) return '';
  const date = new Date(at);
  const today = new Date(now);
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  if (sameDay(date, today)) return date.toLocaleTimeString(undefined, time);
  const year = date.getFullYear() === today.getFullYear() ? {} : { year: 'numeric' as const };
  return date.toLocaleString(undefined, { day: 'numeric', month: 'short', ...year, ...time });
}

/** When something scheduled runs: "in 5 min (at 14:05)", "due now", or '' when unknown. */
export function whenText(iso: string | null | undefined, now: number): string {
  const left = until(iso ?? null, now);
  return left === '' || left === 'due now' ? left : `${left} (at ${timeText(iso, now)})`;
}

/** Reason phrases of the answers the vendors give (RFC 9110); others show their number only. */
const HTTP_REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** A destination's HTTP answer: "503 Service Unavailable"; 0 (no answer came back) as such. */
export function httpAnswer(status: number): string {
  if (status === 0) return 'none (no answer came back)';
  const reason = HTTP_REASONS[status];
  return reason ? `${status} ${reason}` : String(status);
}

/**
 * How many pushes the history holds, as far as the unfiltered list knows: exactly when it was read
 * to its end, otherwise "At least" the pushes it has loaded.
 */
export function historySize(listed: number, whole: boolean): string {
  return `${whole ? '' : 'At least '}${listed} in history`;
}

/** `<bucket>.<eventKey>.<destination>`: the event part is shared by the pushes of one event. */
export function eventKeyOf(id: string): string {
  return id.split('.').slice(0, 2).join('.');
}

export function pluralize(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
