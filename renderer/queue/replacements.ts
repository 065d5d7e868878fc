import type { FieldValues, RecordedQaOverride, ReviewStatus, TaskSchema } from '../../shared/domain';
import { unresolvedErrors, type QaOverride } from '../../shared/qa';
import { commit, draftDiffers, draftFromReview, intentForStatus, type DraftState, type Intent, type Review } from '../../shared/review';
import { findMatches, replaceMatches, searchText, type Matcher, type Range, type SegmentFields } from '../../shared/search';
import { appendEvent, loadItemState, StaleReviewError, type LoupeDatabase, type SegmentRow } from '../storage';
import { qaFindings, rowOverrides, type QaContext } from './segment-search';
import { inSlices } from './slices';

/**
 * Replacing text in targets from the batch page (docs/reviewing.md, "Search and replace"; docs/decisions.md).
 * Each replacement is an event made by `commit` and stored by `appendEvent`, as the review screen does, so
 * the audit trail, sync and results take it like any other: on a confirmed segment a correction (it stays
 * confirmed, and a QA error blocks it as on the screen), on any other an edit (the reviewer's verdict is
 * still to come).
 */

/** Why a segment's target was not changed. */
export type Refusal =
  /** A match holds an inline code (or a `$` reference would copy one): replacing would break it. */
  | { kind: 'cuts-code'; code: string | null; match: string }
  /** The reviewer has unsaved work on the item, which a commit would discard. */
  | { kind: 'unsaved' }
  /** Confirmed segments stay confirmed, and a QA error blocks a confirmation. */
  | { kind: 'qa'; message: string }
  /** The batch asks for a reason code on every correction. */
  | { kind: 'reason-required' }
  /** The item changed since it was read (another window, a sync); search again. */
  | { kind: 'changed' };

export interface PlannedChange {
  row: SegmentRow;
  /** The new target, how many matches it replaces, and where the replacements are in it. */
  text: string;
  count: number;
  inserted: Range[];
  /** A correction that keeps the segment confirmed, else an edit that keeps its status. */
  verdict: boolean;
  /** The overrides of the verdict that still answer an error: a correction keeps them. */
  overrides: QaOverride[];
}

export type Planned = { ok: true; change: PlannedChange } | { ok: false; row: SegmentRow; refusal: Refusal };

/** Confirmed and not marked to look at again: such a segment is replaced by a verdict, so it stays confirmed. */
export const staysConfirmed = (row: Pick<SegmentRow, 'status' | 'stale'>) => !row.stale && (row.status === 'accepted' || row.status === 'corrected');

/** What replacing `matcher`'s matches in the row's target with `replacement` would do, or why it may not. */
export function planReplacement(row: SegmentRow, matcher: Matcher, replacement: string, qa: QaContext | null): Planned | null {
  const text = searchText(row.target, row.coded);
  const matches = findMatches(text, matcher);
  if (matches.length === 0) return null;
  const replaced = replaceMatches(text, matches, replacement, matcher);
  if (!replaced.ok) return { ok: false, row, refusal: { kind: 'cuts-code', code: replaced.code, match: replaced.match } };
  // Replacing a text by itself changes nothing, and must not confirm anything either.
  if (replaced.text === row.target) return null;
  if (row.unsaved) return { ok: false, row, refusal: { kind: 'unsaved' } };
  const verdict = staysConfirmed(row);
  let overrides: QaOverride[] = [];
  if (verdict && qa) {
    const findings = qaFindings(row, replaced.text, qa);
    const known = rowOverrides(row);
    const blocking = unresolvedErrors(findings, known);
    if (blocking[0]) return { ok: false, row, refusal: { kind: 'qa', message: blocking[0].message } };
    overrides = known.filter((o) => findings.some((f) => f.level === 'error' && f.rule === o.rule && f.key === o.key));
  }
  return { ok: true, change: { row, text: replaced.text, count: replaced.count, inserted: replaced.inserted, verdict, overrides } };
}

export interface Plan {
  changes: PlannedChange[];
  refused: { row: SegmentRow; refusal: Refusal }[];
  /** Matches the changes replace. */
  matches: number;
}

/** Plans the replacement in every row, in slices (`inSlices`): null when it is no longer wanted. */
export async function planAll(rows: readonly SegmentRow[], matcher: Matcher, replacement: string, qa: QaContext | null, isCurrent: () => boolean, onProgress: (done: number, total: number) => void): Promise<Plan | null> {
  const plan: Plan = { changes: [], refused: [], matches: 0 };
  const step = (i: number) => {
    const planned = planReplacement(rows[i] as SegmentRow, matcher, replacement, qa);
    if (!planned) return;
    if (planned.ok) {
      plan.changes.push(planned.change);
      plan.matches += planned.change.count;
    } else {
      plan.refused.push({ row: planned.row, refusal: planned.refusal });
    }
  };
  return (await inSlices(rows.length, step, isCurrent, onProgress)) ? plan : null;
}

