import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TaskSchema, type Batch, type Item, type StoredSchema } from '../../shared/domain';
import { commit, draftFromReview, initialReview } from '../../shared/review';
import {
  LoupeDatabase,
  appendEvent,
  batchContents,
  batchProgress,
  loadItemState,
  loadPosition,
  migrations,
  queueEntries,
  saveDraft,
  savePosition,
  storeBatch,
  StaleReviewError,
} from '../../renderer/storage';
import { commitVerdict, databasesPerTest } from './storage-harness';

const schema = TaskSchema.parse({ name: 'mt', fields: [{ name: 'text', kind: 'longtext' }], context: [{ name: 'source', kind: 'longtext' }] });
const stored: StoredSchema = { id: 'schema-1', schema, createdAt: '2026-11-25T00:00:00Z' };
const reviewer = { id: 'r1', name: 'Ada' };
const { database, opened } = databasesPerTest('test');

function batchOf(n: number, sha = 'sha-a'): { batch: Batch; schema: StoredSchema; items: Item[] } {
  const items = Array.from({ length: n }, (_, seq): Item => ({ batchId: 'b1', id: `item-${seq}`, seq, context: { source: `source ${seq}` }, output: { text: `output ${seq}` } }));
  const batch: Batch = { id: 'b1', name: 'demo', schemaId: stored.id, createdAt: '2026-11-25T00:00:00Z', itemCount: n, source: { format: 'jsonl', fileName: 'demo.jsonl', sha256: sha }, revision: 1 };
  return { batch, schema: stored, items };
}

const verdict = (db: LoupeDatabase, itemId: string, intent: 'confirm' | 'reject' | 'flag', text?: string) =>
  commitVerdict(db, { batchId: 'b1', schema, reviewer, deviceId: 'd', timeSpentMs: 5 }, itemId, intent, text);

