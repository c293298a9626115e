/** The iparams Freshdesk needs (set on config/iparams.html). */
import { Type } from '@sinclair/typebox';
import { freshdesk, FRESHDESK_CONTACT_MODES, FRESHDESK_SUBDOMAIN_PATTERN } from '../../../shared/destinations/freshdesk';
import { maxLengthOf } from '../../../shared/iparam-rules';
import { OneOf } from '../../core/validation';

const { agent: CONTACT_MODE_AGENT, fixed: CONTACT_MODE_FIXED } = FRESHDESK_CONTACT_MODES;

export const FreshdeskSettings = Type.Object({
  freshdesk_subdomain: Type.String({ pattern: FRESHDESK_SUBDOMAIN_PATTERN }),
  freshdesk_api_key: Type.String({ minLength: 1 }),
  freshdesk_contact_mode: OneOf([CONTACT_MODE_AGENT, CONTACT_MODE_FIXED], { default: CONTACT_MODE_AGENT }),
  freshdesk_contact_external_id: Type.Optional(Type.String({ maxLength: maxLengthOf(freshdesk.iparams, 'freshdesk_contact_external_id') })),
});
