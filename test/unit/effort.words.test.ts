import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, wordCounts } from '../../shared/effort';
import { segmentedWords } from '../../shared/effort/words';

describe('countWords: source words as a CAT tool counts them', () => {
  it('counts English words, keeping contractions whole', () => {
    expect(countWords('The quick brown fox jumps over the lazy dog.', 'en')).toBe(9);
    expect(countWords("Don't stop — it isn't over!", 'en')).toBe(5);
  });

  it('counts a German compound once, hyphenated or not', () => {
    expect(countWords('Die Donaudampfschifffahrtsgesellschaft hat eine E-Mail-Adresse.', 'de')).toBe(5);
    expect(countWords('Der US‑Präsident und die Rhein-Main-Region', 'de')).toBe(5);
  });

  it('counts a French elision with its word', () => {
    expect(countWords('L’homme qu’il aime', 'fr')).toBe(3);
    expect(countWords("l'école d'été", 'fr')).toBe(2);
  });

  it('counts Arabic words and digits, not its comma', () => {
    expect(countWords('ذهب الطالب إلى المدرسة، وقرأ ٣ كتب.', 'ar')).toBe(7);
  });

  it('keeps a Hebrew acronym with gershayim and words joined by maqaf together', () => {
    expect(countWords('צה"ל הוא ר"ת של צבא ההגנה לישראל.', 'he')).toBe(7);
    expect(countWords('בית־הספר', 'he')).toBe(1);
  });

  it('counts each Chinese character as a word, and a Latin word among them once', () => {
    // 我 买 了 · iPhone · 手 机 · 价 格 是 · 5000 · 元
    expect(countWords('我买了iPhone手机，价格是5000元。', 'zh')).toBe(11);
    expect(countWords('iPhone手机')).toBe(3);
  });

  it('counts each kanji and kana of mixed Japanese, the length mark too, but not its punctuation', () => {
    // 東 京 タ ワ ー · は · 2024 · 年 · に · コ ー ヒ ー · を · 飲 ん だ
    expect(countWords('東京タワーは2024年にコーヒーを飲んだ。', 'ja')).toBe(17);
    expect(countWords('東京タワーは2024年に', 'ja')).toBe(9);
    expect(countWords('「、。」', 'ja')).toBe(0);
  });

  it('counts Korean by its spaced words, as CAT tools do', () => {
    expect(countWords('한국어 텍스트입니다.', 'ko')).toBe(2);
  });

  it('keeps Sinhala conjuncts (with zero-width joiner) inside their word', () => {
    expect(countWords('ශ්‍රී ලංකාව ලස්සන රටකි.', 'si')).toBe(4);
  });

  it('counts numbers as words, with their separators, and never punctuation, symbols or emoji', () => {
    expect(countWords('It costs $1,234.56 (about 20%).', 'en')).toBe(5);
    expect(countWords('3,5 Mio. und 1.000.000', 'de')).toBe(4);
    expect(countWords('... — !!! ¿? 😀 👍🏽 % $', 'en')).toBe(0);
  });

  it('is 0 for empty and blank text', () => {
    expect(countWords('')).toBe(0);
    expect(countWords(' \n\t ')).toBe(0);
  });

  it('does not fail on a language tag Intl refuses', () => {
    expect(countWords('Hallo Welt: schön', 'de-a')).toBe(3);
  });
});

describe('the fast path of countWords', () => {
  // What the fast path handles must count exactly as Intl.Segmenter does (with hyphens joining).
  const char = fc.constantFrom(
    ...'abzé', 'e\u0301', 'α', 'ж', 'ß', 'ª', ...'019', ...' \t\n', ...'!"#$%&()*+,-./;<=>?@[\\]^`{|}~', "'", '’', '–', '—', '“', '”', '„', '«', '»', '…', '¡', '¿', '\u2010', '\u2011',
  );

  it('agrees with the segmenter on random text', () => {
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }), (chars) => {
        const text = chars.join('');
        expect(countWords(text)).toBe(segmentedWords(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the segmenter for every Latin, Greek and Cyrillic letter and every nonspacing mark', () => {
    const differ: string[] = [];
    for (let cp = 0; cp < 0x110000; cp += 1) {
      if (cp >= 0xd800 && cp < 0xe000) continue;
      const c = String.fromCodePoint(cp);
      if (!/(?=\p{L})[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]|\p{Mn}/u.test(c)) continue;
      for (const text of [`${c}.a ${c}1'${c} a${c}`, `a${c}.${c}-${c} 1${c}`, `.${c}`]) {
        if (countWords(text) !== segmentedWords(text)) differ.push(text);
      }
    }
    expect(differ).toEqual([]);
  });
});

describe('wordCounts: repetitions', () => {
  it('counts a segment whose source came earlier, spacing aside, as a repetition', () => {
    const counts = wordCounts(['Press Start.', '  Press   Start. ', 'press start.', 'Press\nStart.', 'Done.']);
    expect(counts.perSegment).toEqual([
      { words: 2, repetition: false },
      { words: 2, repetition: true },
      // Case is kept: a different capitalisation is new work.
      { words: 2, repetition: false },
      { words: 2, repetition: true },
      { words: 1, repetition: false },
    ]);
    expect(counts).toMatchObject({ segments: 5, words: 9, newWords: 5, repetitionWords: 4 });
  });

  it('repeats a segment of several texts only when all of them repeat, in order', () => {
    const counts = wordCounts([
      [{ text: 'Fever.' }, { text: 'BP 120/80' }],
      [{ text: 'Fever.' }, { text: 'BP 130/80' }],
      [{ text: 'Fever.' }, { text: 'BP 120/80' }],
    ]);
    expect(counts.perSegment.map((s) => s.repetition)).toEqual([false, false, true]);
  });

  it('is all zeros for no segments', () => {
    expect(wordCounts([])).toEqual({ segments: 0, words: 0, newWords: 0, repetitionWords: 0, perSegment: [] });
  });
});
