import type { Batch, Item, ReviewStatus, StoredSchema } from '../../shared/domain';
import { withdrawnItems } from './batch-files';
import type { LoupeDatabase, StoredAttachment } from './database';

export interface BatchToStore {
  batch: Batch;
  schema: StoredSchema;
  items: readonly Item[];
  /** Files kept with the batch: the XLIFF file it was made from (`batch.original`). */
  attachments?: readonly StoredAttachment[];
}

/** Items written per step: between steps the page can paint the progress bar. */
const CHUNK = 5_000;

export type StoreBatchResult = { status: 'stored'; batchId: string } | { status: 'unchanged'; batchId: string };

/**
 * Stores a parsed and validated batch, with its attachments, in one transaction: all of it or, on any
 * failure, nothing. The same file (by digest) imported again changes nothing. Parsing happens before: a
 * transaction cannot wait on file reads.
 */
export async function storeBatch(
  db: LoupeDatabase,
  { batch, schema, items, attachments = [] }: BatchToStore,
  onProgress?: (stored: number, total: number) => void,
): Promise<StoreBatchResult> {
  return db.transaction('rw', [db.schemas, db.batches, db.items, db.attachments], async () => {
    const same = await db.batches.where('source.sha256').equals(batch.source.sha256).first();
    if (same) return { status: 'unchanged', batchId: same.id } as const;
    const existing = await db.batches.get(batch.id);
    if (existing) return { status: 'unchanged', batchId: existing.id } as const;
    await db.schemas.put(schema);
    await db.batches.add(batch);
    for (let start = 0; start < items.length; start += CHUNK) {
      await db.items.bulkAdd(items.slice(start, start + CHUNK));
      onProgress?.(Math.min(start + CHUNK, items.length), items.length);
    }
    await db.attachments.bulkAdd([...attachments]);
    return { status: 'stored', batchId: batch.id } as const;
  });
}

export async function listBatches(db: LoupeDatabase): Promise<Batch[]> {
  return db.batches.orderBy('createdAt').reverse().toArray();
}

export async function getBatch(db: LoupeDatabase, batchId: string): Promise<{ batch: Batch; schema: StoredSchema } | undefined> {
  const batch = await db.batches.get(batchId);
  if (!batch) return undefined;
  const schema = await db.schemas.get(batch.schemaId);
  if (!schema) throw new Error(`The schema of batch "${batch.name}" is missing from this machine's store; import the batch again.`);
  return { batch, schema };
}

export type StatusCounts = Record<ReviewStatus, number>;

/**
 * How far one reviewer is with a batch: items per status (items never touched count as pending). Items a
 * newer revision withdrew are not part of the batch's count, so their reviews are not counted either.
 */
export async function batchProgress(db: LoupeDatabase, batch: Pick<Batch, 'id' | 'itemCount'>, reviewerId: string): Promise<StatusCounts> {
  const counts: StatusCounts = { pending: 0, accepted: 0, corrected: 0, rejected: 0, flagged: 0 };
  const withdrawn = await withdrawnItems(db, batch.id);
  await db.reviews.where('[batchId+reviewerId]').equals([batch.id, reviewerId]).each((r) => {
    if (!withdrawn.has(r.itemId)) counts[r.status] += 1;
  });
  const decided = counts.accepted + counts.corrected + counts.rejected + counts.flagged;
  counts.pending = Math.max(0, batch.itemCount - decided);
  return counts;
}

/** What a newer revision left for the reviewer to see: reviews to look at again, and items withdrawn. */
export async function revisionFlags(db: LoupeDatabase, batchId: string, reviewerId: string): Promise<{ stale: number; withdrawn: number }> {
  const [stale, withdrawn] = await Promise.all([
    db.reviews.where('[batchId+reviewerId]').equals([batchId, reviewerId]).filter((r) => r.stale !== undefined).count(),
    db.withdrawn.where('[batchId+itemId]').between([batchId, ''], [batchId, '\uffff']).count(),
  ]);
  return { stale, withdrawn };
}
