/** The plain-TypeScript HMAC-SHA256 the server signs stored records with agrees with Node's crypto. */
import crypto from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, hmacSha256, sameDigest } from '../../src/server/core/digest';

test('HMAC-SHA256 agrees with node:crypto for any key and message (ASCII, multi-byte, keys longer than a block)', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 100, unit: 'binary' }), fc.string({ maxLength: 300, unit: 'binary' }), (key, message) => {
      expect(hmacSha256(key, message)).toBe(crypto.createHmac('sha256', key).update(message).digest('hex'));
    }),
    { numRuns: 200 },
  );
});

test('canonical JSON sorts keys at every depth, so the store returning keys in another order changes nothing', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
});

test('digests compare equal only when equal', () => {
  const digest = hmacSha256('k', 'm');
  expect(sameDigest(digest, digest)).toBe(true);
  expect(sameDigest(`${digest.slice(0, -1)}0`, digest === `${digest.slice(0, -1)}0` ? 'x' : digest)).toBe(false);
  expect(sameDigest(undefined, digest)).toBe(false);
});
