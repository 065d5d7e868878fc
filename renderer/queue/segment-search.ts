import type { ReviewStatus, TaskSchema } from '../../shared/domain';
import { qaSummary, runQa, type Glossary, type QaFinding, type QaOverride, type QaSummary } from '../../shared/qa';
import { hasMatch, SOURCE_FIELD, type Matcher, type SegmentFields } from '../../shared/search';
import { knownOverrides, qaFieldOf } from '../review';
import type { SegmentRow } from '../storage';
import { inSlices } from './slices';

export type StatusChoice = 'all' | ReviewStatus;
export type QaChoice = 'any' | 'errors' | 'warnings' | 'clean';

export interface SegmentQuery {
  source: Matcher | null;
  target: Matcher | null;
  status: StatusChoice;
  qa: QaChoice;
}

/** What the QA checks need beyond a segment: the batch's glossary and the languages its schema names. */
export interface QaContext {
  glossary: Glossary | null;
  sourceLang: string | null;
  targetLang: string | null;
}

/**
 * The QA context of a batch, or null where the review screen runs no checks (docs/qa.md): the source must be
 * the context field `source`, the target the field `target` or the only text output field.
 */
export function qaContextOf(schema: TaskSchema, fields: SegmentFields, glossary: Glossary | null): QaContext | null {
  // The review screen's own rule (qaFieldOf), so that both check the same field or neither does.
  if (fields.source !== SOURCE_FIELD || qaFieldOf(schema, {}) !== fields.target) return null;
  return {
    glossary,
    sourceLang: schema.context.find((f) => f.name === fields.source)?.lang ?? null,
    targetLang: schema.fields.find((f) => f.name === fields.target)?.lang ?? null,
  };
}

/** The checks on `target` as a translation of the row's source, as the review screen runs them. */
export function qaFindings(row: SegmentRow, target: string, context: QaContext): QaFinding[] {
  const { qa } = row;
  return runQa({ ...qa, target, sourceLang: qa.sourceLang ?? context.sourceLang, targetLang: qa.targetLang ?? context.targetLang }, { glossary: context.glossary });
}

/** The overrides of the row's verdict that this Loupe's rules can match. */
export function rowOverrides(row: SegmentRow): QaOverride[] {
  return knownOverrides(row.qaOverrides);
}

/** QA summaries by item, each for the target it was computed on: the checks are the slow part of a search. */
export class QaCache {
  private readonly summaries = new Map<string, { target: string; summary: QaSummary }>();

  constructor(private readonly context: QaContext) {}

  summaryOf(row: SegmentRow): QaSummary {
    const known = this.summaries.get(row.id);
    if (known && known.target === row.target) return known.summary;
    const summary = qaSummary(qaFindings(row, row.target, this.context), rowOverrides(row));
    this.summaries.set(row.id, { target: row.target, summary });
    return summary;
  }
}

function passesQa(summary: QaSummary, choice: QaChoice): boolean {
  switch (choice) {
    case 'any':
      return true;
    case 'errors':
      return summary.errors > 0;
    case 'warnings':
      return summary.warnings > 0;
    case 'clean':
      return summary.errors === 0 && summary.warnings === 0;
  }
}

/**
 * The rows that pass the query, in batch order, searched in slices (`inSlices`): null when a newer query came
 * first. Status and text are tested first; the QA checks, the slow part, run only on the rows left, and each
 * row's result is kept in `qa` for its current target.
 */
export async function filterSegments(
  rows: readonly SegmentRow[],
  query: SegmentQuery,
  qa: QaCache | null,
  isCurrent: () => boolean,
  onProgress: (done: number, total: number) => void,
): Promise<SegmentRow[] | null> {
  const found: SegmentRow[] = [];
  const passes = (row: SegmentRow) =>
    (query.status === 'all' || row.status === query.status) &&
    (!query.source || hasMatch(row.sourcePlain, query.source)) &&
    (!query.target || hasMatch(row.targetPlain, query.target)) &&
    (query.qa === 'any' || !qa || passesQa(qa.summaryOf(row), query.qa));
  const done = await inSlices(rows.length, (i) => {
    const row = rows[i] as SegmentRow;
    if (passes(row)) found.push(row);
  }, isCurrent, onProgress);
  return done ? found : null;
}
