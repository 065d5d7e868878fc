/**
 * Finding and replacing text in segments (docs/reviewing.md, "Concordance" and "Search and replace"): plain
 * text or regular expressions, case and whole-word options that work in every script, inline codes that a
 * replacement can never break, and texts cut into pieces for showing matches. Pure TypeScript.
 */
export { compileQuery, PLAIN_SEARCH, type SearchOptions, type Matcher } from './query';
export { searchText } from './text';
export { findMatches, hasMatch } from './find';
export { replaceMatches, expandReplacement } from './replace';
export { displayPieces, type CodeRole, type Range } from './display';
export { adaptText, type SegmentCodes } from './adapt';
export { segmentFields, SOURCE_FIELD, type SegmentFields } from './fields';
