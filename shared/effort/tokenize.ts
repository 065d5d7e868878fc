// Scripts written without spaces between words. Script_Extensions (not Script) so that the marks shared by
// Japanese kana (ー, ゛) and CJK punctuation (、。「」) count too.
const UNSPACED =
  '\\p{Script_Extensions=Han}\\p{Script_Extensions=Hiragana}\\p{Script_Extensions=Katakana}' +
  '\\p{Script_Extensions=Thai}\\p{Script_Extensions=Lao}\\p{Script_Extensions=Khmer}\\p{Script_Extensions=Myanmar}';

// One token per unspaced-script character (with the combining marks that follow it, so that Thai vowel signs
// or a variation selector stay with their base), otherwise one token per maximal run of non-space characters.
const TOKEN = new RegExp(`[${UNSPACED}]\\p{M}*|[^\\s${UNSPACED}]+`, 'gu');

/**
 * Splits text into the words TER counts: at whitespace, as tercom does by default (no punctuation splitting, no
 * case folding), so already tokenised text such as MLQE-PE's comes out as its tokens; and, beyond tercom,
 * between the characters of scripts written without spaces. See docs/effort.md.
 */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}
