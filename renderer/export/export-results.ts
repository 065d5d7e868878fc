import { resultRecords, toCsv, toJsonl } from '../../shared/results';
import type { SaveFileRequest } from '../platform';
import { batchContents, type LoupeDatabase } from '../storage';

export type ResultsFormat = 'jsonl' | 'csv';

export interface ResultsFile extends SaveFileRequest {
  /** How many records (lines or rows) it holds. */
  count: number;
}

/** A batch name as a file name on every system: no separators, reserved or control characters. */
export function safeFileName(name: string, fallback: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/gu, '_').replace(/^[.\s]+|[.\s]+$/gu, '');
  return cleaned.slice(0, 150) || fallback;
}

/**
 * The batch's results as data (BRIEF 3.3): one record per item and reviewer with a verdict, plus
 * pending items when `all`, attributed to the current reviewer.
 */
export async function resultsFile(
  db: LoupeDatabase,
  batchId: string,
  format: ResultsFormat,
  options: { all: boolean; reviewer: { id: string; name: string } },
): Promise<ResultsFile> {
  const { batch, schema, items, reviews } = await batchContents(db, batchId);
  const records = resultRecords({ batch, schema, items, reviews, all: options.all, reviewer: options.reviewer });
  const base = safeFileName(batch.name, batch.id);
  return format === 'jsonl'
    ? { suggestedName: `${base}.results.jsonl`, mimeType: 'application/x-ndjson', data: toJsonl(records), count: records.length }
    : { suggestedName: `${base}.results.csv`, mimeType: 'text/csv', data: toCsv(records, schema), count: records.length };
}
