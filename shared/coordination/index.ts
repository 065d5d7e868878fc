/** The coordinator's work on a batch: cutting it among reviewers and deciding their conflicts. */
export { planSplit, reviewerFileStem, type SplitReviewer, type SplitRequest, type Assignment, type SplitPlan } from './split';
export { adjudicationEvent, type Adjudication } from './adjudicate';