describe('the local store', () => {
  it('stores a batch once: importing the same file again changes nothing', async () => {
    const db = database();
    expect(await storeBatch(db, batchOf(3))).toEqual({ status: 'stored', batchId: 'b1' });
    expect(await storeBatch(db, { ...batchOf(3), batch: { ...batchOf(3).batch, id: 'other-id' } })).toEqual({ status: 'unchanged', batchId: 'b1' });
    expect(await db.items.count()).toBe(3);
    expect(await db.batches.count()).toBe(1);
  });

  it('stores nothing of a batch whose items cannot all be stored', async () => {
    const db = database();
    const bad = batchOf(3);
    bad.items[2] = { ...bad.items[1]! };
    await expect(storeBatch(db, bad)).rejects.toThrow();
    expect(await db.batches.count()).toBe(0);
    expect(await db.items.count()).toBe(0);
    expect(await db.schemas.count()).toBe(0);
  });

  it('commits an event, the review and the draft removal together', async () => {
    const db = database();
    await storeBatch(db, batchOf(2));
    await saveDraft(db, { batchId: 'b1', itemId: 'item-0', reviewerId: 'r1', values: { text: 'typed' }, comment: '', reason: null, activeMs: 10, updatedAt: 'now' });
    const review = await verdict(db, 'item-0', 'confirm', 'typed');
    expect(review.status).toBe('corrected');
    const state = await loadItemState(db, 'b1', 'item-0', reviewer);
    expect(state?.draft).toBeUndefined();
    expect(state?.review.values.text).toBe('typed');
    expect(await db.events.count()).toBe(1);
  });

  it('rolls back the event when the review cannot be written', async () => {
    const db = database();
    await storeBatch(db, batchOf(1));
    const state = (await loadItemState(db, 'b1', 'item-0', reviewer))!;
    const r = commit({ schema, item: state.item, review: state.review, draft: draftFromReview(state.review), intent: 'flag', reviewer, deviceId: 'd', eventId: 'e1', at: new Date().toISOString(), timeSpentMs: 0 });
    if (!r.ok || !r.event) throw new Error('expected an event');
    await appendEvent(db, r.event);
    // The same event id again violates the unique index: nothing of the second commit may remain.
    await expect(appendEvent(db, { ...r.event, status: 'rejected', action: 'reject' })).rejects.toThrow();
    expect(await db.events.count()).toBe(1);
    expect((await db.reviews.get(['b1', 'item-0', 'r1']))?.status).toBe('flagged');
  });

  it('refuses a commit built on a review another window has changed since', async () => {
    const db = database();
    await storeBatch(db, batchOf(1));
    const before = (await loadItemState(db, 'b1', 'item-0', reviewer))!;
    await verdict(db, 'item-0', 'flag');
    const r = commit({ schema, item: before.item, review: before.review, draft: draftFromReview(before.review), intent: 'reject', reviewer, deviceId: 'd', eventId: 'late', at: new Date().toISOString(), timeSpentMs: 0 });
    if (!r.ok || !r.event) throw new Error('expected an event');
    await expect(appendEvent(db, r.event, { expectedLastEventId: before.review.lastEventId })).rejects.toBeInstanceOf(StaleReviewError);
    expect(await db.events.count()).toBe(1);
  });

  it('lists the queue in batch order, filtered by status and by text', async () => {
    const db = database();
    await storeBatch(db, batchOf(5));
    await verdict(db, 'item-1', 'reject');
    await verdict(db, 'item-3', 'confirm', 'a much better sentence');
    expect((await queueEntries(db, 'b1', 'r1', { status: 'all', text: '' })).map((e) => `${e.id}:${e.status}`)).toEqual([
      'item-0:pending', 'item-1:rejected', 'item-2:pending', 'item-3:corrected', 'item-4:pending',
    ]);
    expect((await queueEntries(db, 'b1', 'r1', { status: 'pending', text: '' })).map((e) => e.id)).toEqual(['item-0', 'item-2', 'item-4']);
    expect((await queueEntries(db, 'b1', 'r1', { status: 'all', text: 'MUCH better' })).map((e) => e.id)).toEqual(['item-3']);
    expect((await queueEntries(db, 'b1', 'r1', { status: 'all', text: 'source 4' })).map((e) => e.id)).toEqual(['item-4']);
    expect(await queueEntries(db, 'b1', 'someone-else', { status: 'rejected', text: '' })).toEqual([]);
  });

  it('counts progress per status and remembers the position', async () => {
    const db = database();
    const { batch } = batchOf(4);
    await storeBatch(db, batchOf(4));
    await verdict(db, 'item-0', 'confirm');
    await verdict(db, 'item-2', 'flag');
    expect(await batchProgress(db, batch, 'r1')).toEqual({ pending: 2, accepted: 1, corrected: 0, rejected: 0, flagged: 1 });
    await savePosition(db, 'b1', 'r1', 'item-2');
    expect(await loadPosition(db, 'b1', 'r1')).toBe('item-2');
    expect(await loadPosition(db, 'b1', 'r2')).toBeUndefined();
  });

  it('reads a batch for export with every review', async () => {
    const db = database();
    await storeBatch(db, batchOf(3));
    await verdict(db, 'item-1', 'confirm');
    const contents = await batchContents(db, 'b1');
    expect(contents.items.map((i) => i.id)).toEqual(['item-0', 'item-1', 'item-2']);
    expect(contents.reviews).toHaveLength(1);
    expect(contents.schema.name).toBe('mt');
    expect(initialReview(contents.items[0]!, reviewer).status).toBe('pending');
  });

  it('keeps its data when the database is opened again', async () => {
    const name = `reopen-${Math.random()}`;
    const first = new LoupeDatabase(name);
    await storeBatch(first, batchOf(2));
    first.close();
    const again = new LoupeDatabase(name);
    opened.push(again);
    expect(await again.items.count()).toBe(2);
    expect(again.verno).toBe(migrations.at(-1)!.version);
  });
});
