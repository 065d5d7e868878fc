import { BEAM_WIDTH, INF } from './limits';
import type { Patch } from './shifts';

// Alignment operations, read as tercom does: rewriting the reference into the hypothesis.
export const OP_MATCH = 0;
export const OP_SUB = 1;
/** A hypothesis word with no reference counterpart. */
export const OP_INS = 2;
/** A reference word with no hypothesis counterpart. */
export const OP_DEL = 3;

const UNSET = -1;
const NO_PATCH: Patch = { from: 0, words: new Int32Array(0) };

export interface Alignment {
  cost: number;
  /** Operations from the first word to the last. */
  ops: Uint8Array;
}

/**
 * tercom's MinEditDist: a Levenshtein alignment of hypothesis against reference in which a column (hypothesis
 * word) only expands the cells costing at most BEAM_WIDTH more than the previous column's best diagonal cell.
 * The loop is a line-for-line port, tie-breaking included, because the alignment it picks decides which shifts
 * tercom tries.
 *
 * What differs is storage. tercom fills a full (ref+1)×(hyp+1) matrix; here only two columns are live and the
 * touched band of each column is kept, so a call costs O(words × band) and a long document does not need
 * a quadratic matrix. The hypothesis last passed to `align` is the "base": the state on entry to each of its
 * columns is kept, so that a shifted variant of it (`patchedCost`) resumes at the first changed column and
 * stops as soon as its state equals the base's up to a constant: from there on the computation can only repeat
 * the base's, offset by that constant.
 */
export class BeamAligner {
  private ref: Int32Array = new Int32Array(0);
  private refLen = 0;

  // Working columns, blank (UNSET) between runs.
  private sCur = new Int32Array(2).fill(UNSET);
  private sNext = new Int32Array(2).fill(UNSET);
  private pCur = new Uint8Array(2);
  private pNext = new Uint8Array(2);

  /** Cells the runs may still visit; see `reset`. */
  private budget = 0;

  private base: Int32Array = new Int32Array(0);
  private baseCost = 0;
  private entry = new EntryStates();
  private path = new ColumnStore<Uint8Array>(Uint8Array);

  /**
   * Starts over with a new reference; buffers are kept for reuse. `budget` bounds the cells all runs together
   * may visit until the next reset: a run that would exceed it gives up and returns null, so that a pathological
   * pair of long texts cannot block the caller.
   */
  reset(ref: Int32Array, budget: number): void {
    this.ref = ref;
    this.refLen = ref.length;
    this.budget = budget;
    if (this.sCur.length < ref.length + 2) {
      this.sCur = new Int32Array(ref.length + 2).fill(UNSET);
      this.sNext = new Int32Array(ref.length + 2).fill(UNSET);
      this.pCur = new Uint8Array(ref.length + 2);
      this.pNext = new Uint8Array(ref.length + 2);
    }
  }

  /** Aligns `hyp` and makes it the base for `patchedCost`; null if over budget. */
  align(hyp: Int32Array): Alignment | null {
    this.base = hyp;
    this.entry.reset(hyp.length + 1, this.bandGuess());
    this.path.reset(hyp.length + 1, this.bandGuess());
    this.sCur[0] = 0;
    const cost = this.run(NO_PATCH, { col: 0, lo: 0, hi: 0, best: INF, first: 0, last: 0 }, true);
    if (cost === null) return null;
    this.baseCost = cost;
    return { cost, ops: this.trace(hyp.length) };
  }

  /** Cost of aligning the base with `patch` applied over it (a shift only reorders); null if over budget. */
  patchedCost(patch: Patch): number | null {
    return this.run(patch, this.entry.restore(patch.from, this.sCur), false);
  }

  /** Room per column for a typical band, so that the stores rarely grow. */
  private bandGuess(): number {
    return Math.min(this.refLen + 1, 2 * BEAM_WIDTH + 4);
  }

