/** Every destination's live checks, by descriptor id: a descriptor without an entry here does not compile. */
import type { DestinationId } from '../../src/shared/destinations';
import type { LiveChecks } from './context';
import { customerGaugeChecks } from './customergauge';
import { freshdeskChecks } from './freshdesk';

export const LIVE_CHECKS: Record<DestinationId, LiveChecks> = {
  freshdesk: freshdeskChecks,
  customergauge: customerGaugeChecks,
};
