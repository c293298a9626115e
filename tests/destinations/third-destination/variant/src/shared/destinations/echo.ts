/** Echo, a test-only destination (tests/destinations/third-destination): what it is, as plain data. */
import type { DestinationDescriptor } from './descriptor';

export const echo = {
  id: 'echo',
  label: 'Echo',
  iparams: [{ name: 'echo_token', secure: true }],
  templates: { postStatus: 'echoPostStatus' },
} as const satisfies DestinationDescriptor;
