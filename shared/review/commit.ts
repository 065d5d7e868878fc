import { changedFields, sameValues, type FieldValues, type Item, type RecordedQaOverride, type ReviewAction, type ReviewEvent, type ReviewStatus, type TaskSchema } from '../domain';
import type { Review } from './state';

/** What the reviewer has typed or chosen but not yet committed (BRIEF 1: drafts are not events). */
export interface DraftState {
  values: FieldValues;
  comment: string;
  reason: string | null;
}

/** What the reviewer asks for: a verdict, or leaving the item (which commits a changed draft). */
export type Intent = 'confirm' | 'reject' | 'flag' | 'leave' | 'reopen';

/** The intent that gives a review back the status it had: what undo commits to restore a verdict. */
export function intentForStatus(status: ReviewStatus): Intent {
  switch (status) {
    case 'pending':
      return 'reopen';
    case 'rejected':
      return 'reject';
    case 'flagged':
      return 'flag';
    case 'accepted':
    case 'corrected':
      return 'confirm';
  }
}

export interface CommitContext {
  schema: TaskSchema;
  item: Pick<Item, 'batchId' | 'id' | 'output'>;
  review: Review;
  draft: DraftState;
  intent: Intent;
  reviewer: { id: string; name: string };
  deviceId: string;
  eventId: string;
  at: string;
  timeSpentMs: number;
  /** The QA errors the reviewer overrode to confirm: recorded on a confirmation, ignored on any other intent. */
  qaOverrides?: readonly RecordedQaOverride[];
  /** A confirmation propagated from another item with the same source: recorded on a confirmation only. */
  propagatedFrom?: { itemId: string; eventId: string };
}

export type CommitError = { kind: 'reason-required'; message: string };
export type CommitResult = { ok: true; event: ReviewEvent | null } | { ok: false; error: CommitError };

function verdict(intent: Intent, item: CommitContext['item'], schema: TaskSchema, values: FieldValues): { action: ReviewAction; status: ReviewStatus } | null {
  switch (intent) {
    case 'confirm':
      return sameValues(schema.fields, values, item.output) ? { action: 'accept', status: 'accepted' } : { action: 'correct', status: 'corrected' };
    case 'reject':
      return { action: 'reject', status: 'rejected' };
    case 'flag':
      return { action: 'flag', status: 'flagged' };
    case 'reopen':
      return { action: 'reopen', status: 'pending' };
    case 'leave':
      return null;
  }
}

/**
 * Turns a reviewer's intent into the event to append, or `null` when nothing changed (leaving an item
 * whose draft equals its committed state appends nothing).
 */
export function commit(ctx: CommitContext): CommitResult {
  const { schema, item, review, draft } = ctx;
  const fields = changedFields(schema.fields, review.values, draft.values);
  const changes = fields.map((field) => ({ field, old: review.values[field] ?? null, new: draft.values[field] ?? null }));
  const commentChanged = draft.comment !== review.comment;
  const reasonChanged = draft.reason !== review.reason;
  const v = verdict(ctx.intent, item, schema, draft.values);

  if (v && schema.requireReasonOnOverride && (v.status === 'corrected' || v.status === 'rejected') && !draft.reason) {
    return { ok: false, error: { kind: 'reason-required', message: 'This batch asks for a reason code when you override the AI: choose one, then confirm again.' } };
  }

  let action: ReviewAction;
  let status: ReviewStatus;
  if (v) {
    ({ action, status } = v);
  } else if (changes.length > 0) {
    action = 'edit';
    status = review.status;
  } else if (commentChanged || reasonChanged) {
    action = 'comment';
    status = review.status;
  } else {
    return { ok: true, event: null };
  }

  const confirms = action === 'accept' || action === 'correct';
  return {
    ok: true,
    event: {
      id: ctx.eventId,
      batchId: item.batchId,
      itemId: item.id,
      reviewerId: ctx.reviewer.id,
      reviewerName: ctx.reviewer.name,
      deviceId: ctx.deviceId,
      at: ctx.at,
      action,
      status,
      changes,
      ...(commentChanged ? { comment: { old: review.comment, new: draft.comment } } : {}),
      ...(reasonChanged ? { reason: { old: review.reason, new: draft.reason } } : {}),
      timeSpentMs: Math.max(0, Math.round(ctx.timeSpentMs)),
      ...(confirms && ctx.qaOverrides?.length ? { qaOverrides: ctx.qaOverrides.map((o) => ({ ...o })) } : {}),
      ...(confirms && ctx.propagatedFrom ? { propagatedFrom: { ...ctx.propagatedFrom } } : {}),
    },
  };
}

export function draftFromReview(review: Review): DraftState {
  return { values: { ...review.values }, comment: review.comment, reason: review.reason };
}

export function draftDiffers(review: Review, draft: DraftState, schema: TaskSchema): boolean {
  return !sameValues(schema.fields, review.values, draft.values) || draft.comment !== review.comment || draft.reason !== review.reason;
}
