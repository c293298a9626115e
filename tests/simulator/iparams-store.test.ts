/** Which iparams the runtime gets in each mode, and the live-mode pages. */
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR, SANDBOX_IPARAMS } from '../../simulator/local-app';
import { loadIparamFields } from '../../simulator/web/iparams-config';
import { IparamsStore } from '../../simulator/web/iparams-store';
import { startRecordingServer, tempDir } from './helpers';

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
  return { store: new IparamsStore(file, loadIparamFields(APP_DIR)), dir };
}

test('sandbox mode: the sandbox account with the saved choices; live mode: the saved values as they are', () => {
  const { store, dir } = storeWith(SAVED);
  expect(store.effective(false)).toEqual({
    ...SANDBOX_IPARAMS,
    destinations: ['Freshdesk'],
    event_kinds: ['Intelliassign'],
    cg_region: 'us',
    cg_account: 'Acme Corp',
  });
  expect(store.effective(true)).toMatchObject(SAVED);
  // Fields never saved get their config/iparams.json defaults in live mode.
  expect(store.effective(true)).toMatchObject({ freshdesk_contact_mode: "Agent's own email", cg_send_contact: false });
  expect(store.publicValues()).not.toHaveProperty('freshdesk_api_key');
  fs.rmSync(dir, { recursive: true, force: true });
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
    expect(page).not.toContain('sandbox-freshdesk-api-key');
  } finally {
    await sim.server.close();
    fs.rmSync(sim.dir, { recursive: true, force: true });
  }
});
