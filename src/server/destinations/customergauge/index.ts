/** CustomerGauge activities: PUT https://imports.api.<region>.customergauge.com/activities */
import { defineDestination } from '../types';
import { upsertActivity } from './client';
import { mapToCustomerGauge } from './mapping';
import { CustomerGaugeSettings } from './settings';

export const customerGauge = defineDestination({
  id: 'customergauge',
  label: 'CustomerGauge',
  iparamOption: 'CustomerGauge',
  settings: CustomerGaugeSettings,
  map: mapToCustomerGauge,
  summarize: (payload) => ({
    name: payload.type,
    happened_at: `${payload.happened_at} UTC`,
    recipient: payload.contact ? `${payload.account} / ${payload.contact}` : payload.account,
    reference: payload.reference,
  }),
  send: upsertActivity,
  idempotent: true,
});
