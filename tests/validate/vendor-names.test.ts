/**
 * Vendor knowledge lives with its destination: outside a destination's own files (its server
 * folder, its installation-page part, its descriptor, its fake) no source file of the app or the
 * simulator names a vendor, except the registries that list every destination. A new mention
 * elsewhere fails here with the file and the line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DESCRIPTORS } from '../../src/shared/destinations';

const APP_DIR = path.resolve(__dirname, '../..');
const SCANNED = ['src', 'simulator', 'config/iparams.html'];
const SOURCE = /\.(ts|mjs|html)$/;

/** The lists of every destination: each names them all by design (README "Adding a destination"). */
const REGISTRIES = [
  'src/shared/destinations/index.ts',
  'src/server/destinations/registry.ts',
  'src/iparams/destinations/index.ts',
  'simulator/verify-live/registry.ts',
];

/**
 * TEMPORARY, for the lead to empty after merging: files in areas other helpers were changing while
 * this check was written (h17-safety: src/server/core; h19-sidebar: src/app; h19-sim: simulator/
 * outside fake-vendors; h18-vendors: simulator/fake-vendors' shared files). Each still names a vendor.
 */
const NOT_YET_MOVED = [
  'src/server/core/errors.ts',
  'src/app/sidebar.ts',
  'simulator/runtime/runtime.ts',
  'simulator/web/simulation.ts',
  'simulator/web/server.ts',
  'simulator/web/local-store.ts',
  'simulator/web/pages/home.ts',
  'simulator/web/pages/custom-configs.ts',
  'simulator/web/pages/layout.ts',
  'simulator/local-app.ts',
  'simulator/cli/start.ts',
  'simulator/fake-vendors/index.ts',
  'simulator/fake-vendors/validation.ts',
  'simulator/fake-vendors/http-server.ts',
  'simulator/fake-vendors/rate-limit.ts',
];

/** A destination's own files (verify-live's calls to its vendor included): there it may name its own vendor, and no other. */
const ownFiles = (id: string): RegExp =>
  new RegExp(
    `^(src/server/destinations/${id}/|src/iparams/destinations/${id}\\.ts$|src/shared/destinations/${id}\\.ts$|simulator/fake-vendors/${id}\\.ts$|simulator/verify-live/${id}\\.ts$)`,
  );

/** "CustomerGauge" as written in prose, code or an id: any case, with or without a space. */
const vendorPattern = (label: string): RegExp => new RegExp(label.split(/(?=[A-Z])/).join('[\\s_-]?'), 'i');

function sourceFiles(entry: string): string[] {
  const full = path.join(APP_DIR, entry);
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs.readdirSync(full).flatMap((name) => sourceFiles(path.join(entry, name)));
}

/** Every line naming a vendor where it does not belong, as "file:line: vendor". */
function misplacedMentions(): string[] {
  const files = SCANNED.flatMap(sourceFiles).filter(
    (file) => SOURCE.test(file) && !REGISTRIES.includes(file) && !NOT_YET_MOVED.includes(file),
  );
  return files.flatMap((file) => {
    const lines = fs.readFileSync(path.join(APP_DIR, file), 'utf8').split('\n');
    return DESCRIPTORS.filter((d) => !ownFiles(d.id).test(file)).flatMap((d) =>
      lines.flatMap((line, i) => (vendorPattern(d.label).test(line) ? [`${file}:${i + 1}: ${d.label}`] : [])),
    );
  });
}

test('no source file outside a destination’s own files and the registries names a vendor', () => {
  expect(misplacedMentions()).toEqual([]);
});

test('the temporary allowlist holds only files that still name a vendor (the lead empties it)', () => {
  const stillNaming = NOT_YET_MOVED.filter((file) => {
    const text = fs.readFileSync(path.join(APP_DIR, file), 'utf8');
    return DESCRIPTORS.some((d) => vendorPattern(d.label).test(text));
  });
  expect(stillNaming).toEqual(NOT_YET_MOVED);
});
