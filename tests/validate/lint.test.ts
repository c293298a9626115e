/**
 * The lint `npm test` runs (eslint.config.mjs): FDK 10's rule list over the shipped JavaScript at
 * ES2020, typescript-eslint plus the same rules over src/, and the folder boundaries. Each rule is
 * tripped by a deliberate violation linted through the ESLint Node API at a path it governs.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { APP_DIR } from '../../simulator/local-app';

/**
 * FDK 10.1.2's list for server/server.js, verbatim from the `lint.js` line of `log/fdk.log` in
 * freshworks-developers/app-setup-events-samples (app/ files: no-cross-scope-assign instead of
 * no-dependency-mismatch).
 */
const FDK_10_SERVER_RULES =
  'no-eval,no-alert,no-debugger,no-unreachable,no-duplicate-imports,constructor-super,for-direction,no-class-assign,no-new-native-nonconstructor,valid-typeof,no-eq-null,no-var,require-await,no-unreachable-loop,no-redeclare,no-self-assign,no-setter-return,no-shadow-restricted-names,no-this-before-super,no-unsafe-finally,no-unsafe-optional-chaining,no-unused-vars,no-useless-catch,eqeqeq,prefer-const,require-yield,no-global-assign,no-caller,no-process-env,complexity,max-nested-callbacks,handle-callback-err,getter-return,no-async-promise-executor,no-case-declarations,no-compare-neg-zero,no-cond-assign,no-const-assign,no-constant-condition,no-control-regex,no-delete-var,no-dupe-args,no-dupe-class-members,no-dupe-else-if,no-dupe-keys,no-duplicate-case,no-empty,no-empty-character-class,no-empty-pattern,no-ex-assign,no-extra-boolean-cast,no-extra-semi,no-fallthrough,no-func-assign,no-import-assign,no-inner-declarations,no-invalid-regexp,no-irregular-whitespace,no-loss-of-precision,no-misleading-character-class,no-mixed-spaces-and-tabs,no-nonoctal-decimal-escape,no-obj-calls,no-octal,no-prototype-builtins,no-regex-spaces,no-sparse-arrays,no-unexpected-multiline,no-unsafe-negation,no-unused-labels,no-useless-backreference,no-useless-escape,no-with,use-isnan,no-unpkg-cdn,no-proxy-requests,no-unhandled-promise,no-logging-rejections,no-non-client-request-model,no-deprecated-apis,no-dependency-mismatch,no-empty-function'.split(
    ',',
  );
const FDK_OWN_RULES = [
  'no-unpkg-cdn',
  'no-proxy-requests',
  'no-unhandled-promise',
  'no-logging-rejections',
  'no-non-client-request-model',
  'no-deprecated-apis',
  'no-dependency-mismatch',
  'no-cross-scope-assign',
];
const configName = (rule: string) => (FDK_OWN_RULES.includes(rule) ? `fdk/${rule}` : rule);

interface Batch {
  texts: string[][];
  configs: Record<string, number>[];
  problems: string[];
}

/** One ESLint run (in a child process) for everything a test needs. */
function lint(request: { texts?: { code: string; filePath: string }[]; configsFor?: string[]; files?: string[] }): Batch {
  const output = execFileSync(process.execPath, [path.join(__dirname, 'eslint-batch.mjs')], {
    cwd: APP_DIR,
    input: JSON.stringify(request),
    encoding: 'utf8',
  });
  return JSON.parse(output) as Batch;
}

type Case = [name: string, filePath: string, code: string, rule: string];

/** Rule ids reported for each case, linted as if it were the file at its path, in one run. */
function ruleIdsOf(cases: readonly Case[]): Map<string, string[]> {
  const { texts } = lint({ texts: cases.map(([, filePath, code]) => ({ code, filePath })) });
  return new Map(cases.map(([name], i) => [name, texts[i]]));
}

test('the shipped files pass', () => {
  expect(lint({ files: ['server/server.js', 'app/scripts', 'config/assets'] }).problems).toEqual([]);
});

