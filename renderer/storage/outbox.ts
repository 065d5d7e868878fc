import type { LoupeDatabase, OutboxEntry, SyncedBatch } from './database';

/**
 * Inside a transaction over `outbox` and `syncBatches`: puts events stored on this machine in the outbox,
 * if their batch travels through the sync server. Called in the transaction that stores the events, so an
 * event is never stored without its push being owed. On a reviewer's batch only their own events go: the
 * server takes no other from a reviewer's token (results collected by file are the coordinator's to send).
 */
export async function enqueueForSync(db: LoupeDatabase, batchId: string, events: readonly { id: string; reviewerId: string; seq: number }[]): Promise<void> {
  if (events.length === 0) return;
  const link = await db.syncBatches.get(batchId);
  if (!link) return;
  const owed = link.role === 'coordinator' ? events : events.filter((e) => e.reviewerId === link.reviewer.id);
  await db.outbox.bulkAdd(owed.map((e): OutboxEntry => ({ eventId: e.id, eventSeq: e.seq, batchId })));
}

/** How many changes wait to be pushed. */
export async function pendingCount(db: LoupeDatabase): Promise<number> {
  return db.outbox.count();
}

/** The batches that travel through the sync server, by id. */
export async function syncedBatches(db: LoupeDatabase): Promise<Map<string, SyncedBatch>> {
  return new Map((await db.syncBatches.toArray()).map((s) => [s.batchId, s]));
}
