import type { XliffError, XliffWarning } from '../../shared/xliff';
import { batchFromXliff } from '../../shared/xliff-batch';
import { sha256Hex, type ImportError } from '../../shared/import';
import { storeBatch, type LoupeDatabase } from '../storage';
import type { FileReport, ImportPhase } from './import-files';

export interface XliffFile {
  fileName: string;
  bytes: Uint8Array;
}

type Progress = (phase: ImportPhase, done: number, total: number) => void;

/** The reader's message names the file, line and column and says what to do; the fields are kept too. */
const asImportProblem = (p: XliffError | XliffWarning): ImportError => ({ file: p.fileName, ...(p.line === undefined ? {} : { line: p.line }), message: p.message });

/**
 * Makes a batch of an XLIFF file (docs/xliff.md) and stores it whole — items, schema and the file itself
 * as the batch's attachment, which exports write the reviews back into — or reports why nothing was
 * stored. The same file again changes nothing.
 */
export async function importXliffFile(db: LoupeDatabase, file: XliffFile, now: () => Date, progress: Progress): Promise<FileReport> {
  const { fileName } = file;
  const digest = await sha256Hex(file.bytes);
  const known = await db.batches.where('source.sha256').equals(digest).first();
  if (known) return { outcome: 'unchanged', fileName, format: 'xliff', batch: known };

  // Read in one go, not line by line: the step says "Reading", then saving moves the bar.
  progress('reading', 0, 0);
  const made = await batchFromXliff(file.bytes, fileName, { createdAt: now().toISOString() });
  if (!made.ok) return { outcome: 'failed', fileName, format: 'xliff', errors: [asImportProblem(made.error)] };

  const { batch, schema, items } = made;
  progress('saving', 0, items.length);
  const attachments = [...made.attachments].map(([path, bytes]) => ({ batchId: batch.id, path, bytes }));
  const stored = await storeBatch(db, { batch, schema: { id: batch.schemaId, schema, createdAt: batch.createdAt }, items, attachments }, (done, total) => progress('saving', done, total));
  if (stored.status === 'unchanged') {
    // Another window imported the same file meanwhile: report what is stored.
    const existing = await db.batches.get(stored.batchId);
    if (existing) return { outcome: 'unchanged', fileName, format: 'xliff', batch: existing };
  }
  return {
    outcome: 'imported',
    fileName,
    format: 'xliff',
    batch,
    schema,
    schemaInferred: false,
    xliff: { notForReview: made.notForReview.length },
    warnings: made.warnings.map(asImportProblem),
    firstItemId: items[0]?.id ?? '',
  };
}
