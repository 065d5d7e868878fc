/**
 * Patience-diff anchors: tokens that occur exactly once in `a` and once in `b` (whitespace aside), reduced to
 * the longest run in the same order in both. Pairs of positions [indexInA, indexInB], ascending in both.
 */
export function uniqueAnchors(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const inA = occurrences(a);
  const inB = occurrences(b);
  const pairs: Array<[number, number]> = [];
  for (const [token, ia] of inA) {
    const ib = inB.get(token);
    if (ia >= 0 && ib !== undefined && ib >= 0) pairs.push([ia, ib]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  return longestIncreasing(pairs);
}

/** Position of each non-whitespace token that occurs once; -1 for one that occurs more often. */
function occurrences(tokens: readonly string[]): Map<string, number> {
  const seen = new Map<string, number>();
  tokens.forEach((token, i) => {
    if (token.trim() === '') return;
    seen.set(token, seen.has(token) ? -1 : i);
  });
  return seen;
}

/** Longest subsequence of `pairs` (sorted by a) increasing in b, by patience sorting: O(k log k). */
function longestIncreasing(pairs: Array<[number, number]>): Array<[number, number]> {
  const tops: number[] = [];
  const previous = new Int32Array(pairs.length);
  pairs.forEach(([, ib], k) => {
    let lo = 0;
    let hi = tops.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pairs[tops[mid]!]![1] < ib) lo = mid + 1;
      else hi = mid;
    }
    previous[k] = lo > 0 ? tops[lo - 1]! : -1;
    tops[lo] = k;
  });
  const run: Array<[number, number]> = [];
  for (let k = tops.length > 0 ? tops[tops.length - 1]! : -1; k >= 0; k = previous[k]!) run.push(pairs[k]!);
  return run.reverse();
}
