/** Freshdesk contact activities, as plain data (see ./descriptor). */
import type { DestinationDescriptor } from './descriptor';

export const FRESHDESK_CONTACT_MODES = {
  agent: "Agent's own email",
  fixed: 'One fixed contact (unique external ID)',
} as const;

/** A bare Freshdesk subdomain: requests can never be aimed at a host outside *.freshdesk.com. */
export const FRESHDESK_SUBDOMAIN_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$';

export const freshdesk = {
  id: 'freshdesk',
  label: 'Freshdesk',
  receives: 'contact activity',
  iparams: [
    {
      name: 'freshdesk_subdomain',
      secure: false,
      pattern: FRESHDESK_SUBDOMAIN_PATTERN,
      field: {
        kind: 'text',
        label: 'Freshdesk subdomain',
        placeholder: 'acme',
        hint: 'acme for acme.freshdesk.com; a pasted https://acme.freshdesk.com/ is saved as acme.',
        default: '',
        missing: 'Enter your Freshdesk subdomain: acme for acme.freshdesk.com.',
      },
    },
    {
      name: 'freshdesk_api_key',
      secure: true,
      field: {
        kind: 'secret',
        label: 'Freshdesk API key',
        // Least privilege (README "Installation parameters", least privilege): the key can do whatever its agent can.
        hint: 'Of an agent with the narrowest role that can still add contact activities, not an admin.',
        default: '',
        missing: 'Enter the API key of a Freshdesk agent.',
      },
    },
    {
      name: 'freshdesk_contact_mode',
      secure: false,
      options: [FRESHDESK_CONTACT_MODES.agent, FRESHDESK_CONTACT_MODES.fixed],
      field: {
        kind: 'choice',
        label: 'Whose timeline gets the activity',
        default: FRESHDESK_CONTACT_MODES.agent,
        missing: 'Choose whose timeline gets the activity.',
        optionLabels: {
          [FRESHDESK_CONTACT_MODES.agent]: "The agent's own contact (by email; Freshdesk creates it if missing)",
          [FRESHDESK_CONTACT_MODES.fixed]: 'One fixed contact (unique external ID)',
        },
      },
    },
    {
      name: 'freshdesk_contact_external_id',
      secure: false,
      maxLength: 255,
      field: {
        kind: 'text',
        label: "Fixed contact's unique external ID",
        hint: 'The unique_external_id of the Freshdesk contact that collects every activity.',
        default: '',
        missing: 'Enter the unique external ID of the contact.',
        onlyWhen: { iparam: 'freshdesk_contact_mode', value: FRESHDESK_CONTACT_MODES.fixed },
      },
    },
  ],
  templates: { createContactActivity: 'freshdeskCreateContactActivity', verifyCredentials: 'freshdeskVerifyCredentials' },
} as const satisfies DestinationDescriptor;
