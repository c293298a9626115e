/** The iparams the pipeline itself reads: which destinations are on and which event kinds to forward. */
import { Type } from '@sinclair/typebox';

export const PipelineSettings = Type.Object({
  destinations: Type.Array(Type.String(), { default: ['Freshdesk', 'CustomerGauge'] }),
  event_kinds: Type.Array(Type.String(), { default: ['GeneralAvailability', 'Intelliassign'] }),
});

/** Secure iparams: never logged, never stored, never returned to the browser. */
export { SECURE_IPARAMS } from '../../shared/iparam-rules';
