/**
 * Fake vendors: local node:http servers that behave like the Freshdesk and
 * CustomerGauge endpoints the app calls, record what they receive, and misbehave on demand.
 * Used by tests, the `npm start` simulator and benchmarks.
 */
export { FAULT_MODES, type FaultMode, type ReceivedRequest, type FakeVendorServer, type ScriptedFault, type ServerOptions } from './types';
export { startFakeFreshdesk, type FakeFreshdesk, type FakeFreshdeskOptions } from './freshdesk';
export {
  startFakeCustomerGauge,
  ACTIVITIES_PATH,
  TOKEN_PATH,
  type FakeCustomerGauge,
  type FakeCustomerGaugeOptions,
} from './customergauge';
