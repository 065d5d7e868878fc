import { OP_DEL, OP_INS, OP_MATCH, OP_SUB } from './beam-aligner';
import { MAX_SHIFT_DIST, MAX_SHIFT_SIZE } from './limits';

/** tercom's TERshift: move hyp[start..end] (inclusive) to just after hyp[newloc]; newloc -1 is the front. */
export interface Shift {
  start: number;
  end: number;
  newloc: number;
}

/** Positions of each word in the reference, ascending. */
export type WordPositions = Map<number, number[]>;

/** A run of words replacing hypothesis positions [from, from + words.length). */
export interface Patch {
  from: number;
  words: Int32Array;
}

/** Which words are in error after an alignment, and where each reference word sits in the hypothesis. */
export interface AlignmentErrors {
  hypErr: Uint8Array;
  refErr: Uint8Array;
  /** Hypothesis position aligned to each reference word; a deleted word takes the position before it. */
  refAlign: Int32Array;
}

/**
 * What tercom's BuildWordMatches indexes: tercom maps every reference phrase to where it starts; here only words
 * are indexed and a phrase's starts are found by extending its first word's (see `candidateShifts`), which
 * gives the same positions in the same order with far less allocation.
 */
export function wordPositions(ref: Int32Array): WordPositions {
  const positions: WordPositions = new Map();
  ref.forEach((word, i) => {
    const list = positions.get(word);
    if (list === undefined) positions.set(word, [i]);
    else list.push(i);
  });
  return positions;
}

/** tercom's FindAlignErr. */
export function alignmentErrors(ops: Uint8Array, hypLen: number, refLen: number): AlignmentErrors {
  const hypErr = new Uint8Array(hypLen);
  const refErr = new Uint8Array(refLen);
  const refAlign = new Int32Array(refLen);
  let h = -1;
  let r = -1;
  for (const op of ops) {
    if (op === OP_MATCH || op === OP_SUB) {
      h++;
      r++;
      const err = op === OP_SUB ? 1 : 0;
      hypErr[h] = err;
      refErr[r] = err;
      refAlign[r] = h;
    } else if (op === OP_INS) {
      h++;
      hypErr[h] = 1;
    } else if (op === OP_DEL) {
      r++;
      refErr[r] = 1;
      refAlign[r] = h;
    }
  }
  return { hypErr, refErr, refAlign };
}

/**
 * tercom's GatherAllPossShifts: every shift worth trying, bucketed by length − 1, in tercom's order. A phrase is
 * a candidate only if it occurs in the reference, contains a misaligned word, lands on reference words that are
 * themselves misaligned, does not land inside itself, and moves at most MAX_SHIFT_DIST words.
 */
export function candidateShifts(
  hyp: Int32Array,
  ref: Int32Array,
  positions: WordPositions,
  errors: AlignmentErrors,
): Shift[][] {
  const { hypErr, refErr, refAlign } = errors;
  const buckets: Shift[][] = Array.from({ length: MAX_SHIFT_SIZE }, () => []);

  for (let start = 0; start < hyp.length; start++) {
    const first = positions.get(hyp[start]!);
    if (first === undefined || !reachable(first, refAlign, start)) continue;

    // Reference starts of the phrase hyp[start..end] that lie within shift distance, kept as the phrase grows.
    let near = first.slice(firstAlignedFrom(first, refAlign, start - MAX_SHIFT_DIST));
    const farEnd = near.findIndex((moveto) => refAlign[moveto]! > start + MAX_SHIFT_DIST);
    if (farEnd >= 0) near.length = farEnd;
    let anyHypErr = false;
    for (let end = start; end < hyp.length && end < start + MAX_SHIFT_SIZE; end++) {
      const offset = end - start;
      if (offset > 0) near = near.filter((moveto) => ref[moveto + offset] === hyp[end]);
      if (near.length === 0) break;
      if (hypErr[end] === 1) anyHypErr = true;
      // A phrase that is already right is not moved, but a longer one starting with it may be.
      if (!anyHypErr) continue;

      let landed = false;
      for (const moveto of near) {
        const to = refAlign[moveto]!;
        if (to >= start && to <= end) continue;
        landed = true;
        if (!anySet(refErr, moveto, moveto + offset + 1)) continue;
        for (let roff = -1; roff <= offset; roff++) {
          if (roff === -1 && moveto === 0) {
            buckets[offset]!.push({ start, end, newloc: -1 });
            continue;
          }
          const newloc = refAlign[moveto + roff]!;
          if (start !== newloc && (roff === 0 || newloc !== to)) {
            buckets[offset]!.push({ start, end, newloc });
          }
        }
      }
      if (!landed) break;
    }
  }
  return buckets;
}

/** tercom's first test on a phrase start: does its word occur in the reference near enough to move to? */
function reachable(starts: number[], refAlign: Int32Array, start: number): boolean {
  for (let k = firstAlignedFrom(starts, refAlign, start - MAX_SHIFT_DIST - 1); k < starts.length; k++) {
    const to = refAlign[starts[k]!]!;
    if (to > start + MAX_SHIFT_DIST) return false;
    if (to !== start) return true;
  }
  return false;
}

/**
 * First index in `starts` (ascending reference positions) whose aligned hypothesis position is at least `min`.
 * The alignment is monotonic, so the starts within shift distance form one run found by bisection; tercom scans
 * them all, which on a long document dominated the cost.
 */
function firstAlignedFrom(starts: number[], refAlign: Int32Array, min: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (refAlign[starts[mid]!]! < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function anySet(flags: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (flags[i] === 1) return true;
  return false;
}

/**
 * tercom's PerformShift, as the patch it makes: the words from the first to the last position that move.
 */
export function shiftPatch(words: Int32Array, { start, end, newloc }: Shift): Patch {
  if (newloc < start) {
    // Covers newloc -1, the front.
    return { from: newloc + 1, words: joined(words, start, end + 1, newloc + 1, start) };
  }
  if (newloc > end) return { from: start, words: joined(words, end + 1, newloc + 1, start, end + 1) };
  // Moving into itself: as many words as the move is long, taken from after the phrase, come first.
  const after = Math.min(words.length, end + (newloc - start) + 1);
  return { from: start, words: joined(words, end + 1, after, start, end + 1) };
}

/** words[a, b) followed by words[c, d). */
function joined(words: Int32Array, a: number, b: number, c: number, d: number): Int32Array {
  const out = new Int32Array(b - a + d - c);
  out.set(words.subarray(a, b));
  out.set(words.subarray(c, d), b - a);
  return out;
}

export function applyPatch(words: Int32Array, patch: Patch): Int32Array {
  const out = words.slice();
  out.set(patch.words, patch.from);
  return out;
}
