import { sameValue, type FieldValues, type Item, type ReviewStatus } from '../domain';
import { byTimeThenId, initialReview, replay, type Review } from '../review';
import { canonicalJson } from './json';
import type { ResultEvent } from './manifest';

/** What merging needs of a result file: `readResultFile`'s contents fit, and so does anything like them. */
export interface MergeSource {
  batchId: string;
  revision: number;
  reviewer: { id: string; name: string };
  events: readonly ResultEvent[];
}

export type ConflictDifference = 'status' | 'values';

export interface ConflictPair {
  /** The two reviewers, in id order. */
  reviewers: [string, string];
  differs: ConflictDifference[];
  /** Output fields whose final values differ (empty when only the status does). */
  fields: string[];
}

/**
 * Two or more verdicts on one item, by different reviewers, that differ in status or final values where
 * neither was made after seeing the other (BRIEF 5). Kept whole — every verdict involved, as replayed —
 * for a coordinator to adjudicate; nothing is overwritten.
 */
export interface Conflict {
  batchId: string;
  itemId: string;
  reviews: Review[];
  pairs: ConflictPair[];
}

export type MergeProblem =
  | { kind: 'other-batch'; batchId: string; reviewerId: string; message: string }
  | { kind: 'revision'; revision: number; reviewerId: string; message: string }
  | { kind: 'unknown-item'; itemId: string; events: number; message: string }
  | { kind: 'event-clash'; eventId: string; message: string };

/** A conflict a coordinator has decided: an `adjudicate` event that saw every verdict involved. */
export interface SettledConflict {
  conflict: Conflict;
  /** The coordinator's review of the item: the decision, as replayed. */
  decision: Review;
}

export interface MergeOutcome {
  /** One review per item and reviewer who has events on it, in item order then reviewer id. */
  reviews: Review[];
  /** Every distinct event on the batch's items, ordered by time then id. */
  events: ResultEvent[];
  /** Conflicts still waiting for a coordinator. */
  conflicts: Conflict[];
  /** Conflicts a coordinator has decided, with the decision. */
  settled: SettledConflict[];
  /** What was left out, and why; sorted, and the same whatever the order of the sources. */
  problems: MergeProblem[];
  stats: { sources: number; events: number; duplicates: number };
}

const VERDICT_VALUES: ReadonlySet<ReviewStatus> = new Set(['accepted', 'corrected']);

function finalValues(review: Review, item: Item): FieldValues {
  return review.status === 'accepted' ? item.output : review.values;
}

function differingFields(a: FieldValues, b: FieldValues): string[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names.filter((n) => !sameValue(a[n], b[n]));
}

/** Whether some event of `events` was made after seeing the event `id`. */
function saw(events: readonly ResultEvent[], id: string | null): boolean {
  return id !== null && events.some((e) => e.seen?.includes(id) ?? false);
}

/**
 * The review that settles a conflict: one whose latest event is an `adjudicate` that saw the latest event
 * of every verdict involved. A reviewer who changes their verdict afterwards reopens the conflict, since
 * the decision did not see the new verdict.
 */
function decisionOn(conflict: Conflict, itemReviews: readonly Review[], byReviewer: ReadonlyMap<string, ResultEvent[]>): Review | null {
  const involved = new Set(conflict.reviews.map((r) => r.reviewerId));
  const needed = conflict.reviews.map((r) => r.lastEventId).filter((id): id is string => id !== null);
  for (const review of itemReviews) {
    if (involved.has(review.reviewerId)) continue;
    const last = byReviewer.get(review.reviewerId)?.at(-1);
    if (last?.action === 'adjudicate' && needed.every((id) => last.seen?.includes(id))) return review;
  }
  return null;
}

/**
 * Merges result files into the batch's reviews (docs/batch-format.md, "Merging"): events are taken once
 * by id, ordered by time then id, and replayed per item and reviewer from the item's AI output. The
 * outcome does not depend on the order of `sources`, and a source given twice changes nothing.
 */
