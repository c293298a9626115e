/** The config files cannot drift from the destination descriptors: names, secure flags, options, limits. */
import fs from 'node:fs';
import path from 'node:path';
import { destinations } from '../../src/server/destinations/registry';
import { DESCRIPTORS } from '../../src/shared/destinations';
import type { IparamDescriptor } from '../../src/shared/destinations/descriptor';
import { iparamDrift, requestDrift } from '../support/descriptor-drift';
import { installationPageFields } from '../support/installation-page';

const APP_DIR = path.resolve(__dirname, '../..');
const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(APP_DIR, file), 'utf8')) as Record<string, unknown>;

const requests = readJson('config/requests.json');
const manifest = readJson('manifest.json');
const page = fs.readFileSync(path.join(APP_DIR, 'config/iparams.html'), 'utf8');

const PIPELINE_IPARAMS = ['destinations', 'event_kinds'];

describe('destination descriptors against the config files', () => {
  it.each(DESCRIPTORS.map((d) => [d.id, d] as const))(
    'the %s settings schema reads only iparams its descriptor declares, with its choices',
    (id, descriptor) => {
      const schema = destinations.find((d) => d.id === id)?.settings.properties as Record<string, { enum?: unknown[]; maxLength?: number }>;
      const declared = new Map<string, IparamDescriptor>(descriptor.iparams.map((p): [string, IparamDescriptor] => [p.name, p]));
      for (const [name, property] of Object.entries(schema)) {
        expect([name, declared.has(name)]).toEqual([name, true]);
        expect([name, property.enum]).toEqual([name, declared.get(name)?.options]);
        expect([name, property.maxLength]).toEqual([name, declared.get(name)?.maxLength]);
      }
    },
  );

  it('config/requests.json and manifest.json declare exactly the templates the descriptors name, each reading only its own iparams', () => {
    expect(requestDrift(DESCRIPTORS, requests, manifest)).toEqual([]);
  });

  it('a template added, renamed or reading another destination’s iparam is reported', () => {
    const drifted = structuredClone(requests) as Record<string, Record<string, unknown>>;
    drifted.freshdeskCreateContactActivityV2 = drifted.freshdeskCreateContactActivity;
    delete drifted.freshdeskCreateContactActivity;
    drifted.customerGaugeToken = { schema: { host: 'auth.<%= iparam.freshdesk_subdomain %>.customergauge.com' } };
    expect(requestDrift(DESCRIPTORS, drifted, manifest)).toEqual([
      'config/requests.json lacks "freshdeskCreateContactActivity"',
      'config/requests.json has "freshdeskCreateContactActivityV2", which no descriptor names',
      'template "customerGaugeToken" of CustomerGauge reads iparam "freshdesk_subdomain", which is not its own',
    ]);
  });

  it('a request missing from manifest.json is reported', () => {
    const drifted = structuredClone(manifest) as { modules: { common: { requests: Record<string, unknown> } } };
    delete drifted.modules.common.requests.customerGaugeUpsertActivity;
    expect(requestDrift(DESCRIPTORS, requests, drifted)).toEqual(['manifest.json requests lacks "customerGaugeUpsertActivity"']);
  });

  it('config/iparams.html has a field for every iparam a person types, secrets as password fields, with the descriptors’ choices and limits', () => {
    expect(iparamDrift(DESCRIPTORS, installationPageFields(page), PIPELINE_IPARAMS)).toEqual([]);
  });

  it('a secret shown as plain text, a choice or a limit drifting, or a field nobody owns on the page is reported', () => {
    const drifted = page
      .replace('<fw-input id="freshdesk_api_key" type="password"', '<fw-input id="freshdesk_api_key"')
      .replace('<fw-radio value="au">au</fw-radio>', '')
      .replace(
        '<fw-input id="cg_account" label="Account name" required maxlength="255"',
        '<fw-input id="cg_account" label="Account name" required maxlength="100"',
      )
      .replace('<fw-checkbox value="CustomerGauge">CustomerGauge (activity)</fw-checkbox>', '')
      .replace('</form>', '<fw-input id="zendesk_token"></fw-input></form>');
    expect(iparamDrift(DESCRIPTORS, installationPageFields(drifted), PIPELINE_IPARAMS)).toEqual([
      '"freshdesk_api_key" is not secure on the installation page, secure in its descriptor',
      '"cg_region" offers ["eu","us"] on the installation page, ["eu","us","au"] in its descriptor',
      '"cg_account" allows 100 characters on the installation page, 255 in its descriptor',
      '"destinations" offers ["Freshdesk"] on the installation page, ["Freshdesk","CustomerGauge"] in its descriptor',
      'the installation page has "zendesk_token", which no descriptor names',
    ]);
  });
});
