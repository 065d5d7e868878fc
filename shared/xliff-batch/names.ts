/** Where a batch keeps the XLIFF file it was made from, among its attachments. */
const ORIGINAL_FOLDER = 'xliff/';

/** The last part of a path, typed on any system. */
function baseName(fileName: string): string {
  return fileName.split(/[\\/]/u).pop() ?? fileName;
}

/** A file's name without folders, safe on every system and as an attachment path (docs/batch-format.md). */
function plainName(fileName: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  const cleaned = baseName(fileName).replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/gu, '_').replace(/^[.\s]+|[.\s]+$/gu, '');
  // By code points, so that no character is cut in two; 100 of them keep the path within 512 bytes.
  return Array.from(cleaned).slice(0, 100).join('');
}

/** The attachment an XLIFF file is kept as: `xliff/<its name>`. */
export function originalPath(fileName: string): string {
  return `${ORIGINAL_FOLDER}${plainName(fileName) || 'original.xlf'}`;
}

/**
 * The name an export is saved under: the original's, marked before its extension —
 * `manual.xlf` → `manual.reviewed.xlf` (a reviewer's) or `manual.merged.xlf` (the desk's).
 */
export function exportFileName(fileName: string, mark: 'reviewed' | 'merged'): string {
  const name = plainName(fileName);
  const ext = /\.(xlf|xliff)$/iu.exec(name);
  const stem = ext ? name.slice(0, ext.index) : name;
  return `${stem || 'document'}.${mark}${ext ? ext[0] : '.xlf'}`;
}
