import { FRESHDESK_CONTACT_MODES } from '../../../src/shared/destinations/freshdesk';
import { describeMappingSnapshots } from '../mapping-snapshot';

describeMappingSnapshots('freshdesk');
describe('with one fixed contact', () => {
  describeMappingSnapshots('freshdesk', {
    freshdesk_contact_mode: FRESHDESK_CONTACT_MODES.fixed,
    freshdesk_contact_external_id: 'support-desk',
  });
});
