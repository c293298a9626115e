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
  'simulator/fake-vendors/index.ts',
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
  const files = SCANNED.flatMap(sourceFiles).filter((file) => SOURCE.test(file) && !REGISTRIES.includes(file));
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
