// Shared set-up of the QA and propagation tests of the review screen: a translation batch whose items have
// a `source` (so QA runs on them), some with the same source, opened on the screen as the queue opens it.
import { waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import type { LoupeDatabase } from '../../renderer/storage';
import type { TaskSchemaInput } from '../../shared/domain';
import { storeReviewBatch, type ReviewItemInput } from './review-harness';
import { mountReviewScreen } from './review-screen-harness';

export const REVIEWER = { id: 'reviewer-1', name: 'Tove' };
export const BATCH = 'qa-1';

export const translation: TaskSchemaInput = {
  name: 'EN→DE',
  fields: [{ name: 'target', kind: 'longtext', lang: 'de' }],
  context: [{ name: 'source', kind: 'longtext', lang: 'en' }],
};

/** `save-1`, `save-2` (spaced otherwise), `save-3` and `save-4` have the same source. */
export const QA_ITEMS: ReviewItemInput[] = [
  { id: 'pay', context: { source: 'Pay 25 EUR now.' }, output: { target: 'Zahlen Sie jetzt 25 EUR.' } },
  { id: 'file', context: { source: 'Open the file.' }, output: { target: 'Öffnen Sie das File.' } },
  { id: 'save-1', context: { source: 'Save the file.' }, output: { target: 'Datei speichern.' } },
  { id: 'hello', context: { source: 'Hello.' }, output: { target: 'Hallo' } },
  { id: 'save-2', context: { source: ' Save  the file.' }, output: { target: 'Die Datei sichern.' } },
  { id: 'save-3', context: { source: 'Save the file.' }, output: { target: 'Datei speichern.' } },
  { id: 'save-4', context: { source: 'Save the file.' }, output: { target: 'Speichern.' } },
];

export interface QaScreenOptions {
  schema?: TaskSchemaInput;
  items?: ReviewItemInput[];
  itemId?: string;
  /** Runs after the batch is stored and before the screen opens. */
  seed?: (db: LoupeDatabase) => Promise<void>;
}

export async function openQaScreen(options: QaScreenOptions = {}) {
  const items = options.items ?? QA_ITEMS;
  const { db, schema, batch, entries } = await storeReviewBatch(options.schema ?? translation, items, { batchId: BATCH, name: 'Manual', schemaId: 'schema-qa', fileName: 'manual.jsonl' });
  await options.seed?.(db);
  const { navigated, committed, ...view } = mountReviewScreen({ db, batch, schema, entries, reviewer: REVIEWER, itemId: options.itemId ?? items[0]!.id, followStatus: true });
  // Opening an item puts the reviewer in its correction.
  await waitFor(() => expect(['TEXTAREA', 'INPUT']).toContain(document.activeElement?.tagName));
  return { db, schema, batch, entries, navigated, committed, user: userEvent.setup(), ...view };
}
