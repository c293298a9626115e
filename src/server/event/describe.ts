/** Readable sentences about a status change, shared by the destination mappings and the history titles. */
import { humanDuration, kindLabel, statusLabel } from '../../shared/status-text';
import { emojiText } from '../core/emoji';
import type { AgentStatusChange } from './agent-status-change';

export function agentLabel(change: AgentStatusChange): string {
  return change.agent.name ?? change.agent.email ?? `Agent ${change.agent.id ?? 'unknown'}`;
}

/** Milliseconds spent in the previous status, when both timestamps are known and ordered. */
function timeInPrevious(change: AgentStatusChange): number | null {
  if (change.prevChangedAt === null || change.prevChangedAt > change.changedAt) return null;
  return change.changedAt - change.prevChangedAt;
}

/** "Maya Patel: Available → In a meeting (Intelliassign), 45 min available" */
export function changeTitle(change: AgentStatusChange): string {
  const spent = timeInPrevious(change);
  const previous = statusLabel(change.prevStatus);
  const tail = spent === null ? '' : `, ${humanDuration(spent)} ${previous.toLowerCase()}`;
  return `${agentLabel(change)}: ${previous} → ${statusLabel(change.status)} (${kindLabel(change.kind)})${tail}`;
}

/** The status as Freshchat shows it: "In a meeting 📆" (the emoji as a character, or nothing). */
export function statusText(change: AgentStatusChange): string {
  const emoji = emojiText(change.emoji);
  return `${statusLabel(change.status)}${emoji ? ` ${emoji}` : ''}`;
}

/** Short activity name: "Agent status: In a meeting 📆". */
export function activityName(change: AgentStatusChange): string {
  return `Agent status: ${statusText(change)}`;
}

/** One sentence: who, from what to what, which kind of change, how long in the previous status. */
export function changeDescription(change: AgentStatusChange): string {
  const spent = timeInPrevious(change);
  const duration = spent === null ? '' : ` after ${humanDuration(spent)}`;
  const by = change.actor.type === 'system' ? ' (set automatically)' : '';
  return `${agentLabel(change)} changed ${kindLabel(change.kind)} status from ${statusLabel(change.prevStatus)} to ${statusLabel(change.status)}${duration}${by}.`;
}

/** The raw facts, for the destinations' free-form context objects. */
export function changeFacts(change: AgentStatusChange): Record<string, string | number | null> {
  const spent = timeInPrevious(change);
  return {
    agent: agentLabel(change),
    agent_email: change.agent.email,
    agent_id: change.agent.id,
    change_type: change.kind,
    status: change.status,
    previous_status: change.prevStatus,
    changed_at_utc: new Date(change.changedAt).toISOString(),
    previous_changed_at_utc: change.prevChangedAt === null ? null : new Date(change.prevChangedAt).toISOString(),
    seconds_in_previous_status: spent === null ? null : Math.round(spent / 1000),
    time_in_previous_status: spent === null ? null : humanDuration(spent),
    custom_status_id: change.customStatusId,
    emoji: emojiText(change.emoji),
    changed_by: change.actor.type,
    routing_sub_entity: change.subEntity,
  };
}
