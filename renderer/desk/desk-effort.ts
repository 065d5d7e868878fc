import { effortTotals, sourceCounts, type EffortTotals, type ReviewerEffort, type WordTotals } from '../../shared/effort';
import type { DeskData, Progress } from './desk-data';

export interface DeskEffort {
  source: WordTotals;
  /** Each reviewer with a verdict, in the progress table's order. */
  reviewers: ReviewerEffort[];
  total: EffortTotals;
}

/**
 * The effort table's figures, from the reviews the desk loaded. Reviewers are the progress table's people
 * (each real identity, linked profiles included), so a coordinator's decisions of conflicts are not counted
 * as review work, as they are not in the progress table.
 */
export function deskEffort(data: DeskData, progress: Progress): DeskEffort {
  const people = progress.rows.flatMap((r) => r.people.map((p) => p.reviewerId));
  const counted = new Set(people);
  const source = sourceCounts(data.schema, data.items);
  const summary = effortTotals({ schema: data.schema, source, items: data.items, reviews: data.reviews.filter((r) => counted.has(r.reviewerId)) });
  const byId = new Map(summary.reviewers.map((r) => [r.reviewerId, r]));
  const { byItem: _byItem, ...totals } = source;
  return { source: totals, reviewers: people.flatMap((id) => byId.get(id) ?? []), total: summary.total };
}
