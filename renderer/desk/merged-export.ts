import { conflictLines } from '../../shared/coordination';
import { resultRecords, toCsv, toJsonl } from '../../shared/results';
import { safeFileName } from '../export/export-results';
import { assignedIds, type DeskData } from './desk-data';

export type MergedFormat = 'jsonl' | 'csv' | 'conflicts';

export interface MergedFile {
  suggestedName: string;
  mimeType: string;
  data: string;
  /** Records (lines or rows) in it. */
  count: number;
}

/**
 * Every reviewer's verdicts and the coordinator's decisions; a decision that settles a conflict carries
 * `decides`, and the record of a profile linked to a handed-out reviewer carries `assignedAs`.
 */
function mergedRecords(data: DeskData) {
  return resultRecords({
    batch: data.batch,
    schema: data.schema,
    items: data.items,
    reviews: data.reviews,
    all: false,
    decisions: data.merge.settled.map((s) => ({ itemId: s.conflict.itemId, reviewerId: s.decision.reviewerId, decides: s.conflict.reviews.map((r) => r.reviewerId) })),
    assignedAs: new Map([...assignedIds(data.links)].map(([profile, assigned]) => [profile, assigned.id])),
  });
}

export function mergedFile(data: DeskData, format: MergedFormat): MergedFile {
  const base = safeFileName(data.batch.name, data.batch.id);
  if (format === 'conflicts') {
    const lines = conflictLines(data.merge.conflicts, data.items, data.schema);
    return { suggestedName: `${base}.conflicts.jsonl`, mimeType: 'application/x-ndjson', data: lines.map((l) => `${JSON.stringify(l)}\n`).join(''), count: lines.length };
  }
  const records = mergedRecords(data);
  return format === 'jsonl'
    ? { suggestedName: `${base}.merged.jsonl`, mimeType: 'application/x-ndjson', data: toJsonl(records), count: records.length }
    : { suggestedName: `${base}.merged.csv`, mimeType: 'text/csv', data: toCsv(records, data.schema), count: records.length };
}
