import type { Transaction } from 'dexie';

export interface Migration {
  version: number;
  /** Dexie's store declarations: the primary key first, then the indexes. */
  stores: Record<string, string | null>;
  /** Moves data written by the previous version into this version's shape, inside the upgrade transaction. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * Every version the store has had, oldest first. A release never edits a published entry: it appends a
 * new one (with `upgrade` when data must move), so a database from any earlier release opens.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    stores: {
      schemas: 'id',
      batches: 'id, createdAt, source.sha256',
      items: '[batchId+id], [batchId+seq]',
      reviews: '[batchId+itemId+reviewerId], [batchId+reviewerId+status], [batchId+reviewerId]',
      drafts: '[batchId+itemId+reviewerId], [batchId+reviewerId]',
      events: '++seq, &id, [batchId+itemId], [batchId+reviewerId], batchId',
      kv: 'key',
    },
  },
  {
    // Batch files (.loupe): their attachments, which items of a newer revision no longer have, and what
    // the file said beyond the batch (revision digest, reviewers, signer). New stores only: nothing moves.
    version: 2,
    stores: {
      attachments: '[batchId+path]',
      withdrawn: '[batchId+itemId]',
      batchFiles: 'batchId',
    },
  },
  {
    // Sync (docs/sync-protocol.md): events waiting to be pushed, written in the same transaction as the
    // event itself, and the batches that travel through the sync server. New stores only: nothing moves.
    version: 3,
    stores: {
      outbox: '++seq, batchId',
      syncBatches: 'batchId',
    },
  },
];
