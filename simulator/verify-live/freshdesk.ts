/**
 * Freshdesk, once: one contact activity, as the app maps it, on a dedicated test contact (by
 * `unique_external_id`, created by Freshdesk when missing), so no agent's timeline is touched.
 */
import { freshdesk } from '../../src/shared/destinations/freshdesk';
import { FRESHDESK_CONTACT_MODES } from '../../src/shared/destinations/freshdesk';
import { mapToFreshdesk } from '../../src/server/destinations/freshdesk/mapping';
import type { LiveChecks } from './context';

export const TEST_CONTACT = 'verify-live-test-contact';

const ACTIVITY = {
  title: 'Freshdesk contact activity on the test contact',
  says:
    'POST /api/v2/contact-activities {activity, contact}; timestamps YYYY-MM-DDTHH:MM:SSZ or with an offset; a contact matched by ' +
    'unique_external_id is created when none matches; Basic auth with the API key; 429 with Retry-After; X-RateLimit-Total, ' +
    '-Remaining, -Used-CurrentRequest on answers; unknown fields are invalid_field',
  question: "Are the app's fields (actor type agent/system, its timestamp form, context) accepted, and is the test contact created?",
};

export const freshdeskChecks: LiveChecks = async (live) => {
  await live.check(ACTIVITY, async () => {
    const body = mapToFreshdesk(live.sample(), {
      freshdesk_subdomain: String(live.iparams.freshdesk_subdomain),
      freshdesk_api_key: String(live.iparams.freshdesk_api_key),
      freshdesk_contact_mode: FRESHDESK_CONTACT_MODES.fixed,
      freshdesk_contact_external_id: TEST_CONTACT,
    });
    return { ...(await live.render(freshdesk.templates.createContactActivity)), body: JSON.stringify(body) };
  });
};
