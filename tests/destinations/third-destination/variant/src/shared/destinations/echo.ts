/** Echo, a test-only destination (tests/destinations/third-destination): what it is, as plain data. */
import type { DestinationDescriptor } from './descriptor';

export const echo = {
  id: 'echo',
  label: 'Echo',
  receives: 'status',
  iparams: [
    {
      name: 'echo_token',
      secure: true,
      field: { kind: 'secret', label: 'Echo token', hint: 'Starts with sandbox- or live-.', default: '', missing: 'Enter the Echo token.' },
    },
  ],
  templates: { postStatus: 'echoPostStatus', verifyToken: 'echoVerifyToken' },
} as const satisfies DestinationDescriptor;
