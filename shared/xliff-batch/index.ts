/**
 * Batches made from XLIFF files (docs/xliff.md, docs/import.md): the batch with the file kept as its
 * attachment, the reviews — one reviewer's, or everyone's merged — written back into that file, and
 * effort between two versions of one document. The app's import and export, the desk and the command
 * line all go through here.
 */
export { batchFromXliff, type BatchFromXliff } from './build';
export { reviewedXliff, mergedXliff, originalOf, type XliffOriginal, type XliffExport } from './write';
export { xliffEffort, type SegmentEffort, type XliffEffort } from './effort';
export { originalPath, exportFileName } from './names';
