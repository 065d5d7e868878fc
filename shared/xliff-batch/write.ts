import type { Conflict, SettledConflict } from '../batch-file';
import { finalVerdicts } from '../coordination';
import type { Batch, Item } from '../domain';
import type { Review } from '../review';
import { readXliff, updatesFromReviews, writeXliff, type XliffError, type XliffWarning } from '../xliff';

/** The XLIFF file a batch was made from, as its attachment holds it. */
export interface XliffOriginal {
  fileName: string;
  bytes: Uint8Array;
}

export type XliffExport = { ok: true; bytes: Uint8Array; changed: string[]; warnings: XliffWarning[] } | { ok: false; error: XliffError };

/** The original of a batch made from XLIFF, from the batch's attachments; null when the batch has none or it is missing. */
export function originalOf(batch: Pick<Batch, 'original'>, attachments: ReadonlyMap<string, Uint8Array>): XliffOriginal | null {
  const bytes = batch.original && attachments.get(batch.original.path);
  return batch.original && bytes ? { fileName: batch.original.fileName, bytes } : null;
}

function write(original: XliffOriginal, verdicts: Iterable<Pick<Review, 'itemId' | 'status' | 'values'>>, open: readonly string[]): XliffExport {
  const read = readXliff(original.bytes, original.fileName);
  if (!read.ok) return read;
  const doc = read.document;
  const written = writeXliff(doc, updatesFromReviews(doc, verdicts));
  if (!written.ok || open.length === 0) return written;
  const segments = new Map(doc.segments.map((s) => [s.id, s]));
  const left = open.map((id): XliffWarning => {
    const s = segments.get(id);
    const where = s ? `${original.fileName} line ${s.line}, column ${s.column}` : original.fileName;
    return {
      fileName: original.fileName,
      ...(s ? { line: s.line, column: s.column } : {}),
      segment: id,
      message: `${where}: segment ${id} is left as it was: its reviewers disagree and the conflict is not decided — decide it on the coordinator's desk, then export again`,
    };
  });
  return { ...written, warnings: [...written.warnings, ...left] };
}

/**
 * One reviewer's work written into the original (docs/xliff.md, "Writing the file back"): their
 * verdicts change the targets and states of their segments, and every other byte stays as it was. With
 * no verdict the bytes are the original's.
 */
export function reviewedXliff(original: XliffOriginal, reviews: Iterable<Pick<Review, 'itemId' | 'status' | 'values'>>): XliffExport {
  return write(original, reviews, []);
}

/**
 * Every reviewer's work merged and written into the original: for each segment the verdict that stands
 * (`finalVerdicts`: a decision where a conflict was decided, else the latest verdict). A segment whose
 * conflict is still open is left as it was, and named in a warning.
 */
export function mergedXliff(
  original: XliffOriginal,
  batch: { items: readonly Item[]; reviews: readonly Review[]; merge: { conflicts: readonly Conflict[]; settled: readonly SettledConflict[] } },
): XliffExport {
  const { verdicts, open } = finalVerdicts(batch.items, batch.reviews, batch.merge);
  return write(original, verdicts, open);
}
