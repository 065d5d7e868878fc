// Merging result files (BRIEF 5): events count once by id, the outcome does not depend on the order the
// files arrive in, and differing verdicts made without seeing each other are kept whole as conflicts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Item, ReviewAction, ReviewStatus } from '../../shared/domain';
import { mergeResults, readResultFile, writeResultFile, type MergeOutcome, type MergeSource, type ResultEvent } from '../../shared/batch-file';

const BATCH = { id: 'b-1', revision: 1 };
const items: Item[] = ['i0', 'i1', 'i2', 'i3'].map((id, seq) => ({ batchId: BATCH.id, id, seq, context: {}, output: { label: 'A', text: `text ${seq}` } }));

const STATUS: Record<ReviewAction, ReviewStatus | null> = { accept: 'accepted', correct: 'corrected', reject: 'rejected', flag: 'flagged', reopen: 'pending', edit: null, comment: null, adjudicate: null };

let clock = 0;
function event(reviewer: string, itemId: string, action: ReviewAction, over: Partial<ResultEvent> = {}): ResultEvent {
  clock += 1000;
  return {
    id: `${reviewer}-${clock}`,
    batchId: BATCH.id,
    itemId,
    reviewerId: reviewer,
    reviewerName: reviewer.toUpperCase(),
    deviceId: 'd1',
    at: new Date(Date.UTC(2026, 10, 26, 9) + clock).toISOString(),
    action,
    status: STATUS[action] ?? 'corrected',
    changes: [],
    timeSpentMs: 500,
    ...over,
  };
}

function source(reviewer: string, events: ResultEvent[], batchId = BATCH.id): MergeSource {
  return { batchId, revision: 1, reviewer: { id: reviewer, name: reviewer.toUpperCase() }, events };
}

/** What must not depend on arrival order or repeats. */
function essence(o: MergeOutcome) {
  return { reviews: o.reviews, events: o.events, conflicts: o.conflicts, problems: o.problems };
}

// ---- Properties ------------------------------------------------------------------------------------

const reviewerIds = ['r1', 'r2', 'r3'];
const label = fc.constantFrom('A', 'B', 'C');

/** One reviewer's history: events on the batch's items at distinct times, with field changes. */
function history(reviewer: string, offset: number) {
  return fc
    .array(
      fc.record({
        item: fc.constantFrom(...items.map((i) => i.id), 'i-unknown'),
        action: fc.constantFrom<ReviewAction>('accept', 'correct', 'reject', 'flag', 'edit', 'comment', 'reopen'),
        label,
        text: fc.string({ maxLength: 6 }),
        gap: fc.integer({ min: 1, max: 10_000 }),
        saw: fc.boolean(),
      }),
      { maxLength: 8 },
    )
    .map((steps) => {
      let at = Date.UTC(2026, 10, 26) + offset;
      return steps.map((st, n) => {
        at += st.gap;
        return {
          id: `${reviewer}-e${n}`,
          batchId: BATCH.id,
          itemId: st.item,
          reviewerId: reviewer,
          reviewerName: reviewer.toUpperCase(),
          deviceId: n % 3 === 0 ? 'laptop' : 'tablet',
          at: new Date(at).toISOString(),
          action: st.action,
          status: STATUS[st.action] ?? 'corrected',
          changes: st.action === 'correct' || st.action === 'edit' ? [{ field: 'label', old: 'A', new: st.label }, { field: 'text', old: '', new: st.text }] : [],
          timeSpentMs: st.gap,
          // Sometimes made after seeing another reviewer's first events.
          ...(st.saw ? { seen: reviewerIds.filter((r) => r !== reviewer).map((r) => `${r}-e0`) } : {}),
        } satisfies ResultEvent;
      });
    });
}

/** Each reviewer's events exported as one or two files: an early partial export and the full one. */
const scenario = fc
  .tuple(...reviewerIds.map((r, i) => fc.tuple(history(r, i * 7), fc.nat(8), fc.boolean())))
  .map((perReviewer) =>
    perReviewer.flatMap(([events, cut, partial], i) => {
      const r = reviewerIds[i]!;
      const full = source(r, events);
      return partial ? [source(r, events.slice(0, Math.min(cut, events.length))), full] : [full];
    }),
  );

/** A reordering and some repeats of the sources. */
const arrival = (sources: MergeSource[]) =>
  fc.tuple(fc.array(fc.nat(), { minLength: sources.length, maxLength: sources.length }), fc.array(fc.nat(Math.max(0, sources.length - 1)), { maxLength: 3 })).map(([keys, repeats]) => {
    const shuffled = sources.map((s, i) => ({ s, k: keys[i]! })).sort((a, b) => a.k - b.k).map((x) => x.s);
    return [...shuffled, ...repeats.filter(() => sources.length > 0).map((i) => sources[i]!)];
  });

