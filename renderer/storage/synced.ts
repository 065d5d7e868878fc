import type { ResultEvent } from '../../shared/batch-file';
import { canonicalJson } from '../../shared/import';
import type { Item } from '../../shared/domain';
import { refoldReviews } from './collected-results';
import type { LoupeDatabase, StoredEvent, SyncedBatch } from './database';
import { enqueueForSync } from './outbox';

/** Every table a sync round writes, for one transaction that takes a page of changes whole or not at all. */
export function syncTables(db: LoupeDatabase) {
  return [db.schemas, db.batches, db.items, db.reviews, db.events, db.attachments, db.withdrawn, db.batchFiles, db.kv, db.outbox, db.syncBatches];
}

/**
 * Makes a batch travel through the sync server from now on: its link is kept, and every event already
 * here that the link's role may send joins the outbox (the server takes each event once by id, so one
 * that reached it by file too counts once). Linking again changes only the link.
 */
export async function linkBatch(db: LoupeDatabase, link: SyncedBatch): Promise<void> {
  await db.transaction('rw', [db.events, db.outbox, db.syncBatches], async () => {
    const before = await db.syncBatches.get(link.batchId);
    await db.syncBatches.put(link);
    if (before) return;
    const events = await db.events.where('batchId').equals(link.batchId).sortBy('seq');
    await enqueueForSync(db, link.batchId, events.map((e) => ({ ...e, seq: e.seq! })));
  });
}

export interface PulledEvents {
  added: number;
  /** Already here with the same content: sent from this machine, or collected by file. */
  duplicates: number;
  /** Ids here with other content, or about items this machine does not have: left out, named in the log. */
  skipped: string[];
}

function portable({ seq: _seq, ...event }: StoredEvent): string {
  return canonicalJson(event);
}

/**
 * Inside a caller's transaction over syncTables: stores events pulled from the server, by id (one here
 * already is a duplicate), and folds again the reviews they touch, per reviewer. Pulled events are not
 * put in the outbox: they came from the server.
 */
export async function storePulledEvents(db: LoupeDatabase, events: readonly ResultEvent[]): Promise<PulledEvents> {
  const outcome: PulledEvents = { added: 0, duplicates: 0, skipped: [] };
  if (events.length === 0) return outcome;
  const held = new Map((await db.events.where('id').anyOf(events.map((e) => e.id)).toArray()).map((e) => [e.id, portable(e)]));
  const byBatch = new Map<string, ResultEvent[]>();
  for (const event of events) {
    const here = held.get(event.id);
    if (here !== undefined) {
      if (here === canonicalJson(event)) outcome.duplicates += 1;
      else outcome.skipped.push(event.id);
      continue;
    }
    held.set(event.id, canonicalJson(event));
    const list = byBatch.get(event.batchId);
    if (list) list.push(event);
    else byBatch.set(event.batchId, [event]);
  }
  for (const [batchId, list] of byBatch) {
    const itemIds = [...new Set(list.map((e) => e.itemId))];
    const found = await db.items.bulkGet(itemIds.map((id): [string, string] => [batchId, id]));
    const items = new Map(found.flatMap((item): [string, Item][] => (item ? [[item.id, item]] : [])));
    const fresh = list.filter((e) => items.has(e.itemId));
    for (const e of list) if (!items.has(e.itemId)) outcome.skipped.push(e.id);
    if (fresh.length === 0) continue;
    await db.events.bulkAdd(fresh.map((e) => ({ ...e }) as StoredEvent));
    outcome.added += fresh.length;
    const byReviewer = new Map<string, ResultEvent[]>();
    for (const e of fresh) {
      const mine = byReviewer.get(e.reviewerId);
      if (mine) mine.push(e);
      else byReviewer.set(e.reviewerId, [e]);
    }
    for (const [reviewerId, mine] of byReviewer) {
      await refoldReviews(db, batchId, { id: reviewerId, name: mine.at(-1)!.reviewerName }, items, mine);
    }
  }
  return outcome;
}
