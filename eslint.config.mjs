// Lint, in three parts:
// 1. The shipped JavaScript (server/server.js, app/scripts/**, config/assets/**) under FDK 10.1.2's
//    own rule list, copied from its debug log (README "Platform rules"), at ecmaVersion 2020 as FDK
//    parses it. Every rule is an error here: lint errors stop `fdk run`, and FDK 10 does not publish
//    which of its rules only warn.
// 2. The TypeScript sources (src/): typescript-eslint's recommended set plus the FDK rules that
//    make sense before bundling, so a problem is reported where it is written.
// 3. Folder boundaries (src/, simulator/runtime/): see BOUNDARIES.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import fdk from './scripts/eslint/fdk-rules.mjs';
import importBoundaries from './scripts/eslint/import-boundaries.mjs';

const off = (names) => Object.fromEntries(names.map((name) => [name, 'off']));

/** FDK 10.1.2's list for every file (`lint.js` log lines), minus its own rules, with FDK 6.9's options. */
const fdkCoreRules = {
  'no-eval': 'error',
  'no-alert': 'error',
  'no-debugger': 'error',
  'no-unreachable': 'error',
  'no-duplicate-imports': 'error',
  'constructor-super': 'error',
  'for-direction': 'error',
  'no-class-assign': 'error',
  'no-new-native-nonconstructor': 'error',
  'valid-typeof': 'error',
  'no-eq-null': 'error',
  'no-var': 'error',
  'require-await': 'error',
  'no-unreachable-loop': 'error',
  'no-redeclare': 'error',
  'no-self-assign': 'error',
  'no-setter-return': 'error',
  'no-shadow-restricted-names': 'error',
  'no-this-before-super': 'error',
  'no-unsafe-finally': 'error',
  'no-unsafe-optional-chaining': 'error',
  'no-unused-vars': 'error',
  'no-useless-catch': 'error',
  eqeqeq: 'error',
  'prefer-const': 'error',
  'require-yield': 'error',
  'no-global-assign': 'error',
  'no-caller': 'error',
  'no-process-env': 'error',
  complexity: ['error', 7],
  'max-nested-callbacks': ['error', 4],
  'handle-callback-err': ['error', '^.*(e|E)rr'],
  'getter-return': 'error',
  'no-async-promise-executor': 'error',
  'no-case-declarations': 'error',
  'no-compare-neg-zero': 'error',
  'no-cond-assign': 'error',
  'no-const-assign': 'error',
  'no-constant-condition': 'error',
  'no-control-regex': 'error',
  'no-delete-var': 'error',
  'no-dupe-args': 'error',
  'no-dupe-class-members': 'error',
  'no-dupe-else-if': 'error',
  'no-dupe-keys': 'error',
  'no-duplicate-case': 'error',
  'no-empty': 'error',
  'no-empty-character-class': 'error',
  'no-empty-pattern': 'error',
  'no-ex-assign': 'error',
  'no-extra-boolean-cast': 'error',
  'no-extra-semi': 'error',
  'no-fallthrough': 'error',
  'no-func-assign': 'error',
  'no-import-assign': 'error',
  'no-inner-declarations': 'error',
  'no-invalid-regexp': 'error',
  'no-irregular-whitespace': 'error',
  'no-loss-of-precision': 'error',
  'no-misleading-character-class': 'error',
  'no-mixed-spaces-and-tabs': 'error',
  'no-nonoctal-decimal-escape': 'error',
  'no-obj-calls': 'error',
  'no-octal': 'error',
  'no-prototype-builtins': 'error',
  'no-regex-spaces': 'error',
  'no-sparse-arrays': 'error',
  'no-unexpected-multiline': 'error',
  'no-unsafe-negation': 'error',
  'no-unused-labels': 'error',
  'no-useless-backreference': 'error',
  'no-useless-escape': 'error',
  'no-with': 'error',
  'use-isnan': 'error',
  'no-empty-function': 'error',
};

