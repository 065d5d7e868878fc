import type { Batch, Item, TaskSchema } from '../domain';
import { batchNameFromFile, newBatch, schemaId, sha256Hex } from '../import';
import { readXliff, xliffBatch, type XliffError, type XliffWarning } from '../xliff';
import { originalPath } from './names';

export type BatchFromXliff =
  | {
      ok: true;
      /** Its `original` names the attachment that holds the file. */
      batch: Batch;
      schema: TaskSchema;
      items: Item[];
      /** The file itself, byte for byte, under `batch.original.path`. */
      attachments: Map<string, Uint8Array>;
      /** Segments marked translate="no": kept in the file, not offered for review. */
      notForReview: string[];
      warnings: XliffWarning[];
    }
  | { ok: false; error: XliffError };

/**
 * A batch from an XLIFF file (docs/xliff.md, "The batch"): one item per translatable segment, made the
 * way JSONL and CSV batches are (`newBatch`: its id from the file's SHA-256, so the same file gives the
 * same batch), with the file kept as an attachment so that exports write the reviews back into it.
 * A file without a segment to review gives no batch.
 */
export async function batchFromXliff(bytes: Uint8Array, fileName: string, options: { createdAt: string; name?: string }): Promise<BatchFromXliff> {
  const read = readXliff(bytes, fileName);
  if (!read.ok) return read;
  const made = xliffBatch(read.document);
  if (made.items.length === 0) {
    const hidden = made.notForReview.length;
    const why = hidden === 0 ? 'it holds no segment' : hidden === 1 ? 'its one segment is marked translate="no"' : `all its ${hidden} segments are marked translate="no"`;
    return {
      ok: false,
      error: { kind: 'structure', fileName, message: `${fileName}: has nothing to review: ${why} — export the file for translation from the tool that made it, with the segments to translate` },
    };
  }
  const base = fileName.split(/[\\/]/u).pop() ?? fileName;
  const path = originalPath(base);
  const [digest, sid] = await Promise.all([sha256Hex(bytes), schemaId(made.schema)]);
  const batch: Batch = {
    ...newBatch({
      digest,
      name: options.name ?? batchNameFromFile(base),
      schemaId: sid,
      createdAt: options.createdAt,
      itemCount: made.items.length,
      source: { format: 'xliff', fileName: base },
    }),
    original: { format: 'xliff', fileName: base, path },
  };
  return {
    ok: true,
    batch,
    schema: made.schema,
    items: made.items.map((item) => ({ ...item, batchId: batch.id })),
    attachments: new Map([[path, bytes]]),
    notForReview: made.notForReview,
    warnings: read.document.warnings,
  };
}
