export { charEdits } from './char-edits';
export { hter, ter } from './ter';
export type { TerResult } from './ter';
export { tokenize } from './tokenize';
export { fieldEffort, textFieldsEffort, type FieldEffort } from './field-effort';
export { countWords } from './words';
export { wordCounts, repetitionKey, type SegmentWords, type WordCounts, type WordTotals } from './repetitions';
export { sourceFields, type SourceFields, type SourceText } from './source';
export { sourceCounts, effortTotals, type SourceCounts, type EffortTotals, type ReviewerEffort, type EffortSummary, type EffortInput } from './totals';
