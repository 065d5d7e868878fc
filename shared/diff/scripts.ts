// Scripts written without spaces between words, where a word diff would see a whole sentence as one word.
const UNSPACED_SCRIPTS = ['Han', 'Hiragana', 'Katakana', 'Thai', 'Lao', 'Khmer', 'Myanmar'];

// Script_Extensions rather than Script, so that CJK punctuation and the kana length mark count too.
const UNSPACED_ESCAPES = UNSPACED_SCRIPTS.map((s) => `\\p{Script_Extensions=${s}}`).join('');

/** Source of a character class matching one unspaced-script character. */
export const UNSPACED_CLASS = `[${UNSPACED_ESCAPES}]`;

const UNSPACED_LANGS = new Set(['zh', 'ja', 'th', 'lo', 'km', 'my']);

const NON_LETTERS = /\P{L}+/gu;
const UNSPACED_RUNS = new RegExp(`${UNSPACED_CLASS}+`, 'gu');
const ANY_UNSPACED = new RegExp(UNSPACED_CLASS, 'u');

/** True for a BCP 47 tag whose language is normally written without spaces ("ja", "zh-Hant-TW"). */
export function isUnspacedLanguage(lang: string): boolean {
  return UNSPACED_LANGS.has(lang.split(/[-_]/)[0]!.toLowerCase());
}

/** True when at least half the letters of `text` (counted in UTF-16 units) belong to an unspaced script. */
export function isMostlyUnspaced(text: string): boolean {
  // Native regular expressions over runs: testing letter by letter was the slowest step of a long diff.
  if (!ANY_UNSPACED.test(text)) return false;
  const letters = text.replace(NON_LETTERS, '');
  const unspaced = letters.length - letters.replace(UNSPACED_RUNS, '').length;
  return letters.length > 0 && unspaced * 2 >= letters.length;
}
