/** CustomerGauge activities, as plain data (see ./descriptor). */
import type { DestinationDescriptor } from './descriptor';

/** The only regions a CustomerGauge host is built from: a crafted value never reaches a template. */
export const CUSTOMERGAUGE_REGIONS = ['eu', 'us', 'au'] as const;

export const customerGauge = {
  id: 'customergauge',
  label: 'CustomerGauge',
  receives: 'activity',
  iparams: [
    {
      name: 'cg_region',
      secure: false,
      options: CUSTOMERGAUGE_REGIONS,
      field: {
        kind: 'choice',
        label: 'Region your account is hosted in',
        default: 'eu',
        missing: `Choose one of ${CUSTOMERGAUGE_REGIONS.join(', ')}.`,
        optionLabels: { eu: 'eu', us: 'us', au: 'au' },
      },
    },
    {
      name: 'cg_client_id',
      secure: false,
      field: {
        kind: 'text',
        label: 'OAuth client ID',
        hint: 'Integrations → API credentials (client credentials grant).',
        default: '',
        missing: 'Enter the CustomerGauge OAuth client ID.',
      },
    },
    {
      name: 'cg_client_secret',
      secure: true,
      field: {
        kind: 'secret',
        label: 'OAuth client secret',
        // Least privilege (README "Installation parameters", least privilege): the app only imports activities.
        hint: 'Of a client limited to imports (activities), not one with access to the whole account.',
        default: '',
        missing: 'Enter the CustomerGauge OAuth client secret.',
      },
    },
    // base64(client_id:client_secret), built by the installation page for the token request's header.
    { name: 'cg_client_credentials', secure: true, derived: true },
    {
      name: 'cg_account',
      secure: false,
      maxLength: 255,
      field: {
        kind: 'text',
        label: 'Account name',
        hint: 'The account the activities belong to (created by CustomerGauge if it does not exist).',
        default: '',
        missing: 'Enter the CustomerGauge account name.',
      },
    },
    {
      name: 'cg_send_contact',
      secure: false,
      field: {
        kind: 'flag',
        label: "Send the agent's email as CustomerGauge contact (only if every agent exists there)",
        default: false,
      },
    },
  ],
  templates: {
    token: 'customerGaugeToken',
    verifyCredentials: 'customerGaugeVerifyCredentials',
    upsertActivity: 'customerGaugeUpsertActivity',
  },
} as const satisfies DestinationDescriptor;