test('the shipped files are linted with every rule of FDK 10.1.2, as errors', () => {
  const appRules = FDK_10_SERVER_RULES.map((r) => (r === 'no-dependency-mismatch' ? 'no-cross-scope-assign' : r));
  const [server, sidebar] = lint({ configsFor: ['server/server.js', 'app/scripts/sidebar.js'] }).configs;
  expect(FDK_10_SERVER_RULES).toHaveLength(82);
  expect(FDK_10_SERVER_RULES.filter((rule) => server[configName(rule)] !== 2)).toEqual([]);
  expect(appRules.filter((rule) => sidebar[configName(rule)] !== 2)).toEqual([]);
});

describe('the shipped JavaScript, at FDK 10 rules and ES2020', () => {
  const cases: Case[] = [
    ['a class field', 'server/server.js', 'class A extends Error {\n  status;\n}\nnew A();\n', 'parse'],
    ['logical assignment', 'config/assets/iparams.js', 'let a = null;\nfunction f() { return (a ??= 1); }\nf();\n', 'parse'],
    ['!= null', 'server/server.js', 'function f(a) { return a != null; }\nf(1);\n', 'no-eq-null'],
    ['== comparison', 'server/server.js', 'function f(a) { return a == 1; }\nf(1);\n', 'eqeqeq'],
    ['a let never reassigned', 'server/server.js', 'function f() { let a = 1; return a; }\nf();\n', 'prefer-const'],
    ['an empty function', 'app/scripts/sidebar.js', 'function noop() {}\nnoop();\n', 'no-empty-function'],
    ['var', 'server/server.js', 'var a = 1;\nexports = { a: function () { return a; } };\n', 'no-var'],
    [
      'async without await',
      'server/server.js',
      'async function f() { return 1; }\nf().then(function () { return 1; }, function () { return 2; });\n',
      'require-await',
    ],
    ['process.env', 'server/server.js', 'function f() { return process.env.KEY; }\nf();\n', 'no-process-env'],
    [
      'complexity 8',
      'server/server.js',
      'function f(a) { if (a === 1) return 1; if (a === 2) return 2; if (a === 3) return 3; if (a === 4) return 4; if (a === 5) return 5; if (a === 6) return 6; if (a === 7) return 7; return 0; }\nf(1);\n',
      'complexity',
    ],
    [
      '5 nested callbacks',
      'app/scripts/sidebar.js',
      'const f = (cb) => cb();\nf(() => f(() => f(() => f(() => f(() => 1)))));\n',
      'max-nested-callbacks',
    ],
    ['an unused variable', 'server/server.js', 'function f() { const unused = 1; return 2; }\nf();\n', 'no-unused-vars'],
    [
      'an unlisted dependency',
      'server/server.js',
      "const _ = require('lodash');\nexports = { f: function () { return _; } };\n",
      'fdk/no-dependency-mismatch',
    ],
    [
      '$request.post',
      'server/server.js',
      'function f() { return $request.post("https://x.example.com", {}); }\nf();\n',
      'fdk/no-deprecated-apis',
    ],
    [
      'client.request.get',
      'app/scripts/sidebar.js',
      'function f() { return client.request.get("https://x.example.com", {}); }\nf();\n',
      'fdk/no-proxy-requests',
    ],
    [
      'fetch',
      'app/scripts/sidebar.js',
      'function f() { return fetch("https://x.example.com"); }\nf();\n',
      'fdk/no-non-client-request-model',
    ],
    [
      'an unhandled promise',
      'app/scripts/sidebar.js',
      'function f(p) { p.then(function (v) { return v; }); }\nf(Promise.resolve());\n',
      'fdk/no-unhandled-promise',
    ],
    [
      'a rejection only logged',
      'app/scripts/sidebar.js',
      'function f(p) { p.catch(function (e) { console.log(e); }); }\nf(Promise.resolve());\n',
      'fdk/no-logging-rejections',
    ],
    [
      'an assignment across scopes',
      'app/scripts/sidebar.js',
      'let ready = false;\nfunction f() { ready = true; }\nf();\nwindow.x = ready;\n',
      'fdk/no-cross-scope-assign',
    ],
    ['unpkg.com', 'app/scripts/sidebar.js', 'const url = "https://unpkg.com/lib";\nwindow.x = url;\n', 'fdk/no-unpkg-cdn'],
  ];
  let found: Map<string, string[]>;
  beforeAll(() => {
    found = ruleIdsOf(cases);
  });

  test.each(cases)('%s fails (%s)', (name, _filePath, _code, rule) => {
    expect(found.get(name)).toContain(rule);
  });
});

