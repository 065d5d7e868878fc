import { describe, expect, it } from 'vitest';
import { TaskSchema, type Batch, type Item } from '../../shared/domain';
import { fieldEffort } from '../../shared/effort';
import { parseAiOutput } from '../../shared/import';
import { ResultRecord, resultRecords, toCsv, toJsonl } from '../../shared/results';
import { initialReview, type Review } from '../../shared/review';

const schema = TaskSchema.parse({
  name: 'demo',
  fields: [
    { name: 'text', kind: 'longtext' },
    { name: 'code', kind: 'label', options: ['J18.9 Pneumonia, unspecified organism', 'R51 Headache'] },
    { name: 'findings', kind: 'labels', options: ['fever', 'cough'] },
    { name: 'level', kind: 'number' },
    { name: 'urgent', kind: 'boolean' },
  ],
  context: [{ name: 'source', kind: 'longtext' }],
});

const batch: Batch = {
  id: 'b1',
  name: 'Demo',
  schemaId: 'sha',
  createdAt: '2025-01-01T00:00:00.000Z',
  itemCount: 3,
  source: { format: 'jsonl', fileName: 'demo.jsonl', sha256: 'x' },
  revision: 1,
};

const item = (id: string, seq: number, text: string, extra: Partial<Item> = {}): Item => ({
  batchId: 'b1',
  id,
  seq,
  context: { source: `Source of ${id}` },
  output: { text, code: 'R51 Headache', findings: ['fever'], level: 2, urgent: false },
  ...extra,
});

const items = [
  item('i2', 1, 'Er geht nach Hause .'),
  item('i1', 0, 'Das ist ein Test , mit "Zitat" und\nzwei Zeilen .', { confidence: { text: 0.4, code: 0.9 }, model: 'nmt-1', rationale: 'why', meta: { doc: 'd1', n: 2 } }),
  item('i3', 2, 'Unberührt .'),
];

const anna = { id: 'anna', name: 'Anna' };
const ben = { id: 'ben', name: 'Ben' };

function review(of: Item, who: { id: string; name: string }, patch: Partial<Review>): Review {
  return { ...initialReview(of, who), reviewedAt: '2025-01-02T10:00:00.000Z', timeSpentMs: 1234, ...patch };
}

const [i2, i1, i3] = items as [Item, Item, Item];
const reviews: Review[] = [
  review(i1, ben, { status: 'corrected', values: { ...i1.output, text: 'Das ist ein Test, mit "Zitat" und\nzwei Zeilen.', findings: ['fever', 'cough'] }, comment: 'commas, "quotes"', reason: 'grammar' }),
  review(i1, anna, { status: 'accepted' }),
  review(i2, anna, { status: 'pending', values: { ...i2.output, text: 'Er geht heim .' }, reviewedAt: null, comment: 'half done', timeSpentMs: 500 }),
  review(i3, anna, { status: 'rejected', values: { ...i3.output, text: '' }, comment: '', reason: null }),
];

const records = (all: boolean) => resultRecords({ batch, schema, items, reviews, all, reviewer: anna });

