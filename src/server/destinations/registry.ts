/** Every destination the app can push to. A third destination is one new folder and one line here. */
import { customerGauge } from './customergauge';
import { freshdesk } from './freshdesk';
import type { Destination, DestinationId } from './types';

export const destinations: readonly Destination[] = [freshdesk, customerGauge];

export function destinationById(id: string): Destination | undefined {
  return destinations.find((d) => d.id === id);
}

export type { DestinationId };
