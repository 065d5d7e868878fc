import { sameValues, type FieldValues, type Item, type OutputField, type ReviewStatus } from '../../shared/domain';
import type { Review } from '../../shared/review';

/** One reviewer's verdict on an item, with the final values it leaves (the AI output when accepted). */
export interface Verdict {
  reviewerId: string;
  status: ReviewStatus;
  values: FieldValues;
}

/**
 * Pairwise percent agreement on items several reviewers gave a verdict on: of all pairs of reviewers who
 * both gave a verdict on one item, the share that gave the same status and, when both kept values
 * (accepted or corrected), the same final values. Rejections and flags are compared by status alone, as
 * merging compares them when it looks for conflicts (docs/batch-format.md, "Merging"). No chance
 * correction (it is not Cohen's or Fleiss' kappa): with free-text corrections there is no fixed set of
 * categories to estimate chance agreement from.
 */
export interface Agreement {
  /** Items with verdicts of two or more reviewers. */
  items: number;
  /** Of those, items on which every pair agrees. */
  itemsInFullAgreement: number;
  pairs: number;
  agreeingPairs: number;
  /** agreeingPairs / pairs, from 0 to 1; null when no pair could be compared. */
  ratio: number | null;
}

const KEEPS_VALUES: ReadonlySet<ReviewStatus> = new Set(['accepted', 'corrected']);

export function verdictOf(review: Pick<Review, 'reviewerId' | 'status' | 'values'>, item: Pick<Item, 'output'>): Verdict {
  return { reviewerId: review.reviewerId, status: review.status, values: review.status === 'accepted' ? item.output : review.values };
}

export function verdictsAgree(fields: readonly OutputField[], a: Verdict, b: Verdict): boolean {
  if (a.status !== b.status) return false;
  return !KEEPS_VALUES.has(a.status) || sameValues(fields, a.values, b.values);
}

/** Agreement over items, each given as the verdicts on it (pending ones are left out here). */
export function pairwiseAgreement(fields: readonly OutputField[], perItem: Iterable<readonly Verdict[]>): Agreement {
  const result: Agreement = { items: 0, itemsInFullAgreement: 0, pairs: 0, agreeingPairs: 0, ratio: null };
  for (const all of perItem) {
    const verdicts = all.filter((v) => v.status !== 'pending');
    if (verdicts.length < 2) continue;
    result.items += 1;
    let disagreed = false;
    for (let i = 0; i < verdicts.length; i++) {
      for (let j = i + 1; j < verdicts.length; j++) {
        result.pairs += 1;
        if (verdictsAgree(fields, verdicts[i]!, verdicts[j]!)) result.agreeingPairs += 1;
        else disagreed = true;
      }
    }
    if (!disagreed) result.itemsInFullAgreement += 1;
  }
  result.ratio = result.pairs === 0 ? null : result.agreeingPairs / result.pairs;
  return result;
}