describe('mergeResults as a property', { timeout: 60_000 }, () => {
  it('does not depend on the order of the files, and a file given again changes nothing', () => {
    fc.assert(
      fc.property(scenario.chain((sources) => fc.tuple(fc.constant(sources), arrival(sources))), ([sources, arrived]) => {
        expect(essence(mergeResults(BATCH, items, arrived))).toEqual(essence(mergeResults(BATCH, items, sources)));
      }),
      { numRuns: 300, seed: 48 },
    );
  });

  it('is idempotent: merging the merged events again, alone or with the files, gives the same', () => {
    fc.assert(
      fc.property(scenario, (sources) => {
        const once = mergeResults(BATCH, items, sources);
        const merged: MergeSource[] = reviewerIds.map((r) => source(r, once.events.filter((e) => e.reviewerId === r)));
        expect(essence(mergeResults(BATCH, items, merged)).reviews).toEqual(once.reviews);
        expect(essence(mergeResults(BATCH, items, [...merged, ...sources]))).toEqual(essence(once));
      }),
      { numRuns: 200, seed: 49 },
    );
  });

  it('without conflicts, every reviewer gets the review their own events replay to', () => {
    fc.assert(
      fc.property(history('r1', 0), (events) => {
        const outcome = mergeResults(BATCH, items, [source('r1', events), source('r1', [...events].reverse())]);
        expect(outcome.conflicts).toEqual([]);
        for (const review of outcome.reviews) {
          const own = events.filter((e) => e.itemId === review.itemId);
          expect(review.eventCount).toBe(own.length);
          expect(review.lastEventId).toBe(own.at(-1)!.id);
          expect(review.status).toBe(own.at(-1)!.status);
          expect(review.timeSpentMs).toBe(own.reduce((t, e) => t + e.timeSpentMs, 0));
        }
      }),
      { numRuns: 200, seed: 50 },
    );
  });
});

// ---- Cases -----------------------------------------------------------------------------------------

