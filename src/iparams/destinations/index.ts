/**
 * Every destination's part of the installation page, by descriptor id: a descriptor without an
 * entry here does not compile. Adding one: its file here and one line below.
 */
import type { DestinationId } from '../../shared/destinations';
import type { DestinationPage } from '../destination-page';
import { customerGaugePage } from './customergauge';
import { freshdeskPage } from './freshdesk';

export const PAGES: Readonly<Record<DestinationId, DestinationPage>> = {
  freshdesk: freshdeskPage,
  customergauge: customerGaugePage,
};
