import type { FieldValue, ReviewStatus } from '../../shared/domain';
import type { LoupeDatabase } from './database';

export type StatusFilter = ReviewStatus | 'all';

export interface QueueFilter {
  status: StatusFilter;
  /** Case-insensitive text to find in the item's id, context, AI output or the reviewer's values. */
  text: string;
}

export interface QueueEntry {
  id: string;
  seq: number;
  status: ReviewStatus;
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
  const reviews = new Map<string, { status: ReviewStatus; values: Record<string, FieldValue>; comment: string }>();
  await db.reviews.where('[batchId+reviewerId]').equals([batchId, reviewerId]).each((r) => {
    reviews.set(r.itemId, { status: r.status, values: r.values, comment: r.comment });
  });
  const needle = filter.text.trim().toLowerCase();
  const range = db.items.where('[batchId+seq]').between([batchId, -Infinity], [batchId, Infinity]);
  const entries: QueueEntry[] = [];
  if (!needle) {
    // Both lists come in [batchId+seq] order, so they pair up by position.
    const [seqKeys, idKeys] = await Promise.all([range.keys(), range.primaryKeys()]);
    idKeys.forEach(([, id], i) => {
      const status = reviews.get(id)?.status ?? 'pending';
      const seq = (seqKeys[i] as unknown as [string, number])[1];
      if (filter.status === 'all' || filter.status === status) entries.push({ id, seq, status });
    });
    return entries;
  }
  await range.each((item) => {
    const review = reviews.get(item.id);
    const status = review?.status ?? 'pending';
    if (filter.status !== 'all' && filter.status !== status) return;
    if (item.id.toLowerCase().includes(needle) || matches(needle, item.context, item.output, review?.values) || review?.comment.toLowerCase().includes(needle)) {
      entries.push({ id: item.id, seq: item.seq, status });
    }
  });
  return entries;
}
