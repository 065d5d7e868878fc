import type { Item, TaskSchema } from '../../shared/domain';
import { repetitionKey } from '../../shared/effort';
import { draftDiffers, initialReview, type Review } from '../../shared/review';
import { withdrawnItems, type LoupeDatabase, type StoredDraft } from '../storage';
import { qaFieldOf } from './qa';
import { SOURCE_FIELD } from './xliff-item';

/** The batch's items by their source as repetitions count it (`repetitionKey`): who has the same segment. */
export type SourceIndex = ReadonlyMap<string, readonly string[]>;

/** The source key of an item, or null when it has no source text to be the same as another's. */
export function sourceKeyOf(item: Pick<Item, 'context'>): string | null {
  const source = item.context[SOURCE_FIELD];
  if (typeof source !== 'string') return null;
  const key = repetitionKey(source);
  return key === '' ? null : key;
}

/** Reads every item of the batch once; a screen builds it after its first item shows, off the reviewer's way. */
export async function buildSourceIndex(db: LoupeDatabase, batchId: string): Promise<SourceIndex> {
  const index = new Map<string, string[]>();
  await db.items
    .where('[batchId+seq]')
    .between([batchId, -Infinity], [batchId, Infinity])
    .each((item) => {
      const key = sourceKeyOf(item);
      if (key === null) return;
      const ids = index.get(key);
      if (ids) ids.push(item.id);
      else index.set(key, [item.id]);
    });
  return index;
}

/** Not confirmed: pending, rejected or flagged, or confirmed before the AI output changed (as Alt+End counts). */
export function isUnconfirmed(review: Pick<Review, 'status' | 'stale'>): boolean {
  return review.stale !== undefined || (review.status !== 'accepted' && review.status !== 'corrected');
}

export interface Candidate {
  item: Item;
  review: Review;
  draft: StoredDraft | undefined;
}

/**
 * Whether a correction may be propagated to this item: it is not confirmed, not withdrawn, QA runs on it,
 * and no unsaved work of the reviewer's would be overwritten (a draft that only holds active time is no work).
 */
export function takesPropagation(schema: TaskSchema, c: Candidate, withdrawn: boolean): boolean {
  if (withdrawn || !isUnconfirmed(c.review) || qaFieldOf(schema, c.item) === null) return false;
  return !c.draft || !draftDiffers(c.review, c.draft, schema);
}

/**
 * The other items of the batch with the same source as `item` that could take its correction, in batch
 * order (docs/reviewing.md, "Propagation").
 */
export async function propagationTargets(
  db: LoupeDatabase,
  schema: TaskSchema,
  index: SourceIndex,
  item: Item,
  reviewer: { id: string; name: string },
): Promise<string[]> {
  const key = sourceKeyOf(item);
  const ids = key === null ? [] : (index.get(key) ?? []).filter((id) => id !== item.id);
  if (ids.length === 0) return [];
  const [items, reviews, drafts, withdrawn] = await Promise.all([
    db.items.bulkGet(ids.map((id) => [item.batchId, id] as [string, string])),
    db.reviews.bulkGet(ids.map((id) => [item.batchId, id, reviewer.id] as [string, string, string])),
    db.drafts.bulkGet(ids.map((id) => [item.batchId, id, reviewer.id] as [string, string, string])),
    withdrawnItems(db, item.batchId),
  ]);
  const found: Array<{ id: string; seq: number }> = [];
  ids.forEach((id, i) => {
    const other = items[i];
    if (!other) return;
    const candidate = { item: other, review: reviews[i] ?? initialReview(other, reviewer), draft: drafts[i] };
    if (takesPropagation(schema, candidate, withdrawn.has(id))) found.push({ id, seq: other.seq });
  });
  return found.sort((a, b) => a.seq - b.seq).map((f) => f.id);
}
