import { readFileSync } from 'node:fs';
import path from 'node:path';

import sinon from 'sinon';

import { VENDOR_HOST_PRODUCTS } from '../../simulator/fake-vendors';
import type { ManualClock, PlatformRuntime } from '../../simulator/runtime';
import { EXECUTION_TIMEOUT_ERROR as TIMED_OUT, INVALID_RENDER_ERROR } from '../../simulator/runtime/sandbox';
import { BASIC_IPARAMS, fixtureCopy, loadFixture } from './helpers/fixtureRuntime';
import { json, startServer, type LocalServer } from './helpers/httpServer';

const TEST_DATA = path.join(__dirname, '..', '..', 'test_data', 'onAgentActivityCreate.general-availability.json');

describe('server.js sandbox', () => {
  let runtime: PlatformRuntime;
  let clock: ManualClock;

  beforeEach(async () => {
    ({ runtime, clock } = await loadFixture());
  });

  describe('globals', () => {
    it('exposes only the platform globals: no timers, process, Buffer, fetch or global', async () => {
      const result = await runtime.invokeServerMethod('probeGlobals', {});
      expect(result).toEqual({
        ok: true,
        logs: [],
        data: {
          setTimeout: 'undefined',
          setInterval: 'undefined',
          setImmediate: 'undefined',
          clearTimeout: 'undefined',
          process: 'undefined',
          Buffer: 'undefined',
          fetch: 'undefined',
          global: 'undefined',
          $request: 'object',
          $db: 'object',
          $schedule: 'object',
          renderData: 'function',
          require: 'function',
          dbPromiseIsNative: true,
          consoleMethods: ['log', 'info', 'error'],
        },
      });
    });

    // FDK 6.9 lib/event_handler/framework.js: the sandbox console is { log, info, error }.
    it.each(['warn', 'debug', 'trace'])('console.%s is not there: calling it throws a TypeError', async (method) => {
      const result = await runtime.invokeServerMethod('consoleCall', { method });
      expect(result).toEqual({ ok: true, logs: [], data: { threw: 'TypeError', message: `console[args.method] is not a function` } });
    });

    it.each(['log', 'info', 'error'])('console.%s is captured', async (method) => {
      const result = await runtime.invokeServerMethod('consoleCall', { method });
      expect(result).toEqual({ ok: true, logs: [`via ${method}`], data: { called: method } });
    });

    it.each(['fs', 'crypto', 'node:fs', 'axios'])('refuses require(%p) because it is not a manifest dependency', async (name) => {
      const result = await runtime.invokeServerMethod('requireModule', { name });
      // renderData keeps only status and message (the fixture also passes isError)
      expect(result).toEqual({
        ok: false,
        logs: [],
        error: { status: 400, message: `Module '${name}' is not listed in manifest dependencies`, errorSource: 'APP' },
      });
    });

    it.each(['ajv', 'ajv/dist/2020'])('allows require(%p) of a declared dependency', async (name) => {
      const result = await runtime.invokeServerMethod('requireModule', { name });
      expect(result).toMatchObject({ ok: true, data: { loaded: 'function' } });
    });

    it('captures console output into the result and the log option', async () => {
      const log = sinon.spy();
      ({ runtime } = await loadFixture({ log }));
      const result = await runtime.invokeServerMethod('echoArgs', { word: 'hi' });
      expect(result.logs).toEqual(['echo hi']);
      sinon.assert.calledOnceWithExactly(log, 'log', 'echo hi');
    });

    it("drives the sandbox's Date from the runtime clock", async () => {
      clock.set(Date.parse('2030-05-06T07:08:09Z'));
      const result = await runtime.invokeServerMethod('clockProbe', {});
      expect(result.data).toEqual({
        now: clock.now(),
        created: '2030-05-06T07:08:09.000Z',
        explicit: '1970-01-01T00:00:00.000Z',
        parsed: Date.parse('2030-01-01T00:00:00Z'),
        called: 'string',
        isDate: true,
      });
    });

    it('gives every invocation a fresh context', async () => {
      const first = await runtime.invokeServerMethod('echoArgs', { word: 'a' });
      const second = await runtime.invokeServerMethod('echoArgs', { word: 'b' });
      expect([first.data, second.data]).toEqual([
        { word: 'a', iparams: BASIC_IPARAMS },
        { word: 'b', iparams: BASIC_IPARAMS },
      ]);
      expect(runtime.stats().invocations).toBe(2);
    });
  });

  describe('execution limit', () => {
    it('fails an invocation that awaits forever once executionTimeoutMs passes', async () => {
      ({ runtime } = await loadFixture({ executionTimeoutMs: 200 }));
      const started = Date.now();
      const result = await runtime.invokeServerMethod('hang', {});
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(result).toEqual({ ok: false, logs: [], error: TIMED_OUT });
    });

    it('also stops a synchronous infinite loop', async () => {
      ({ runtime } = await loadFixture({ executionTimeoutMs: 200 }));
      const result = await runtime.invokeServerMethod('spin', {});
      expect(result.error).toEqual(TIMED_OUT);
    });

    it('refuses platform calls a timed-out invocation makes afterwards', async () => {
      const server = await startServer((_hit, res) => setTimeout(() => json(res, 200, {}), 300));
      try {
        ({ runtime } = await loadFixture({ executionTimeoutMs: 200, baseUrl: server.baseUrl }));
        const result = await runtime.invokeServerMethod('slowThenWrite', {});
        expect(result.error).toMatchObject({ status: 504 });
        await new Promise((resolve) => setTimeout(resolve, 250)); // let the slow response arrive
        expect(runtime.db.dump()).not.toHaveProperty('late');
        expect(runtime.stats().dbOps).toBe(0);
      } finally {
        await server.close();
      }
    });

    // FDK 6.9 framework.js: SMI_TIMEOUT 5 s by default; manifest functions.<name>.timeout raises it (docs: SMI 20 s).
    it('gives a server method 5 s unless manifest functions.<name>.timeout says otherwise', async () => {
      const timer = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const settled: string[] = [];
        const track = (name: string) => runtime.invokeServerMethod(name, {}).then((result) => (settled.push(name), result));
        const quick = track('hangDefault');
        const declared = track('hang');
        await timer.tickAsync(4_999);
        expect(settled).toEqual([]);
        await timer.tickAsync(1);
        expect(settled).toEqual(['hangDefault']);
        expect((await quick).error).toEqual(TIMED_OUT);
        await timer.tickAsync(14_999);
        expect(settled).toEqual(['hangDefault']);
        await timer.tickAsync(1);
        expect((await declared).error).toEqual(TIMED_OUT);
      } finally {
        timer.restore();
      }
    });

    it.each([[25], [3], ['20'], [12]])('refuses an app whose manifest declares timeout %p', async (timeout) => {
      const appDir = fixtureCopy((manifest) => (manifest.modules.common.functions.hang = { timeout }));
      await expect(loadFixture({ appDir })).rejects.toThrow('modules.common.functions.hang.timeout must be one of 5, 10, 15, 20 (seconds)');
    });

    it('gives product events 20 s and onAppInstall / onAppUninstall 10 s (FDK 6.9 APP_EVENT_TIMEOUT)', async () => {
      const appDir = fixtureCopy((manifest) => {
        manifest.modules.common.events.onAppInstall.handler = 'hang';
        manifest.modules.chat_conversation.events.onConversationCreate.handler = 'hang';
      });
      ({ runtime } = await loadFixture({ appDir }));
      const timer = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const settled: string[] = [];
        const track = (event: string) => runtime.invokeEvent(event, {}).then((result) => (settled.push(event), result));
        const install = track('onAppInstall');
        const product = track('onConversationCreate');
        await timer.tickAsync(10_000);
        expect(settled).toEqual(['onAppInstall']);
        expect((await install).error).toEqual(TIMED_OUT);
        await timer.tickAsync(9_999);
        expect(settled).toEqual(['onAppInstall']);
        await timer.tickAsync(1);
        expect((await product).error).toEqual(TIMED_OUT);
      } finally {
        timer.restore();
      }
    });
  });

  describe('server methods and renderData', () => {
    it('merges iparams (secure included) into the arguments', async () => {
      const result = await runtime.invokeServerMethod('echoArgs', { word: 'x', iparams: { forged: true } });
      expect(result.data).toEqual({ word: 'x', iparams: BASIC_IPARAMS });
    });

    // FDK 6.9 framework.js renderData(): only status (default 500) and message (default null) reach the caller;
    // an error that is not an object with a message or a status is a 400.
    it.each([
      [
        { status: 404, message: 'gone', detail: 'dropped' },
        { status: 404, message: 'gone', errorSource: 'APP' },
      ],
      [{ message: 'no status' }, { status: 500, message: 'no status', errorSource: 'APP' }],
      [{ status: 409 }, { status: 409, message: null, errorSource: 'APP' }],
      [{ detail: 'neither' }, INVALID_RENDER_ERROR],
      ['text', INVALID_RENDER_ERROR],
      [['a'], INVALID_RENDER_ERROR],
      [42, INVALID_RENDER_ERROR],
    ])('renderData(%p) answers %p', async (error, expected) => {
      expect(await runtime.invokeServerMethod('renderError', { error })).toEqual({ ok: false, logs: [], error: expected });
    });

    it('renderData(new Error()) answers 500 with its message', async () => {
      const result = await runtime.invokeServerMethod('renderError', { error: 'boom', asError: true });
      expect(result.error).toEqual({ status: 500, message: 'boom', errorSource: 'APP' });
    });

    // Issue 12 item 15: one shared "current invocation" lost one of two concurrent answers.
    it('gives concurrent invocations their own renderData and logs', async () => {
      const results = await Promise.all(['a', 'b', 'c'].map((word) => runtime.invokeServerMethod('dbThenEcho', { word })));
      expect(results).toEqual([
        { ok: true, logs: ['echo a'], data: { word: 'a' } },
        { ok: true, logs: ['echo b'], data: { word: 'b' } },
        { ok: true, logs: ['echo c'], data: { word: 'c' } },
      ]);
    });

    it('keeps the first renderData call', async () => {
      expect(await runtime.invokeServerMethod('renderTwice', {})).toEqual({ ok: true, data: { first: true }, logs: [] });
    });

    it('fails a handler that returns without calling renderData', async () => {
      const result = await runtime.invokeServerMethod('noRender', {});
      expect(result).toEqual({
        ok: false,
        logs: [],
        error: { status: 500, message: "Handler 'noRender' completed without calling renderData()" },
      });
      expect(runtime.db.dump()).toHaveProperty('touched');
    });

    it('fails a handler that throws without calling renderData', async () => {
      const result = await runtime.invokeServerMethod('throwsNoRender', {});
      expect(result.error).toEqual({ status: 500, message: "Handler 'throwsNoRender' threw (boom) without calling renderData()" });
    });

    it('waits for renderData called from a promise chain the handler did not return', async () => {
      expect(await runtime.invokeServerMethod('classicThen', {})).toEqual({ ok: true, data: { n: 1 }, logs: [] });
    });

    it('rejects data that is not JSON-serialisable', async () => {
      const result = await runtime.invokeServerMethod('renderUnserialisable', {});
      expect(result).toMatchObject({ ok: false, error: { status: 500, message: expect.stringContaining('JSON-serialisable') } });
    });

    it('refuses the 51st server-method call within a minute without running it', async () => {
      for (let i = 0; i < 50; i++) expect((await runtime.invokeServerMethod('echoArgs', { word: String(i) })).ok).toBe(true);
      clock.advance(30_000);
      expect(await runtime.invokeServerMethod('echoArgs', { word: 'over' })).toEqual({
        ok: false,
        logs: [],
        error: { status: 429, message: 'Rate limit exceeded', retryAfter: 30 },
      });
      expect(runtime.stats()).toMatchObject({ invocations: 50, serverMethodsRefused: 1 });
      clock.advance(30_000);
      expect((await runtime.invokeServerMethod('echoArgs', { word: 'again' })).ok).toBe(true);
    });

    it('refuses server-method payloads over 100 KB', async () => {
      const overhead = JSON.stringify({ bytes: 0, word: '' }).length;
      expect((await runtime.invokeServerMethod('sizedAnswer', { bytes: 0, word: 'x'.repeat(100 * 1024 - overhead) })).ok).toBe(true);
      expect(await runtime.invokeServerMethod('sizedAnswer', { bytes: 0, word: 'x'.repeat(100 * 1024 - overhead + 1) })).toEqual({
        ok: false,
        logs: [],
        error: { status: 413, message: 'Server method payload is 102401 bytes; the limit is 100 KB' },
      });
    });

    // Stricter reading (README "Platform rules" 8g): the docs' 100 KB "payload" may be the answer's too.
    it('fails a server method whose answer is over 100 KB', async () => {
      const overhead = JSON.stringify({ text: '' }).length;
      expect(await runtime.invokeServerMethod('sizedAnswer', { bytes: 100 * 1024 - overhead })).toMatchObject({ ok: true });
      expect(await runtime.invokeServerMethod('sizedAnswer', { bytes: 100 * 1024 - overhead + 1 })).toEqual({
        ok: false,
        logs: [],
        error: { status: 413, message: 'Server method response is 102401 bytes; the limit is 100 KB' },
      });
    });

    it('refuses methods not declared in manifest modules.common.functions', async () => {
      const result = await runtime.invokeServerMethod('onAppInstallHandler', {});
      expect(result).toMatchObject({ ok: false, error: { status: 404 } });
    });
  });

  describe('events', () => {
    let server: LocalServer;

    beforeEach(async () => {
      server = await startServer((hit, res) => json(res, 201, { id: 7, echoed: JSON.parse(hit.body) }));
      ({ runtime, clock } = await loadFixture({ baseUrl: server.baseUrl }));
    });

    afterEach(() => server.close());

    it('delivers a test_data payload to the manifest handler, which calls a template against a local server', async () => {
      const payload = JSON.parse(readFileSync(TEST_DATA, 'utf8')) as Record<string, unknown>;

      const result = await runtime.invokeEvent('onAgentActivityCreate', payload);

      expect(result).toEqual({ ok: true, logs: ['activity for maya.patel@example.com in chat_conversation'] });
      expect(server.hits).toHaveLength(1);
      expect(server.hits[0]).toMatchObject({ method: 'POST', url: '/api/v2/contact-activities' });
      expect(JSON.parse(server.hits[0].body)).toEqual({
        email: 'maya.patel@example.com',
        status: 'UNAVAILABLE',
        domain: 'acme.freshchat.com',
      });
      expect(runtime.db.dump()['last-activity']).toEqual({
        status: 201,
        region: 'US',
        body: { id: 7, echoed: { email: 'maya.patel@example.com', status: 'UNAVAILABLE', domain: 'acme.freshchat.com' } },
      });
    });

    it('builds the platform envelope, filling defaults and always using runtime iparams', async () => {
      const result = await runtime.invokeEvent('onConversationCreate', { data: { x: 1 }, iparams: { forged: true } });
      expect(result.data).toEqual({
        event: 'onConversationCreate',
        data: { x: 1 },
        region: 'US',
        account_id: '1234567890',
        domain: 'acme.freshchat.com',
        timestamp: clock.now(),
        iparams: BASIC_IPARAMS,
        currentHost: { subscribed_modules: ['chat_conversation'], endpoint_urls: { freshchat: 'https://acme.freshchat.com' } },
      });
    });

    it('keeps payload fields the caller provides', async () => {
      const payload = { data: {}, region: 'EU', account_id: '9', domain: 'other.freshchat.com', timestamp: 1795455012.482 };
      const result = await runtime.invokeEvent('onConversationCreate', payload);
      expect(result.data).toMatchObject({ ...payload, currentHost: { endpoint_urls: { freshchat: 'https://other.freshchat.com' } } });
    });

    it('lists the URL of a product that is also a vendor when the fakes declare it (hostProducts), as local-app does', async () => {
      const appDir = fixtureCopy((manifest) => (manifest.modules.support_ticket = { functions: {}, events: {} }));
      ({ runtime } = await loadFixture({ appDir, hostProducts: VENDOR_HOST_PRODUCTS }));
      const result = await runtime.invokeEvent('onConversationCreate', {});
      expect(result.data).toMatchObject({
        currentHost: {
          subscribed_modules: ['chat_conversation', 'support_ticket'],
          endpoint_urls: { freshchat: 'https://acme.freshchat.com', freshdesk: 'https://acme.freshchat.com' },
        },
      });
    });

    it('passes app set-up events that call renderData and fails those that do not', async () => {
      expect(await runtime.invokeEvent('onAppInstall', {})).toEqual({ ok: true, data: { installedFor: 'acme' }, logs: [] });
      expect(await runtime.invokeEvent('onAppUninstall', {})).toEqual({
        ok: false,
        logs: ['forgot renderData'],
        error: { status: 500, message: "Handler 'onAppUninstallHandler' completed without calling renderData()" },
      });
    });

    it('reports a product event handler that throws', async () => {
      const result = await runtime.invokeEvent('onAgentActivityCreate', { data: {} });
      expect(result).toMatchObject({ ok: false, error: { name: 'TypeError' } });
    });

    it('refuses event payloads over 256 KB', async () => {
      const result = await runtime.invokeEvent('onConversationCreate', { data: { blob: 'x'.repeat(256 * 1024) } });
      expect(result).toMatchObject({ ok: false, error: { status: 413, message: expect.stringContaining('256 KB') } });
      expect(runtime.stats().invocations).toBe(0);
    });

    it('rejects events without a manifest handler', async () => {
      await expect(runtime.invokeEvent('onTicketCreate', {})).rejects.toThrow("Event 'onTicketCreate' has no handler");
    });
  });
});
