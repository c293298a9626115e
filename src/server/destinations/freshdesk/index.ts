/** Freshdesk contact activities: https://<subdomain>.freshdesk.com/api/v2/contact-activities */
import { defineDestination } from '../types';
import { createContactActivity } from './client';
import { mapToFreshdesk } from './mapping';
import { FreshdeskSettings } from './settings';

export const freshdesk = defineDestination({
  id: 'freshdesk',
  label: 'Freshdesk',
  iparamOption: 'Freshdesk',
  settings: FreshdeskSettings,
  map: mapToFreshdesk,
  summarize: (payload) => ({
    name: payload.activity.name,
    happened_at: payload.activity.timestamp,
    recipient: 'email' in payload.contact ? payload.contact.email : `external id ${payload.contact.unique_external_id}`,
    reference: payload.activity.object.id,
  }),
  send: createContactActivity,
  idempotent: false,
});
