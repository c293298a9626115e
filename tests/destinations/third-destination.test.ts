/**
 * Adding a destination is what README "Adding a destination" says: a variant of this app gets a
 * third, test-only destination (Echo) from the files in ./third-destination/variant — its
 * descriptor, its folder, its installation-page part, its fake — plus one line in each list
 * (descriptors, server registry, page registry, fakes) and its templates in config/requests.json
 * and manifest.json (./third-destination/make-variant.ts). The variant type-checks and builds, and
 * Echo flows through delivery, history, the sidebar's filter and the simulator; its part of the
 * installation page runs in Chromium in third-destination-page.browser.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DestinationDescriptor } from '../../src/shared/destinations';
import type * as LocalAppModule from '../../simulator/local-app';
import type * as SimulationModule from '../../simulator/web/simulation';
import type * as WebTestModule from '../../simulator/web/pages/web-test';
import { ManualClock } from '../../simulator/runtime';
import { requestDrift } from '../support/descriptor-drift';
import { buildVariant, REPO } from './third-destination/make-variant';

describe('a third destination added by a folder and one line per list', () => {
  let dir: string;
  beforeAll(() => {
    dir = buildVariant();
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const variant = <T>(file: string): T => require(path.join(dir, file)) as T;

  it('its descriptor joins the list, and the config files agree with it; config/iparams.html needs no edit', () => {
    const { DESCRIPTORS, SECURE_IPARAMS } = variant<{ DESCRIPTORS: readonly DestinationDescriptor[]; SECURE_IPARAMS: readonly string[] }>(
      'src/shared/destinations/index.ts',
    );
    expect(DESCRIPTORS.map((d) => d.label)).toEqual(['Freshdesk', 'CustomerGauge', 'Echo']);
    expect(SECURE_IPARAMS).toContain('echo_token');
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    expect(requestDrift(DESCRIPTORS, read('config/requests.json'), read('manifest.json'))).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'config/iparams.html'), 'utf8')).toBe(
      fs.readFileSync(path.join(REPO, 'config/iparams.html'), 'utf8'),
    );
  });

  it('an event is delivered to Echo through its template, recorded in the history and listed under its filter; the simulator reports it', async () => {
    const { startLocalApp, SANDBOX_IPARAMS } = variant<typeof LocalAppModule>('simulator/local-app.ts');
    const { Simulator } = variant<typeof SimulationModule>('simulator/web/simulation.ts');
    const payload = JSON.parse(fs.readFileSync(path.join(REPO, 'test_data/onAgentActivityCreate.intelliassign.json'), 'utf8'));
    const local = await startLocalApp({
      clock: new ManualClock(Date.parse('2026-11-23T11:00:00Z')),
      coverage: false,
      iparamOverrides: { echo_token: 'sandbox-echo-token' },
    });
    try {
      expect(SANDBOX_IPARAMS.destinations).toEqual(['Freshdesk', 'CustomerGauge', 'Echo']);
      const report = await new Simulator(local).fire(payload);
      expect(report.outcomes.map((o) => [o.destination, o.outcome])).toEqual(
        expect.arrayContaining([
          ['freshdesk', 'delivered'],
          ['customergauge', 'delivered'],
          ['echo', 'delivered'],
        ]),
      );
      const echoReceived = (report.received as Record<string, Array<{ path: string; body: any }>>).echo;
      expect(echoReceived).toEqual([
        expect.objectContaining({
          path: '/statuses',
          body: {
            reference: expect.any(String),
            agent: 'maya.patel@example.com',
            status: 'In a meeting',
            at: Date.parse('2026-11-23T10:45:00.000Z'),
          },
        }),
      ]);
      expect(report.requests.map((r) => r.template)).toContain('echoPostStatus');

      const listed = await local.runtime.invokeServerMethod('listActivities', { page: { size: 10 }, filter: { destination: 'echo' } });
      const activities = (
        listed.data as { activities: Array<{ outcome: string; target: { destination: string; name: string; remote_id: string | null } }> }
      ).activities;
      expect(activities).toEqual([
        expect.objectContaining({
          outcome: 'delivered',
          target: expect.objectContaining({ destination: 'echo', name: 'Echo', remote_id: 'echo-1' }),
        }),
      ]);
    } finally {
      await local.close();
    }
  });

  it('the sidebar offers Echo in its destination filter and the event simulator a fault switch for its fake', () => {
    const sidebar = fs.readFileSync(path.join(dir, 'app/scripts/sidebar.js'), 'utf8');
    expect(sidebar).toMatch(/id: "echo",\s+label: "Echo"/);
    const { webTestPage } = variant<typeof WebTestModule>('simulator/web/pages/web-test.ts');
    const page = webTestPage({
      live: false,
      payloads: [],
      modes: { freshdesk: 'none', customergauge: 'none', echo: 'none' } as never,
      watch: null,
      token: 't',
    });
    expect(page).toContain('<label for="mode-echo">Echo</label>');
  });
});
