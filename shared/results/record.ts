import { z } from 'zod';
import { FieldValues, RecordedQaOverride, ReviewStatus } from '../domain';

export const FieldEffort = z.object({
  /** Character edit distance in Unicode code points. */
  charEdits: z.number().int().nonnegative(),
  /** TER of the AI output against the final text, capped at 1 (shared/effort). */
  hter: z.number().min(0).max(1),
});
export type FieldEffort = z.infer<typeof FieldEffort>;

/** One item as one reviewer left it: a line of the results export (BRIEF 3.3, docs/results.md). */
export const ResultRecord = z.object({
  /** The item's id, from the AI pipeline. */
  id: z.string().min(1),
  /** The batch's id. */
  batch: z.string().min(1),
  /** Null only on a pending record exported without a current reviewer. */
  reviewer: z.string().nullable(),
  reviewerName: z.string().nullable(),
  status: ReviewStatus,
  /** The AI's values, one key per output field of the schema. */
  output: FieldValues,
  /** The final values, keyed like `output`; equal to it when accepted; null while pending. */
  correction: FieldValues.nullable(),
  comment: z.string(),
  reason: z.string().nullable(),
  reviewedAt: z.iso.datetime({ offset: true }).nullable(),
  timeSpentMs: z.number().int().nonnegative(),
  /** One entry per text and longtext output field; empty while pending. */
  effort: z.record(z.string(), FieldEffort),
  model: z.string().nullable(),
  confidence: z.record(z.string(), z.number().min(0).max(1)).nullable(),
  rationale: z.union([z.string(), z.record(z.string(), z.string())]).nullable(),
  /** The item's context (its `input` on import), one key per context field of the schema. */
  context: FieldValues,
  meta: z.record(z.string(), z.unknown()).nullable(),
  /**
   * Only on a coordinator's decision of a conflict (an `adjudicate` review that settles it): the ids of
   * the reviewers whose conflicting verdicts on the item it decides between, in id order.
   */
  decides: z.array(z.string()).optional(),
  /**
   * Only when `reviewer` (the profile that did the work) worked on a file handed out to another id: the id
   * the coordinator gave that reviewer (a result file's `assignedAs`), such as the plan's `r-ana`.
   */
  assignedAs: z.string().optional(),
  /**
   * Only on a confirmation given despite QA errors: each error the reviewer overrode (its rule, what it is
   * about, the message shown) with their reason, as the verdict's event records it (docs/qa.md).
   */
  qaOverrides: z.array(RecordedQaOverride).optional(),
});
export type ResultRecord = z.infer<typeof ResultRecord>;