describe('resultRecords', () => {
  it('gives one record per item and reviewer with a verdict, in item order then by reviewer', () => {
    expect(records(false).map((r) => [r.id, r.reviewer, r.status])).toEqual([
      ['i1', 'anna', 'accepted'],
      ['i1', 'ben', 'corrected'],
      ['i3', 'anna', 'rejected'],
    ]);
  });

  it('has every key of the contract (BRIEF 3.3) on every record, and each record is a valid ResultRecord', () => {
    const keys = ['id', 'batch', 'reviewer', 'reviewerName', 'status', 'output', 'correction', 'comment', 'reason', 'reviewedAt', 'timeSpentMs', 'effort'];
    for (const r of records(true)) {
      for (const key of keys) expect(r).toHaveProperty(key);
      expect(ResultRecord.parse(r)).toEqual(r);
      expect(Object.keys(r.output)).toEqual(schema.fields.map((f) => f.name));
    }
  });

  it('accepted: the correction equals the output and the effort is zero', () => {
    const accepted = records(false)[0] as ResultRecord;
    expect(accepted).toMatchObject({ id: 'i1', batch: 'b1', reviewer: 'anna', reviewerName: 'Anna', status: 'accepted', reviewedAt: '2025-01-02T10:00:00.000Z', timeSpentMs: 1234 });
    expect(accepted.correction).toEqual(accepted.output);
    expect(accepted.output).toEqual(i1.output);
    expect(accepted.effort).toEqual({ text: { charEdits: 0, hter: 0 } });
    expect(accepted).toMatchObject({ model: 'nmt-1', confidence: { text: 0.4, code: 0.9 }, rationale: 'why', context: { source: 'Source of i1' }, meta: { doc: 'd1', n: 2 } });
  });

  it('corrected: the correction is the reviewer\'s values and the effort is fieldEffort of output and correction', () => {
    const corrected = records(false)[1] as ResultRecord;
    expect(corrected.correction).toEqual({ ...i1.output, text: 'Das ist ein Test, mit "Zitat" und\nzwei Zeilen.', findings: ['fever', 'cough'] });
    const expected = fieldEffort(i1.output.text as string, 'Das ist ein Test, mit "Zitat" und\nzwei Zeilen.');
    expect(expected.charEdits).toBeGreaterThan(0);
    expect(corrected.effort).toEqual({ text: expected });
    expect(corrected).toMatchObject({ comment: 'commas, "quotes"', reason: 'grammar' });
  });

  it('with all: items without a verdict appear once as pending, even with edits; the current reviewer is named', () => {
    const pending = records(true).filter((r) => r.status === 'pending');
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ id: 'i2', reviewer: 'anna', reviewerName: 'Anna', correction: null, effort: {}, reviewedAt: null, comment: 'half done', timeSpentMs: 500 });
    expect(pending[0]?.output.text).toBe('Er geht nach Hause .');
    expect(records(true).map((r) => r.id)).toEqual(['i1', 'i1', 'i2', 'i3']);
    const anonymous = resultRecords({ batch, schema, items, reviews: [], all: true });
    expect(anonymous.map((r) => [r.id, r.reviewer, r.reviewerName, r.status])).toEqual([
      ['i1', null, null, 'pending'],
      ['i2', null, null, 'pending'],
      ['i3', null, null, 'pending'],
    ]);
  });

  it('rejected: the correction is the values left, with their effort', () => {
    const rejected = records(false)[2] as ResultRecord;
    expect(rejected.correction?.text).toBe('');
    expect(rejected.effort.text).toEqual(fieldEffort('Unberührt .', ''));
  });
});

describe('toJsonl', () => {
  it('writes one object a line with a newline after the last', () => {
    const rs = records(true);
    const text = toJsonl(rs);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.includes('\r')).toBe(false);
    expect(text.split('\n').slice(0, -1).map((l) => JSON.parse(l))).toEqual(rs);
    expect(toJsonl([])).toBe('');
  });
});

describe('toCsv', () => {
  const csv = toCsv(records(true), schema);
  const [header, ...rows] = csv.split('\r\n');

  it('flattens the same fields into named columns, without a BOM', () => {
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(header?.split(',')).toEqual([
      'id',
      'batch',
      'reviewer',
      'reviewerName',
      'status',
      'reviewedAt',
      'timeSpentMs',
      'comment',
      'reason',
      'model',
      'input.source',
      'output.text',
      'output.code',
      'output.findings',
      'output.level',
      'output.urgent',
      'confidence.text',
      'confidence.code',
      'rationale',
      'meta.doc',
      'meta.n',
      'correction.text',
      'correction.code',
      'correction.findings',
      'correction.level',
      'correction.urgent',
      'effort.text.charEdits',
      'effort.text.hter',
    ]);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and joins labels with the import separator', () => {
    const corrected = records(false)[1] as ResultRecord;
    expect(rows[1]).toBe(
      [
        'i1',
        'b1',
        'ben',
        'Ben',
        'corrected',
        '2025-01-02T10:00:00.000Z',
        '1234',
        '"commas, ""quotes"""',
        'grammar',
        'nmt-1',
        'Source of i1',
        '"Das ist ein Test , mit ""Zitat"" und\nzwei Zeilen ."',
        'R51 Headache',
        'fever',
        '2',
        'false',
        '0.4',
        '0.9',
        'why',
        'd1',
        '2',
        '"Das ist ein Test, mit ""Zitat"" und\nzwei Zeilen."',
        'R51 Headache',
        'fever|cough',
        '2',
        'false',
        String(corrected.effort.text?.charEdits),
        String(corrected.effort.text?.hter),
      ].join(','),
    );
    expect(rows.at(-1)).toBe('');
  });

  it('imports back, with the schema, as the batch\'s AI output (one row per item)', async () => {
    const rs = records(true).filter((r) => r.reviewer === 'anna');
    const back = await parseAiOutput(toCsv(rs, schema), { fileName: 'results.csv', format: 'csv', schema });
    if (!back.ok) throw new Error(back.errors.map((e) => e.message).join('\n'));
    expect(back.records.map((r) => [r.id, r.output, r.context])).toEqual(rs.map((r) => [r.id, r.output, r.context]));
    expect(back.records[0]).toMatchObject({ model: 'nmt-1', confidence: { text: 0.4, code: 0.9 }, rationale: 'why', meta: { doc: 'd1', n: '2' } });
    expect(back.warnings).toHaveLength(1);
  });
});
