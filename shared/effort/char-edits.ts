import { levenshtein } from './levenshtein';

/**
 * Levenshtein distance counted in Unicode code points ("😀" is one, "é" written as e + U+0301 is two).
 * Case-sensitive, no normalisation: it measures the keystrokes a reviewer's correction amounts to.
 *
 * Common prefix and suffix are dropped first; what is left goes to the bit-parallel `levenshtein`.
 */
export function charEdits(a: string, b: string): number {
  if (a === b) return 0;
  const [x, y] = trimCommon(a, b);
  const ids = toIds(x, y);
  return levenshtein(ids.a, ids.b, ids.alphabet);
}

function trimCommon(a: string, b: string): [string, string] {
  const max = Math.min(a.length, b.length);
  let start = 0;
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  // Never cut between the halves of a surrogate pair.
  if (start > 0 && isHighSurrogate(a.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < max - start && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(a.charCodeAt(a.length - end))) end--;
  return [a.slice(start, a.length - end), b.slice(start, b.length - end)];
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Both strings as code points renumbered densely, so that the match table is a small array. */
function toIds(a: string, b: string): { a: Int32Array; b: Int32Array; alphabet: number } {
  const ids = new Map<number, number>();
  const convert = (s: string): Int32Array => {
    const out: number[] = [];
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      let id = ids.get(cp);
      if (id === undefined) {
        id = ids.size;
        ids.set(cp, id);
      }
      out.push(id);
    }
    return Int32Array.from(out);
  };
  return { a: convert(a), b: convert(b), alphabet: ids.size };
}