  /**
   * Runs the columns from `start.col` on. A base run records its states; a patched run stops early once it has
   * passed the patch and caught up with the base.
   */
  private run(patch: Patch, start: ColumnEntry, recording: boolean): number | null {
    const ref = this.ref;
    const refLen = this.refLen;
    const hyp = this.base;
    const hypLen = hyp.length;
    const patchWords = patch.words;
    const patchFrom = patch.from;
    const patchTo = patch.from + patch.words.length;
    let sCur = this.sCur;
    let sNext = this.sNext;
    let pCur = this.pCur;
    let pNext = this.pNext;
    let curLo = start.lo;
    let curHi = start.hi;
    let carriedBest = start.best;
    let carriedFirst = start.first;
    let carriedLast = start.last;
    let result: number | null = null;
    let visited = 0;

    for (let j = start.col; j <= hypLen; j++) {
      if (visited > this.budget) break;
      if (recording) {
        this.entry.record(j, sCur, curLo, curHi, carriedBest, carriedFirst, carriedLast);
      } else if (j >= patchTo) {
        const delta = this.entry.offsetFrom(j, sCur, curLo, curHi, carriedBest, carriedFirst, carriedLast);
        if (delta !== null) {
          result = this.baseCost + delta;
          break;
        }
      }

      const lastBest = carriedBest;
      let lastGood = carriedLast;
      let currentBest = INF;
      let currentFirstGood = -1;
      let curLastGood = -1;
      let nextLo = Number.MAX_SAFE_INTEGER;
      let nextHi = -1;
      const hasWord = j < hypLen;
      const word = !hasWord ? 0 : j >= patchFrom && j < patchTo ? patchWords[j - patchFrom]! : hyp[j]!;

      for (let i = carriedFirst; i <= refLen; i++) {
        if (i > lastGood) break;
        visited++;
        const score = sCur[i]!;
        if (score < 0) continue;
        if (hasWord && score > lastBest + BEAM_WIDTH) continue;
        if (currentFirstGood === -1) currentFirstGood = i;

        if (hasWord && i < refLen) {
          const diag = sNext[i + 1]!;
          if (ref[i] === word) {
            if (diag === UNSET || score < diag) {
              sNext[i + 1] = score;
              pNext[i + 1] = OP_MATCH;
            }
            if (score < currentBest) currentBest = score;
          } else {
            const cost = score + 1;
            if (diag < 0 || cost < diag) {
              sNext[i + 1] = cost;
              pNext[i + 1] = OP_SUB;
              if (cost < currentBest) currentBest = cost;
            }
          }
          if (i + 1 < nextLo) nextLo = i + 1;
          if (i + 1 > nextHi) nextHi = i + 1;
        }

        curLastGood = i + 1;

        if (hasWord) {
          const cost = score + 1;
          const right = sNext[i]!;
          if (right < 0 || right > cost) {
            sNext[i] = cost;
            pNext[i] = OP_INS;
            if (i < nextLo) nextLo = i;
            if (i > nextHi) nextHi = i;
          }
        }

        if (i < refLen) {
          const cost = score + 1;
          const down = sCur[i + 1]!;
          if (down < 0 || down > cost) {
            sCur[i + 1] = cost;
            pCur[i + 1] = OP_DEL;
            if (i + 1 > curHi) curHi = i + 1;
            if (i >= lastGood) lastGood = i + 1;
          }
        }
      }

      if (j === hypLen) result = sCur[refLen]!;
      if (recording) this.path.record(j, pCur, curLo, curHi);

      for (let i = curLo; i <= curHi; i++) sCur[i] = UNSET;
      const sDone = sCur;
      sCur = sNext;
      sNext = sDone;
      const pDone = pCur;
      pCur = pNext;
      pNext = pDone;
      curLo = nextLo;
      curHi = nextHi;
      carriedBest = currentBest;
      carriedFirst = currentFirstGood;
      carriedLast = curLastGood;
    }

    // Leave both working columns blank for the next run (a converged run stops before clearing its own).
    for (let i = curLo; i <= curHi; i++) sCur[i] = UNSET;
    this.sCur = sCur;
    this.sNext = sNext;
    this.pCur = pCur;
    this.pNext = pNext;
    this.budget -= visited;
    return result;
  }

