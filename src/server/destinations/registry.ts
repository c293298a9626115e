/** Every destination the app can push to. A third destination is one new folder and one line here. */
import { customerGauge } from './customergauge';
import { freshdesk } from './freshdesk';
import type { Destination } from './types';

export const destinations: readonly Destination[] = [freshdesk, customerGauge];
