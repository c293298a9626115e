/**
 * Time each agent spent in each status over the shown activities. An event says the agent left
 * `prev_status` at `changed_at` after entering it at `prev_changed_at`; the pushes of one event
 * (one per destination) count once.
 */
import { statusLabel } from '../shared/status-text';
import { agentActivityOf, agentName, eventKeyOf, parseTime } from './format';
import type { Activity } from './types';

export interface StatusTime {
  status: string;
  ms: number;
}

export interface AgentSummary {
  agent: string;
  total: number;
  statuses: StatusTime[];
}

interface Span {
  agent: string;
  status: string;
  ms: number;
}

function agentKey(activity: Activity): string {
  return activity.actor.email ?? activity.actor.id ?? agentName(activity);
}

function spanOf(activity: Activity): (Span & { key: string }) | null {
  const change = agentActivityOf(activity);
  if (!change) return null;
  const end = parseTime(change.changed_at as string | null);
  const start = parseTime(change.prev_changed_at as string | null);
  if (end === null || start === null || start > end) return null;
  return { key: agentKey(activity), agent: agentName(activity), status: statusLabel(change.prev_status), ms: end - start };
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

function addSpan(byAgent: Map<string, { agent: string; statuses: Map<string, number> }>, span: Span & { key: string }): void {
  const entry = byAgent.get(span.key) ?? { agent: span.agent, statuses: new Map<string, number>() };
  entry.statuses.set(span.status, (entry.statuses.get(span.status) ?? 0) + span.ms);
  byAgent.set(span.key, entry);
}

/** Agents by total time, most first; each agent's statuses by time, most first. */
export function summarize(activities: Activity[]): AgentSummary[] {
  const byAgent = new Map<string, { agent: string; statuses: Map<string, number> }>();
  for (const activity of uniqueEvents(activities)) {
    const span = spanOf(activity);
    if (span) addSpan(byAgent, span);
  }
  return [...byAgent.values()]
    .map(({ agent, statuses }) => {
      const list = [...statuses].map(([status, ms]) => ({ status, ms })).sort((a, b) => b.ms - a.ms);
      return { agent, total: list.reduce((sum, s) => sum + s.ms, 0), statuses: list };
    })
    .sort((a, b) => b.total - a.total);
}
