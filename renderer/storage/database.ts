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

  constructor(name = 'loupe', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const m of migrations) {
      const version = this.version(m.version).stores(m.stores);
      if (m.upgrade) version.upgrade(m.upgrade);
    }
  }
}
