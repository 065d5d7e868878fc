import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayDiff, type DiffPart } from '../../shared/diff';

const side = (parts: DiffPart[], kind: 'added' | 'removed') =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === kind)
    .map((p) => p.text)
    .join('');

function expectFaithful(before: string, after: string, parts: DiffPart[]): void {
  expect(side(parts, 'removed')).toBe(before);
  expect(side(parts, 'added')).toBe(after);
  parts.forEach((part, i) => {
    expect(part.text).not.toBe('');
    if (i > 0) expect(part.kind).not.toBe(parts[i - 1]!.kind);
  });
}

describe('displayDiff', () => {
  it('shows a changed word as removed then added, keeping the spaces around it', () => {
    expect(displayDiff('the cat sat', 'the dog sat')).toEqual([
      { kind: 'same', text: 'the ' },
      { kind: 'removed', text: 'cat' },
      { kind: 'added', text: 'dog' },
      { kind: 'same', text: ' sat' },
    ]);
  });

  it('shows identical texts as one unchanged part, and nothing for two empty ones', () => {
    expect(displayDiff('same text', 'same text')).toEqual([{ kind: 'same', text: 'same text' }]);
    expect(displayDiff('', '')).toEqual([]);
    expect(displayDiff('', 'new')).toEqual([{ kind: 'added', text: 'new' }]);
    expect(displayDiff('old', '')).toEqual([{ kind: 'removed', text: 'old' }]);
  });

  it('keeps a word whole at word level and splits it at character level', () => {
    expect(displayDiff('colour', 'color', { granularity: 'word' })).toEqual([
      { kind: 'removed', text: 'colour' },
      { kind: 'added', text: 'color' },
    ]);
    expect(displayDiff('colour', 'color', { granularity: 'char' })).toEqual([
      { kind: 'same', text: 'colo' },
      { kind: 'removed', text: 'u' },
      { kind: 'same', text: 'r' },
    ]);
  });

  it('shows a change of spacing or punctuation', () => {
    expectFaithful('a  b', 'a b', displayDiff('a  b', 'a b'));
    expect(displayDiff('Hello, world', 'Hello world')).toEqual([
      { kind: 'same', text: 'Hello' },
      { kind: 'removed', text: ',' },
      { kind: 'same', text: ' world' },
    ]);
  });

  describe("'auto' granularity", () => {
    it('diffs Chinese, Japanese and Thai text by character', () => {
      expect(displayDiff('我爱你', '我爱他')).toEqual([
        { kind: 'same', text: '我爱' },
        { kind: 'removed', text: '你' },
        { kind: 'added', text: '他' },
      ]);
      expect(displayDiff('東京は晴れです', '東京は雨です').filter((p) => p.kind === 'same').map((p) => p.text)).toEqual([
        '東京は',
        'です',
      ]);
      expect(displayDiff('ภาษาไทย', 'ภาษาลาว')[0]).toEqual({ kind: 'same', text: 'ภาษา' });
    });

    it('diffs by character when the language is one written without spaces', () => {
      const byChar = [
        { kind: 'same', text: 'ab' },
        { kind: 'removed', text: 'c' },
        { kind: 'added', text: 'd' },
      ];
      expect(displayDiff('abc', 'abd', { lang: 'ja' })).toEqual(byChar);
      expect(displayDiff('abc', 'abd', { lang: 'zh-Hant-TW' })).toEqual(byChar);
      expect(displayDiff('abc', 'abd', { lang: 'en' })).toEqual([
        { kind: 'removed', text: 'abc' },
        { kind: 'added', text: 'abd' },
      ]);
    });

    it('diffs by word when most letters are in spaced scripts, even with some CJK', () => {
      expect(displayDiff('The iPhone 手机 is new', 'The iPhone 手机 is old')).toEqual([
        { kind: 'same', text: 'The iPhone 手机 is ' },
        { kind: 'removed', text: 'new' },
        { kind: 'added', text: 'old' },
      ]);
    });

    it('lets an explicit granularity win over the language', () => {
      expect(displayDiff('我爱你', '我爱他', { granularity: 'word', lang: 'zh' })).toHaveLength(3);
      expect(displayDiff('ab', 'ac', { granularity: 'word', lang: 'ja' })).toHaveLength(2);
    });
  });

  it('never splits a character from its accent or an emoji from its modifiers', () => {
    expect(displayDiff('ok 👍🏽', 'ok 👍🏿', { granularity: 'word' })).toEqual([
      { kind: 'same', text: 'ok ' },
      { kind: 'removed', text: '👍🏽' },
      { kind: 'added', text: '👍🏿' },
    ]);
    expect(displayDiff('cafe\u0301', 'cafe', { granularity: 'char' })).toEqual([
      { kind: 'same', text: 'caf' },
      { kind: 'removed', text: 'e\u0301' },
      { kind: 'added', text: 'e' },
    ]);
    for (const [before, after] of [
      ['👍🏽', '👍🏿'],
      ['👨‍👩‍👧', '👨‍👩‍👦'],
      ['🇫🇷', '🇫🇮'],
    ] as const) {
      expect(displayDiff(before, after, { granularity: 'char' })).toEqual([
        { kind: 'removed', text: before },
        { kind: 'added', text: after },
      ]);
    }
  });

  it('gives back both texts exactly, whatever the granularity', () => {
    const unit = fc.constantFrom('a', 'b', 'word', ' ', '  ', '\n', '\t', '\u00a0', ',', '.', "'", 'é', 'e\u0301', '😀', '👍🏽', '\u200d', '中', '文', 'ก', 'ิ', '\r\n');
    const text = fc.string({ unit, maxLength: 40 });
    const granularity = fc.constantFrom('word' as const, 'char' as const, 'auto' as const);
    fc.assert(
      fc.property(text, text, granularity, (before, after, g) => {
        expectFaithful(before, after, displayDiff(before, after, { granularity: g }));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives back both texts exactly for long documents, which are cut at anchors', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const { before, after } = editedDocument(seed);
        expectFaithful(before, after, displayDiff(before, after));
      }),
      { numRuns: 30 },
    );
  });

  it('shows a long document rewritten from scratch as one removal and one addition', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `old${i % 97}`).join(' ');
    const after = Array.from({ length: 3000 }, (_, i) => `new${i % 89}`).join(' ');
    const parts = displayDiff(before, after);
    expectFaithful(before, after, parts);
    expect(parts).toEqual([
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ]);
  });

  it('diffs one corrected word of a 5,000-word document down to that word', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i % 300}`);
    const before = words.join(' ');
    words[2500] = 'corrected';
    const parts = displayDiff(before, words.join(' '));
    expect(parts.filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'word100' },
      { kind: 'added', text: 'corrected' },
    ]);
  });
});

/** 1,500 words, one in seven unique, then up to 60 words inserted, replaced or deleted and some spacing doubled.
 *  A generator of its own so that fast-check shrinks only the seed. */
function editedDocument(seed: number): { before: string; after: string } {
  let state = seed >>> 0;
  const next = (below: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % below;
  };
  const vocabulary = 'the a of house river light stone green walked quickly under over'.split(' ');
  const words = Array.from({ length: 1500 }, (_, i) => (next(7) === 0 ? `w${i}` : vocabulary[next(vocabulary.length)]!));
  const changed = [...words];
  for (let k = next(60); k > 0; k--) changed.splice(next(changed.length), next(3), `new${k}`);
  const after = changed.map((w) => (next(50) === 0 ? `${w}  ` : `${w} `)).join('');
  return { before: words.join(' '), after };
}
