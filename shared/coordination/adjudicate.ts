import { sameValues, type FieldValues, type Item, type ReviewEvent, type TaskSchema } from '../domain';
import type { Review } from '../review';

export interface Adjudication {
  /** The verdicts being decided between (a conflict's `reviews`). */
  verdicts: readonly Pick<Review, 'lastEventId'>[];
  item: Pick<Item, 'batchId' | 'id' | 'output'>;
  schema: Pick<TaskSchema, 'fields'>;
  coordinator: { id: string; name: string };
  deviceId: string;
  /** A fresh event id and the time of the decision (ISO 8601). */
  id: string;
  at: string;
  /** `final` values (picked from a reviewer or written by the coordinator), or the AI output rejected. */
  decision: { kind: 'final'; values: FieldValues } | { kind: 'reject' };
  comment?: string;
  /** The coordinator's own review of the item so far, if they decided it before: the event records the change from it. */
  previous?: Pick<Review, 'values' | 'comment'> | null;
  timeSpentMs?: number;
}

/**
 * The coordinator's decision on a conflict, as an event like any other (BRIEF 1: the audit trail): its
 * `seen` lists the verdicts it settles, so merging treats it as made after seeing them. Final values
 * equal to the AI output make it an acceptance of the AI output, anything else a correction.
 */
export function adjudicationEvent(a: Adjudication): ReviewEvent {
  const before = a.previous?.values ?? a.item.output;
  const after = a.decision.kind === 'final' ? a.decision.values : before;
  const status = a.decision.kind === 'reject' ? 'rejected' : sameValues(a.schema.fields, after, a.item.output) ? 'accepted' : 'corrected';
  const changes = a.schema.fields
    .filter((f) => !sameValues([f], before, after))
    .map((f) => ({ field: f.name, old: before[f.name] ?? null, new: after[f.name] ?? null }));
  const oldComment = a.previous?.comment ?? '';
  const newComment = a.comment ?? oldComment;
  return {
    id: a.id,
    batchId: a.item.batchId,
    itemId: a.item.id,
    reviewerId: a.coordinator.id,
    reviewerName: a.coordinator.name,
    deviceId: a.deviceId,
    at: a.at,
    action: 'adjudicate',
    status,
    changes,
    ...(newComment !== oldComment ? { comment: { old: oldComment, new: newComment } } : {}),
    timeSpentMs: a.timeSpentMs ?? 0,
    seen: a.verdicts.map((v) => v.lastEventId).filter((id): id is string => id !== null),
  };
}
