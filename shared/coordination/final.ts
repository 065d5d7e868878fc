import type { Conflict, SettledConflict } from '../batch-file';
import type { Item } from '../domain';
import type { Review } from '../review';

export interface FinalVerdicts {
  /** One per item that has a verdict standing for it, in item order; an accepted one holds the AI output as its values. */
  verdicts: Review[];
  /** Items whose reviewers disagree with no decision yet: none of their verdicts stands. */
  open: string[];
}

function givenAt(review: Review): number {
  const ms = Date.parse(review.reviewedAt ?? '');
  return Number.isNaN(ms) ? 0 : ms;
}

/** Earlier verdicts first; the event id breaks a tie, so the choice never depends on the order of the reviews. */
function byTime(a: Review, b: Review): number {
  const ids = (a.lastEventId ?? '') < (b.lastEventId ?? '') ? -1 : (a.lastEventId ?? '') > (b.lastEventId ?? '') ? 1 : 0;
  return givenAt(a) - givenAt(b) || ids;
}

/**
 * The one verdict that stands for each item once every reviewer's work is merged, for a file that holds
 * one text per item (XLIFF): a coordinator's decision where a conflict was decided; none where one is
 * open; otherwise the latest verdict, since verdicts that do not conflict agree, or the later one was
 * made after seeing the earlier. Pending reviews stand for nothing.
 */
export function finalVerdicts(items: readonly Item[], reviews: readonly Review[], merge: { conflicts: readonly Conflict[]; settled: readonly SettledConflict[] }): FinalVerdicts {
  const open = new Set(merge.conflicts.map((c) => c.itemId));
  const decided = new Map(merge.settled.map((s) => [s.conflict.itemId, s.decision]));
  const latest = new Map<string, Review>();
  for (const review of reviews) {
    if (review.status === 'pending') continue;
    const before = latest.get(review.itemId);
    if (!before || byTime(before, review) < 0) latest.set(review.itemId, review);
  }
  const verdicts: Review[] = [];
  for (const item of items) {
    if (open.has(item.id)) continue;
    const review = decided.get(item.id) ?? latest.get(item.id);
    if (!review || review.status === 'pending') continue;
    // As in the results' `correction`: an acceptance keeps the AI output.
    verdicts.push(review.status === 'accepted' ? { ...review, values: { ...item.output } } : review);
  }
  return { verdicts, open: items.filter((i) => open.has(i.id)).map((i) => i.id) };
}
