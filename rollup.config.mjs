// Builds the shipped JavaScript the FDK platform loads, as ES2020 (FDK 10 lints and parses shipped
// files at `ecma_version: 2020`; see README "Platform rules"):
// - server/server.js: one flat script assigning `exports = {...}` (platform 3.0 serverless); FDK finds
//   handlers statically, so src/server/server.ts writes each value as a `function (...) {}` expression.
//   ajv and TypeBox stay `require`d, as manifest dependencies the platform installs.
// - app/scripts/sidebar.js: a browser script (IIFE, so nothing leaks into the page's globals).
// - config/assets/iparams.js: an IIFE too, but the installation page calls its callbacks by name
//   (iparams.json `events`, or getConfigs/postConfigs/validate of a custom iparams.html) and FDK
//   looks for them as top-level `function` declarations: every named export of the entry becomes one.
import { createRequire } from 'node:module';
import json from '@rollup/plugin-json';
import esbuild from 'rollup-plugin-esbuild';
import sourceHashModule from './scripts/source-hash.cjs';

const { buildBanner, sourceHash } = sourceHashModule;
// Names the content it was built from, so `npm start` can tell whether the build is current.
const banner = buildBanner(sourceHash(process.cwd()));
// esbuild would lower newer syntax through `var` helpers (FDK's no-var); src/ avoids such syntax
// and the lint of the output (eslint.config.mjs, ecmaVersion 2020) fails if any slips through.
const plugins = [esbuild({ target: 'es2020', tsconfig: 'tsconfig.json' })];
const output = { banner, generatedCode: 'es2015', indent: false };

/** Resolves a package's JSON file (Rollup resolves no bare import by itself), so it is bundled. */
function packageJsonFiles() {
  const resolve = createRequire(import.meta.url).resolve;
  return {
    name: 'package-json-files',
    resolveId: (source) => (source.endsWith('.json') && !source.startsWith('.') ? resolve(source) : null),
  };
}

/** The namespace holding the installation page's exports; the only other global the page gets. */
const IPARAMS_NAMESPACE = 'iparamsPage';

/**
 * Appends, for each export of the chunk, a top-level `function name(...args)` that forwards to the
 * bundled one, and binds the IIFE with `const` (Rollup writes `var`).
 */
function topLevelFunctions(namespace) {
  return {
    name: 'top-level-functions',
    renderChunk(code, chunk) {
      const declared = `var ${namespace} = `;
      if (!code.includes(declared)) this.error(`expected the IIFE to start with "${declared}"`);
      const wrappers = chunk.exports.map(
        (name) =>
          `// eslint-disable-next-line no-unused-vars -- called by the platform, by name\n` +
          `function ${name}(...args) {\n  return ${namespace}.${name}(...args);\n}\n`,
      );
      return { code: `${code.replace(declared, `const ${namespace} = `)}\n${wrappers.join('\n')}`, map: null };
    },
  };
}

export default [
  {
    input: 'src/server/server.ts',
    external: ['ajv', '@sinclair/typebox'],
    // The emoji shortcode table (src/server/core/emoji.ts) is bundled as one object.
    plugins: [packageJsonFiles(), json({ compact: true, namedExports: false, preferConst: true }), ...plugins],
    // `cjs` turns the externals into `require` calls; the entry exports nothing, it assigns the platform's `exports`.
    output: { ...output, file: 'server/server.js', format: 'cjs', interop: 'esModule', strict: false },
  },
  {
    input: 'src/app/sidebar.ts',
    plugins,
    output: { ...output, file: 'app/scripts/sidebar.js', format: 'iife' },
  },
  {
    input: 'src/iparams/iparams-page.ts',
    plugins: [...plugins, topLevelFunctions(IPARAMS_NAMESPACE)],
    output: {
      ...output,
      file: 'config/assets/iparams.js',
      format: 'iife',
      name: IPARAMS_NAMESPACE,
      generatedCode: { preset: 'es2015', symbols: false },
    },
  },
];
