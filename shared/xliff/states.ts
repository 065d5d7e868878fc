import type { ReviewStatus } from '../domain';
import type { XliffState } from './model';

/**
 * Loupe's review status ↔ XLIFF states, both ways; docs/xliff.md gives the tables and the reasons.
 * `pending` never changes a state: an unreviewed segment leaves the file as it was.
 */

export type Verdict = Exclude<ReviewStatus, 'pending'>;

/** 1.2: the `state` each verdict writes on `<target>`. */
export const STATE_12: Readonly<Record<Verdict, string>> = {
  accepted: 'signed-off',
  corrected: 'signed-off',
  rejected: 'needs-translation',
  flagged: 'needs-review-translation',
};

/** 2.x: the `state` each verdict writes on `<segment>`, with Loupe's `subState`. */
export const STATE_20: Readonly<Record<Verdict, string>> = {
  accepted: 'reviewed',
  corrected: 'reviewed',
  rejected: 'initial',
  flagged: 'translated',
};

export const SUBSTATE_PREFIX = 'loupe:';

/** The 1.2 state-qualifier written with a rejection when the file gives no reason of its own. */
export const REJECTED_QUALIFIER = 'rejected-inaccurate';

const isRejectionQualifier = (q: string | null) => q !== null && q.startsWith('rejected-');

/** The status a 1.2 state stands for, as the file has it. */
export function statusFrom12(state: XliffState): ReviewStatus {
  switch (state.state) {
    case 'signed-off':
    case 'final':
      return 'accepted';
    case 'new':
    case 'needs-translation':
    case 'needs-l10n':
    case 'needs-adaptation':
      return isRejectionQualifier(state.qualifier) ? 'rejected' : 'pending';
    default:
      // translated, needs-review-*, x-… and none: the target still awaits a reviewer.
      return 'pending';
  }
}

/** The status a 2.x state stands for. Loupe's own subState counts only beside the state Loupe wrote with it. */
export function statusFrom20(state: XliffState): ReviewStatus {
  const current = state.state ?? 'initial';
  const ours = state.qualifier?.startsWith(SUBSTATE_PREFIX) ? state.qualifier.slice(SUBSTATE_PREFIX.length) : null;
  if ((ours === 'rejected' || ours === 'flagged') && STATE_20[ours] === current) return ours;
  return current === 'reviewed' || current === 'final' ? 'accepted' : 'pending';
}

/** Where the text a verdict confirms came from, for the 1.2 state-qualifier of an acceptance. */
export interface TextOrigin {
  /** The text is a candidate's (alt-trans), not the file's target. */
  fromCandidate: boolean;
  machine: boolean;
}

/**
 * The 1.2 state and state-qualifier after a verdict; null for no change, as when the file's state
 * already stands for the verdict (an accepted `final` stays `final`). Otherwise an acceptance says where its text came from (a candidate's origin, or the
 * target's own qualifier unless that was a rejection), a correction has none (a person wrote the text),
 * a rejection keeps a rejected-* reason or gives rejected-inaccurate, and a flag keeps what was there.
 */
export function stateFor12(status: ReviewStatus, current: XliffState, origin: TextOrigin): XliffState | null {
  if (status === 'pending' || statusFrom12(current) === status) return null;
  const state = STATE_12[status];
  switch (status) {
    case 'accepted':
      if (origin.fromCandidate) return { state, qualifier: origin.machine ? 'leveraged-mt' : 'leveraged-tm' };
      return { state, qualifier: isRejectionQualifier(current.qualifier) ? null : current.qualifier };
    case 'corrected':
      return { state, qualifier: null };
    case 'rejected':
      return { state, qualifier: isRejectionQualifier(current.qualifier) ? current.qualifier : REJECTED_QUALIFIER };
    case 'flagged':
      return { state, qualifier: current.qualifier };
  }
}

/**
 * The 2.x state and subState after a verdict; null for no change, as when the file's state already
 * stands for the verdict. Loupe writes `loupe:<status>` as subState, except that another tool's
 * subState stays while the state does not change.
 */
export function stateFor20(status: ReviewStatus, current: XliffState): XliffState | null {
  if (status === 'pending' || statusFrom20(current) === status) return null;
  const state = STATE_20[status];
  const theirs = current.qualifier !== null && !current.qualifier.startsWith(SUBSTATE_PREFIX);
  if (theirs && (current.state ?? 'initial') === state) return { state, qualifier: current.qualifier };
  return { state, qualifier: `${SUBSTATE_PREFIX}${status}` };
}

/** How far a status has come, for a 1.2 unit whose segments share one target: the least advanced wins. */
const PROGRESS: Readonly<Record<ReviewStatus, number>> = { rejected: 0, flagged: 1, pending: 2, corrected: 3, accepted: 4 };

export function leastAdvanced(statuses: readonly ReviewStatus[]): ReviewStatus {
  return statuses.reduce((a, b) => (PROGRESS[b] < PROGRESS[a] ? b : a), 'accepted');
}
