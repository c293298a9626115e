// What the build reads, as one content hash: `npm run build` writes it into each built file's
// banner, and `npm start` rebuilds only when it differs. File times cannot tell: a git checkout
// gives every file the time of the checkout, so a fresh clone would look changed.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** What the bundles are built from (relative to the app folder). */
const BUILD_INPUTS = ['src', 'rollup.config.mjs'];
const BANNER_HASH = /^\/\* Built from src\/ \(source ([0-9a-f]{64})\)/;

function filesUnder(appDir, relative) {
  const full = path.join(appDir, relative);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [relative];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(appDir, path.posix.join(relative, name)));
}

/** sha256 over every input file's path and content, in a fixed order. */
function sourceHash(appDir) {
  const hash = createHash('sha256');
  for (const file of BUILD_INPUTS.flatMap((input) => filesUnder(appDir, input))) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(appDir, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The first line of every built file. */
function buildBanner(hash) {
  return `/* Built from src/ (source ${hash}) by \`npm run build\`; do not edit. */`;
}

/** The source hash a built file's banner names, or null. */
function builtFrom(text) {
  return BANNER_HASH.exec(text)?.[1] ?? null;
}

module.exports = { BUILD_INPUTS, sourceHash, buildBanner, builtFrom };
