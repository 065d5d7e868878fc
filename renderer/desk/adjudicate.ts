import type { Conflict } from '../../shared/batch-file';
import { adjudicationEvent, type Adjudication } from '../../shared/coordination';
import type { Item, TaskSchema } from '../../shared/domain';
import type { Review } from '../../shared/review';
import { appendEvent, type LoupeDatabase } from '../storage';

export interface DecideRequest {
  conflict: Conflict;
  item: Item;
  schema: TaskSchema;
  coordinator: { id: string; name: string };
  deviceId: string;
  decision: Adjudication['decision'];
  comment: string;
  newId?: () => string;
  now?: () => Date;
}

/**
 * Records the coordinator's decision as an `adjudicate` event that saw every verdict involved, appended
 * with their review in one transaction (appendEvent), like any verdict given on the review screen.
 */
export async function decide(db: LoupeDatabase, r: DecideRequest): Promise<Review> {
  const previous = (await db.reviews.get([r.item.batchId, r.item.id, r.coordinator.id])) ?? null;
  const event = adjudicationEvent({
    verdicts: r.conflict.reviews,
    item: r.item,
    schema: r.schema,
    coordinator: r.coordinator,
    deviceId: r.deviceId,
    id: (r.newId ?? (() => crypto.randomUUID()))(),
    at: (r.now?.() ?? new Date()).toISOString(),
    decision: r.decision,
    comment: r.comment,
    previous,
  });
  return appendEvent(db, event, { expectedLastEventId: previous?.lastEventId ?? null });
}
