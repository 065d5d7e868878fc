import { RESULT_MEDIA_TYPE, writeResultFile } from '../../shared/batch-file';
import { reviewerFileStem } from '../../shared/coordination';
import { resultRecords, toCsv, toJsonl } from '../../shared/results';
import type { SaveFileRequest } from '../platform';
import { batchContents, type LoupeDatabase } from '../storage';

export type ResultsFormat = 'jsonl' | 'csv' | 'loupe-result';

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
  if (format === 'loupe-result') return resultFileFor(db, batchId, options.reviewer);
  const { batch, schema, items, reviews } = await batchContents(db, batchId);
  const records = resultRecords({ batch, schema, items, reviews, all: options.all, reviewer: options.reviewer });
  const base = safeFileName(batch.name, batch.id);
  return format === 'jsonl'
    ? { suggestedName: `${base}.results.jsonl`, mimeType: 'application/x-ndjson', data: toJsonl(records), count: records.length }
    : { suggestedName: `${base}.results.csv`, mimeType: 'text/csv', data: toCsv(records, schema), count: records.length };
}

/**
 * The reviewer's work on a batch as a `.loupe-result` for the coordinator (docs/batch-format.md): every
 * event they committed, in the order made, and their current reviews. Batch manifests carry no key of the
 * coordinator's to encrypt to, so the file is not encrypted; it travels like the batch did.
 *
 * When the batch came in a `.loupe` that named exactly one reviewer (a file handed out on a desk), the
 * file says so as `assignedAs` and is named after that reviewer's id, so that the coordinator's desk
 * matches the work to the plan. The reviews and events stay the profile's own: they say who did the work.
 */
export async function resultFileFor(db: LoupeDatabase, batchId: string, reviewer: { id: string; name: string }, now: () => Date = () => new Date()): Promise<ResultsFile> {
  const { batch, reviews, events, handedTo } = await db.transaction('r', db.batches, db.reviews, db.events, db.batchFiles, async () => {
    const found = await db.batches.get(batchId);
    if (!found) throw new Error(`Batch "${batchId}" is not on this machine.`);
    const named = (await db.batchFiles.get(batchId))?.reviewers ?? [];
    return {
      batch: found,
      reviews: await db.reviews.where('[batchId+reviewerId]').equals([batchId, reviewer.id]).toArray(),
      events: await db.events.where('[batchId+reviewerId]').equals([batchId, reviewer.id]).sortBy('seq'),
      handedTo: named.length === 1 ? named[0] : undefined,
    };
  });
  // `seq` is this machine's append order, not part of the event.
  const portable = events.map(({ seq: _seq, ...event }) => event);
  const assignedAs = handedTo ? { id: handedTo.id, name: handedTo.name } : undefined;
  const data = await writeResultFile({ batchId, revision: batch.revision, reviewer, ...(assignedAs ? { assignedAs } : {}), reviews, events: portable, createdAt: now().toISOString() });
  return {
    suggestedName: `${safeFileName(batch.name, batch.id)}.${reviewerFileStem(assignedAs?.id ?? reviewer.id)}.loupe-result`,
    mimeType: RESULT_MEDIA_TYPE,
    data,
    count: portable.length,
  };
}
