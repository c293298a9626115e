/** Freshdesk contact activities, as plain data (see ./descriptor). */
import type { DestinationDescriptor } from './descriptor';

export const FRESHDESK_CONTACT_MODES = {
  agent: "Agent's own email",
  fixed: 'One fixed contact (unique external ID)',
} as const;

export const freshdesk = {
  id: 'freshdesk',
  label: 'Freshdesk',
  iparams: [
    { name: 'freshdesk_subdomain', secure: false },
    { name: 'freshdesk_api_key', secure: true },
    { name: 'freshdesk_contact_mode', secure: false, options: [FRESHDESK_CONTACT_MODES.agent, FRESHDESK_CONTACT_MODES.fixed] },
    { name: 'freshdesk_contact_external_id', secure: false, maxLength: 255 },
  ],
  templates: { createContactActivity: 'freshdeskCreateContactActivity', verifyCredentials: 'freshdeskVerifyCredentials' },
} as const satisfies DestinationDescriptor;