describe('the TypeScript sources', () => {
  const cases: Case[] = [
    ['a class field', 'src/server/core/example.ts', 'export class A {\n  status = 400;\n}\n', 'no-restricted-syntax'],
    [
      'a #private member',
      'src/app/example.ts',
      'export class A {\n  #n: number;\n  constructor() { this.#n = 1; }\n  get n(): number { return this.#n; }\n}\n',
      'no-restricted-syntax',
    ],
    [
      '??=',
      'src/server/core/example.ts',
      'let a: number | null = null;\nexport const f = (): number => (a ??= 1);\n',
      'no-restricted-syntax',
    ],
    ['!= null', 'src/server/event/example.ts', 'export const f = (a: unknown): boolean => a != null;\n', 'no-eq-null'],
    ['process.env', 'src/server/core/example.ts', 'export const f = (): string | undefined => process.env.KEY;\n', 'no-process-env'],
    ['an empty function', 'src/app/example.ts', 'export function noop(): void {}\n', '@typescript-eslint/no-empty-function'],
    [
      'complexity 8',
      'src/server/core/example.ts',
      'export function f(a: number): number { if (a === 1) return 1; if (a === 2) return 2; if (a === 3) return 3; if (a === 4) return 4; if (a === 5) return 5; if (a === 6) return 6; if (a === 7) return 7; return 0; }\n',
      'complexity',
    ],
    ['explicit any', 'src/server/core/example.ts', 'export const f = (a: any): unknown => a;\n', '@typescript-eslint/no-explicit-any'],
  ];
  let found: Map<string, string[]>;
  beforeAll(() => {
    found = ruleIdsOf(cases);
  });

  test.each(cases)('%s fails', (name, _filePath, _code, rule) => {
    expect(found.get(name)).toContain(rule);
  });
});

describe('folder boundaries', () => {
  const BOUNDARY = 'local/import-boundaries';
  const violations: Case[] = [
    [
      'src/app importing src/server',
      'src/app/example.ts',
      "import type { Activity } from '../server/history/activity';\nexport type A = Activity;\n",
    ],
    [
      'src/shared importing src/server',
      'src/shared/example.ts',
      "import type { Activity } from '../server/history/activity';\nexport type A = Activity;\n",
    ],
    [
      'a destination importing another destination',
      'src/server/destinations/freshdesk/example.ts',
      "export { toCustomerGaugeActivity } from '../customergauge/mapping';\n",
    ],
    [
      'a nested file of a destination importing another destination',
      'src/server/destinations/freshdesk/sub/example.ts',
      "import * as cg from '../../customergauge';\nexport const x = cg;\n",
    ],
    [
      'src/server importing the simulator',
      'src/server/core/example.ts',
      "import { ManualClock } from '../../../simulator/runtime/clock';\nexport const c = new ManualClock(0);\n",
    ],
    [
      'the runtime importing src',
      'simulator/runtime/example.ts',
      "import { RetryableError } from '../../src/server/core/errors';\nexport const e = RetryableError;\n",
    ],
  ].map(([name, filePath, code]) => [name, filePath, code, BOUNDARY]);
  const allowed: Case[] = [
    [
      'a destination importing the shared destination types',
      'src/server/destinations/freshdesk/example.ts',
      "import type { DestinationId } from '../types';\nexport type D = DestinationId;\n",
    ],
    ['a destination importing its own files', 'src/server/destinations/freshdesk/example.ts', "export * from './mapping';\n"],
    [
      'src/app importing the shared contract',
      'src/app/example.ts',
      "import type { Activity } from '../shared/history-api';\nexport type A = Activity;\n",
    ],
  ].map(([name, filePath, code]) => [name, filePath, code, BOUNDARY]);
  let found: Map<string, string[]>;
  beforeAll(() => {
    found = ruleIdsOf([...violations, ...allowed]);
  });

  test.each(violations)('%s fails', (name) => {
    expect(found.get(name)).toContain(BOUNDARY);
  });

  test.each(allowed)('%s passes', (name) => {
    expect(found.get(name)).not.toContain(BOUNDARY);
  });
});
