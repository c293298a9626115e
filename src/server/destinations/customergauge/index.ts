/** CustomerGauge activities: PUT https://imports.api.<region>.customergauge.com/activities */
import { customerGauge as customerGaugeDescriptor } from '../../../shared/destinations/customergauge';
import { defineDestination } from '../types';
import { upsertActivity } from './client';
import { accessToken } from './token';
import { mapToCustomerGauge } from './mapping';
import { CustomerGaugeSettings } from './settings';

export const customerGauge = defineDestination(customerGaugeDescriptor, {
  settings: CustomerGaugeSettings,
  map: mapToCustomerGauge,
  summarize: (payload) => ({
    name: `${payload.type}: ${payload.additional_information_object['status'] ?? ''}`,
    happened_at: `${payload.happened_at} UTC`,
    recipient: payload.contact ? `${payload.account} / ${payload.contact}` : payload.account,
    reference: payload.reference,
  }),
  send: upsertActivity,
  idempotent: true,
  fetchToken: (ctx) => accessToken(ctx, false),
});