  private trace(hypLen: number): Uint8Array {
    const reversed: number[] = [];
    let i = this.refLen;
    let j = hypLen;
    while (i > 0 || j > 0) {
      const op = this.path.at(j, i);
      reversed.push(op);
      if (op === OP_MATCH || op === OP_SUB) {
        i--;
        j--;
      } else if (op === OP_DEL) {
        i--;
      } else {
        j--;
      }
    }
    return Uint8Array.from(reversed.reverse());
  }
}

type NumberArray = Int32Array | Uint8Array;
type ArrayMaker<T extends NumberArray> = new (length: number) => T;

/** Per column: a band [lo, hi] of values stored end to end in one growing buffer. */
class ColumnStore<T extends NumberArray> {
  data: T;
  lo = new Int32Array(0);
  offset = new Int32Array(0);
  private used = 0;
  private readonly make: ArrayMaker<T>;

  constructor(make: ArrayMaker<T>) {
    this.make = make;
    this.data = new make(0);
  }

  reset(columns: number, band: number): void {
    if (this.lo.length < columns) {
      this.lo = new Int32Array(columns);
      this.offset = new Int32Array(columns);
    }
    if (this.data.length < columns * band) this.data = new this.make(columns * band);
    this.used = 0;
  }

  record(column: number, source: T, lo: number, hi: number): void {
    const count = hi - lo + 1;
    if (this.used + count > this.data.length) {
      const grown = new this.make(Math.max(this.data.length * 2, this.used + count));
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    this.data.set(source.subarray(lo, hi + 1), this.used);
    this.lo[column] = lo;
    this.offset[column] = this.used;
    this.used += count;
  }

  at(column: number, row: number): number {
    return this.data[this.offset[column]! + row - this.lo[column]!]!;
  }
}

interface ColumnEntry {
  col: number;
  /** Band of the column's scores already written. */
  lo: number;
  hi: number;
  /** tercom's current_best, current_first_good and cur_last_good carried from the previous column. */
  best: number;
  first: number;
  last: number;
}

/** The state on entry to each column of the base alignment: scores of the column so far, plus beam scalars. */
class EntryStates {
  values = new ColumnStore<Int32Array>(Int32Array);
  hi = new Int32Array(0);
  best = new Int32Array(0);
  first = new Int32Array(0);
  last = new Int32Array(0);

  reset(columns: number, band: number): void {
    this.values.reset(columns, band);
    if (this.hi.length < columns) {
      this.hi = new Int32Array(columns);
      this.best = new Int32Array(columns);
      this.first = new Int32Array(columns);
      this.last = new Int32Array(columns);
    }
  }

  record(j: number, s: Int32Array, lo: number, hi: number, best: number, first: number, last: number): void {
    this.values.record(j, s, lo, hi);
    this.hi[j] = hi;
    this.best[j] = best;
    this.first[j] = first;
    this.last[j] = last;
  }

  /** Writes column j's entry scores into `s` and returns the rest of its state. */
  restore(j: number, s: Int32Array): ColumnEntry {
    const lo = this.values.lo[j]!;
    const hi = this.hi[j]!;
    const off = this.values.offset[j]! - lo;
    const base = this.values.data;
    for (let i = lo; i <= hi; i++) s[i] = base[off + i]!;
    return { col: j, lo, hi, best: this.best[j]!, first: this.first[j]!, last: this.last[j]! };
  }

  /** The constant by which this state's scores exceed the base's at column j, or null if it is not one. */
  offsetFrom(j: number, s: Int32Array, lo: number, hi: number, best: number, first: number, last: number): number | null {
    if (lo !== this.values.lo[j] || hi !== this.hi[j] || first !== this.first[j] || last !== this.last[j]) return null;
    const base = this.values.data;
    const off = this.values.offset[j]! - lo;
    const delta = s[lo]! - base[off + lo]!;
    for (let i = lo + 1; i <= hi; i++) {
      const a = s[i]!;
      const b = base[off + i]!;
      if (a < 0 || b < 0 ? a !== b : a - b !== delta) return null;
    }
    const baseBest = this.best[j]!;
    if (best === INF || baseBest === INF) return best === baseBest ? delta : null;
    return best - baseBest === delta ? delta : null;
  }
}
