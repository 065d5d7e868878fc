// Cutting a batch among reviewers, and a coordinator's decision settling a conflict when results merge.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateEncryptionKey, mergeResults, type ResultEvent } from '../../shared/batch-file';
import type { Batch, Item, TaskSchema } from '../../shared/domain';
import { adjudicationEvent, conflictLines, handOutBatch, planSplit, reviewerBatch, reviewerFileName, reviewerFileStem } from '../../shared/coordination';

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

describe('handing out and the conflicts file', () => {
  const batch: Batch = {
    id: 'b-1',
    name: 'week48',
    revision: 3,
    schemaId: 's',
    createdAt: '2026-11-25T08:00:00.000Z',
    source: { format: 'jsonl', fileName: 'week48.jsonl', sha256: 'a'.repeat(64) },
    itemCount: 6,
    instructions: 'Keep the register formal.',
  };
  const items: Item[] = ids(6).map((id, seq) => ({ batchId: 'b-1', id, seq, context: {}, output: { text: `output ${seq}` } }));

  it("gives each reviewer the batch's id and revision with only their items, numbered from 0", () => {
    const plan = planSplit(items.map((i) => i.id), { reviewers: people(2), overlap: 2 });
    if (!plan.ok) throw new Error(plan.message);
    for (const a of plan.assignments) {
      const file = reviewerBatch(batch, items, a);
      expect(file.batch).toEqual({ ...batch, itemCount: a.itemIds.length });
      expect(file.items.map((i) => i.id)).toEqual(a.itemIds);
      expect(file.items.map((i) => i.seq)).toEqual(a.itemIds.map((_, seq) => seq));
      expect(file.items.map(({ seq: _seq, ...rest }) => rest)).toEqual(items.filter((i) => a.itemIds.includes(i.id)).map(({ seq: _seq, ...rest }) => rest));
      expect(file.reviewers).toEqual([a.reviewer]);
      expect(file.instructions).toBe('Keep the register formal.');
    }
    expect(items.map((i) => i.seq)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('keeps the whole batch whole, naming every reviewer, and leaves out instructions it has none of', () => {
    const { instructions: _none, ...plain } = batch;
    const file = handOutBatch({ ...plain, itemCount: 99 }, items.slice(1), people(3));
    expect(file.batch.itemCount).toBe(5);
    expect(file.items.map((i) => [i.id, i.seq])).toEqual(items.slice(1).map((i, seq) => [i.id, seq]));
    expect(file.reviewers.map((r) => r.id)).toEqual(['r0', 'r1', 'r2']);
    expect('instructions' in file).toBe(false);
  });

  it('carries the coordinator\'s key for results (returnTo) into every file when given, and none otherwise', () => {
    const returnTo = generateEncryptionKey().publicKey;
    const plan = planSplit(items.map((i) => i.id), { reviewers: people(2) });
    if (!plan.ok) throw new Error(plan.message);
    for (const a of plan.assignments) {
      expect(reviewerBatch(batch, items, a, { returnTo }).returnTo).toBe(returnTo);
      expect('returnTo' in reviewerBatch(batch, items, a)).toBe(false);
    }
    expect(handOutBatch(batch, items, people(2), { returnTo }).returnTo).toBe(returnTo);
    expect('returnTo' in handOutBatch(batch, items, people(2), { returnTo: undefined })).toBe(false);
  });

  it("names a reviewer's file after the stem and the reviewer's id as a file name", () => {
    expect(reviewerFileName('week48', 'ana')).toBe('week48.ana.loupe');
    expect(reviewerFileName('week48', 'Zoë Müller/2')).toBe('week48.Zoë_Müller_2.loupe');
  });

  it('writes one line per conflict: the AI output and every verdict keyed by the fields, the pairs and the fields that differ', () => {
    const schema: Pick<TaskSchema, 'fields'> = {
      fields: [{ name: 'code', kind: 'label', options: ['A', 'B'] } as TaskSchema['fields'][number], { name: 'note', kind: 'text' } as TaskSchema['fields'][number]],
    };
    const item: Item = { batchId: 'b', id: 'case-1', seq: 0, context: {}, output: { code: 'A' } };
    const review = (reviewerId: string, status: 'accepted' | 'corrected' | 'rejected', values: Item['output']) => ({
      batchId: 'b',
      itemId: 'case-1',
      reviewerId,
      reviewerName: reviewerId.toUpperCase(),
      status,
      values,
      comment: '',
      reason: status === 'rejected' ? 'unreadable' : null,
      timeSpentMs: 0,
      reviewedAt: '2026-11-25T09:00:00.000Z',
      updatedAt: '2026-11-25T09:00:00.000Z',
      lastEventId: `${reviewerId}-1`,
      eventCount: 1,
    });
    const conflict = {
      batchId: 'b',
      itemId: 'case-1',
      reviews: [review('anna', 'accepted', { code: 'B' }), review('ben', 'corrected', { code: 'B', note: 'x' }), review('cleo', 'rejected', { code: 'A' })],
      pairs: [
        { reviewers: ['anna', 'ben'] as [string, string], differs: ['status' as const, 'values' as const], fields: ['code', 'note'] },
        { reviewers: ['anna', 'cleo'] as [string, string], differs: ['status' as const], fields: [] },
        { reviewers: ['ben', 'cleo'] as [string, string], differs: ['status' as const], fields: [] },
      ],
    };
    const [line, ...rest] = conflictLines([conflict], [item], schema);
    expect(rest).toEqual([]);
    expect(line).toEqual({
      id: 'case-1',
      batch: 'b',
      output: { code: 'A', note: null },
      verdicts: [
        { reviewer: 'anna', reviewerName: 'ANNA', status: 'accepted', correction: { code: 'A', note: null }, comment: '', reason: null, reviewedAt: '2026-11-25T09:00:00.000Z', lastEventId: 'anna-1' },
        { reviewer: 'ben', reviewerName: 'BEN', status: 'corrected', correction: { code: 'B', note: 'x' }, comment: '', reason: null, reviewedAt: '2026-11-25T09:00:00.000Z', lastEventId: 'ben-1' },
        { reviewer: 'cleo', reviewerName: 'CLEO', status: 'rejected', correction: { code: 'A', note: null }, comment: '', reason: 'unreadable', reviewedAt: '2026-11-25T09:00:00.000Z', lastEventId: 'cleo-1' },
      ],
      pairs: conflict.pairs,
      fields: ['code', 'note'],
    });
    expect(conflictLines([], [item], schema)).toEqual([]);
  });

  it('makes the lines the merge reports, whatever the order of the result files', () => {
    const schema: Pick<TaskSchema, 'fields'> = { fields: [{ name: 'code', kind: 'label', options: ['A', 'B', 'C'] } as TaskSchema['fields'][number]] };
    const item: Item = { batchId: 'b', id: 'case-1', seq: 0, context: {}, output: { code: 'A' } };
    const event = (reviewer: string, code: string): ResultEvent => ({
      id: `${reviewer}-1`,
      batchId: 'b',
      itemId: 'case-1',
      reviewerId: reviewer,
      reviewerName: reviewer,
      deviceId: 'd',
      at: '2026-11-25T09:00:00.000Z',
      action: 'correct',
      status: 'corrected',
      changes: [{ field: 'code', old: 'A', new: code }],
      timeSpentMs: 1000,
    });
    const source = (reviewer: string, code: string) => ({ batchId: 'b', revision: 1, reviewer: { id: reviewer, name: reviewer }, events: [event(reviewer, code)] });
    const one = mergeResults({ id: 'b', revision: 1 }, [item], [source('anna', 'B'), source('ben', 'C')]);
    const other = mergeResults({ id: 'b', revision: 1 }, [item], [source('ben', 'C'), source('anna', 'B')]);
    const lines = conflictLines(one.conflicts, [item], schema);
    expect(conflictLines(other.conflicts, [item], schema)).toEqual(lines);
    expect(lines).toMatchObject([{ id: 'case-1', fields: ['code'], verdicts: [{ reviewer: 'anna', correction: { code: 'B' } }, { reviewer: 'ben', correction: { code: 'C' } }] }]);
  });
});

describe('reviewer ids that would share a file', () => {
  it('are refused, naming both', () => {
    expect(planSplit(ids(4), { reviewers: [{ id: 'ana', name: 'Ana' }, { id: 'Ana', name: 'Ana B' }] })).toMatchObject({
      ok: false,
      field: 'reviewers',
      message: '"ana" and "Ana" would get files of the same name; give ids that differ in more than case or punctuation',
    });
    expect(planSplit(ids(4), { reviewers: [{ id: 'a b', name: '' }, { id: 'a_b', name: '' }] })).toMatchObject({ ok: false, field: 'reviewers' });
  });
});
