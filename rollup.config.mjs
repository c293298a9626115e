// Builds the shipped JavaScript the FDK platform loads:
// - server/server.js: one flat script assigning `exports = {...}` (platform 3.0 serverless);
//   ajv and TypeBox stay `require`d, as manifest dependencies the platform installs.
// - app/scripts/sidebar.js and config/assets/iparams.js: browser scripts (IIFEs, so nothing leaks into the page's globals)
//   for the sidebar and the installation page.
import esbuild from 'rollup-plugin-esbuild';

const banner = '/* Built from src/ by `npm run build`; do not edit. */';
const plugins = [esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })];
const output = { banner, generatedCode: 'es2015', indent: false };

export default [
  {
    input: 'src/server/server.ts',
    external: ['ajv', '@sinclair/typebox'],
    plugins,
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
    plugins,
    output: { ...output, file: 'config/assets/iparams.js', format: 'iife' },
  },
];
