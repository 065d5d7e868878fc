export { displayDiff } from './display-diff';
export type { DiffGranularity, DiffPart, DisplayDiffOptions } from './display-diff';
