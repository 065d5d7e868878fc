import { RESULT_MEDIA_TYPE, fingerprint, isEncryptionPublicKey, writeResultFile, type EncryptionPublicKey } from '../../shared/batch-file';
import { reviewerFileStem } from '../../shared/coordination';
import { resultRecords, toCsv, toJsonl } from '../../shared/results';
import { exportFileName, reviewedXliff } from '../../shared/xliff-batch';
import type { SaveFileRequest } from '../platform';
import { attachmentBytes, batchContents, type LoupeDatabase } from '../storage';

export type ResultsFormat = 'jsonl' | 'csv' | 'loupe-result' | 'xliff';

/** The media type of XLIFF documents (IANA). */
export const XLIFF_MEDIA_TYPE = 'application/xliff+xml';

export interface ResultsFile extends SaveFileRequest {
  /** How many records (lines or rows) it holds; of an XLIFF file, how many segments changed. */
  count: number;
  /** A `.loupe-result` encrypted to the coordinator's key (the batch file's `returnTo`). */
  encrypted?: boolean;
  /** What writing an XLIFF file noticed (an inline code left without its partner, say), one message each. */
  warnings?: string[];
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
  if (format === 'xliff') return xliffFileFor(db, batchId, options.reviewer);
  const { batch, schema, items, reviews } = await batchContents(db, batchId);
  const records = resultRecords({ batch, schema, items, reviews, all: options.all, reviewer: options.reviewer });
  const base = safeFileName(batch.name, batch.id);
  return format === 'jsonl'
    ? { suggestedName: `${base}.results.jsonl`, mimeType: 'application/x-ndjson', data: toJsonl(records), count: records.length }
    : { suggestedName: `${base}.results.csv`, mimeType: 'text/csv', data: toCsv(records, schema), count: records.length };
}

/** The XLIFF file a batch was made from, by its name, or null for a batch made from anything else. */
export async function xliffOriginalName(db: LoupeDatabase, batchId: string): Promise<string | null> {
  return (await db.batches.get(batchId))?.original?.fileName ?? null;
}

/**
 * The XLIFF file the batch was made from with the reviewer's verdicts written into it (docs/xliff.md):
 * only their segments' targets and states change, every other byte is the original's, so the file goes
 * back to the CAT tool it came from.
 */
async function xliffFileFor(db: LoupeDatabase, batchId: string, reviewer: { id: string }): Promise<ResultsFile> {
  const { batch, reviews } = await db.transaction('r', db.batches, db.reviews, async () => ({
    batch: await db.batches.get(batchId),
    reviews: await db.reviews.where('[batchId+reviewerId]').equals([batchId, reviewer.id]).toArray(),
  }));
  if (!batch) throw new Error(`Batch "${batchId}" is not on this machine.`);
  const { original } = batch;
  if (!original) throw new Error(`“${batch.name}” was not made from an XLIFF file: export its results as JSONL or CSV.`);
  const bytes = await attachmentBytes(db, batchId, original.path);
  if (!bytes) {
    throw new Error(
      `The XLIFF file “${original.fileName}” that “${batch.name}” was made from is not on this machine: a batch received from a sync server comes without it — your verdicts reach your coordinator through the server, and their desk writes them into the XLIFF file.`,
    );
  }
  const written = reviewedXliff({ fileName: original.fileName, bytes }, reviews);
  if (!written.ok) throw new Error(written.error.message);
  return {
    suggestedName: exportFileName(original.fileName, 'reviewed'),
    mimeType: XLIFF_MEDIA_TYPE,
    data: written.bytes,
    count: written.changed.length,
    warnings: written.warnings.map((w) => w.message),
  };
}

/**
 * The reviewer's work on a batch as a `.loupe-result` for the coordinator (docs/batch-format.md): every
 * event they committed, in the order made, and their current reviews. When the batch file named a key of
 * the coordinator's to return results to (manifest `returnTo`), the file is encrypted to it, so that only
 * the coordinator's device opens it; otherwise it is not encrypted and travels like the batch did.
 *
 * When the batch came in a `.loupe` that named exactly one reviewer (a file handed out on a desk), the
 * file says so as `assignedAs` and is named after that reviewer's id, so that the coordinator's desk
 * matches the work to the plan. The reviews and events stay the profile's own: they say who did the work.
 */
export async function resultFileFor(db: LoupeDatabase, batchId: string, reviewer: { id: string; name: string }, now: () => Date = () => new Date()): Promise<ResultsFile> {
  const { batch, reviews, events, handedTo, returnTo } = await db.transaction('r', db.batches, db.reviews, db.events, db.batchFiles, async () => {
    const found = await db.batches.get(batchId);
    if (!found) throw new Error(`Batch "${batchId}" is not on this machine.`);
    const record = await db.batchFiles.get(batchId);
    const named = record?.reviewers ?? [];
    return {
      batch: found,
      reviews: await db.reviews.where('[batchId+reviewerId]').equals([batchId, reviewer.id]).toArray(),
      events: await db.events.where('[batchId+reviewerId]').equals([batchId, reviewer.id]).sortBy('seq'),
      handedTo: named.length === 1 ? named[0] : undefined,
      returnTo: record?.returnTo,
    };
  });
  const encryptTo = returnKey(batch.name, returnTo);
  // `seq` is this machine's append order, not part of the event.
  const portable = events.map(({ seq: _seq, ...event }) => event);
  const assignedAs = handedTo ? { id: handedTo.id, name: handedTo.name } : undefined;
  const data = await writeResultFile({
    batchId,
    revision: batch.revision,
    reviewer,
    ...(assignedAs ? { assignedAs } : {}),
    reviews,
    events: portable,
    createdAt: now().toISOString(),
    ...(encryptTo ? { encryptTo } : {}),
  });
  return {
    suggestedName: `${safeFileName(batch.name, batch.id)}.${reviewerFileStem(assignedAs?.id ?? reviewer.id)}.loupe-result`,
    mimeType: RESULT_MEDIA_TYPE,
    data,
    count: portable.length,
    encrypted: encryptTo !== undefined,
  };
}

/**
 * The key results of a batch go back encrypted to, as its batch file said. A stored key that is not one
 * (it was checked on import, so only a damaged store gives one) stops the export rather than let the
 * results out unencrypted.
 */
function returnKey(batchName: string, stored: string | undefined): EncryptionPublicKey | undefined {
  if (stored === undefined) return undefined;
  if (!isEncryptionPublicKey(stored)) throw new Error(`The batch file of “${batchName}” asked for results encrypted to a key that is not valid here; import the batch file again.`);
  return stored;
}

/**
 * Whether the batch's `.loupe-result` will be encrypted for the coordinator, and to which key's
 * fingerprint: the export menu says so before it is written.
 */
export async function resultEncryption(db: LoupeDatabase, batchId: string): Promise<{ fingerprint: string } | null> {
  const returnTo = (await db.batchFiles.get(batchId))?.returnTo;
  return returnTo !== undefined && isEncryptionPublicKey(returnTo) ? { fingerprint: fingerprint(returnTo) } : null;
}
