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
 * A QA error the reviewer confirmed an item despite (docs/qa.md, "Overriding an error"), as events, reviews
 * and results record it: the finding's rule and key, the message shown, and the reason. The rule is any id,
 * not only the rules this Loupe knows, so that a file from a Loupe with more checks still reads.
 */
export const RecordedQaOverride = z.object({
  rule: z.string().min(1),
  key: z.string(),
  message: z.string().min(1),
  reason: z.string().regex(/\S/u, 'an override needs a reason'),
});
export type RecordedQaOverride = z.infer<typeof RecordedQaOverride>;

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
  /**
   * Only on a confirmation (accept, correct) given despite QA errors (docs/qa.md): the reviewer's override of
   * each error, with its reason. Absent when no error was overridden, so older files read the same.
   */
  qaOverrides: z.array(RecordedQaOverride).min(1).optional(),
  /**
   * Only on a confirmation the reviewer propagated from another item with the same source (docs/reviewing.md,
   * "Propagation"): that item and the event of the correction copied.
   */
  propagatedFrom: z.object({ itemId: z.string().min(1), eventId: z.string().min(1) }).optional(),
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;
