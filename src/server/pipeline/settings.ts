/** The iparams the pipeline itself reads: which destinations are on and which event kinds to forward. */
import { Type } from '@sinclair/typebox';
import { DESTINATION_LABELS } from '../../shared/destinations';
import { KNOWN_EVENT_KINDS, LATER_KINDS_OPTION } from '../../shared/iparam-rules';

export const PipelineSettings = Type.Object({
  destinations: Type.Array(Type.String(), { default: [...DESTINATION_LABELS] }),
  event_kinds: Type.Array(Type.String(), { default: [...KNOWN_EVENT_KINDS, LATER_KINDS_OPTION] }),
});

/** Whether the `event_kinds` setting forwards `kind`. */
export function forwardsKind(eventKinds: readonly string[], kind: string): boolean {
  const known = (KNOWN_EVENT_KINDS as readonly string[]).includes(kind);
  return eventKinds.includes(known ? kind : LATER_KINDS_OPTION);
}
