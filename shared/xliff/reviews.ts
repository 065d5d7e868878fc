import type { Review } from '../review';
import { TARGET_FIELD } from './items';
import type { XliffDocument } from './model';
import { textToContent } from './text';
import type { TargetUpdate } from './write';

/**
 * What `writeXliff` is to change, from the reviews of a batch made by `xliffBatch`. A pending review
 * changes nothing; a rejection changes the state only (the rejected text is not written into the
 * file); an acceptance, a correction or a flag writes the reviewed target, placeholders turned back
 * into the segment's inline codes, and the state of the tables in docs/xliff.md. A review of an item
 * the document does not have is passed on, for `writeXliff` to report.
 */
export function updatesFromReviews(doc: XliffDocument, reviews: Iterable<Pick<Review, 'itemId' | 'status' | 'values'>>): Map<string, TargetUpdate> {
  const segments = new Map(doc.segments.map((s) => [s.id, s]));
  const updates = new Map<string, TargetUpdate>();
  for (const review of reviews) {
    if (review.status === 'pending') continue;
    const segment = segments.get(review.itemId);
    const text = review.values[TARGET_FIELD];
    if (review.status === 'rejected' || !segment || typeof text !== 'string') updates.set(review.itemId, { status: review.status });
    else updates.set(review.itemId, { status: review.status, target: textToContent(text, segment.codes) });
  }
  return updates;
}
