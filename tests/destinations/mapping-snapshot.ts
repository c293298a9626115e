/**
 * A destination's mapping pinned by a snapshot: every payload in test_data/, mapped with the
 * sandbox settings, as the destination would send it. A change to what is sent shows up in review.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DestinationId } from '../../src/shared/destinations';
import { destinations } from '../../src/server/destinations/registry';
import { parseAgentActivityEvent } from '../../src/server/event/agent-status-change';
import { APP_DIR, SANDBOX_IPARAMS } from '../../simulator/local-app';

const TEST_DATA = path.join(APP_DIR, 'test_data');

export function describeMappingSnapshots(id: DestinationId, settings: Record<string, unknown> = {}): void {
  const destination = destinations.find((d) => d.id === id);
  describe(`${id} mapping`, () => {
    it.each(fs.readdirSync(TEST_DATA).sort())('%s maps to the pinned payload and summary', (file) => {
      const parsed = parseAgentActivityEvent(JSON.parse(fs.readFileSync(path.join(TEST_DATA, file), 'utf8')));
      if (!destination || !parsed.ok) throw new Error(`no ${id} destination, or ${file} does not parse`);
      const payload = destination.map(parsed.change, { ...SANDBOX_IPARAMS, ...settings });
      expect({ payload, summary: destination.summarize(payload) }).toMatchSnapshot();
    });
  });
}
