// The coordinator's decisions in the results export: `decides` on the record of an adjudication; and
// `assignedAs` on the records of a profile that worked on a file handed out to another id.
import { describe, expect, it } from 'vitest';
import { TaskSchema, type Batch, type Item } from '../../shared/domain';
import { ResultRecord, assignedAsOf, resultRecords, toCsv, toJsonl } from '../../shared/results';
import { initialReview, type Review } from '../../shared/review';

const schema = TaskSchema.parse({ name: 't', fields: [{ name: 'text', kind: 'text' }], context: [] });
const batch: Batch = { id: 'b1', name: 'B', schemaId: 's', createdAt: '2026-11-25T00:00:00.000Z', itemCount: 1, source: { format: 'jsonl', fileName: 'b.jsonl', sha256: 'x' }, revision: 1 };
const item: Item = { batchId: 'b1', id: 'i1', seq: 0, context: {}, output: { text: 'Hallo' } };
const review = (reviewerId: string, status: Review['status'], text: string): Review => ({
  ...initialReview(item, { id: reviewerId, name: reviewerId.toUpperCase() }),
  status,
  values: { text },
  reviewedAt: '2026-11-25T10:00:00.000Z',
  lastEventId: `${reviewerId}-1`,
  eventCount: 1,
});
const reviews = [review('r-ana', 'accepted', 'Hallo'), review('r-ben', 'corrected', 'Hallo!'), review('coord', 'corrected', 'Hallo!')];

describe('decides', () => {
  it('marks the decision that settles a conflict, and only it', () => {
    const records = resultRecords({ batch, schema, items: [item], reviews, all: false, decisions: [{ itemId: 'i1', reviewerId: 'coord', decides: ['r-ben', 'r-ana'] }] });
    expect(records.map((r) => [r.reviewer, r.decides])).toEqual([
      ['coord', ['r-ana', 'r-ben']],
      ['r-ana', undefined],
      ['r-ben', undefined],
    ]);
    for (const r of records) expect(ResultRecord.safeParse(r).success).toBe(true);
    const lines = toJsonl(records).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(Object.keys(lines[0]).at(-1)).toBe('decides');
    expect('decides' in lines[1]).toBe(false);
  });

  it('adds a last CSV column only when some record decides', () => {
    const plain = toCsv(resultRecords({ batch, schema, items: [item], reviews, all: false }), schema);
    expect(plain.split('\r\n')[0]).not.toContain('decides');
    const decided = toCsv(resultRecords({ batch, schema, items: [item], reviews, all: false, decisions: [{ itemId: 'i1', reviewerId: 'coord', decides: ['r-ana', 'r-ben'] }] }), schema);
    const [header, first, second] = decided.split('\r\n');
    expect(header!.split(',').at(-1)).toBe('decides');
    expect(first!.split(',').at(-1)).toBe('r-ana|r-ben');
    expect(second!.split(',').at(-1)).toBe('');
  });
});

describe('assignedAs', () => {
  const uuidReviews = [review('u-1', 'accepted', 'Hallo'), review('u-2', 'corrected', 'Hallo!'), review('coord', 'corrected', 'Hallo!'), review('r-cy', 'accepted', 'Hallo')];
  const files = [
    { reviewer: { id: 'u-1' }, assignedAs: { id: 'r-ana' } },
    { reviewer: { id: 'u-2' }, assignedAs: { id: 'r-ana' } },
    { reviewer: { id: 'r-cy' }, assignedAs: { id: 'r-cy' } },
    { reviewer: { id: 'coord' } },
  ];

  it('marks each record of a linked reviewer with the id handed out, keeping the real reviewer', () => {
    const assignedAs = assignedAsOf(files);
    expect([...assignedAs]).toEqual([
      ['u-1', 'r-ana'],
      ['u-2', 'r-ana'],
      ['r-cy', 'r-cy'],
    ]);
    const records = resultRecords({ batch, schema, items: [item], reviews: uuidReviews, all: false, assignedAs });
    // Two people on one handed-out file stay two records; a reviewer working under the id handed out needs no mark.
    expect(records.map((r) => [r.reviewer, r.assignedAs])).toEqual([
      ['coord', undefined],
      ['r-cy', undefined],
      ['u-1', 'r-ana'],
      ['u-2', 'r-ana'],
    ]);
    for (const r of records) expect(ResultRecord.safeParse(r).success).toBe(true);
    const lines = toJsonl(records).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect('assignedAs' in lines[0]).toBe(false);
    expect(lines[2].assignedAs).toBe('r-ana');
  });

  it('adds a last CSV column only when some record has it', () => {
    expect(toCsv(resultRecords({ batch, schema, items: [item], reviews: uuidReviews, all: false }), schema).split('\r\n')[0]).not.toContain('assignedAs');
    const csv = toCsv(resultRecords({ batch, schema, items: [item], reviews: uuidReviews, all: false, assignedAs: assignedAsOf(files) }), schema).split('\r\n');
    expect(csv[0]!.split(',').at(-1)).toBe('assignedAs');
    expect(csv.slice(1, 5).map((l) => l.split(',').at(-1))).toEqual(['', '', 'r-ana', 'r-ana']);
  });
});
