// The coordinator's decisions in the results export: `decides` on the record of an adjudication.
import { describe, expect, it } from 'vitest';
import { TaskSchema, type Batch, type Item } from '../../shared/domain';
import { ResultRecord, resultRecords, toCsv, toJsonl } from '../../shared/results';
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
