/**
 * XLIFF 1.2 and 2.0–2.2 (docs/xliff.md): reading a document into segments that keep the original
 * text, making batch items of them, and writing the document back with only the reviewed targets and
 * their states changed. Pure TypeScript; runs in the browser, Electron and Node alike.
 */
export { readXliff, type ReadXliffResult } from './read';
export { writeXliff, TargetUpdate, type WriteXliffResult } from './write';
export { xliffBatch, TARGET_FIELD, XliffItemMeta, type XliffBatch } from './items';
export { updatesFromReviews } from './reviews';
export { contentToText, textToContent, placeholder } from './text';
export { STATE_12, STATE_20, SUBSTATE_PREFIX, REJECTED_QUALIFIER, stateFor12, stateFor20, statusFrom12, statusFrom20, leastAdvanced, type Verdict, type TextOrigin } from './states';
export { XliffError, XliffErrorKind, XliffWarning } from './errors';
export { directionOfLanguage } from './direction';
export type { XliffEncoding } from './encoding';
export {
  Content,
  Token,
  TextToken,
  CodeToken,
  Direction,
  LengthLimit,
  type AiOutput,
  type Candidate,
  type Note,
  type SegmentCode,
  type XliffDocument,
  type XliffSegment,
  type XliffState,
  type XliffVersion,
} from './model';
