import { describeMappingSnapshots } from '../mapping-snapshot';

describeMappingSnapshots('customergauge');
describe('with the agent as contact', () => {
  describeMappingSnapshots('customergauge', { cg_send_contact: true });
});
