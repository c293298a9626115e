// Fails when the committed build output is not what `npm run build` produces from src/:
// the platform loads the committed files (as `fdk run` on a fresh clone does), so they must be current.
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';

const BUILT = ['server/server.js', 'app/scripts/sidebar.js', 'config/assets/iparams.js'];
const read = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : null);

const before = BUILT.map(read);
execFileSync('npx', ['rollup', '-c', 'rollup.config.mjs', '--silent'], { stdio: 'inherit' });
const stale = BUILT.filter((file, i) => read(file) !== before[i]);
if (stale.length > 0) {
  console.error(`Build output was stale: ${stale.join(', ')}. It has been rebuilt; commit the result.`);
  process.exit(1);
}
console.log(`Build output is current (${BUILT.join(', ')}).`);
