/**
 * Status change → CustomerGauge activity. `reference` is derived from the event, so a resend
 * (retry, replay, duplicate event) updates the same activity instead of creating another.
 */
import type { Static } from '@sinclair/typebox';
import { truncate } from '../../core/text';
import { isoUtcSeconds } from '../../core/time';
import type { AgentStatusChange } from '../../event/agent-status-change';
import { statusLabel } from '../../../shared/status-text';
import { changeDescription, changeFacts, statusText } from '../../event/describe';
import { CustomerGaugeSettings } from './settings';

export interface CustomerGaugeActivity {
  reference: string;
  account: string;
  type: string;
  source: string;
  /** UTC, `Y-m-d H:i:s`. */
  happened_at: string;
  contact?: string;
  additional_information_object: Record<string, string>;
}

/**
 * One category for every status change: CustomerGauge's `type` groups activities (its examples are
 * "Ticket" and "Support Ticket"), so the status itself goes into `additional_information_object`.
 */
export const CUSTOMERGAUGE_ACTIVITY_TYPE = 'Agent status change';

const CUSTOMERGAUGE_LIMITS = { reference: 128, account: 255, type: 100, source: 100, contact: 255 } as const;

function customerGaugeReference(change: AgentStatusChange): string {
  return truncate(`freshchat-agent-activity-${change.key}`, CUSTOMERGAUGE_LIMITS.reference);
}

export function mapToCustomerGauge(change: AgentStatusChange, settings: Static<typeof CustomerGaugeSettings>): CustomerGaugeActivity {
  const activity: CustomerGaugeActivity = {
    reference: customerGaugeReference(change),
    account: truncate(settings.cg_account, CUSTOMERGAUGE_LIMITS.account),
    type: CUSTOMERGAUGE_ACTIVITY_TYPE,
    source: 'Freshchat',
    happened_at: cgDateTime(change.changedAt),
    additional_information_object: informationObject(change),
  };
  if (settings.cg_send_contact && change.agent.email) activity.contact = truncate(change.agent.email, CUSTOMERGAUGE_LIMITS.contact);
  return activity;
}

/**
 * The facts of the change, the statuses as Freshchat shows them. CustomerGauge's documented example
 * holds strings only: every value is a string, and empty ones are left out.
 */
function informationObject(change: AgentStatusChange): Record<string, string> {
  const facts: Record<string, string | number | null> = {
    ...changeFacts(change),
    status: statusText(change),
    previous_status: change.prevStatus === null ? null : statusLabel(change.prevStatus),
    description: changeDescription(change),
    timezone: 'UTC',
  };
  const present = Object.entries(facts).filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== '');
  return Object.fromEntries(present.map(([name, value]) => [name, String(value)]));
}

/** CustomerGauge's `Y-m-d H:i:s`, always in UTC. */
function cgDateTime(ms: number): string {
  return isoUtcSeconds(ms).slice(0, 19).replace('T', ' ');
}
