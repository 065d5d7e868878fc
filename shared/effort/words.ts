// Source word counts as translators are paid by them (docs/effort.md, "Word counts and repetitions").

// Chinese and Japanese letters: each is one word, as Trados Studio, memoQ and WorldServer count them.
// Script_Extensions so that the kana length mark ー and the iteration mark 々 count; the look-ahead keeps
// CJK punctuation (、。「」, whose extensions name these scripts too) out. Marks stay with their letter.
const CJK_LETTER = /(?=[\p{L}\p{N}])[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}]\p{M}*/gu;

// Word-like segments joined by a hyphen (or the Hebrew maqaf) with nothing between are one word, as memoQ
// counts "E-Mail-Adresse"; Unicode's word boundaries would make it three.
const HYPHENS: ReadonlySet<string> = new Set(['-', '\u2010', '\u2011', '\u05be']);

// Fast path. Intl.Segmenter costs about 3 µs a word, seconds on a batch of 100,000 segments. For text made
// only of Latin, Greek and Cyrillic letters (with nonspacing marks), ASCII digits, ordinary spaces and the
// punctuation below, the Unicode word rules (UAX #29) reduce to this expression: letters and digits run
// together; a full stop or apostrophe joins two letters (WB6-7); a full stop, apostrophe, comma or
// semicolon joins two digits (WB11-12). test/unit/effort.words.test.ts checks it against the segmenter.
// Colon and underscore, whose treatment differs between ICU versions or is subtle, take the slow path.
const FAST_TEXT = /^(?:(?=\p{L})[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]\p{Mn}*|[0-9 \t\n\r!"#$%&()*+,\-./;<=>?@[\\\]^`{|}~'’–—“”„«»…¡¿\u2010\u2011])*$/u;
const UNIT = '(?:\\p{L}\\p{Mn}*|[0-9])';
const MID = "(?:(?<=\\p{L}\\p{Mn}*)[.'’](?=\\p{L})|(?<=[0-9])[.,;'’](?=[0-9]))";
const WORD = `${UNIT}+(?:${MID}${UNIT}+)*`;
const FAST_WORD = new RegExp(`${WORD}(?:[-\\u2010\\u2011]${WORD})*`, 'gu');

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(lang: string | undefined): Intl.Segmenter {
  const key = lang ?? '';
  let found = segmenters.get(key);
  if (!found) {
    try {
      found = new Intl.Segmenter(lang, { granularity: 'word' });
    } catch {
      // A schema's language tag is only checked for its shape; one Intl refuses falls back to the default.
      found = new Intl.Segmenter(undefined, { granularity: 'word' });
    }
    segmenters.set(key, found);
  }
  return found;
}

/** Word-like segments of `Intl.Segmenter`, those joined by a hyphen counted once. */
export function segmentedWords(text: string, lang?: string): number {
  let count = 0;
  let afterWord = false;
  let joined = false;
  for (const { segment, isWordLike } of segmenter(lang).segment(text)) {
    if (isWordLike) {
      if (!joined) count += 1;
      afterWord = true;
      joined = false;
    } else {
      joined = afterWord && HYPHENS.has(segment);
      afterWord = false;
    }
  }
  return count;
}

/**
 * The words of a source text as a CAT tool counts them for payment: Unicode word boundaries
 * (`Intl.Segmenter`, word-like segments: words and numbers, not punctuation or symbols), hyphenated words
 * once, and each Chinese or Japanese character (Han, Hiragana, Katakana) a word of its own. `lang` is the
 * text's BCP 47 tag, where the schema gives one.
 */
export function countWords(text: string, lang?: string): number {
  let cjk = 0;
  // A space where each character was, so that the letters around it still end there.
  const rest = text.replace(CJK_LETTER, () => {
    cjk += 1;
    return ' ';
  });
  if (FAST_TEXT.test(rest)) return cjk + (rest.match(FAST_WORD)?.length ?? 0);
  return cjk + segmentedWords(rest, lang);
}
