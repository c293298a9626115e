/**
 * What each destination adds to the installation page besides its fields (which its descriptor
 * declares): the Save rules the descriptor cannot say, its connection test and the secure values
 * derived from typed ones. One per destination, in ./destinations/index.ts.
 */
import type { FieldErrors, FieldName, IparamValues, TypedSecrets } from '../shared/iparam-rules';

export interface ConnectionResult {
  ok: boolean;
  message: string;
  /** The field the failure is about, when the vendor's answer says which. */
  field?: FieldName;
  /** A definite refusal (bad credential, unknown account): saving these values would only fail later. */
  refused?: boolean;
}

export interface DestinationPage {
  /** The value saved for what was typed, by iparam (a pasted address shortened); others are saved trimmed. */
  normalise?: Partial<Record<FieldName, (typed: string) => string>>;
  /** Rules beyond the descriptor's (required, choices, limits), on the normalised values and the typed secrets. */
  errors(values: IparamValues, secrets: TypedSecrets): FieldErrors;
  /** What a field's saved value means, shown under it while it is valid (a shortened address and the host it means). */
  savedAs?: Partial<Record<FieldName, (saved: string) => string>>;
  /** One authenticated call with the typed values; only called when the destination's fields have no errors. */
  test(values: IparamValues, secrets: TypedSecrets): Promise<ConnectionResult>;
  /** Secure iparams computed from the typed values and secrets. */
  derive(values: IparamValues, secrets: TypedSecrets): Record<string, string>;
}

let clientReady: Promise<FdkClient> | undefined;
/** The page's FDK client, initialised once. */
export function fdkClient(): Promise<FdkClient> {
  if (!clientReady) clientReady = app.initialized();
  return clientReady;
}

/** The HTTP status of a failed template call; 0 when there was no answer. */
export function statusOf(err: unknown): number {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : 0;
}

/** The words for a vendor that did not answer usefully: not a verdict on the credentials. */
export function unreachable(what: string, status: number): ConnectionResult {
  return { ok: false, message: `${what} could not be reached (${status ? `HTTP ${status}` : 'no answer'}). Try again later.` };
}
