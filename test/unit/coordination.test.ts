// Cutting a batch among reviewers, and a coordinator's decision settling a conflict when results merge.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeResults, type ResultEvent } from '../../shared/batch-file';
import type { Item, TaskSchema } from '../../shared/domain';
import { adjudicationEvent, planSplit, reviewerFileStem } from '../../shared/coordination';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `item-${i}`);
const people = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i}`, name: `Reviewer ${i}` }));

describe('planSplit', () => {
  it('gives every item to exactly one reviewer, the overlap to all, each share in batch order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 7 }), fc.nat(), (total, n, o) => {
        const items = ids(total);
        const overlap = n < 2 ? 0 : o % (total + 1);
        const plan = planSplit(items, { reviewers: people(n), overlap });
        if (!plan.ok) throw new Error(plan.message);
        expect(plan.overlapIds).toHaveLength(overlap);
        const shared = new Set(plan.overlapIds);
        const owners = new Map<string, number>();
        for (const a of plan.assignments) {
          expect(a.itemIds).toEqual(items.filter((id) => a.itemIds.includes(id)));
          for (const id of a.itemIds) owners.set(id, (owners.get(id) ?? 0) + 1);
        }
        for (const id of items) expect(owners.get(id)).toBe(shared.has(id) ? n : 1);
        const own = plan.assignments.map((a) => a.itemIds.length - overlap);
        expect(Math.max(...own) - Math.min(...own)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('spreads the overlap through the batch rather than taking its first items', () => {
    const plan = planSplit(ids(100), { reviewers: people(2), overlap: 4 });
    expect(plan.ok && plan.overlapIds).toEqual(['item-12', 'item-37', 'item-62', 'item-87']);
  });

  it('honours counts per reviewer', () => {
    const plan = planSplit(ids(10), { reviewers: people(3), counts: [5, 3, 0], overlap: 2 });
    expect(plan.ok && plan.assignments.map((a) => a.itemIds.length)).toEqual([7, 5, 2]);
  });

  it('says what is wrong with a request, naming the field', () => {
    expect(planSplit(ids(10), { reviewers: [] })).toMatchObject({ ok: false, field: 'reviewers', message: 'name at least one reviewer' });
    expect(planSplit(ids(10), { reviewers: [people(1)[0]!, people(1)[0]!] })).toMatchObject({ ok: false, field: 'reviewers', message: expect.stringContaining('"r0" is named twice') });
    expect(planSplit(ids(10), { reviewers: people(2), counts: [3, 3] })).toMatchObject({ ok: false, field: 'counts', message: expect.stringContaining('add up to 6, but 10 items') });
    expect(planSplit(ids(10), { reviewers: people(2), overlap: 11 })).toMatchObject({ ok: false, field: 'overlap', message: expect.stringContaining('more than the batch has (10)') });
    expect(planSplit(ids(10), { reviewers: people(1), overlap: 2 })).toMatchObject({ ok: false, field: 'overlap' });
  });
});

describe('reviewerFileStem', () => {
  it('keeps letters of any script and makes path characters harmless', () => {
    expect(reviewerFileStem('anna.k')).toBe('anna.k');
    expect(reviewerFileStem('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(reviewerFileStem('Zoë Müller')).toBe('Zoë_Müller');
    expect(reviewerFileStem('李雷')).toBe('李雷');
    expect(reviewerFileStem('..')).toBe('reviewer_');
  });
});

describe('adjudication', () => {
  const schema: Pick<TaskSchema, 'fields'> = { fields: [{ name: 'code', kind: 'label', options: ['A', 'B', 'C'] } as TaskSchema['fields'][number]] };
  const item: Item = { batchId: 'b', id: 'case-1', seq: 0, context: {}, output: { code: 'A' } };
  let clock = 0;
  function verdict(reviewer: string, code: string, seen?: string[]): ResultEvent {
    clock += 1;
    return {
      id: `${reviewer}-${clock}`,
      batchId: 'b',
      itemId: 'case-1',
      reviewerId: reviewer,
      reviewerName: reviewer,
      deviceId: 'd',
      at: new Date(Date.UTC(2026, 10, 25, 9, 0, clock)).toISOString(),
      action: code === 'A' ? 'accept' : 'correct',
      status: code === 'A' ? 'accepted' : 'corrected',
      changes: code === 'A' ? [] : [{ field: 'code', old: 'A', new: code }],
      timeSpentMs: 1000,
      ...(seen ? { seen } : {}),
    };
  }
  const source = (reviewer: string, events: ResultEvent[]) => ({ batchId: 'b', revision: 1, reviewer: { id: reviewer, name: reviewer }, events });

  it('settles a conflict with the decision, and a later change of verdict reopens it', () => {
    const a = verdict('anna', 'A');
    const b = verdict('ben', 'B');
    const before = mergeResults({ id: 'b', revision: 1 }, [item], [source('anna', [a]), source('ben', [b])]);
    expect(before.conflicts).toHaveLength(1);

    const decision = adjudicationEvent({
      verdicts: before.conflicts[0]!.reviews,
      item,
      schema,
      coordinator: { id: 'coord', name: 'Coordinator' },
      deviceId: 'desk',
      id: 'decision-1',
      at: '2026-11-25T10:00:00.000Z',
      decision: { kind: 'final', values: { code: 'C' } },
      comment: 'Neither: the history points to C.',
    });
    expect(decision).toMatchObject({ action: 'adjudicate', status: 'corrected', changes: [{ field: 'code', old: 'A', new: 'C' }], seen: [a.id, b.id] });

    const after = mergeResults({ id: 'b', revision: 1 }, [item], [source('anna', [a]), source('ben', [b]), source('coord', [decision])]);
    expect(after.conflicts).toEqual([]);
    expect(after.settled).toHaveLength(1);
    expect(after.settled[0]!.decision).toMatchObject({ reviewerId: 'coord', status: 'corrected', values: { code: 'C' }, comment: 'Neither: the history points to C.' });

    const changedMind = verdict('ben', 'C');
    const reopened = mergeResults({ id: 'b', revision: 1 }, [item], [source('anna', [a]), source('ben', [b, changedMind]), source('coord', [decision])]);
    expect(reopened.settled).toEqual([]);
    expect(reopened.conflicts.map((c) => c.pairs.map((p) => p.reviewers))).toEqual([[['anna', 'ben']]]);
  });

  it('records picking the AI output as an acceptance, and a rejection as such', () => {
    const common = { verdicts: [], item, schema, coordinator: { id: 'c', name: 'C' }, deviceId: 'd', id: 'x', at: '2026-11-25T10:00:00.000Z' };
    expect(adjudicationEvent({ ...common, decision: { kind: 'final', values: { code: 'A' } } })).toMatchObject({ status: 'accepted', changes: [] });
    expect(adjudicationEvent({ ...common, decision: { kind: 'reject' } })).toMatchObject({ status: 'rejected', changes: [] });
  });
});