export function mergeResults(batch: { id: string; revision: number }, items: readonly Item[], sources: readonly MergeSource[]): MergeOutcome {
  const problems = new Map<string, MergeProblem>();
  const chosen = new Map<string, { event: ResultEvent; text: string | null }>();
  let seenEvents = 0;

  for (const source of sources) {
    if (source.batchId !== batch.id) {
      const key = `other-batch ${source.batchId} ${source.reviewer.id}`;
      problems.set(key, {
        kind: 'other-batch',
        batchId: source.batchId,
        reviewerId: source.reviewer.id,
        message: `results of ${source.reviewer.name || source.reviewer.id} are for batch ${source.batchId}, not ${batch.id}, and were left out`,
      });
      continue;
    }
    if (source.revision !== batch.revision) {
      problems.set(`revision ${source.revision} ${source.reviewer.id}`, {
        kind: 'revision',
        revision: source.revision,
        reviewerId: source.reviewer.id,
        message: `results of ${source.reviewer.name || source.reviewer.id} were made on revision ${source.revision} of the batch, which is now at revision ${batch.revision}; they were merged`,
      });
    }
    for (const event of source.events) {
      if (event.batchId !== batch.id) continue;
      seenEvents += 1;
      const held = chosen.get(event.id);
      if (!held) {
        chosen.set(event.id, { event, text: null });
        continue;
      }
      if (held.event === event) continue;
      const heldText = held.text ?? canonicalJson(held.event);
      const text = canonicalJson(event);
      held.text = heldText;
      if (text === heldText) continue;
      // Same id, different content: keep one by a rule that does not depend on arrival order.
      if (text < heldText) chosen.set(event.id, { event, text });
      problems.set(`event-clash ${event.id}`, {
        kind: 'event-clash',
        eventId: event.id,
        message: `two different events share the id ${event.id}; one was kept and the clash needs a look`,
      });
    }
  }

  const itemsById = new Map(items.map((item) => [item.id, item]));
  const events = [...chosen.values()].map((c) => c.event).sort(byTimeThenId);
  const unknown = new Map<string, number>();
  const byItem = new Map<string, Map<string, ResultEvent[]>>();
  const kept: ResultEvent[] = [];
  for (const e of events) {
    if (!itemsById.has(e.itemId)) {
      unknown.set(e.itemId, (unknown.get(e.itemId) ?? 0) + 1);
      continue;
    }
    kept.push(e);
    let byReviewer = byItem.get(e.itemId);
    if (!byReviewer) byItem.set(e.itemId, (byReviewer = new Map()));
    const list = byReviewer.get(e.reviewerId);
    if (list) list.push(e);
    else byReviewer.set(e.reviewerId, [e]);
  }
  for (const [itemId, n] of unknown) {
    problems.set(`unknown-item ${itemId}`, { kind: 'unknown-item', itemId, events: n, message: `${n} event${n === 1 ? ' is' : 's are'} about the item ${itemId}, which the batch does not have; left out` });
  }

  const reviews: Review[] = [];
  const conflicts: Conflict[] = [];
  const settled: SettledConflict[] = [];
  for (const item of items) {
    const byReviewer = byItem.get(item.id);
    if (!byReviewer) continue;
    const reviewerIds = [...byReviewer.keys()].sort();
    const itemReviews = reviewerIds.map((rid) => {
      const list = byReviewer.get(rid)!;
      return replay(initialReview(item, { id: rid, name: list[0]!.reviewerName }), list);
    });
    reviews.push(...itemReviews);

    const verdicts = itemReviews.filter((r) => r.status !== 'pending');
    const pairs: ConflictPair[] = [];
    const involved = new Set<string>();
    for (let i = 0; i < verdicts.length; i++) {
      for (let j = i + 1; j < verdicts.length; j++) {
        const a = verdicts[i]!;
        const b = verdicts[j]!;
        const differs: ConflictDifference[] = [];
        if (a.status !== b.status) differs.push('status');
        const fields = VERDICT_VALUES.has(a.status) && VERDICT_VALUES.has(b.status) ? differingFields(finalValues(a, item), finalValues(b, item)) : [];
        if (fields.length > 0) differs.push('values');
        if (differs.length === 0) continue;
        if (saw(byReviewer.get(a.reviewerId)!, b.lastEventId) || saw(byReviewer.get(b.reviewerId)!, a.lastEventId)) continue;
        pairs.push({ reviewers: [a.reviewerId, b.reviewerId], differs, fields });
        involved.add(a.reviewerId).add(b.reviewerId);
      }
    }
    if (pairs.length > 0) {
      const conflict: Conflict = { batchId: batch.id, itemId: item.id, reviews: verdicts.filter((r) => involved.has(r.reviewerId)), pairs };
      const decision = decisionOn(conflict, itemReviews, byReviewer);
      if (decision) settled.push({ conflict, decision });
      else conflicts.push(conflict);
    }
  }

  return {
    reviews,
    events: kept,
    conflicts,
    settled,
    problems: [...problems.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p),
    stats: { sources: sources.length, events: chosen.size, duplicates: seenEvents - chosen.size },
  };
}
