import { UNSPACED_CLASS } from './scripts';

// Close to Unicode's extended grapheme cluster, for what a diff must not split: a base with its combining marks,
// an emoji with its skin tone, variation selector, tags or zero-width-joined sequel, a flag's two letters,
// CR LF. Intl.Segmenter does it exactly but was 50 times slower on a long text.
const EXTEND = '[\\p{M}\\p{Emoji_Modifier}\\u{E0020}-\\u{E007F}]*';
const CLUSTER = `\\r\\n|\\p{Regional_Indicator}{2}|[^]${EXTEND}(?:\\u200d[^]${EXTEND})*`;

const WORD_CHAR = `(?:(?!${UNSPACED_CLASS})[\\p{L}\\p{M}\\p{N}\\p{Pc}])`;

// Tokens that concatenate back to the text: whitespace runs; one unspaced-script character; words (an apostrophe
// inside a word keeps it whole: "don't"); otherwise one character cluster (punctuation, symbol, emoji).
const WORD_TOKEN = new RegExp(
  ['\\s+', `${UNSPACED_CLASS}\\p{M}*`, `${WORD_CHAR}+(?:['’]${WORD_CHAR}+)*`, CLUSTER].join('|'),
  'gu',
);
const CHAR_TOKEN = new RegExp(CLUSTER, 'gu');

export function wordTokens(text: string): string[] {
  return text.match(WORD_TOKEN) ?? [];
}

/** User-perceived characters, so that a diff never splits "é" from its accent or an emoji from its modifier. */
export function charTokens(text: string): string[] {
  return text.match(CHAR_TOKEN) ?? [];
}
