/** The manifest checks must pass on this app and catch each mistake `fdk validate` rejects. */
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR } from '../../simulator/local-app';
import { validateApp } from '../../simulator/validate/app-checks';
import { copyApp, editJson } from './app-copy';

/** An iparams.json app instead of the custom page (FDK allows one or the other). */
function writeIparamsJson(dir: string, iparams: unknown): void {
  fs.rmSync(path.join(dir, 'config/iparams.html'));
  fs.writeFileSync(path.join(dir, 'config/iparams.json'), JSON.stringify(iparams));
}

test('this app passes', async () => {
  expect(await validateApp(APP_DIR)).toEqual([]);
});

test.each<[string, (dir: string) => void, unknown]>([
  [
    'a request declared but not defined',
    (d) => editJson(d, 'manifest.json', (m) => (m.modules.common.requests.ghost = {})),
    'manifest declares request "ghost" but config/requests.json has no such template',
  ],
  [
    'a template not declared',
    (d) => editJson(d, 'manifest.json', (m) => delete m.modules.common.requests.freshdeskVerifyCredentials),
    'config/requests.json template "freshdeskVerifyCredentials" is not declared in manifest modules.common.requests',
  ],
  [
    'a handler not exported',
    (d) => editJson(d, 'manifest.json', (m) => (m.modules.chat_conversation.events.onAgentActivityCreate.handler = 'missing')),
    expect.stringContaining("Event callback 'missing' of onAgentActivityCreate is not defined in server/server.js"),
  ],
  [
    'a function not exported',
    (d) => editJson(d, 'manifest.json', (m) => (m.modules.common.functions.nope = {})),
    expect.stringContaining("Server method 'nope' is not defined in server/server.js"),
  ],
  [
    'an invalid iparam type',
    (d) => writeIparamsJson(d, { cg_account: { display_name: 'Account', type: 'textbox' } }),
    'iparam "cg_account" has an invalid type "textbox"',
  ],
  [
    'a dropdown default outside its options',
    (d) => writeIparamsJson(d, { cg_region: { display_name: 'Region', type: 'dropdown', options: ['eu'], default_value: 'mars' } }),
    'iparam "cg_region" default "mars" is not one of its options',
  ],
  [
    'a secure iparam in a path',
    (d) =>
      editJson(
        d,
        'config/requests.json',
        (r) => (r.freshdeskCreateContactActivity.schema.path = '/api/v2/<%= iparam.freshdesk_api_key %>'),
      ),
    'template "freshdeskCreateContactActivity" uses secure iparam "freshdesk_api_key" outside headers',
  ],
  [
    'a non-https template',
    (d) => editJson(d, 'config/requests.json', (r) => (r.customerGaugeToken.schema.protocol = 'http')),
    'template "customerGaugeToken" must use https',
  ],
  [
    'a host that is not a FQDN',
    (d) => editJson(d, 'config/requests.json', (r) => (r.customerGaugeToken.schema.host = 'localhost')),
    'template "customerGaugeToken" host "localhost" is not a fully qualified domain name',
  ],
  ['a missing icon', (d) => fs.rmSync(path.join(d, 'app/styles/images/icon.svg')), 'app/styles/images/icon.svg is missing'],
  [
    'another platform version',
    (d) => editJson(d, 'manifest.json', (m) => (m['platform-version'] = '2.3')),
    'manifest.json platform-version must be "3.0"',
  ],
])('catches %s', async (_name, breakIt, problem) => {
  const dir = copyApp();
  breakIt(dir);
  expect(await validateApp(dir)).toContainEqual(problem);
});

test("fdk run's event simulator payload is the Intelliassign example in test_data/", () => {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(APP_DIR, file), 'utf8'));
  expect(read('server/test_data/chat_conversation/onAgentActivityCreate.json')).toEqual(
    read('test_data/onAgentActivityCreate.intelliassign.json'),
  );
});