describe('mergeResults', () => {
  it('counts a result that arrives twice once', async () => {
    const events = [event('r1', 'i0', 'accept'), event('r1', 'i1', 'correct', { changes: [{ field: 'label', old: 'A', new: 'B' }] })];
    const bytes = await writeResultFile({ batchId: BATCH.id, revision: 1, reviewer: { id: 'r1', name: 'R1' }, reviews: [], events });
    const read = await readResultFile(bytes, { trustedKeys: [] });
    if (!read.ok) throw new Error(read.error.message);
    const again = await readResultFile(bytes.slice(), { trustedKeys: [] });
    if (!again.ok) throw new Error(again.error.message);
    const once = mergeResults(BATCH, items, [read]);
    const twice = mergeResults(BATCH, items, [read, again]);
    expect(essence(twice)).toEqual(essence(once));
    expect(twice.stats).toEqual({ sources: 2, events: 2, duplicates: 2 });
    expect(twice.reviews.map((r) => [r.itemId, r.status, r.eventCount, r.timeSpentMs])).toEqual([
      ['i0', 'accepted', 1, 500],
      ['i1', 'corrected', 1, 500],
    ]);
    expect(twice.reviews[1]!.values).toEqual({ label: 'B', text: 'text 1' });
  });

  it('reports differing verdicts of two reviewers as a conflict kept whole', () => {
    const a = event('r1', 'i0', 'accept', { comment: { old: '', new: 'looks right' } });
    const b = event('r2', 'i0', 'correct', { changes: [{ field: 'label', old: 'A', new: 'B' }] });
    const outcome = mergeResults(BATCH, items, [source('r2', [b]), source('r1', [a])]);
    expect(outcome.conflicts).toHaveLength(1);
    const [conflict] = outcome.conflicts;
    expect(conflict).toMatchObject({ batchId: BATCH.id, itemId: 'i0', pairs: [{ reviewers: ['r1', 'r2'], differs: ['status', 'values'], fields: ['label'] }] });
    expect(conflict!.reviews.map((r) => [r.reviewerId, r.status, r.values.label, r.comment])).toEqual([
      ['r1', 'accepted', 'A', 'looks right'],
      ['r2', 'corrected', 'B', ''],
    ]);
    // Both verdicts stay in the reviews: nothing is overwritten.
    expect(outcome.reviews.filter((r) => r.itemId === 'i0')).toHaveLength(2);
  });

  it('finds no conflict where verdicts agree, or one is pending, or rejections differ only in leftovers', () => {
    const fix = (r: string, to: string) => event(r, 'i1', 'correct', { changes: [{ field: 'label', old: 'A', new: to }] });
    expect(mergeResults(BATCH, items, [source('r1', [event('r1', 'i0', 'accept')]), source('r2', [event('r2', 'i0', 'accept')])]).conflicts).toEqual([]);
    expect(mergeResults(BATCH, items, [source('r1', [fix('r1', 'B')]), source('r2', [fix('r2', 'B')])]).conflicts).toEqual([]);
    expect(mergeResults(BATCH, items, [source('r1', [event('r1', 'i2', 'accept')]), source('r2', [event('r2', 'i2', 'accept'), event('r2', 'i2', 'reopen')])]).conflicts).toEqual([]);
    const rejectA = event('r1', 'i3', 'reject', { changes: [{ field: 'text', old: 'text 3', new: 'x' }] });
    expect(mergeResults(BATCH, items, [source('r1', [rejectA]), source('r2', [event('r2', 'i3', 'reject')])]).conflicts).toEqual([]);
    // Different corrections, and a flag against an acceptance, are conflicts.
    expect(mergeResults(BATCH, items, [source('r1', [fix('r1', 'B')]), source('r2', [fix('r2', 'C')])]).conflicts[0]!.pairs[0]!.differs).toEqual(['values']);
    expect(mergeResults(BATCH, items, [source('r1', [event('r1', 'i0', 'flag')]), source('r2', [event('r2', 'i0', 'accept')])]).conflicts[0]!.pairs[0]!.differs).toEqual(['status']);
  });

  it('finds no conflict when one verdict was made after seeing the other', () => {
    const a = event('r1', 'i0', 'accept');
    const adjudication = event('r3', 'i0', 'correct', { changes: [{ field: 'label', old: 'A', new: 'C' }], seen: [a.id] });
    expect(mergeResults(BATCH, items, [source('r1', [a]), source('r3', [adjudication])]).conflicts).toEqual([]);
    // Seeing an earlier state is not seeing the verdict that stands.
    const later = event('r1', 'i0', 'correct', { changes: [{ field: 'label', old: 'A', new: 'B' }] });
    expect(mergeResults(BATCH, items, [source('r1', [a, later]), source('r3', [adjudication])]).conflicts).toHaveLength(1);
  });

  it('replays one reviewer working on two devices by time, without a conflict', () => {
    const first = event('r1', 'i1', 'correct', { deviceId: 'laptop', changes: [{ field: 'label', old: 'A', new: 'B' }] });
    const second = event('r1', 'i1', 'correct', { deviceId: 'tablet', changes: [{ field: 'label', old: 'B', new: 'C' }] });
    const outcome = mergeResults(BATCH, items, [source('r1', [second]), source('r1', [first])]);
    expect(outcome.conflicts).toEqual([]);
    expect(outcome.reviews).toHaveLength(1);
    expect(outcome.reviews[0]).toMatchObject({ status: 'corrected', values: { label: 'C' }, eventCount: 2, lastEventId: second.id });
  });

  it('leaves out, and reports, results of another batch and events on unknown items', () => {
    const outcome = mergeResults(BATCH, items, [source('r1', [event('r1', 'i0', 'accept')], 'b-other'), source('r2', [event('r2', 'zz', 'accept'), event('r2', 'i1', 'accept')])]);
    expect(outcome.reviews.map((r) => [r.reviewerId, r.itemId])).toEqual([['r2', 'i1']]);
    expect(outcome.problems.map((p) => p.kind).sort()).toEqual(['other-batch', 'unknown-item']);
    expect(outcome.problems.find((p) => p.kind === 'unknown-item')).toMatchObject({ itemId: 'zz', events: 1 });
  });

  it('keeps one of two different events with one id, whatever the order, and reports the clash', () => {
    const a = event('r1', 'i0', 'accept');
    const b = { ...a, action: 'reject' as const, status: 'rejected' as const };
    const ab = mergeResults(BATCH, items, [source('r1', [a]), source('r1', [b])]);
    const ba = mergeResults(BATCH, items, [source('r1', [b]), source('r1', [a])]);
    expect(essence(ab)).toEqual(essence(ba));
    expect(ab.events).toHaveLength(1);
    expect(ab.problems).toEqual([expect.objectContaining({ kind: 'event-clash', eventId: a.id })]);
  });
});
