import type { ReviewStatus } from '../../shared/domain';

/** The names of the review statuses, one home for every screen that shows them (list, review, desk). */
export const statusNames = {
  pending: 'Pending',
  accepted: 'Accepted',
  corrected: 'Corrected',
  rejected: 'Rejected',
  flagged: 'Flagged',
} as const satisfies Record<ReviewStatus, string>;
