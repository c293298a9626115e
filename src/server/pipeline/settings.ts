/** The iparams the pipeline itself reads: which destinations are on and which event kinds to forward. */
import { Type } from '@sinclair/typebox';

/** The kinds Freshchat sends today; any other kind is governed by LATER_KINDS_OPTION. */
export const KNOWN_EVENT_KINDS = ['GeneralAvailability', 'Intelliassign'] as const;
/** `event_kinds` option for kinds Freshchat adds after this app was written (forwarded as they come). */
export const LATER_KINDS_OPTION = 'Kinds added later';

export const PipelineSettings = Type.Object({
  destinations: Type.Array(Type.String(), { default: ['Freshdesk', 'CustomerGauge'] }),
  event_kinds: Type.Array(Type.String(), { default: [...KNOWN_EVENT_KINDS, LATER_KINDS_OPTION] }),
});

/** Whether the `event_kinds` setting forwards `kind`. */
export function forwardsKind(eventKinds: readonly string[], kind: string): boolean {
  const known = (KNOWN_EVENT_KINDS as readonly string[]).includes(kind);
  return eventKinds.includes(known ? kind : LATER_KINDS_OPTION);
}

/** Secure iparams: never logged, never stored, never returned to the browser. */
export { SECURE_IPARAMS } from '../../shared/iparam-rules';
