import type { FieldValue, ReviewStatus } from '../../shared/domain';
import { withdrawnItems } from './batch-files';
import type { LoupeDatabase } from './database';

/** A status, or every item; `stale` are items whose AI output changed after the reviewer's work. */
export type StatusFilter = ReviewStatus | 'all' | 'stale' | 'withdrawn';

export interface QueueFilter {
  status: StatusFilter;
  /** Case-insensitive text to find in the item's id, context, AI output or the reviewer's values. */
  text: string;
}

export interface QueueEntry {
  id: string;
  seq: number;
  status: ReviewStatus;
  /** The AI output changed in a newer revision after the reviewer's work: they should look again. */
  stale?: boolean;
  /** The revision of the batch that no longer has this item; its work is kept. */
  withdrawnIn?: number;
}

function entry(id: string, seq: number, status: ReviewStatus, stale: boolean, withdrawnIn: number | undefined): QueueEntry {
  return { id, seq, status, ...(stale ? { stale } : {}), ...(withdrawnIn === undefined ? {} : { withdrawnIn }) };
}

function passes(filter: StatusFilter, e: QueueEntry): boolean {
  if (filter === 'all') return true;
  if (filter === 'stale') return e.stale === true;
  if (filter === 'withdrawn') return e.withdrawnIn !== undefined;
  return filter === e.status;
}

function valueText(v: FieldValue | undefined): string {
  if (v === null || v === undefined) return '';
  return Array.isArray(v) ? v.join(' ') : String(v);
}

function matches(needle: string, ...records: Array<Record<string, FieldValue> | undefined>): boolean {
  for (const r of records) {
    if (!r) continue;
    for (const v of Object.values(r)) if (valueText(v).toLowerCase().includes(needle)) return true;
  }
  return false;
}

/**
 * The batch's items for the queue, in batch order, filtered by status and text. Only keys and statuses
 * are returned so that 100,000 items stay light in memory; rows load their text when they scroll in.
 */
export async function queueEntries(db: LoupeDatabase, batchId: string, reviewerId: string, filter: QueueFilter): Promise<QueueEntry[]> {
  const reviews = new Map<string, { status: ReviewStatus; values: Record<string, FieldValue>; comment: string; stale: boolean }>();
  await db.reviews.where('[batchId+reviewerId]').equals([batchId, reviewerId]).each((r) => {
    reviews.set(r.itemId, { status: r.status, values: r.values, comment: r.comment, stale: r.stale !== undefined });
  });
  const withdrawn = await withdrawnItems(db, batchId);
  const needle = filter.text.trim().toLowerCase();
  const range = db.items.where('[batchId+seq]').between([batchId, -Infinity], [batchId, Infinity]);
  const entries: QueueEntry[] = [];
  if (!needle) {
    // Both lists come in [batchId+seq] order, so they pair up by position.
    const [seqKeys, idKeys] = await Promise.all([range.keys(), range.primaryKeys()]);
    idKeys.forEach(([, id], i) => {
      const review = reviews.get(id);
      const seq = (seqKeys[i] as unknown as [string, number])[1];
      const e = entry(id, seq, review?.status ?? 'pending', review?.stale ?? false, withdrawn.get(id));
      if (passes(filter.status, e)) entries.push(e);
    });
    return entries;
  }
  await range.each((item) => {
    const review = reviews.get(item.id);
    const e = entry(item.id, item.seq, review?.status ?? 'pending', review?.stale ?? false, withdrawn.get(item.id));
    if (!passes(filter.status, e)) return;
    if (item.id.toLowerCase().includes(needle) || matches(needle, item.context, item.output, review?.values) || review?.comment.toLowerCase().includes(needle)) {
      entries.push(e);
    }
  });
  return entries;
}
