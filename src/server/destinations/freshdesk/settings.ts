/** The iparams Freshdesk needs (set on config/iparams.html). */
import { Type } from '@sinclair/typebox';
import { CONTACT_MODE_AGENT, CONTACT_MODE_FIXED, FRESHDESK_SUBDOMAIN_PATTERN } from '../../../shared/iparam-rules';
import { OneOf } from '../../core/validation';

export { CONTACT_MODE_AGENT, CONTACT_MODE_FIXED };

export const FreshdeskSettings = Type.Object({
  freshdesk_subdomain: Type.String({ pattern: FRESHDESK_SUBDOMAIN_PATTERN }),
  freshdesk_api_key: Type.String({ minLength: 1 }),
  freshdesk_contact_mode: OneOf([CONTACT_MODE_AGENT, CONTACT_MODE_FIXED], { default: CONTACT_MODE_AGENT }),
  freshdesk_contact_external_id: Type.Optional(Type.String({ maxLength: 255 })),
});
