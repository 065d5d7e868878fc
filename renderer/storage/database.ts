import Dexie, { type Table } from 'dexie';
import type { Batch, Item, ReviewEvent, StoredSchema } from '../../shared/domain';
import type { DraftState, Review } from '../../shared/review';
import { migrations } from './migrations';

/** A draft as kept: what the reviewer typed and the active time since their last commit. */
export interface StoredDraft extends DraftState {
  batchId: string;
  itemId: string;
  reviewerId: string;
  activeMs: number;
  updatedAt: string;
}

/** An event as kept: `seq` is the local append order (IndexedDB auto-increment). */
export type StoredEvent = ReviewEvent & { seq?: number };

/** A file a batch file carried (an image of a clinical case), under the path its items refer to it by. */
export interface StoredAttachment {
  batchId: string;
  path: string;
  bytes: Uint8Array;
}

/** An item a newer revision of its batch no longer has: kept with the work on it, shown as withdrawn. */
export interface WithdrawnItem {
  batchId: string;
  itemId: string;
  /** The revision that left it out. */
  revision: number;
}

/** What a batch file said beyond the batch itself, as of the revision stored. */
export interface StoredBatchFile {
  batchId: string;
  revision: number;
  /** Of the manifest, which holds the digest of every part: equal digests, equal content. */
  digest: string;
  fileName: string;
  reviewers: Array<{ id: string; name: string }>;
  instructions?: string;
  trust: 'trusted' | 'unsigned' | 'unknown-signer';
  signer?: { publicKey: string; fingerprint: string };
  encrypted: boolean;
  /**
   * The coordinator's public encryption key the batch file asked results to be encrypted to (manifest
   * `returnTo`); absent when it asked for none. A plain field, not indexed: no new store version.
   */
  returnTo?: string;
  importedAt: string;
}

/** An event waiting to be pushed to the sync server, in the order it was made. */
export interface OutboxEntry {
  seq?: number;
  eventId: string;
  /** The event's own key in `events`: a push reads its events by primary key, the quickest read there is. */
  eventSeq: number;
  batchId: string;
}

/**
 * A batch that travels through the sync server: published from this desk, or received from the server.
 * Its events are pushed, and the work on it is done as the identity the server knows (`reviewer`): the
 * token's reviewer id, so that events pushed with that token are the reviewer's own.
 */
export interface SyncedBatch {
  batchId: string;
  /** The server's address when the link was made. */
  server: string;
  /** The role of the token that made the link: a coordinator pushes everyone's events, a reviewer their own. */
  role: 'coordinator' | 'reviewer';
  /** Who does the work on this batch on this machine. */
  reviewer: { id: string; name: string };
  /** The revision last received from or published to the server. */
  revision: number;
}

export interface KeyValue {
  key: string;
  value: unknown;
}

export type ItemKey = [batchId: string, itemId: string];
export type ReviewKey = [batchId: string, itemId: string, reviewerId: string];

/** The reviewer's data on this machine. Each version of the store is declared in `migrations.ts`. */
export class LoupeDatabase extends Dexie {
  schemas!: Table<StoredSchema, string>;
  batches!: Table<Batch, string>;
  items!: Table<Item, ItemKey>;
  reviews!: Table<Review, ReviewKey>;
  drafts!: Table<StoredDraft, ReviewKey>;
  events!: Table<StoredEvent, number>;
  kv!: Table<KeyValue, string>;
  attachments!: Table<StoredAttachment, [batchId: string, path: string]>;
  withdrawn!: Table<WithdrawnItem, ItemKey>;
  batchFiles!: Table<StoredBatchFile, string>;
  outbox!: Table<OutboxEntry, number>;
  syncBatches!: Table<SyncedBatch, string>;

  constructor(name = 'loupe', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const m of migrations) {
      const version = this.version(m.version).stores(m.stores);
      if (m.upgrade) version.upgrade(m.upgrade);
    }
  }
}
