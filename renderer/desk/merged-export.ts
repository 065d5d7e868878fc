import type { Conflict } from '../../shared/batch-file';
import { resultRecords, toCsv, toJsonl } from '../../shared/results';
import { safeFileName } from '../export/export-results';
import type { DeskData } from './desk-data';

export type MergedFormat = 'jsonl' | 'csv' | 'conflicts';

export interface MergedFile {
  suggestedName: string;
  mimeType: string;
  data: string;
  /** Records (lines or rows) in it. */
  count: number;
}

/** Every reviewer's verdicts and the coordinator's decisions; a decision that settles a conflict carries `decides`. */
function mergedRecords(data: DeskData) {
  return resultRecords({
    batch: data.batch,
    schema: data.schema,
    items: data.items,
    reviews: data.reviews,
    all: false,
    decisions: data.merge.settled.map((s) => ({ itemId: s.conflict.itemId, reviewerId: s.decision.reviewerId, decides: s.conflict.reviews.map((r) => r.reviewerId) })),
  });
}

/** One open conflict as a line of the conflicts file (docs/coordinating.md): the AI output and every verdict involved. */
function conflictLine(data: DeskData, conflict: Conflict, output: Record<string, unknown>) {
  const keyed = (values: Record<string, unknown>) => Object.fromEntries(data.schema.fields.map((f) => [f.name, values[f.name] ?? null]));
  return {
    id: conflict.itemId,
    batch: conflict.batchId,
    output: keyed(output),
    verdicts: conflict.reviews.map((r) => ({
      reviewer: r.reviewerId,
      reviewerName: r.reviewerName,
      status: r.status,
      correction: keyed(r.status === 'accepted' ? output : r.values),
      comment: r.comment,
      reason: r.reason,
      reviewedAt: r.reviewedAt,
      lastEventId: r.lastEventId,
    })),
    pairs: conflict.pairs,
  };
}

export function mergedFile(data: DeskData, format: MergedFormat): MergedFile {
  const base = safeFileName(data.batch.name, data.batch.id);
  if (format === 'conflicts') {
    const outputs = new Map(data.items.map((i) => [i.id, i.output]));
    const lines = data.merge.conflicts.map((c) => JSON.stringify(conflictLine(data, c, outputs.get(c.itemId) ?? {})));
    return { suggestedName: `${base}.conflicts.jsonl`, mimeType: 'application/x-ndjson', data: lines.map((l) => `${l}\n`).join(''), count: lines.length };
  }
  const records = mergedRecords(data);
  return format === 'jsonl'
    ? { suggestedName: `${base}.merged.jsonl`, mimeType: 'application/x-ndjson', data: toJsonl(records), count: records.length }
    : { suggestedName: `${base}.merged.csv`, mimeType: 'text/csv', data: toCsv(records, data.schema), count: records.length };
}
