/** Truncation on grapheme clusters (issue 12 item 14): what a reader sees as one character is kept whole or dropped whole. */
import fc from 'fast-check';
import { graphemes, graphemesByPattern, truncate } from '../../src/server/core/text';

const FAMILY = '👨‍👩‍👧‍👦';
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const clustersOf = (text: string) => Array.from(segmenter.segment(text), (s) => s.segment);
const codePoints = (text: string) => Array.from(text).length;

/** Pieces that break naive cutting: ZWJ sequences, flags, skin tones, combining marks, keycaps, tag flags, conjuncts. */
const TRICKY = [
  FAMILY,
  '🧑🏽‍🤝‍🧑🏻',
  '❤️‍🔥',
  '🏳️‍🌈',
  '🇫🇷',
  '🇯🇵',
  '👍🏽',
  '👋🏿',
  'é',
  'ñ',
  'ё',
  'q\u0307\u0323',
  '1️⃣',
  '#️⃣',
  '🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  'स्ते',
  '각',
  '\r\n',
  'a',
  ' ',
  'Z',
  '中',
  '😂',
];
const trickyText = fc.array(fc.constantFrom(...TRICKY), { maxLength: 40 }).map((parts) => parts.join(''));

describe('truncate', () => {
  test.each([
    ['a ZWJ family', `Team ${FAMILY}${FAMILY}`, 13, `Team ${FAMILY}…`],
    ['a ZWJ family that does not fit whole', `Hi ${FAMILY}`, 8, 'Hi …'],
    ['flags', '🇫🇷🇩🇪🇺🇸🇯🇵', 5, '🇫🇷🇩🇪…'],
    ['skin tones', '👍🏽👍🏿👍🏻', 5, '👍🏽👍🏿…'],
    ['combining marks', 'e\u0301e\u0301e\u0301e\u0301', 6, 'e\u0301e\u0301…'],
    ['a keycap', 'Press 1️⃣ now', 8, 'Press …'],
    ['a tag flag', 'Go 🏴󠁧󠁢󠁳󠁣󠁴󠁿 team', 9, 'Go …'],
    ['plain text', 'Available for lunch', 10, 'Available…'],
  ])('%s: never cut inside a cluster', (_name, text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
    expect(codePoints(truncate(text, max))).toBeLessThanOrEqual(max);
  });

  test('a text that fits is returned as it is', () => {
    expect(truncate(FAMILY, 7)).toBe(FAMILY);
    expect(truncate('short', 200)).toBe('short');
  });

  test('property: within the limit, a whole-cluster prefix of the text, marked when cut', () => {
    fc.assert(
      fc.property(trickyText, fc.integer({ min: 1, max: 60 }), (text, max) => {
        const cut = truncate(text, max);
        expect(codePoints(cut)).toBeLessThanOrEqual(max);
        if (cut === text) return;
        expect(cut.endsWith('…')).toBe(true);
        const kept = clustersOf(cut.slice(0, -1));
        expect(clustersOf(text).slice(0, kept.length)).toEqual(kept);
        // Nothing more would have fitted: the cut is as late as the limit allows.
        const next = clustersOf(text)[kept.length];
        expect(codePoints(kept.join('')) + codePoints(next) + 1).toBeGreaterThan(max);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('grapheme clusters', () => {
  test('the platform segmenter is used where it exists (Node 16+, FDK 10 runs Node 18 and later)', () => {
    expect(typeof Intl.Segmenter).toBe('function');
    expect(graphemes(`${FAMILY}🇫🇷e\u0301`)).toEqual([FAMILY, '🇫🇷', 'e\u0301']);
  });

  test('property: the fallback for engines without Intl.Segmenter agrees with it on tricky text', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        expect(graphemesByPattern(text)).toEqual(clustersOf(text));
      }),
      { numRuns: 2000 },
    );
  });

  test('the fallback keeps every character (joining the clusters gives the text back)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        expect(graphemesByPattern(text).join('')).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
