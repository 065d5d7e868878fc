/** Cutting a batch among reviewers: who gets which items, with an optional overlap for agreement. */
import { reviewerFileStem } from './hand-out';

export interface SplitReviewer {
  id: string;
  name: string;
}

export interface SplitRequest {
  reviewers: readonly SplitReviewer[];
  /** Items each reviewer gets besides the overlap, in reviewer order; left out, the rest is split evenly. */
  counts?: readonly number[];
  /** Items every reviewer gets, so that their agreement can be measured. */
  overlap?: number;
}

export interface Assignment {
  reviewer: SplitReviewer;
  /** In batch order, the overlap items included. */
  itemIds: string[];
}

export type SplitPlan =
  | { ok: true; assignments: Assignment[]; overlapIds: string[] }
  | { ok: false; field: 'reviewers' | 'counts' | 'overlap'; message: string };

const MAX_REVIEWERS = 1000;

function reviewerProblem(reviewers: readonly SplitReviewer[]): string | null {
  if (reviewers.length === 0) return 'name at least one reviewer';
  if (reviewers.length > MAX_REVIEWERS) return `at most ${MAX_REVIEWERS} reviewers can share one batch`;
  const seen = new Set<string>();
  // Each reviewer gets a file named after their id, on file systems that may ignore case.
  const files = new Map<string, string>();
  for (const r of reviewers) {
    if (r.id.trim() === '') return 'a reviewer has an empty id; give every reviewer an id';
    if (seen.has(r.id)) return `the reviewer "${r.id}" is named twice; give each reviewer once`;
    seen.add(r.id);
    const file = reviewerFileStem(r.id).toLowerCase();
    const other = files.get(file);
    if (other !== undefined) return `"${other}" and "${r.id}" would get files of the same name; give ids that differ in more than case or punctuation`;
    files.set(file, r.id);
  }
  return null;
}

/**
 * Overlap items are spread evenly through the batch rather than taken from its start, so that agreement
 * is measured on a sample of the whole batch and not on whatever the pipeline emitted first.
 */
function spreadIndexes(total: number, n: number): number[] {
  const picked: number[] = [];
  for (let k = 0; k < n; k++) picked.push(Math.floor(((k + 0.5) * total) / n));
  return picked;
}

function evenCounts(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total % parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * Plans who reviews what. Every item goes to at least one reviewer: the overlap to all of them, the
 * rest in consecutive runs (by `counts`, or evenly), so that each reviewer's share reads in batch order.
 */
export function planSplit(itemIds: readonly string[], request: SplitRequest): SplitPlan {
  const { reviewers } = request;
  const problem = reviewerProblem(reviewers);
  if (problem) return { ok: false, field: 'reviewers', message: problem };

  const overlap = request.overlap ?? 0;
  if (!Number.isInteger(overlap) || overlap < 0) return { ok: false, field: 'overlap', message: `the overlap must be a whole number of items, 0 or more (got ${overlap})` };
  if (overlap > itemIds.length) return { ok: false, field: 'overlap', message: `the overlap of ${overlap} items is more than the batch has (${itemIds.length})` };
  if (overlap > 0 && reviewers.length < 2) return { ok: false, field: 'overlap', message: 'an overlap needs at least two reviewers to compare' };

  const shared = new Set(spreadIndexes(itemIds.length, overlap));
  const rest = itemIds.map((_, i) => i).filter((i) => !shared.has(i));

  let counts: number[];
  if (request.counts) {
    if (request.counts.length !== reviewers.length) {
      return { ok: false, field: 'counts', message: `give one count per reviewer: ${reviewers.length} reviewers, ${request.counts.length} counts` };
    }
    const bad = request.counts.find((c) => !Number.isInteger(c) || c < 0);
    if (bad !== undefined) return { ok: false, field: 'counts', message: `a count must be a whole number, 0 or more (got ${bad})` };
    const sum = request.counts.reduce((a, b) => a + b, 0);
    if (sum !== rest.length) {
      return {
        ok: false,
        field: 'counts',
        message: `the counts add up to ${sum}, but ${rest.length} items are to be shared out${overlap > 0 ? ` (${itemIds.length} minus the overlap of ${overlap})` : ''}; make them add up`,
      };
    }
    counts = [...request.counts];
  } else {
    counts = evenCounts(rest.length, reviewers.length);
  }

  const owner = new Array<number>(itemIds.length).fill(-1);
  let at = 0;
  counts.forEach((count, r) => {
    for (let k = 0; k < count; k++) owner[rest[at++]!] = r;
  });

  const assignments: Assignment[] = reviewers.map((reviewer) => ({ reviewer: { id: reviewer.id, name: reviewer.name }, itemIds: [] }));
  itemIds.forEach((id, i) => {
    if (shared.has(i)) for (const a of assignments) a.itemIds.push(id);
    else assignments[owner[i]!]!.itemIds.push(id);
  });
  return { ok: true, assignments, overlapIds: [...shared].sort((a, b) => a - b).map((i) => itemIds[i]!) };
}
