import type { Conflict, ConflictPair } from '../batch-file';
import type { FieldValues, Item, ReviewStatus, TaskSchema } from '../domain';

/** One verdict of a conflict as the conflicts file gives it. */
export interface ConflictVerdict {
  reviewer: string;
  reviewerName: string;
  status: ReviewStatus;
  /** The verdict's final values: the AI output when accepted. */
  correction: FieldValues;
  comment: string;
  reason: string | null;
  reviewedAt: string | null;
  lastEventId: string | null;
}

/** One line of the conflicts file (docs/coordinating.md, docs/cli.md). */
export interface ConflictLine {
  id: string;
  batch: string;
  output: FieldValues;
  verdicts: ConflictVerdict[];
  pairs: ConflictPair[];
  /** Every output field whose final values differ in some pair, sorted. */
  fields: string[];
}

/**
 * The open conflicts as lines of the conflicts file, one per item: its AI output and every verdict
 * involved, each keyed by the schema's output fields (null where a value is missing), how each pair of
 * reviewers differs, and every field that differs.
 */
export function conflictLines(conflicts: readonly Conflict[], items: readonly Pick<Item, 'id' | 'output'>[], schema: Pick<TaskSchema, 'fields'>): ConflictLine[] {
  const outputs = new Map(items.map((i) => [i.id, i.output]));
  const keyed = (values: FieldValues): FieldValues => Object.fromEntries(schema.fields.map((f) => [f.name, values[f.name] ?? null]));
  return conflicts.map((conflict) => {
    const output = outputs.get(conflict.itemId) ?? {};
    return {
      id: conflict.itemId,
      batch: conflict.batchId,
      output: keyed(output),
      verdicts: conflict.reviews.map((r) => ({
        reviewer: r.reviewerId,
        reviewerName: r.reviewerName,
        status: r.status,
        correction: keyed(r.status === 'accepted' ? output : r.values),
        comment: r.comment,
        reason: r.reason,
        reviewedAt: r.reviewedAt,
        lastEventId: r.lastEventId,
      })),
      pairs: conflict.pairs,
      fields: [...new Set(conflict.pairs.flatMap((p) => p.fields))].sort(),
    };
  });
}
