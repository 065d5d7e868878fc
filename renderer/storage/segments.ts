import type { Item, RecordedQaOverride, ReviewStatus, TaskSchema } from '../../shared/domain';
import { qaSegmentOf, type QaSegment } from '../../shared/qa';
import { draftDiffers, initialReview } from '../../shared/review';
import { searchText, type SegmentFields } from '../../shared/search';
import { withdrawnItems } from './batch-files';
import type { LoupeDatabase } from './database';

/** Items read per step: between steps the page paints the progress. */
const PAGE = 2_000;

/** One item of a batch as search and replace sees it: its source and the reviewer's current target. */
export interface SegmentRow {
  id: string;
  seq: number;
  status: ReviewStatus;
  /** The AI output changed in a newer revision after the reviewer's verdict. */
  stale: boolean;
  withdrawn: boolean;
  source: string;
  /** The reviewer's committed target (the AI output while they have committed nothing). */
  target: string;
  /** The texts as search reads them (codes marked); the same strings when they hold no code. */
  sourcePlain: string;
  targetPlain: string;
  /** Made from XLIFF: its texts hold inline codes. */
  coded: boolean;
  /** The reviewer has unsaved work on the item (a draft that differs from the review). */
  unsaved: boolean;
  /** The segment as the QA checks take it, but for the target. */
  qa: Omit<QaSegment, 'target'>;
  /** The QA errors the reviewer's verdict overrode. */
  qaOverrides: readonly RecordedQaOverride[];
  /** The review's last event when read: a change made on it must still find it there. */
  lastEventId: string | null;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * A batch's items as segments, in batch order, with one reviewer's targets, statuses and unsaved work.
 * Read in pages (`onProgress(read, total)`), because a batch may hold 100,000 items; nothing is kept here.
 */
export async function batchSegments(
  db: LoupeDatabase,
  batchId: string,
  schema: TaskSchema,
  fields: SegmentFields,
  reviewerId: string,
  onProgress?: (read: number, total: number) => void,
): Promise<SegmentRow[]> {
  const [reviews, drafts, withdrawn, total] = await Promise.all([
    db.reviews.where('[batchId+reviewerId]').equals([batchId, reviewerId]).toArray(),
    db.drafts.where('[batchId+reviewerId]').equals([batchId, reviewerId]).toArray(),
    withdrawnItems(db, batchId),
    db.items.where('[batchId+seq]').between([batchId, -Infinity], [batchId, Infinity]).count(),
  ]);
  const reviewOf = new Map(reviews.map((r) => [r.itemId, r]));
  const draftOf = new Map(drafts.map((d) => [d.itemId, d]));
  const rows: SegmentRow[] = [];
  let after = -Infinity;
  for (;;) {
    const page: Item[] = await db.items.where('[batchId+seq]').between([batchId, after], [batchId, Infinity], false, true).limit(PAGE).toArray();
    for (const item of page) {
      const review = reviewOf.get(item.id);
      const draft = draftOf.get(item.id);
      const coded = item.meta?.xliff !== undefined;
      const source = fields.source === null ? '' : text(item.context[fields.source]);
      const target = text((review?.values ?? item.output)[fields.target]);
      const { target: _output, ...qa } = qaSegmentOf(item);
      rows.push({
        id: item.id,
        seq: item.seq,
        status: review?.status ?? 'pending',
        stale: review?.stale !== undefined,
        withdrawn: withdrawn.has(item.id),
        source,
        target,
        sourcePlain: searchText(source, coded).plain,
        targetPlain: searchText(target, coded).plain,
        coded,
        unsaved: draft !== undefined && draftDiffers(review ?? initialReview(item, { id: reviewerId, name: '' }), draft, schema),
        qa: { ...qa, source },
        qaOverrides: review?.qaOverrides ?? [],
        lastEventId: review?.lastEventId ?? null,
      });
    }
    onProgress?.(rows.length, total);
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) return rows;
    after = last.seq;
  }
}
