/** Which iparams the runtime gets in each mode, and the live-mode pages. */
import fs from 'node:fs';
import path from 'node:path';
import { SANDBOX_IPARAMS } from '../../simulator/local-app';
import { IparamsStore } from '../../simulator/web/iparams-store';
import { startRecordingServer, tempDir } from './helpers';

const SECURE = ['freshdesk_api_key', 'cg_client_secret', 'cg_client_credentials'];
const SAVED = {
  destinations: ['Freshdesk'],
  event_kinds: ['Intelliassign'],
  freshdesk_subdomain: 'acme',
  freshdesk_api_key: 'real-key-123',
  cg_region: 'us',
  cg_client_id: 'real-id',
  cg_client_secret: 'real-secret',
  cg_client_credentials: 'cmVhbC1pZDpyZWFsLXNlY3JldA==',
  cg_account: 'Acme Corp',
};

function storeWith(values: unknown): { store: IparamsStore; dir: string } {
  const dir = tempDir();
  const file = path.join(dir, 'iparam_test_data.json');
  fs.writeFileSync(file, JSON.stringify(values));
  return { store: new IparamsStore(file), dir };
}

test('sandbox mode: the sandbox account with the saved choices; live mode: the saved values as they are', () => {
  const { store, dir } = storeWith({ __meta: { secure: SECURE }, ...SAVED });
  expect(store.effective(false)).toEqual({
    ...SANDBOX_IPARAMS,
    destinations: ['Freshdesk'],
    event_kinds: ['Intelliassign'],
    cg_region: 'us',
    cg_account: 'Acme Corp',
  });
  expect(store.effective(true)).toMatchObject(SAVED);
  // Fields never saved get the installation page's defaults in live mode.
  expect(store.effective(true)).toMatchObject({ freshdesk_contact_mode: "Agent's own email", cg_send_contact: false });
  for (const name of SECURE) expect(store.publicValues()).not.toHaveProperty(name);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a secure value left out of postConfigs keeps the stored one; a new one replaces it', () => {
  const { store, dir } = storeWith({ __meta: { secure: SECURE }, ...SAVED });
  const { freshdesk_api_key, cg_client_secret, cg_client_credentials, ...rest } = SAVED;
  expect(store.save({ __meta: { secure: SECURE }, ...rest, cg_region: 'au' })).toEqual({ ok: true });
  expect(store.effective(true)).toMatchObject({ cg_region: 'au', freshdesk_api_key, cg_client_secret, cg_client_credentials });
  expect(store.save({ __meta: { secure: SECURE }, ...rest, freshdesk_api_key: 'new-key' })).toEqual({ ok: true });
  expect(store.effective(true)).toMatchObject({ freshdesk_api_key: 'new-key', cg_client_credentials });
  // What the browser gets, and what is on disk: secure names listed, values never in publicValues.
  expect(Object.keys(store.publicValues()).filter((name) => SECURE.includes(name))).toEqual([]);
  expect(JSON.parse(fs.readFileSync(store.file, 'utf8')).__meta.secure.sort()).toEqual([...SECURE].sort());
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a value the page forgot to list in __meta.secure is a plain iparam, as on the platform', () => {
  const { store, dir } = storeWith({ __meta: { secure: [] }, ...SAVED });
  expect(store.publicValues()).toHaveProperty('freshdesk_api_key', 'real-key-123');
  fs.rmSync(dir, { recursive: true, force: true });
});

test.each([
  ['not an object', ['Freshdesk'], 'postConfigs() must return an object of iparam values'],
  ['__meta.secure not a list', { __meta: { secure: 'freshdesk_api_key' } }, 'postConfigs(): __meta.secure must be a list of iparam names'],
])('postConfigs answer %s is refused', (_name, answer, message) => {
  const { store, dir } = storeWith({ __meta: { secure: [] } });
  expect(store.save(answer)).toEqual({ ok: false, message });
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a flat file without __meta (FDK's old iparam_test_data.json format) keeps the app's secrets server-side", () => {
  const { store, dir } = storeWith(SAVED);
  expect(store.secureNames().sort()).toEqual([...SECURE].sort());
  for (const name of SECURE) expect(store.publicValues()).not.toHaveProperty(name);
  expect(store.effective(true)).toMatchObject(SAVED);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a broken __meta in the file is refused with the fix', () => {
  expect(() => storeWith({ __meta: { secure: 'all' } })).toThrow(/__meta\.secure must be a list of iparam names\. Delete it or fix it\./);
});

test('an iparams file that is JSON but not an object is refused with the fix', () => {
  expect(() => storeWith(['Freshdesk'])).toThrow(/must hold a JSON object of iparam values\. Delete it or fix it\./);
});

test('live mode: the pages say so and offer no sandbox controls', async () => {
  const sim = await startRecordingServer({ live: true });
  try {
    const home = await sim.get('/');
    expect(home.text).toContain('live: real Freshdesk and CustomerGauge');
    expect(home.text).toContain('Live mode needs your real credentials');
    expect((await sim.get('/web/test')).text).not.toContain('Sandbox faults');
    const page = (await sim.get('/custom_configs')).text;
    expect(page).not.toContain('id="fill-sandbox"');
    expect(page).toContain('src="/custom_configs/form"');
    expect(page).not.toContain('sandbox-freshdesk-api-key');
  } finally {
    await sim.server.close();
    fs.rmSync(sim.dir, { recursive: true, force: true });
  }
});
