import { levenshtein } from '../levenshtein';
import { BeamAligner, type Alignment } from './beam-aligner';
import { CELL_BUDGET } from './limits';
import { alignmentErrors, applyPatch, candidateShifts, shiftPatch, wordPositions, type Patch, type WordPositions } from './shifts';

// One aligner for all calls, which are synchronous and never nested: allocating its buffers anew for every
// sentence was a quarter of the cost of scoring short lines.
const aligner = new BeamAligner();

export interface EditCount {
  edits: number;
  refWords: number;
}

/**
 * tercom's TER on word sequences (TERcalc.TER): align, then greedily apply the best shift while one pays for
 * itself, then add the shifts to the remaining edit distance. Words are compared exactly; case folding and
 * tokenisation are the caller's.
 *
 * `cellBudget` caps the alignment cells visited (docs/effort.md, "Long texts"). If the shift search exceeds it,
 * the search stops and keeps the shifts found so far: the count can then only be higher than tercom's. If the
 * first alignment alone exceeds it, the result is the word-level Levenshtein distance, without shifts.
 */
export function terWords(
  hypWords: readonly string[],
  refWords: readonly string[],
  cellBudget: number = CELL_BUDGET,
): EditCount {
  if (hypWords.length === 0 || refWords.length === 0) {
    // tercom's TERnullstr: every word of the non-empty side is one edit.
    return { edits: hypWords.length + refWords.length, refWords: refWords.length };
  }

  const ids = new Map<string, number>();
  const intern = (word: string): number => {
    let id = ids.get(word);
    if (id === undefined) {
      id = ids.size;
      ids.set(word, id);
    }
    return id;
  };
  let hyp: Int32Array = Int32Array.from(hypWords, intern);
  const ref = Int32Array.from(refWords, intern);

  aligner.reset(ref, cellBudget);
  let alignment = aligner.align(hyp);
  if (alignment === null) return { edits: levenshtein(hyp, ref, ids.size), refWords: ref.length };

  const positions = wordPositions(ref);
  let cost = alignment.cost;
  let shifts = 0;
  for (;;) {
    const found = bestShift(hyp, ref, positions, alignment, aligner);
    if (found === null) break;
    shifts++;
    hyp = found.words;
    cost = found.cost;
    alignment = aligner.align(hyp);
    if (alignment === null) break;
  }
  return { edits: cost + shifts, refWords: ref.length };
}

/**
 * tercom's CalcBestShift: tries candidates from the longest phrase down and keeps the one with the largest gain,
 * stopping once no shorter phrase could beat it. A shift that only breaks even is taken if nothing better came
 * first, as tercom does. Returns the shifted hypothesis and its edit distance, or null when no shift helps.
 * When the budget runs out the search ends with the best shift found so far.
 */
function bestShift(
  hyp: Int32Array,
  ref: Int32Array,
  positions: WordPositions,
  alignment: Alignment,
  aligner: BeamAligner,
): { words: Int32Array; cost: number } | null {
  const buckets = candidateShifts(hyp, ref, positions, alignmentErrors(alignment.ops, hyp.length, ref.length));
  const startCost = alignment.cost;
  let bestCost = startCost;
  let bestShiftCost = 0;
  let best: Patch | null = null;

  search: for (let i = buckets.length - 1; i >= 0; i--) {
    const maxFix = 2 * (i + 1);
    for (const shift of buckets[i]!) {
      const fix = startCost - (bestShiftCost + bestCost);
      if (fix > maxFix || (bestShiftCost !== 0 && fix === maxFix)) break search;

      const patch = shiftPatch(hyp, shift);
      const cost = aligner.patchedCost(patch);
      if (cost === null) break search;
      const gain = bestCost + bestShiftCost - (cost + 1);
      if (gain > 0 || (bestShiftCost === 0 && gain === 0)) {
        best = patch;
        bestShiftCost = 1;
        bestCost = cost;
      }
    }
  }
  return best === null ? null : { words: applyPatch(hyp, best), cost: bestCost };
}
