/** The rules the installation page applies on Save (src/shared/iparam-rules.ts), field by field. */
import { basicCredentials } from '../../src/iparams/credentials';
import {
  CONTACT_MODE_FIXED,
  IPARAM_DEFAULTS,
  isCgRegion,
  normaliseSubdomain,
  NOTHING_STORED,
  settingsErrors,
  storedSecretsOf,
  type IparamValues,
} from '../../src/shared/iparam-rules';

const FILLED: IparamValues = { ...IPARAM_DEFAULTS, freshdesk_subdomain: 'acme', cg_client_id: 'client-1', cg_account: 'Acme' };
const SECRETS = { freshdesk_api_key: 'key', cg_client_secret: 'secret' };
const NO_SECRETS = { freshdesk_api_key: '', cg_client_secret: '' };

test('an untouched page with nothing stored has every required field in error', () => {
  expect(settingsErrors({ ...IPARAM_DEFAULTS }, NO_SECRETS, NOTHING_STORED)).toEqual({
    freshdesk_subdomain: 'Enter your Freshdesk subdomain: acme for acme.freshdesk.com.',
    freshdesk_api_key: 'Enter the API key of a Freshdesk agent.',
    cg_client_id: 'Enter the CustomerGauge OAuth client ID.',
    cg_client_secret: 'Enter the CustomerGauge OAuth client secret.',
    cg_account: 'Enter the CustomerGauge account name.',
  });
});

test('required fields follow the enabled destinations', () => {
  expect(Object.keys(settingsErrors({ ...IPARAM_DEFAULTS, destinations: ['Freshdesk'] }, NO_SECRETS, NOTHING_STORED))).toEqual([
    'freshdesk_subdomain',
    'freshdesk_api_key',
  ]);
  expect(Object.keys(settingsErrors({ ...IPARAM_DEFAULTS, destinations: ['CustomerGauge'] }, NO_SECRETS, NOTHING_STORED))).toEqual([
    'cg_client_id',
    'cg_client_secret',
    'cg_account',
  ]);
  expect(settingsErrors({ ...FILLED, destinations: [], event_kinds: [] }, SECRETS, NOTHING_STORED)).toEqual({
    destinations: 'Choose at least one destination.',
    event_kinds: 'Choose at least one kind of change to forward.',
  });
});

test.each([
  ['acme.freshdesk.com', 'acme'],
  ['https://Acme.freshdesk.com/', 'acme'],
  ['  acme  ', 'acme'],
  ['evil.com/', 'evil.com'],
])('subdomain %j normalises to %j', (typed, normalised) => {
  expect(normaliseSubdomain(typed)).toBe(normalised);
});

test.each(['evil.com', 'acme.freshdesk.com.evil.com', 'a_b', '-acme'])('subdomain %j is refused', (subdomain) => {
  expect(settingsErrors({ ...FILLED, freshdesk_subdomain: subdomain }, SECRETS, NOTHING_STORED).freshdesk_subdomain).toBe(
    'Only a Freshdesk address is accepted: acme or acme.freshdesk.com.',
  );
});

test('cg_region is one of eu, us, au: a crafted host fragment is refused', () => {
  expect(isCgRegion('x.evil.com#')).toBe(false);
  expect(settingsErrors({ ...FILLED, cg_region: 'x.evil.com#' }, SECRETS, NOTHING_STORED)).toEqual({
    cg_region: 'Choose one of eu, us, au.',
  });
  expect(['eu', 'us', 'au'].every(isCgRegion)).toBe(true);
});

test('a fixed contact needs its external ID, at most 255 characters', () => {
  const fixed = { ...FILLED, freshdesk_contact_mode: CONTACT_MODE_FIXED };
  expect(settingsErrors(fixed, SECRETS, NOTHING_STORED)).toEqual({
    freshdesk_contact_external_id: 'Enter the unique external ID of the contact.',
  });
  expect(settingsErrors({ ...fixed, freshdesk_contact_external_id: 'x'.repeat(256) }, SECRETS, NOTHING_STORED)).toEqual({
    freshdesk_contact_external_id: 'At most 255 characters.',
  });
  expect(settingsErrors({ ...fixed, freshdesk_contact_external_id: 'crm-1' }, SECRETS, NOTHING_STORED)).toEqual({});
});

test('editing: blank secrets keep the stored ones; a new client ID asks for the secret again', () => {
  const stored = storedSecretsOf(FILLED);
  expect(stored).toEqual({ freshdeskApiKey: true, cgClientId: 'client-1' });
  expect(settingsErrors({ ...FILLED, cg_region: 'us', cg_account: 'Other' }, NO_SECRETS, stored)).toEqual({});
  expect(settingsErrors({ ...FILLED, cg_client_id: 'client-2' }, NO_SECRETS, stored)).toEqual({
    cg_client_secret: 'Enter the client secret again: the saved one belongs to client ID client-1.',
  });
  // A destination that was off when saved has no stored secrets.
  expect(storedSecretsOf({ ...FILLED, destinations: ['Freshdesk'] })).toEqual({ freshdeskApiKey: true, cgClientId: undefined });
});

test('the derived credential is base64 of the UTF-8 id:secret', () => {
  expect(basicCredentials('sandbox-client-id', 'sandbox-client-secret')).toBe(
    Buffer.from('sandbox-client-id:sandbox-client-secret').toString('base64'),
  );
  expect(basicCredentials('ïd', 'sécret')).toBe(Buffer.from('ïd:sécret', 'utf8').toString('base64'));
});
