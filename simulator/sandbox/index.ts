/**
 * Sandbox destinations: local node:http servers that behave like the Freshdesk and
 * CustomerGauge endpoints the app calls, record what they receive, and misbehave on demand.
 * Used by tests, the `npm start` simulator and benchmarks.
 */
export type { FaultMode, ReceivedRequest, SandboxServer, ScriptedFault, ServerOptions } from './types';
export { startFreshdeskSandbox, type FreshdeskSandbox, type FreshdeskSandboxOptions } from './freshdesk';
export {
  startCustomerGaugeSandbox,
  ACTIVITIES_PATH,
  TOKEN_PATH,
  type CustomerGaugeSandbox,
  type CustomerGaugeSandboxOptions,
} from './customergauge';
