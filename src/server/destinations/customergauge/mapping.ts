/**
 * Status change → CustomerGauge activity. `reference` is derived from the event, so a resend
 * (retry, replay, duplicate event) updates the same activity instead of creating another.
 */
import type { Static } from '@sinclair/typebox';
import { truncate } from '../../core/text';
import { isoUtcSeconds } from '../../core/time';
import type { AgentStatusChange } from '../../event/agent-status-change';
import { activityName, changeDescription, changeFacts } from '../../event/describe';
import { CustomerGaugeSettings } from './settings';

export interface CustomerGaugeActivity {
  reference: string;
  account: string;
  type: string;
  source: string;
  /** UTC, `Y-m-d H:i:s`. */
  happened_at: string;
  contact?: string;
  additional_information_object: Record<string, string | number | null>;
}

const CUSTOMERGAUGE_LIMITS = { reference: 128, account: 255, type: 100, source: 100, contact: 255 } as const;

function customerGaugeReference(change: AgentStatusChange): string {
  return truncate(`freshchat-agent-activity-${change.key}`, CUSTOMERGAUGE_LIMITS.reference);
}

export function mapToCustomerGauge(change: AgentStatusChange, settings: Static<typeof CustomerGaugeSettings>): CustomerGaugeActivity {
  const activity: CustomerGaugeActivity = {
    reference: customerGaugeReference(change),
    account: truncate(settings.cg_account, CUSTOMERGAUGE_LIMITS.account),
    type: truncate(activityName(change), CUSTOMERGAUGE_LIMITS.type),
    source: 'Freshchat',
    happened_at: cgDateTime(change.changedAt),
    additional_information_object: { ...changeFacts(change), description: changeDescription(change), timezone: 'UTC' },
  };
  if (settings.cg_send_contact && change.agent.email) activity.contact = truncate(change.agent.email, CUSTOMERGAUGE_LIMITS.contact);
  return activity;
}

/** CustomerGauge's `Y-m-d H:i:s`, always in UTC. */
function cgDateTime(ms: number): string {
  return isoUtcSeconds(ms).slice(0, 19).replace('T', ' ');
}
