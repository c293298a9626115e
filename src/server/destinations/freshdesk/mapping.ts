/**
 * Status change → Freshdesk contact activity. Only documented keys are sent: Freshdesk answers
 * `invalid_field` to anything else.
 */
import type { Static } from '@sinclair/typebox';
import { truncate } from '../../core/text';
import { isoUtcSeconds } from '../../core/time';
import { PayloadInvalidError } from '../../core/errors';
import type { AgentStatusChange } from '../../event/agent-status-change';
import { activityName, agentLabel, changeDescription, changeFacts } from '../../event/describe';
import { FRESHDESK_CONTACT_MODES } from '../../../shared/destinations/freshdesk';
import { FreshdeskSettings } from './settings';

export interface FreshdeskContactActivity {
  activity: {
    name: string;
    timestamp: string;
    description: string;
    actor: { type: string; id: string; name: string };
    source: { name: string; id: string };
    object: { type: string; id: string };
    context: Record<string, string | number | null>;
  };
  /** `is_actor` defaults to true at Freshdesk (the contact is taken to have done the activity): always sent. */
  contact: ({ email: string } | { unique_external_id: string }) & { is_actor: boolean };
}

const FRESHDESK_LIMITS = { name: 255, description: 1000, id: 255 } as const;

/**
 * The contact whose timeline gets the activity. It did the activity only when it is the agent's own
 * contact and the agent changed their own status: a fixed contact never does, nor does anyone for a
 * change made by the system or by another agent.
 */
function contactFor(change: AgentStatusChange, settings: Static<typeof FreshdeskSettings>): FreshdeskContactActivity['contact'] {
  if (settings.freshdesk_contact_mode === FRESHDESK_CONTACT_MODES.fixed) {
    const externalId = settings.freshdesk_contact_external_id?.trim();
    if (!externalId)
      throw new PayloadInvalidError({ status: 0, message: 'iparam freshdesk_contact_external_id is required in fixed-contact mode' });
    return { unique_external_id: externalId, is_actor: false };
  }
  if (!change.agent.email) {
    throw new PayloadInvalidError({
      status: 0,
      message: 'the event has no agent email (data.agent_activity.email) to pick the Freshdesk contact',
    });
  }
  // `=== true`: a change stored before `self` existed is not claimed as the contact's own.
  return { email: change.agent.email, is_actor: change.actor.self === true };
}

export function mapToFreshdesk(change: AgentStatusChange, settings: Static<typeof FreshdeskSettings>): FreshdeskContactActivity {
  return {
    activity: {
      name: truncate(activityName(change), FRESHDESK_LIMITS.name),
      // Freshdesk's documented date formats have no fraction of a second.
      timestamp: isoUtcSeconds(change.changedAt),
      description: truncate(changeDescription(change), FRESHDESK_LIMITS.description),
      actor: {
        type: change.actor.type === 'agent' ? 'agent' : 'system',
        id: truncate(change.actor.id ?? change.agent.id ?? 'system', FRESHDESK_LIMITS.id),
        name: truncate(change.actor.type === 'agent' ? agentLabel(change) : 'Freshchat', FRESHDESK_LIMITS.name),
      },
      source: { name: 'Freshchat', id: truncate(change.account ?? 'freshchat', FRESHDESK_LIMITS.id) },
      object: { type: 'agent_status', id: change.key },
      context: changeFacts(change),
    },
    contact: contactFor(change, settings),
  };
}
