import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { parseTemplate } from '../../simulator/runtime/app';
import { renderString, renderTemplate, type RenderScope } from '../../simulator/runtime/template';
import { PlatformRuntime } from '../../simulator/runtime';

const scope: RenderScope = {
  template: 't',
  iparams: { domain: 'acme', key: 'sëcret', count: 3 },
  secureIparams: new Set(['key']),
  context: { id: 42, flag: true, text: 'a/b c' },
};

describe('template rendering', () => {
  it('substitutes iparam and context values, whitespace-tolerant', () => {
    expect(renderString('<%=iparam.domain%>.x/<%=   context.id   %>/<%= context.flag %>', 'path', scope)).toBe('acme.x/42/true');
  });

  it('encode() is base64 of the UTF-8 value', () => {
    expect(renderString('Basic <%= encode( iparam.key ) %>', 'headers', scope)).toBe(
      `Basic ${Buffer.from('sëcret', 'utf8').toString('base64')}`,
    );
    expect(renderString('<%=encode(context.text)%>', 'path', scope)).toBe(Buffer.from('a/b c').toString('base64'));
  });

  it.each(['host', 'path', 'query'] as const)('refuses a secure iparam in %s, even encoded', (field) => {
    expect(() => renderString('<%= encode(iparam.key) %>', field, scope)).toThrow(
      expect.objectContaining({ status: 400, message: 'secure iparam key can only be used in headers' }),
    );
  });

  it('rejects unsupported expressions', () => {
    expect(() => renderString('<%= iparam.domain.toUpperCase() %>', 'path', scope)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('URL-encodes query values and uses the path as rendered', () => {
    const template = parseTemplate('t', {
      schema: {
        method: 'get',
        host: '<%= iparam.domain %>.example.com',
        path: '/p/<%= context.text %>',
        query: { q: '<%= context.text %>', n: '1' },
      },
    });
    expect(renderTemplate(template, scope)).toEqual({
      method: 'GET',
      protocol: 'https',
      host: 'acme.example.com',
      path: '/p/a/b c',
      search: '?q=a%2Fb%20c&n=1',
      headers: {},
    });
  });

  it('rejects a rendered host with a scheme or path', () => {
    const template = parseTemplate('t', { schema: { method: 'GET', host: '<%= context.text %>' } });
    expect(() => renderTemplate(template, scope)).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('config/requests.json validation', () => {
  const schema = { method: 'GET', host: 'example.com', path: '/' };

  it('defaults to https, one attempt, no delay', () => {
    expect(parseTemplate('t', { schema })).toMatchObject({ protocol: 'https', maxAttempts: 1, retryDelay: 0 });
  });

  it.each([
    [{ maxAttempts: 0 }, 'maxAttempts'],
    [{ maxAttempts: 6 }, 'maxAttempts'],
    [{ maxAttempts: 2.5 }, 'maxAttempts'],
    [{ retryDelay: 1501 }, 'retryDelay'],
    [{ retryDelay: -1 }, 'retryDelay'],
  ])('rejects options %p', (options, what) => {
    expect(() => parseTemplate('t', { schema, options })).toThrow(what);
  });

  it.each([
    [{ ...schema, method: 'TRACE' }, 'method'],
    [{ ...schema, protocol: 'ftp' }, 'protocol'],
    [{ ...schema, path: 'no-slash' }, 'path'],
    [{ ...schema, host: '' }, 'host'],
    [{ ...schema, headers: { a: 1 } }, 'headers.a'],
  ])('rejects schema %p', (bad, what) => {
    expect(() => parseTemplate('t', { schema: bad })).toThrow(what);
  });

  it('fails PlatformRuntime.load on an invalid template', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fdk-app-'));
    mkdirSync(path.join(dir, 'config'));
    mkdirSync(path.join(dir, 'server'));
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ modules: { common: {} } }));
    writeFileSync(path.join(dir, 'config', 'requests.json'), JSON.stringify({ t: { schema, options: { maxAttempts: 9 } } }));
    writeFileSync(path.join(dir, 'server', 'server.js'), 'exports = {};');
    await expect(PlatformRuntime.load({ appDir: dir, iparams: {}, coverage: false })).rejects.toThrow('maxAttempts');
  });

  it('treats no iparams as secure without config/iparams.json, unless listed in options', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fdk-app-'));
    mkdirSync(path.join(dir, 'config'));
    mkdirSync(path.join(dir, 'server'));
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ modules: { common: { requests: { t: {} }, functions: { go: {} } } } }));
    writeFileSync(path.join(dir, 'config', 'requests.json'), JSON.stringify({ t: { schema: { ...schema, path: '/<%= iparam.k %>' } } }));
    writeFileSync(
      path.join(dir, 'server', 'server.js'),
      'exports = { go: function () { return $request.invokeTemplate("t", {}).then(function (r) { renderData(null, r); }, function (e) { renderData(null, e); }); } };',
    );
    const hostOverride = () => 'http://127.0.0.1:1'; // nothing listens on port 1
    const open = await PlatformRuntime.load({ appDir: dir, iparams: { k: 'v' }, coverage: false, hostOverride });
    expect((await open.invokeServerMethod('go', {})).data).toMatchObject({ status: 502 });

    const secured = await PlatformRuntime.load({ appDir: dir, iparams: { k: 'v' }, secureIparams: ['k'], coverage: false, hostOverride });
    expect((await secured.invokeServerMethod('go', {})).data).toMatchObject({
      status: 400,
      response: 'secure iparam k can only be used in headers',
    });
  });
});
