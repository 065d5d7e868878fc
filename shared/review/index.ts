export { Review, ReviewStale, initialReview, applyEvent, replay, isVerdict, byTimeThenId } from './state';
export { commit, draftFromReview, draftDiffers, intentForStatus } from './commit';
export type { DraftState, Intent, CommitContext, CommitResult, CommitError } from './commit';
