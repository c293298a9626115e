/**
 * What the app knows about a destination as plain data: read by the server (settings, secrets,
 * templates), the sidebar (filters), the installation page and the simulator, and held against
 * config/requests.json and manifest.json by tests/validate/descriptors.test.ts. Behaviour (mapping, sending) lives in src/server/destinations/<id>/.
 */

export interface IparamDescriptor {
  name: string;
  /** Stored securely: reachable only in request-template headers, never logged, stored or sent to the browser. */
  secure: boolean;
  /** The allowed values of a choice. */
  options?: readonly string[];
  /** Longest accepted value, in characters. */
  maxLength?: number;
  /** Computed by the installation page from other fields, never typed: it has no field of its own. */
  derived?: boolean;
}

export interface DestinationDescriptor {
  /** Key of the destination in history records, ids and the sidebar's filter. */
  id: string;
  /** Shown to people, and the destination's value in the `destinations` iparam. */
  label: string;
  iparams: readonly IparamDescriptor[];
  /** The request templates the destination calls, by what they do. */
  templates: Readonly<Record<string, string>>;
}
