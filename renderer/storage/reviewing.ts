import { initialReview, applyEvent, type DraftState, type Review } from '../../shared/review';
import type { Item, ReviewEvent } from '../../shared/domain';
import type { LoupeDatabase, StoredDraft, StoredEvent } from './database';
import { enqueueForSync } from './outbox';

export interface Reviewer {
  id: string;
  name: string;
}

export interface ItemState {
  item: Item;
  review: Review;
  draft: StoredDraft | undefined;
}

export async function loadItemState(db: LoupeDatabase, batchId: string, itemId: string, reviewer: Reviewer): Promise<ItemState | undefined> {
  return db.transaction('r', db.items, db.reviews, db.drafts, async () => {
    const item = await db.items.get([batchId, itemId]);
    if (!item) return undefined;
    const review = (await db.reviews.get([batchId, itemId, reviewer.id])) ?? initialReview(item, reviewer);
    const draft = await db.drafts.get([batchId, itemId, reviewer.id]);
    return { item, review, draft };
  });
}

export async function itemAt(db: LoupeDatabase, batchId: string, seq: number): Promise<Item | undefined> {
  return db.items.where('[batchId+seq]').equals([batchId, seq]).first();
}

/** Keeps what the reviewer typed; a draft is not an event (BRIEF 1). */
export async function saveDraft(db: LoupeDatabase, draft: StoredDraft): Promise<void> {
  await db.drafts.put(draft);
}

export async function discardDraft(db: LoupeDatabase, batchId: string, itemId: string, reviewerId: string): Promise<void> {
  await db.drafts.delete([batchId, itemId, reviewerId]);
}

export class StaleReviewError extends Error {
  constructor(itemId: string) {
    super(`Item "${itemId}" changed in another window since you opened it; reopen it to see the latest state before committing.`);
    this.name = 'StaleReviewError';
  }
}

/**
 * Appends an event and updates the review in ONE transaction, and clears the draft it commits; on a batch
 * that syncs, the event joins the outbox in the same transaction, so no commit can miss its push. The review
 * is folded from what is stored, not from the caller's copy; `expectedLastEventId` guards against a
 * commit built on a state another window has since changed.
 */
export async function appendEvent(
  db: LoupeDatabase,
  event: ReviewEvent,
  options: { expectedLastEventId?: string | null; keepDraft?: DraftState } = {},
): Promise<Review> {
  return db.transaction('rw', [db.items, db.reviews, db.drafts, db.events, db.outbox, db.syncBatches], async () => {
    const key = [event.batchId, event.itemId, event.reviewerId] as const;
    const item = await db.items.get([event.batchId, event.itemId]);
    if (!item) throw new Error(`Item "${event.itemId}" is not in batch "${event.batchId}" on this machine.`);
    const current = (await db.reviews.get([...key])) ?? initialReview(item, { id: event.reviewerId, name: event.reviewerName });
    if (options.expectedLastEventId !== undefined && current.lastEventId !== options.expectedLastEventId) {
      throw new StaleReviewError(event.itemId);
    }
    const next = applyEvent(current, event);
    const seq = await db.events.add({ ...event } as StoredEvent);
    await enqueueForSync(db, event.batchId, [{ ...event, seq }]);
    await db.reviews.put(next);
    await db.drafts.delete([...key]);
    return next;
  });
}

export async function eventsForItem(db: LoupeDatabase, batchId: string, itemId: string): Promise<StoredEvent[]> {
  return db.events.where('[batchId+itemId]').equals([batchId, itemId]).sortBy('seq');
}
