/** The rules the installation page applies on Save and while typing (src/iparams/save-rules.ts and each destination's part), field by field. */
import { basicCredentials } from '../../src/iparams/destinations/customergauge';
import { normaliseSubdomain } from '../../src/iparams/destinations/freshdesk';
import { settingsErrors } from '../../src/iparams/save-rules';
import { FRESHDESK_CONTACT_MODES } from '../../src/shared/destinations/freshdesk';
import { IPARAM_DEFAULTS, type IparamValues } from '../../src/shared/iparam-rules';

const FILLED: IparamValues = { ...IPARAM_DEFAULTS, freshdesk_subdomain: 'acme', cg_client_id: 'client-1', cg_account: 'Acme' };
const SECRETS = { freshdesk_api_key: 'key', cg_client_secret: 'secret' };
const NO_SECRETS = { freshdesk_api_key: '', cg_client_secret: '' };

test('an untouched page has every required field in error, each with its descriptor’s words', () => {
  expect(settingsErrors({ ...IPARAM_DEFAULTS }, NO_SECRETS)).toEqual({
    freshdesk_subdomain: 'Enter your Freshdesk subdomain: acme for acme.freshdesk.com.',
    freshdesk_api_key: 'Enter the API key of a Freshdesk agent.',
    cg_client_id: 'Enter the CustomerGauge OAuth client ID.',
    cg_client_secret: 'Enter the CustomerGauge OAuth client secret.',
    cg_account: 'Enter the CustomerGauge account name.',
  });
});

test('required fields follow the enabled destinations', () => {
  expect(Object.keys(settingsErrors({ ...IPARAM_DEFAULTS, destinations: ['Freshdesk'] }, NO_SECRETS))).toEqual([
    'freshdesk_subdomain',
    'freshdesk_api_key',
  ]);
  expect(Object.keys(settingsErrors({ ...IPARAM_DEFAULTS, destinations: ['CustomerGauge'] }, NO_SECRETS))).toEqual([
    'cg_client_id',
    'cg_client_secret',
    'cg_account',
  ]);
  expect(settingsErrors({ ...FILLED, destinations: [], event_kinds: [] }, SECRETS)).toEqual({
    destinations: 'Choose at least one destination.',
    event_kinds: 'Choose at least one kind of change to forward.',
  });
});

test.each([
  ['acme.freshdesk.com', 'acme'],
  ['https://Acme.freshdesk.com/', 'acme'],
  ['  acme  ', 'acme'],
  ['evil.com/', 'evil.com'],
  // Never cut down to something else: judged as typed.
  ['evil.com/x', 'evil.com/x'],
])('subdomain %j normalises to %j', (typed, normalised) => {
  expect(normaliseSubdomain(typed)).toBe(normalised);
});

test.each(['https://acme.freshdesk.com/', 'acme.freshdesk.com', 'ACME'])('subdomain %j is accepted as typed', (typed) => {
  expect(settingsErrors({ ...FILLED, freshdesk_subdomain: typed }, SECRETS)).toEqual({});
});

test.each(['evil.com', 'evil.com/x', 'acme.freshdesk.com.evil.com', 'a_b', '-acme'])('subdomain %j is refused', (subdomain) => {
  expect(settingsErrors({ ...FILLED, freshdesk_subdomain: subdomain }, SECRETS).freshdesk_subdomain).toBe(
    'Only a Freshdesk address is accepted: acme or acme.freshdesk.com.',
  );
});

test('cg_region is one of eu, us, au: a crafted host fragment is refused', () => {
  expect(settingsErrors({ ...FILLED, cg_region: 'x.evil.com#' }, SECRETS)).toEqual({ cg_region: 'Choose one of eu, us, au.' });
  for (const region of ['eu', 'us', 'au']) expect(settingsErrors({ ...FILLED, cg_region: region }, SECRETS)).toEqual({});
});

test('a fixed contact needs its external ID, at most 255 characters', () => {
  const fixed = { ...FILLED, freshdesk_contact_mode: FRESHDESK_CONTACT_MODES.fixed };
  expect(settingsErrors(fixed, SECRETS)).toEqual({ freshdesk_contact_external_id: 'Enter the unique external ID of the contact.' });
  expect(settingsErrors({ ...fixed, freshdesk_contact_external_id: 'x'.repeat(256) }, SECRETS)).toEqual({
    freshdesk_contact_external_id: 'At most 255 characters.',
  });
  expect(settingsErrors({ ...fixed, freshdesk_contact_external_id: 'crm-1' }, SECRETS)).toEqual({});
});

test('secrets are required on every save: nothing says the platform keeps one left out', () => {
  expect(settingsErrors({ ...FILLED, cg_region: 'us' }, NO_SECRETS)).toEqual({
    freshdesk_api_key: 'Enter the API key of a Freshdesk agent.',
    cg_client_secret: 'Enter the CustomerGauge OAuth client secret.',
  });
});

test('the derived credential is base64 of the UTF-8 id:secret', () => {
  expect(basicCredentials('sandbox-client-id', 'sandbox-client-secret')).toBe(
    Buffer.from('sandbox-client-id:sandbox-client-secret').toString('base64'),
  );
  expect(basicCredentials('ïd', 'sécret')).toBe(Buffer.from('ïd:sécret', 'utf8').toString('base64'));
});
