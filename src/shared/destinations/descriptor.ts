/**
 * What the app knows about a destination as plain data: read by the server (settings, secrets,
 * templates), the sidebar (filters), the installation page (its fields, rendered from here) and the
 * simulator, and held against config/requests.json and
 * manifest.json by tests/validate/descriptors.test.ts. Behaviour lives in src/server/destinations/<id>/
 * (sending) and src/iparams/destinations/<id>.ts (the page's Save rules and connection test).
 */

/** How the installation page asks for an iparam: a text box, a password box, radio buttons, or a checkbox. */
export type IparamKind = 'text' | 'secret' | 'choice' | 'flag';

/** What a person sees and must enter for one iparam; derived iparams have none. */
export interface IparamField {
  kind: IparamKind;
  label: string;
  hint?: string;
  placeholder?: string;
  /** The value a fresh installation page starts with. */
  default: string | boolean;
  /** Said under the field when a required value is missing (or a choice is not one of the options). */
  missing?: string;
  /** The text shown for each option of a choice, by value. */
  optionLabels?: Readonly<Record<string, string>>;
  /** Shown, and required, only while another iparam of the destination has this value. */
  onlyWhen?: { readonly iparam: string; readonly value: string };
}

export interface IparamDescriptor {
  name: string;
  /** Stored securely: reachable only in request-template headers, never logged, stored or sent to the browser. */
  secure: boolean;
  /** The allowed values of a choice. */
  options?: readonly string[];
  /** Longest accepted value, in characters. */
  maxLength?: number;
  /** A regular expression the whole value must match. */
  pattern?: string;
  /** Computed by the installation page from other fields, never typed: it has no field of its own. */
  derived?: boolean;
  /** Its field on the installation page (every iparam that is not derived has one). */
  field?: IparamField;
}

export interface DestinationDescriptor {
  /** Key of the destination in history records, ids and the sidebar's filter. */
  id: string;
  /** Shown to people, and the destination's value in the `destinations` iparam. */
  label: string;
  /** What it receives, shown next to its checkbox on the installation page ("contact activity"). */
  receives: string;
  iparams: readonly IparamDescriptor[];
  /** The request templates the destination calls, by what they do. */
  templates: Readonly<Record<string, string>>;
}
