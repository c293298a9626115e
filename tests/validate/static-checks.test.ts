/**
 * The checks FDK makes by reading the shipped files (README "Platform rules"): handlers found
 * statically, installation-page callbacks as top-level functions, every file parsing at ES2020.
 * Each rule is tripped on a small script; the shapes today's build had before the switch to ES2020
 * (`name: identifier` exports, an IIFE installation page, class fields, `??=`) are among them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PlatformRuntime } from '../../simulator/runtime';
import { APP_DIR } from '../../simulator/local-app';
import { readAppDefinition } from '../../simulator/runtime/app';
import { checkEcmaVersion, checkInstallationPage, checkServerExports, shippedScripts } from '../../simulator/validate/static-checks';
import { validateApp } from '../../simulator/validate/app-checks';
import { copyApp, editFile, editJson, writeFile } from './app-copy';

const wanted = { eventHandlers: new Map([['onAppInstall', 'onAppInstallHandler']]), serverMethods: new Set(['listActivities']) };

describe('handlers and server methods are found statically, like FDK', () => {
  test('this app defines every manifest handler and server method', async () => {
    const app = await readAppDefinition(APP_DIR);
    expect(checkServerExports(app.serverSource, app)).toEqual([]);
  });

  test.each([
    [
      'function expressions',
      'exports = { onAppInstallHandler: function (args) { renderData(null, args); }, listActivities: function () {} };',
    ],
    [
      'async function expressions',
      'exports = { onAppInstallHandler: async function () { await 1; }, listActivities: async function (a) { return a; } };',
    ],
    [
      'code around the assignment',
      'const helper = () => 1;\nexports = { onAppInstallHandler: function () { return helper(); }, listActivities: function () {} };\nhelper();',
    ],
  ])('accepts %s', (_name, source) => {
    expect(checkServerExports(source, wanted)).toEqual([]);
  });

  test.each([
    [
      'a name: identifier property (the old bundle)',
      'function onAppInstall() {}\nexports = { onAppInstallHandler: onAppInstall, listActivities: function () {} };',
      'onAppInstallHandler',
    ],
    [
      'an arrow function',
      'exports = { onAppInstallHandler: function () {}, listActivities: () => renderData(null, {}) };',
      'listActivities',
    ],
    [
      'an async arrow function',
      'exports = { onAppInstallHandler: async () => {}, listActivities: function () {} };',
      'onAppInstallHandler',
    ],
    ['a quoted key', "exports = { 'onAppInstallHandler': function () {}, listActivities: function () {} };", 'onAppInstallHandler'],
    [
      'a property added later',
      'exports = { listActivities: function () {} };\nexports.onAppInstallHandler = function () {};',
      'onAppInstallHandler',
    ],
  ])('reports %s as not defined', (_name, source, name) => {
    expect(checkServerExports(source, wanted)).toEqual([
      expect.stringMatching(new RegExp(`'${name}'.* is not defined in server/server.js`)),
    ]);
  });

  test.each([
    ['module.exports', 'module.exports = { onAppInstallHandler: function () {}, listActivities: function () {} };'],
    [
      'an assignment inside an IIFE',
      '(function () { exports = { onAppInstallHandler: function () {}, listActivities: function () {} }; })();',
    ],
  ])('needs a top-level exports = {...}, not %s', (_name, source) => {
    expect(checkServerExports(source, wanted)).toEqual([expect.stringContaining('must assign the handlers at top level as exports = {')]);
  });

  test('the runtime refuses to load an app whose handler is not a function expression', async () => {
    const dir = copyApp();
    editFile(dir, 'server/server.js', (source) =>
      source.replace(/onAppInstallHandler: function\s*\(\)\s*\{\s*return onAppInstall\(\);\s*\}/, 'onAppInstallHandler: onAppInstall'),
    );
    await expect(PlatformRuntime.load({ appDir: dir, iparams: {} })).rejects.toThrow(
      "Event callback 'onAppInstallHandler' of onAppInstall is not defined in server/server.js",
    );
  });
});

describe('shipped JavaScript parses at ES2020', () => {
  test('every shipped script of this app parses', () => {
    expect(shippedScripts(APP_DIR)).toEqual(
      expect.arrayContaining(['server/server.js', 'app/scripts/sidebar.js', 'config/assets/iparams.js']),
    );
    expect(checkEcmaVersion(APP_DIR)).toEqual([]);
  });

  test.each([
    ['a class field in server/server.js', 'server/server.js', 'class DeliveryError extends Error {\n  status;\n}\n'],
    ['a #private member in the sidebar', 'app/scripts/sidebar.js', 'class Sidebar { #filter = {}; }\n'],
    [
      '??= in the installation page',
      'config/assets/iparams.js',
      'let ready = null;\nfunction client() { return (ready ??= app.initialized()); }\n',
    ],
    ['a static block', 'app/scripts/lib/extra.js', 'class A { static { A.x = 1; } }\n'],
    ['an ES module', 'app/scripts/module.js', 'export const x = 1;\n'],
  ])('reports %s', (_name, file, source) => {
    const dir = copyApp();
    writeFile(dir, file, source);
    expect(checkEcmaVersion(dir)).toEqual([expect.stringContaining(`${file} does not parse at ES2020`)]);
  });

  test('a file that does not parse is reported by npm run validate', async () => {
    const dir = copyApp();
    editFile(dir, 'server/server.js', (source) => `class Late {\n  field = 1;\n}\n${source}`);
    expect(await validateApp(dir)).toContain('server/server.js does not parse at ES2020: Unexpected token (2:8)');
  });
});

describe('installation-page callbacks are top-level function declarations of config/assets/iparams.js', () => {
  const iparams = (callback: string) => ({ region: { display_name: 'Region', type: 'text', events: [{ change: callback }] } });

  function appWithJsonPage(script: string, callback = 'onRegionChange'): string {
    const dir = copyApp();
    fs.rmSync(path.join(dir, 'config/iparams.html'), { force: true });
    writeFile(dir, 'config/iparams.json', JSON.stringify(iparams(callback)));
    writeFile(dir, 'config/assets/iparams.js', script);
    return dir;
  }

  test('this app passes', () => {
    expect(checkInstallationPage(APP_DIR)).toEqual([]);
  });

  test('the build declares every export of the installation page entry at top level', () => {
    const built = fs.readFileSync(path.join(APP_DIR, 'config/assets/iparams.js'), 'utf8');
    const exported = [...built.matchAll(/^exports\.(\w+) = /gm)].map((m) => m[1]);
    expect(exported.length).toBeGreaterThan(0);
    for (const name of exported) expect(built).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
  });

  test('accepts a top-level function declaration', () => {
    expect(checkInstallationPage(appWithJsonPage('function onRegionChange(value) { return value ? "" : "Required"; }\n'))).toEqual([]);
  });

  test.each([
    [
      'a function inside an IIFE (the old bundle)',
      '(function () {\n  function onRegionChange() { return ""; }\n  Object.assign(window, { onRegionChange });\n})();\n',
    ],
    ['a const function expression', 'const onRegionChange = function () { return ""; };\n'],
    ['an arrow assigned to window', 'window.onRegionChange = () => "";\n'],
  ])('reports %s', (_name, script) => {
    expect(checkInstallationPage(appWithJsonPage(script))).toEqual([
      "The onRegionChange function does not exist for the 'region' field (a top-level function declaration in config/assets/iparams.js).",
    ]);
  });

  test('reports an event other than change', () => {
    const dir = appWithJsonPage('function onRegionChange() { return ""; }\n');
    editJson(dir, 'config/iparams.json', (i) => (i.region.events = [{ blur: 'onRegionChange' }]));
    expect(checkInstallationPage(dir)).toContain("The blur event is not supported in the 'region' field");
  });

  test('reports an installation script that does not parse at ES2020', () => {
    expect(checkInstallationPage(appWithJsonPage('let c = null;\nfunction onRegionChange() { return (c ??= 1); }\n'))).toEqual([
      expect.stringContaining('config/assets/iparams.js does not parse at ES2020'),
    ]);
  });

  describe('a custom config/iparams.html', () => {
    const inline =
      '<script>function getConfigs(c) { return page.getConfigs(c); }\nfunction postConfigs() { return page.postConfigs(); }</script>';
    const page = `<html><body><script src="{{{appclient}}}"></script>${inline}<script src="./assets/iparams.js"></script></body></html>`;
    const script =
      'function getConfigs(configs) { return configs; }\nfunction postConfigs() { return { __meta: { secure: [] } }; }\nfunction validate() { return true; }\n';

    function appWithHtmlPage(html: string, js: string): string {
      const dir = copyApp();
      fs.rmSync(path.join(dir, 'config/iparams.json'), { force: true });
      writeFile(dir, 'config/iparams.html', html);
      writeFile(dir, 'config/assets/iparams.js', js);
      return dir;
    }

    test('passes with getConfigs and postConfigs declared at top level of the script it loads', () => {
      expect(checkInstallationPage(appWithHtmlPage(page, script))).toEqual([]);
    });

    test('reports getConfigs and postConfigs that are not top-level declarations', () => {
      const iife = `const page = (function () {\n${script}\nreturn { getConfigs, postConfigs };\n})();\n`;
      expect(checkInstallationPage(appWithHtmlPage(page, iife))).toEqual([
        'Mandatory method(s) missing in iparams.html: getConfigs,postConfigs (top-level function declarations in config/assets/iparams.js).',
      ]);
    });

    test('reports getConfigs and postConfigs missing from the inline scripts (FDK 6.9 reads only those)', () => {
      expect(checkInstallationPage(appWithHtmlPage(page.replace(inline, ''), script))).toEqual([
        'Mandatory method(s) missing in iparams.html: getConfigs,postConfigs (inline <script> declarations, where FDK 6.9 looks).',
      ]);
    });

    test('reports a page that does not load config/assets/iparams.js', () => {
      expect(
        checkInstallationPage(appWithHtmlPage(`<html><body><script src="{{{appclient}}}"></script>${inline}</body></html>`, script)),
      ).toEqual(['config/iparams.html must load ./assets/iparams.js with a <script src>']);
    });

    test('reports iparams.html beside iparams.json', () => {
      const dir = appWithHtmlPage(page, script);
      writeFile(dir, 'config/iparams.json', '{}');
      expect(checkInstallationPage(dir)).toEqual(['Unsupported File(s). Specify either iparams.html or iparams.json']);
    });
  });
});
