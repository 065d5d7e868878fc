import { conflictLines } from '../../shared/coordination';
import { resultRecords, toCsv, toJsonl } from '../../shared/results';
import { exportFileName, mergedXliff } from '../../shared/xliff-batch';
import { safeFileName, XLIFF_MEDIA_TYPE } from '../export/export-results';
import { attachmentBytes, type LoupeDatabase } from '../storage';
import { assignedIds, type DeskData } from './desk-data';

export type MergedFormat = 'jsonl' | 'csv' | 'conflicts';

export interface MergedFile {
  suggestedName: string;
  mimeType: string;
  data: string;
  /** Records (lines or rows) in it. */
  count: number;
}

export interface MergedXliffFile {
  suggestedName: string;
  mimeType: string;
  data: Uint8Array;
  /** Segments whose target or state changed. */
  count: number;
  /** Segments left as they were because their conflict is open, and what writing noticed: one message each. */
  warnings: string[];
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

/**
 * The XLIFF file the batch was made from with the merged results written into it (docs/xliff.md): each
 * segment takes the verdict that stands for it — the decision of a decided conflict, else the latest
 * verdict — and a segment whose conflict is open stays as it was, named in a warning.
 */
export async function mergedXliffFile(db: LoupeDatabase, data: DeskData): Promise<MergedXliffFile> {
  const { batch } = data;
  if (!batch.original) throw new Error(`“${batch.name}” was not made from an XLIFF file: export its merged results as JSONL or CSV.`);
  const bytes = await attachmentBytes(db, batch.id, batch.original.path);
  if (!bytes) throw new Error(`The XLIFF file “${batch.original.fileName}” that “${batch.name}” was made from is not on this machine: a batch received from a sync server comes without it — export the merged XLIFF on the desk where the XLIFF file was imported.`);
  const written = mergedXliff({ fileName: batch.original.fileName, bytes }, { items: data.items, reviews: data.reviews, merge: data.merge });
  if (!written.ok) throw new Error(written.error.message);
  return {
    suggestedName: exportFileName(batch.original.fileName, 'merged'),
    mimeType: XLIFF_MEDIA_TYPE,
    data: written.bytes,
    count: written.changed.length,
    warnings: written.warnings.map((w) => w.message),
  };
}
