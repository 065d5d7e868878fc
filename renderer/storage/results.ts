import type { Batch, Item, TaskSchema } from '../../shared/domain';
import type { Review } from '../../shared/review';
import type { LoupeDatabase } from './database';

export interface BatchContents {
  batch: Batch;
  schema: TaskSchema;
  items: Item[];
  reviews: Review[];
}

/** Everything an export of one batch needs, read in one consistent snapshot. */
export async function batchContents(db: LoupeDatabase, batchId: string): Promise<BatchContents> {
  return db.transaction('r', db.batches, db.schemas, db.items, db.reviews, async () => {
    const batch = await db.batches.get(batchId);
    if (!batch) throw new Error(`Batch "${batchId}" is not on this machine.`);
    const stored = await db.schemas.get(batch.schemaId);
    if (!stored) throw new Error(`The schema of batch "${batch.name}" is missing; import the batch again.`);
    const items = await db.items.where('[batchId+seq]').between([batchId, -Infinity], [batchId, Infinity]).toArray();
    const reviews = await db.reviews.where('[batchId+itemId+reviewerId]').between([batchId, '', ''], [batchId, '\uffff', '\uffff']).toArray();
    return { batch, schema: stored.schema, items, reviews };
  });
}
