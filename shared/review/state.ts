import { z } from 'zod';
import { FieldValues, RecordedQaOverride, ReviewStatus, type Item, type ReviewEvent } from '../domain';

/**
 * A newer revision of the batch changed the AI output (or context) of an item after the reviewer had
 * worked on it: what they saw then, so the screen can show what changed. A new verdict clears it.
 */
export const ReviewStale = z.object({
  sinceRevision: z.number().int().positive(),
  previousOutput: FieldValues,
  /** Only when the context changed too. */
  previousContext: FieldValues.optional(),
});
export type ReviewStale = z.infer<typeof ReviewStale>;

/** One reviewer's current verdict on one item: the fold of that reviewer's events on it. */
export const Review = z.object({
  batchId: z.string(),
  itemId: z.string(),
  reviewerId: z.string(),
  reviewerName: z.string(),
  status: ReviewStatus,
  values: FieldValues,
  comment: z.string(),
  reason: z.string().nullable(),
  timeSpentMs: z.number().int().nonnegative(),
  /** When the latest verdict (not a mere edit) was given; null while pending. */
  reviewedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  lastEventId: z.string().nullable(),
  eventCount: z.number().int().nonnegative(),
  /** Set when the AI output changed under the reviewer's work (a newer batch revision); never by events. */
  stale: ReviewStale.optional(),
  /** The QA errors the latest verdict was given despite (its event's `qaOverrides`); absent when none. */
  qaOverrides: z.array(RecordedQaOverride).optional(),
});
export type Review = z.infer<typeof Review>;

export function initialReview(item: Pick<Item, 'batchId' | 'id' | 'output'>, reviewer: { id: string; name: string }): Review {
  return {
    batchId: item.batchId,
    itemId: item.id,
    reviewerId: reviewer.id,
    reviewerName: reviewer.name,
    status: 'pending',
    values: { ...item.output },
    comment: '',
    reason: null,
    timeSpentMs: 0,
    reviewedAt: null,
    updatedAt: null,
    lastEventId: null,
    eventCount: 0,
  };
}

const VERDICTS: ReadonlySet<ReviewEvent['action']> = new Set(['accept', 'correct', 'reject', 'flag', 'adjudicate']);

/** Whether an event gives a verdict (rather than an edit, a comment or a reopening). */
export function isVerdict(action: ReviewEvent['action']): boolean {
  return VERDICTS.has(action);
}

/**
 * The order events are replayed in wherever they come from several devices: by time, then id. Merging
 * and storing collected results use it alike, so a stored review equals the merged one.
 */
export function byTimeThenId(a: Pick<ReviewEvent, 'at' | 'id'>, b: Pick<ReviewEvent, 'at' | 'id'>): number {
  const time = (at: string) => {
    const ms = Date.parse(at);
    return Number.isNaN(ms) ? 0 : ms;
  };
  return time(a.at) - time(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Applies one event; replaying a reviewer's events in order from `initialReview` gives their review. */
export function applyEvent(review: Review, event: ReviewEvent): Review {
  const values = { ...review.values };
  for (const change of event.changes) values[change.field] = change.new;
  // A verdict given after the output changed is a verdict on the new output: the mark has done its work.
  const { stale, qaOverrides, ...rest } = review;
  const keep = stale && !VERDICTS.has(event.action) ? { stale } : {};
  // Overrides belong to the verdict they were given with: a new verdict or a reopening replaces them, an edit keeps them.
  const verdictChanges = VERDICTS.has(event.action) || event.action === 'reopen';
  const overrides = verdictChanges ? event.qaOverrides : qaOverrides;
  return {
    ...rest,
    ...keep,
    ...(overrides ? { qaOverrides: overrides } : {}),
    reviewerName: event.reviewerName,
    status: event.status,
    values,
    comment: event.comment ? event.comment.new : review.comment,
    reason: event.reason ? event.reason.new : review.reason,
    timeSpentMs: review.timeSpentMs + event.timeSpentMs,
    reviewedAt: VERDICTS.has(event.action) ? event.at : event.action === 'reopen' ? null : review.reviewedAt,
    updatedAt: event.at,
    lastEventId: event.id,
    eventCount: review.eventCount + 1,
  };
}

export function replay(start: Review, events: Iterable<ReviewEvent>): Review {
  let review = start;
  for (const e of events) review = applyEvent(review, e);
  return review;
}
