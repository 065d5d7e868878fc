import { z } from 'zod';
import { FieldValue } from './values';

export const ReviewStatus = z.enum(['pending', 'accepted', 'corrected', 'rejected', 'flagged']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

/**
 * What a committed change did. `accept`/`correct` confirm the item, `edit` and `comment` record work
 * left on an item without a new verdict, `reopen` takes a verdict back to pending, `adjudicate` is a
 * coordinator's final decision on a conflict between reviewers (its `seen` names the verdicts it settles).
 */
export const ReviewAction = z.enum(['accept', 'correct', 'reject', 'flag', 'edit', 'comment', 'reopen', 'adjudicate']);
export type ReviewAction = z.infer<typeof ReviewAction>;

export const FieldChange = z.object({
  field: z.string().min(1),
  old: FieldValue,
  new: FieldValue,
});
export type FieldChange = z.infer<typeof FieldChange>;

/**
 * One committed change: append-only, the audit trail, the unit of sync and of result files (BRIEF 1).
 * `status` is the status after the event, so replaying events needs no knowledge of the rules.
 */
export const ReviewEvent = z.object({
  id: z.string().min(1),
  batchId: z.string().min(1),
  itemId: z.string().min(1),
  reviewerId: z.string().min(1),
  reviewerName: z.string(),
  deviceId: z.string().min(1),
  at: z.string().datetime({ offset: true }),
  action: ReviewAction,
  status: ReviewStatus,
  changes: z.array(FieldChange),
  comment: z.object({ old: z.string(), new: z.string() }).optional(),
  reason: z.object({ old: z.string().nullable(), new: z.string().nullable() }).optional(),
  /** Active time spent on the item since the previous event, idle time excluded. */
  timeSpentMs: z.number().int().nonnegative(),
  /** Ids of other reviewers' events that were on screen when this one was made (BRIEF 5: "made after seeing"). */
  seen: z.array(z.string().min(1)).optional(),
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;
