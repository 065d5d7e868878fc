import { useEffect, useRef, useState } from 'react';
import type { Batch, Item, TaskSchema } from '../../shared/domain';
import { effortTotals, sourceCounts, type EffortTotals, type SourceCounts } from '../../shared/effort';
import type { LoupeDatabase } from '../storage';

export interface QueueEffort {
  /** The batch's source word counts. */
  source: SourceCounts;
  /** The reviewer's verdicts on the batch. */
  mine: EffortTotals;
}

// Read-only queries of just what the effort needs; the storage layer's `batchContents` would bring every
// reviewer's reviews along.
async function batchSourceCounts(db: LoupeDatabase, batchId: string, schema: TaskSchema): Promise<SourceCounts> {
  const items = await db.items.where('[batchId+seq]').between([batchId, -Infinity], [batchId, Infinity]).toArray();
  return sourceCounts(schema, items);
}

async function reviewerTotals(db: LoupeDatabase, batchId: string, schema: TaskSchema, source: SourceCounts, reviewerId: string): Promise<EffortTotals> {
  const reviews = await db.reviews.where('[batchId+reviewerId]').equals([batchId, reviewerId]).filter((r) => r.status !== 'pending').toArray();
  const items = await db.items.bulkGet(reviews.map((r): [string, string] => [batchId, r.itemId]));
  return effortTotals({ schema, source, items: items.filter((i): i is Item => i !== undefined), reviews }).total;
}

/**
 * The reviewer's effort on the batch, for the queue. The source word counts are made once for the batch
 * the page opened (its items do not change under it); the reviewer's totals each time the queue is shown,
 * so they include the verdicts just given, and never while an item is being reviewed.
 */
export function useQueueEffort(db: LoupeDatabase, batch: Batch | null, schema: TaskSchema | null, reviewerId: string, inQueue: boolean, onError: (error: unknown) => void): QueueEffort | null {
  const [effort, setEffort] = useState<(QueueEffort & { batch: Batch }) | null>(null);
  const counted = useRef<{ batch: Batch; source: Promise<SourceCounts> } | null>(null);
  useEffect(() => {
    if (!batch || !schema || !inQueue) return;
    if (counted.current?.batch !== batch) counted.current = { batch, source: batchSourceCounts(db, batch.id, schema) };
    let live = true;
    const { source } = counted.current;
    source
      .then(async (counts) => {
        const mine = await reviewerTotals(db, batch.id, schema, counts, reviewerId);
        if (live) setEffort({ batch, source: counts, mine });
      })
      .catch(onError);
    return () => {
      live = false;
    };
  }, [db, batch, schema, reviewerId, inQueue, onError]);
  return effort && effort.batch === batch ? effort : null;
}
