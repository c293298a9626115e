/**
 * The behaviour of every destination, by id. Its descriptor (src/shared/destinations/) says what
 * it is; a descriptor without an entry here does not compile.
 */
import { DESCRIPTORS, type DestinationId } from '../../shared/destinations';
import { customerGauge } from './customergauge';
import { freshdesk } from './freshdesk';
import type { Destination } from './types';

const IMPLEMENTATIONS: Record<DestinationId, Destination> = {
  freshdesk,
  customergauge: customerGauge,
};

/** In the descriptors' order. */
export const destinations: readonly Destination[] = DESCRIPTORS.map((d) => IMPLEMENTATIONS[d.id]);
