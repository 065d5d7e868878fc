const SPACE = /\s/u;
// Letters, digits and punctuation never extend the character before them, so a token starts there.
const STARTS_TOKEN = /[\p{L}\p{N}\p{P}]/u;
const ZWJ = '\u200d';

/**
 * Lengths of the longest common start and end of `a` and `b` that end on a token boundary for both tokenisers
 * (after whitespace, before a letter, digit or punctuation), so that they can be cut off untokenised.
 */
export function commonEnds(a: string, b: string): { head: number; tail: number } {
  const max = Math.min(a.length, b.length);
  let head = 0;
  while (head < max && a.charCodeAt(head) === b.charCodeAt(head)) head++;
  while (head > 0 && !(isCut(a, head) && isCut(b, head))) head--;
  let tail = 0;
  while (tail < max - head && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  while (tail > 0 && !(isCut(a, a.length - tail) && isCut(b, b.length - tail))) tail--;
  return { head, tail };
}

function isCut(text: string, i: number): boolean {
  if (i === 0 || i === text.length) return true;
  // A zero-width joiner glues the next character, even a space, to the emoji before it.
  return SPACE.test(text[i - 1]!) && text[i - 2] !== ZWJ && STARTS_TOKEN.test(text[i]!);
}