export interface ReplaceContext {
  db: LoupeDatabase;
  batchId: string;
  schema: TaskSchema;
  fields: SegmentFields;
  reviewer: { id: string; name: string };
  deviceId: string;
  newId?: () => string;
  nowIso?: () => string;
}

/** What a replacement took the item from: undoing it goes back there, if nothing changed the item since. */
export interface UndoStep {
  itemId: string;
  /** The replacement's event, which must still be the item's last. */
  expect: string;
  verdict: boolean;
  before: { status: ReviewStatus; values: FieldValues; comment: string; reason: string | null; qaOverrides: readonly RecordedQaOverride[] };
}

export type Applied = { ok: true; row: SegmentRow; step: UndoStep } | { ok: false; refusal: Refusal };

/** The row after its item's review became `review`. */
function rowAfter(row: SegmentRow, review: Review, target: string): SegmentRow {
  return {
    ...row,
    status: review.status,
    stale: review.stale !== undefined,
    target,
    targetPlain: searchText(target, row.coded).plain,
    unsaved: false,
    qaOverrides: review.qaOverrides ?? [],
    lastEventId: review.lastEventId,
  };
}

const refuse = (refusal: Refusal) => ({ ok: false as const, refusal });

/** Commits `values` on the item by `intent`, only if its last event is still `expect` and it has no unsaved work. */
async function commitOn(ctx: ReplaceContext, itemId: string, expect: string | null, intent: Intent, values: FieldValues, qaOverrides: readonly RecordedQaOverride[]) {
  const state = await loadItemState(ctx.db, ctx.batchId, itemId, ctx.reviewer);
  if (!state || state.review.lastEventId !== expect) return refuse({ kind: 'changed' });
  const { item, review, draft: stored } = state;
  if (stored && draftDiffers(review, stored, ctx.schema)) return refuse({ kind: 'unsaved' });
  const draft: DraftState = { ...draftFromReview(review), values: { ...review.values, ...values } };
  const result = commit({
    schema: ctx.schema,
    item,
    review,
    draft,
    intent,
    reviewer: ctx.reviewer,
    deviceId: ctx.deviceId,
    eventId: (ctx.newId ?? (() => crypto.randomUUID()))(),
    at: (ctx.nowIso ?? (() => new Date().toISOString()))(),
    // Reading time kept in a draft goes with the commit, as it does on the review screen.
    timeSpentMs: stored?.activeMs ?? 0,
    qaOverrides,
  });
  if (!result.ok) return refuse({ kind: 'reason-required' });
  if (!result.event) return refuse({ kind: 'changed' });
  try {
    const next = await appendEvent(ctx.db, result.event, { expectedLastEventId: expect });
    return { ok: true as const, before: review, after: next, eventId: result.event.id };
  } catch (error) {
    if (error instanceof StaleReviewError) return refuse({ kind: 'changed' });
    throw error;
  }
}

/** Makes a planned replacement: one event on the item, if it is still as it was read. */
export async function applyReplacement(ctx: ReplaceContext, change: PlannedChange): Promise<Applied> {
  const { row } = change;
  const done = await commitOn(ctx, row.id, row.lastEventId, change.verdict ? 'confirm' : 'leave', { [ctx.fields.target]: change.text }, change.overrides);
  if (!done.ok) return done;
  const { before } = done;
  return {
    ok: true,
    row: rowAfter(row, done.after, change.text),
    step: {
      itemId: row.id,
      expect: done.eventId,
      verdict: change.verdict,
      before: { status: before.status, values: { ...before.values }, comment: before.comment, reason: before.reason, qaOverrides: before.qaOverrides ?? [] },
    },
  };
}


/**
 * Takes a replacement back as the review screen's undo takes back a verdict: a new event, made by `commit`, that
 * brings the item back to its status and values before; an edit is undone by an edit. Refused when the item
 * changed since the replacement.
 */
export async function undoReplacement(ctx: ReplaceContext, step: UndoStep, row: SegmentRow): Promise<Applied> {
  const intent = step.verdict ? intentForStatus(step.before.status) : 'leave';
  const done = await commitOn(ctx, step.itemId, step.expect, intent, step.before.values, step.before.qaOverrides);
  if (!done.ok) return done;
  const target = done.after.values[ctx.fields.target];
  return { ok: true, row: rowAfter(row, done.after, typeof target === 'string' ? target : ''), step };
}
