/** CustomerGauge activities, as plain data (see ./descriptor). */
import type { DestinationDescriptor } from './descriptor';

export const CUSTOMERGAUGE_REGIONS = ['eu', 'us', 'au'] as const;

export const customerGauge = {
  id: 'customergauge',
  label: 'CustomerGauge',
  iparams: [
    { name: 'cg_region', secure: false, options: CUSTOMERGAUGE_REGIONS },
    { name: 'cg_client_id', secure: false },
    { name: 'cg_client_secret', secure: true },
    // base64(client_id:client_secret), built by the installation page for the token request's header.
    { name: 'cg_client_credentials', secure: true, derived: true },
    { name: 'cg_account', secure: false, maxLength: 255 },
    { name: 'cg_send_contact', secure: false },
  ],
  templates: {
    token: 'customerGaugeToken',
    verifyCredentials: 'customerGaugeVerifyCredentials',
    upsertActivity: 'customerGaugeUpsertActivity',
  },
} as const satisfies DestinationDescriptor;
