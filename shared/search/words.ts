/**
 * Word boundaries for "whole words", in every script. JavaScript's `\b` knows only ASCII letters (it finds a
 * "boundary" inside "мир" or "ملف"), so letters, marks and digits of any script make words here. Chinese,
 * Japanese, Thai, Lao, Khmer and Burmese are written without spaces between words, so, as the terminology
 * check does (docs/qa.md), a word there may start or end between any two of their characters. A boundary
 * never falls between a character and its combining marks (a Devanagari vowel sign, Arabic harakat).
 */

const WORD = /^[\p{L}\p{M}\p{N}\p{Pc}]$/u;
const MARK = /^\p{M}$/u;
const UNSPACED = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]$/u;

/** The code point that ends at `i`, or '' at the start. */
function pointBefore(s: string, i: number): string {
  if (i <= 0) return '';
  const low = s.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = s.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return s.slice(i - 2, i);
  }
  return s.slice(i - 1, i);
}

/** The code point that starts at `i`, or '' at the end. */
function pointAt(s: string, i: number): string {
  const cp = s.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** Whether a whole word may start or end at `i` of `s`. */
export function isWordBoundary(s: string, i: number): boolean {
  const before = pointBefore(s, i);
  const after = pointAt(s, i);
  if (MARK.test(after)) return false;
  if (!WORD.test(before) || !WORD.test(after)) return true;
  return UNSPACED.test(before) || UNSPACED.test(after);
}
