// Mirrors the rules FDK's linter applies to every shipped JavaScript file (`fdk validate`),
// run over the built files that are committed: server/server.js, app/scripts, config/assets.
import globals from 'globals';

const fdkRules = {
  'no-var': 'error',
  complexity: ['error', 7],
  'no-unused-vars': ['error', { args: 'after-used' }],
  'require-await': 'error',
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
  'no-alert': 'error',
  'no-restricted-syntax': ['error', { selector: 'Literal[value=/unpkg\\.com/]', message: 'FDK forbids unpkg.com' }],
};

export default [
  {
    files: ['server/server.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'script',
      globals: { $request: 'readonly', $db: 'readonly', $schedule: 'readonly', renderData: 'readonly', require: 'readonly', exports: 'writable', console: 'readonly' },
    },
    rules: fdkRules,
  },
  {
    files: ['app/scripts/**/*.js', 'config/assets/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'script',
      globals: { ...globals.browser, app: 'readonly', client: 'writable', utils: 'readonly' },
    },
    rules: fdkRules,
  },
];
