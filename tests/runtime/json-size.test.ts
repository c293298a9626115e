/**
 * The runtime measures payloads (event envelope 256 KB, server-method arguments 100 KB, `$db` and
 * `$schedule` values) by their JSON text. The platform takes any JSON document within those limits,
 * however deeply nested; V8's JSON.stringify overflows its stack near 4,000 levels, so the runtime
 * writes the text without recursion (jsonText) and must write exactly what JSON.stringify writes.
 */
import fc from 'fast-check';
import { jsonByteLength, jsonText } from '../../simulator/runtime/errors';
import { loadFixture } from './helpers/fixtureRuntime';

/** `[[[…]]]` nested `depth` levels, built without recursion. */
function nestedArrays(depth: number): unknown[] {
  let node: unknown[] = [];
  for (let i = 1; i < depth; i++) node = [node];
  return node;
}

describe('jsonText', () => {
  test('writes what JSON.stringify writes, for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expect(jsonText(value)).toBe(JSON.stringify(value))));
  });

  test('writes what JSON.stringify writes for what JSON cannot hold: left out in objects, null in arrays, toJSON and boxed values used', () => {
    const odd = {
      gone: undefined,
      fn: () => 1,
      sym: Symbol('s'),
      list: [undefined, () => 1, NaN, Infinity, -0, 'x'],
      when: new Date('2026-11-23T12:00:00Z'),
      custom: { toJSON: (key: string) => `custom under ${key}` },
      boxed: [Object(1), Object('two'), Object(false)],
      empty: [{}, []],
      '"quoted"\n': 'ünïcødé \u2028',
    };
    expect(jsonText(odd)).toBe(JSON.stringify(odd));
    expect(jsonText(undefined)).toBeUndefined();
    expect(jsonText(() => 1)).toBeUndefined();
  });

  test('writes a value nested far deeper than JSON.stringify can', () => {
    const deep = { nested: nestedArrays(100_000) };
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(jsonText(deep)).toBe(`{"nested":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
  });

  test('a cycle is not JSON: refused with a 400, as before', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expect(() => jsonByteLength(cyclic, jsonText)).toThrow(
      expect.objectContaining({ status: 400, message: 'Value is not JSON-serialisable' }),
    );
    // The same object twice, side by side, is no cycle.
    const shared = { x: 1 };
    expect(jsonText({ a: shared, b: [shared, shared] })).toBe('{"a":{"x":1},"b":[{"x":1},{"x":1}]}');
  });
});

describe('payloads nested deeply', () => {
  test('an event nested 100,000 levels deep (well under 256 KB) reaches its handler whole', async () => {
    const { runtime } = await loadFixture();
    const result = await runtime.invokeEvent('onMessageCreate', { data: { nested: nestedArrays(100_000) } });
    expect(result).toEqual({ ok: true, logs: [], data: { depth: 100_000 } });
  });

  test('a deep event over 256 KB is refused for its size, not as unserialisable', async () => {
    const { runtime } = await loadFixture();
    const result = await runtime.invokeEvent('onMessageCreate', { data: { nested: nestedArrays(140_000) } });
    expect(result).toMatchObject({
      ok: false,
      error: { status: 413, message: expect.stringMatching(/^Event payload is \d+ bytes; the limit is 256 KB$/) },
    });
    expect(runtime.stats().invocations).toBe(0);
  });

  test('server-method arguments are measured the same way', async () => {
    const { runtime } = await loadFixture();
    const result = await runtime.invokeServerMethod('echoArgs', { nested: nestedArrays(60_000) });
    expect(result).toMatchObject({
      ok: false,
      error: { status: 413, message: expect.stringMatching(/^Server method payload is \d+ bytes; the limit is 100 KB$/) },
    });
  });
});
