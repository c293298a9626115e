/** The iparams Freshdesk needs (see config/iparams.json). */
import { Type } from '@sinclair/typebox';

export const CONTACT_MODE_AGENT = "Agent's own email";
export const CONTACT_MODE_FIXED = 'One fixed contact (unique external ID)';

export const FreshdeskSettings = Type.Object({
  // A bare subdomain only: requests can never be aimed at a host outside *.freshdesk.com.
  freshdesk_subdomain: Type.String({ pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$' }),
  freshdesk_api_key: Type.String({ minLength: 1 }),
  freshdesk_contact_mode: Type.Union([Type.Literal(CONTACT_MODE_AGENT), Type.Literal(CONTACT_MODE_FIXED)], {
    default: CONTACT_MODE_AGENT,
  }),
  freshdesk_contact_external_id: Type.Optional(Type.String({ maxLength: 255 })),
});
