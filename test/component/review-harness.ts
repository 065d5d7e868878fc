// Shared set-up of the review-screen tests: the screen's messages, and a batch stored in a fresh in-memory
// database, with the queue entries the screen is opened on.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { reviewMessages } from '../../renderer/review';
import { LoupeDatabase, storeBatch, type QueueEntry } from '../../renderer/storage';
import { TaskSchema, type Batch, type Item, type TaskSchemaInput } from '../../shared/domain';

/** English review messages, for a `beforeAll`. */
export async function initReviewI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    lng: 'en',
    fallbackLng: 'en',
    ns: ['review'],
    defaultNS: 'review',
    resources: { en: { review: reviewMessages } },
    interpolation: { escapeValue: false },
  });
}

export type ReviewItemInput = Pick<Item, 'id' | 'output'> & Partial<Pick<Item, 'context' | 'confidence' | 'rationale' | 'model' | 'meta'>>;

export interface ReviewBatchMeta {
  batchId: string;
  name: string;
  schemaId: string;
  fileName: string;
}

/** A new database holding one batch of `items` (in order, no context unless given), every item pending. */
export async function storeReviewBatch(schemaInput: TaskSchemaInput, items: readonly ReviewItemInput[], meta: ReviewBatchMeta) {
  const db = new LoupeDatabase(`test-${crypto.randomUUID()}`);
  const schema = TaskSchema.parse(schemaInput);
  const batch: Batch = {
    id: meta.batchId,
    name: meta.name,
    schemaId: meta.schemaId,
    createdAt: '2026-01-05T09:00:00.000Z',
    itemCount: items.length,
    source: { format: 'jsonl', fileName: meta.fileName, sha256: crypto.randomUUID() },
    revision: 1,
  };
  const stored: Item[] = items.map((it, seq) => ({ batchId: meta.batchId, seq, context: {}, ...it }));
  await storeBatch(db, { batch, schema: { id: meta.schemaId, schema, createdAt: batch.createdAt }, items: stored });
  const entries: QueueEntry[] = stored.map((i) => ({ id: i.id, seq: i.seq, status: 'pending' }));
  return { db, schema, batch, items: stored, entries };
}