/** FDK's own rules on every file; app files add no-cross-scope-assign, server files no-dependency-mismatch. */
const fdkOwnRules = {
  'fdk/no-unpkg-cdn': 'error',
  'fdk/no-proxy-requests': 'error',
  'fdk/no-unhandled-promise': 'error',
  'fdk/no-logging-rejections': 'error',
  'fdk/no-non-client-request-model': 'error',
  'fdk/no-deprecated-apis': 'error',
};

/** What ES2020 cannot parse, reported in the TypeScript source rather than after bundling. */
const beyondEs2020 = [
  {
    selector: 'PropertyDefinition[value]',
    message: 'No class fields: FDK parses shipped JS at ES2020. Declare the type and assign in the constructor.',
  },
  { selector: 'PrivateIdentifier', message: 'No #private members: FDK parses shipped JS at ES2020.' },
  { selector: 'StaticBlock', message: 'No static blocks: FDK parses shipped JS at ES2020.' },
  {
    selector: 'AssignmentExpression[operator=/^(\\?\\?|\\|\\||&&)=$/]',
    message: 'No logical assignment (??=, ||=, &&=): FDK parses shipped JS at ES2020.',
  },
];

/** Folder boundaries (issue 14), enforced on every TypeScript file. */
const BOUNDARIES = {
  forbid: [
    { from: 'src/app', to: 'src/server', message: 'the sidebar shares only src/shared with the server' },
    { from: 'src/server', to: 'simulator', message: 'the app runs on the real platform, without the simulator' },
    { from: 'src/shared', to: 'src/server', message: 'shared code stays free of server code' },
    { from: 'src/shared', to: 'src/app', message: 'shared code stays free of sidebar code' },
    { from: 'simulator/runtime', to: 'src', message: 'the platform emulation knows nothing of this app' },
  ],
  siblings: ['src/server/destinations'],
};

const platformScript = { ecmaVersion: 2020, sourceType: 'script' };
const browserGlobals = { ...globals.browser, app: 'readonly', client: 'writable', utils: 'readonly' };

export default [
  { ignores: ['node_modules/**', 'coverage/**', 'docs/**'] },
  {
    files: ['server/server.js'],
    languageOptions: {
      ...platformScript,
      globals: {
        $request: 'readonly',
        $db: 'readonly',
        $schedule: 'readonly',
        renderData: 'readonly',
        generateTargetUrl: 'readonly',
        require: 'readonly',
        exports: 'writable',
        console: 'readonly',
      },
    },
    plugins: { fdk },
    rules: { ...fdkCoreRules, ...fdkOwnRules, 'fdk/no-dependency-mismatch': 'error' },
  },
  {
    // FDK lints only app/ (its app rules add no-cross-scope-assign); the installation page's
    // script gets the rules common to every file.
    files: ['app/scripts/**/*.js', 'config/assets/**/*.js'],
    languageOptions: { ...platformScript, globals: browserGlobals },
    plugins: { fdk },
    rules: { ...fdkCoreRules, ...fdkOwnRules },
  },
  {
    files: ['app/scripts/**/*.js', 'src/app/**/*.ts'],
    rules: { 'fdk/no-cross-scope-assign': 'error' },
  },
  ...tseslint.config({
    files: ['src/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { fdk },
    rules: {
      // The TypeScript compiler checks names and redeclarations itself.
      ...off(['no-undef', 'no-redeclare', 'no-unused-vars', 'no-empty-function', 'no-dupe-class-members']),
      ...Object.fromEntries(
        Object.entries(fdkCoreRules).filter(
          ([name]) =>
            ![
              'no-redeclare',
              'no-unused-vars',
              'no-empty-function',
              'no-dupe-class-members',
              'no-extra-semi',
              'no-mixed-spaces-and-tabs',
            ].includes(name),
        ),
      ),
      ...fdkOwnRules,
      '@typescript-eslint/no-empty-function': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { args: 'after-used' }],
      'no-restricted-syntax': ['error', ...beyondEs2020],
    },
  }),
  {
    files: ['src/**/*.ts', 'simulator/runtime/**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { local: { rules: { 'import-boundaries': importBoundaries } } },
    rules: { 'local/import-boundaries': ['error', BOUNDARIES] },
  },
];
