/** The coordinator's work on a batch: cutting it among reviewers, handing out their files, and deciding their conflicts. */
export { planSplit, type SplitReviewer, type SplitRequest, type Assignment, type SplitPlan } from './split';
export { handOutBatch, reviewerBatch, reviewerFileName, reviewerFileStem, type HandOutBatch, type HandOutOptions } from './hand-out';
export { adjudicationEvent, type Adjudication } from './adjudicate';
export { conflictLines, type ConflictLine, type ConflictVerdict } from './conflicts';
export { finalVerdicts, type FinalVerdicts } from './final';
