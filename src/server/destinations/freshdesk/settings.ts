/** The iparams Freshdesk needs (see config/iparams.json). */
import { Type } from '@sinclair/typebox';
import { FRESHDESK_SUBDOMAIN_PATTERN } from '../../../shared/iparam-rules';
import { OneOf } from '../../core/validation';

export const CONTACT_MODE_AGENT = "Agent's own email";
export const CONTACT_MODE_FIXED = 'One fixed contact (unique external ID)';

export const FreshdeskSettings = Type.Object({
  freshdesk_subdomain: Type.String({ pattern: FRESHDESK_SUBDOMAIN_PATTERN }),
  freshdesk_api_key: Type.String({ minLength: 1 }),
  freshdesk_contact_mode: OneOf([CONTACT_MODE_AGENT, CONTACT_MODE_FIXED], { default: CONTACT_MODE_AGENT }),
  freshdesk_contact_external_id: Type.Optional(Type.String({ maxLength: 255 })),
});
