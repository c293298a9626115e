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

  it('config/iparams.html holds no destination field: the page renders them from the descriptors (checked in the browser test)', () => {
    expect(Object.keys(installationPageFields(page))).toEqual(['destinations', 'event_kinds']);
    expect(installationPageFields(page).destinations.options).toEqual([]);
  });

  it.each(DESCRIPTORS.map((d) => [d.id, d] as const))(
    'every %s iparam a person types declares its field as the iparam is',
    (_id, descriptor) => {
      for (const p of descriptor.iparams as readonly IparamDescriptor[]) {
        if (p.derived === true) {
          expect([p.name, p.field]).toEqual([p.name, undefined]);
          continue;
        }
        const field = p.field;
        expect([p.name, field !== undefined]).toEqual([p.name, true]);
        expect([p.name, field?.kind === 'secret']).toEqual([p.name, p.secure]);
        expect([p.name, field?.kind === 'choice']).toEqual([p.name, p.options !== undefined]);
        if (p.options) expect([p.name, Object.keys(field?.optionLabels ?? {})]).toEqual([p.name, [...p.options]]);
        // A field a person must fill says so when it is missing.
        if (field?.kind !== 'flag') expect([p.name, typeof field?.missing]).toEqual([p.name, 'string']);
      }
    },
  );

  it('a secret shown as plain text, a choice or a limit drifting, or a field nobody owns on the page is reported', () => {
    const rendered = `<div id="destinations" class="choices"><fw-checkbox value="Freshdesk"></fw-checkbox></div>
      <div id="event_kinds" class="choices"></div>
      <fw-input id="freshdesk_subdomain"></fw-input><fw-input id="freshdesk_api_key"></fw-input>
      <fw-radio-group id="freshdesk_contact_mode"><fw-radio value="Agent's own email"></fw-radio><fw-radio value="One fixed contact (unique external ID)"></fw-radio></fw-radio-group>
      <fw-input id="freshdesk_contact_external_id" maxlength="255"></fw-input>
      <fw-radio-group id="cg_region"><fw-radio value="eu"></fw-radio><fw-radio value="us"></fw-radio></fw-radio-group>
      <fw-input id="cg_client_id"></fw-input><fw-input id="cg_client_secret" type="password"></fw-input>
      <fw-input id="cg_account" maxlength="100"></fw-input><fw-checkbox id="cg_send_contact"></fw-checkbox>
      <fw-input id="zendesk_token"></fw-input>`;
    expect(iparamDrift(DESCRIPTORS, installationPageFields(rendered), PIPELINE_IPARAMS)).toEqual([
      '"freshdesk_api_key" is not secure on the installation page, secure in its descriptor',
      '"cg_region" offers ["eu","us"] on the installation page, ["eu","us","au"] in its descriptor',
      '"cg_account" allows 100 characters on the installation page, 255 in its descriptor',
      '"destinations" offers ["Freshdesk"] on the installation page, ["Freshdesk","CustomerGauge"] in its descriptor',
      'the installation page has "zendesk_token", which no descriptor names',
    ]);
  });
});
