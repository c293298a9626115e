/**
 * Time each agent spent in each status over the shown activities, per kind of status
 * (General availability and Intelliassign are two separate timelines that overlap in time).
 * Durations come from the events' own timestamps: an event says the agent left `prev_status` at
 * `changed_at` after entering it at `prev_changed_at`. They are bounded by what was observed: a
 * span never reaches back before the same agent's previous change, so spans never overlap and an
 * agent's total never exceeds the time its changes cover. The pushes of one event count once.
 */
import { kindLabel, statusLabel } from '../shared/status-text';
import { agentActivityOf, agentName, eventKeyOf, parseTime } from './format';
import type { Activity } from './types';

export interface StatusTime {
  status: string;
  ms: number;
}

export interface AgentSummary {
  agent: string;
  kind: string;
  total: number;
  statuses: StatusTime[];
}

/** One status change: the agent left `status` at `at`, having entered it at `since` (if known). */
interface Change {
  timeline: string;
  agentKey: string;
  agent: string;
  kind: string;
  status: string;
  at: number;
  since: number | null;
}

function agentKey(activity: Activity): string {
  return activity.actor.email ?? activity.actor.id ?? agentName(activity);
}

function changeOf(activity: Activity): Change | null {
  const change = agentActivityOf(activity);
  const at = parseTime(change?.changed_at as string | null);
  if (!change || at === null) return null;
  const kind = kindLabel(change.kind);
  const since = parseTime(change.prev_changed_at as string | null);
  const key = agentKey(activity);
  return {
    timeline: `${key}\u0000${kind}`,
    agentKey: key,
    agent: agentName(activity),
    kind,
    status: statusLabel(change.prev_status),
    at,
    since,
  };
}

function uniqueEvents(activities: Activity[]): Activity[] {
  const seen = new Set<string>();
  return activities.filter((a) => {
    const key = eventKeyOf(a.id);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Where a change's span starts: its own `since`, but never before the previous observed change. */
function spanStart(change: Change, previous: Change | undefined): number | null {
  if (!previous) return change.since;
  return change.since === null ? previous.at : Math.max(change.since, previous.at);
}

/** One timeline's time per status; `names` has the agent's name where any event gave it (system events only know the email). */
function timelineSummary(changes: Change[], names: Map<string, string>): AgentSummary {
  const ordered = [...changes].sort((a, b) => a.at - b.at);
  const byStatus = new Map<string, number>();
  ordered.forEach((change, i) => {
    const start = spanStart(change, ordered[i - 1]);
    if (start !== null && start <= change.at) byStatus.set(change.status, (byStatus.get(change.status) ?? 0) + change.at - start);
  });
  const statuses = [...byStatus].map(([status, ms]) => ({ status, ms })).sort((a, b) => b.ms - a.ms);
  return {
    agent: names.get(changes[0].agentKey) ?? changes[0].agent,
    kind: changes[0].kind,
    total: statuses.reduce((sum, s) => sum + s.ms, 0),
    statuses,
  };
}

/** Timelines by total time, most first; each timeline's statuses by time, most first. */
export function summarize(activities: Activity[]): AgentSummary[] {
  const timelines = new Map<string, Change[]>();
  const names = new Map<string, string>();
  for (const activity of uniqueEvents(activities)) {
    if (activity.actor.name) names.set(agentKey(activity), activity.actor.name);
    const change = changeOf(activity);
    if (!change) continue;
    const timeline = timelines.get(change.timeline) ?? [];
    timeline.push(change);
    timelines.set(change.timeline, timeline);
  }
  return [...timelines.values()]
    .map((changes) => timelineSummary(changes, names))
    .filter((summary) => summary.statuses.length > 0)
    .sort((a, b) => b.total - a.total);
}
