import { describe, expect, it } from 'vitest';
import { TaskSchema, type Batch, type Item, type ReviewStatus } from '../../shared/domain';
import { effortTotals, fieldEffort, sourceCounts, sourceFields, type EffortInput } from '../../shared/effort';
import { resultRecords } from '../../shared/results';
import { initialReview, type Review } from '../../shared/review';

const translation = TaskSchema.parse({
  name: 'post-editing',
  fields: [{ name: 'text', kind: 'longtext', lang: 'de' }],
  context: [
    { name: 'note', kind: 'text' },
    { name: 'source', kind: 'longtext', lang: 'en' },
  ],
});

const item = (id: string, seq: number, source: string, text: string): Item => ({ batchId: 'b1', id, seq, context: { note: 'ignored words here', source }, output: { text } });

const items = [
  item('s1', 0, 'The parties agree.', 'Die Parteien stimmen zu .'),
  item('s2', 1, 'Sign here.', 'Hier unterschreiben .'),
  item('s3', 2, 'The  parties agree. ', 'Die Parteien sind einig .'),
  item('s4', 3, 'Thank you very much.', 'Vielen Dank .'),
];

const ANA = { id: 'r-ana', name: 'Ana' };
const BEN = { id: 'r-ben', name: 'Ben' };

function review(reviewer: { id: string; name: string }, itemId: string, status: ReviewStatus, timeSpentMs: number, text?: string): Review {
  const it = items.find((i) => i.id === itemId) as Item;
  return { ...initialReview(it, reviewer), status, timeSpentMs, values: text === undefined ? { ...it.output } : { text } };
}

const totals = (reviews: Review[], schema = translation, of: Item[] = items) => effortTotals({ schema, source: sourceCounts(schema, of), items: of, reviews } satisfies EffortInput);

describe('sourceFields: which text is the source', () => {
  it('is the context field named source, wherever it is', () => {
    expect(sourceFields(translation)).toEqual({ from: 'context', fields: [{ name: 'source', lang: 'en' }] });
  });

  it('is else the first text context field', () => {
    const schema = TaskSchema.parse({
      name: 'triage',
      fields: [{ name: 'plan', kind: 'text' }],
      context: [
        { name: 'xray', kind: 'image' },
        { name: 'note', kind: 'longtext' },
        { name: 'vitals', kind: 'text' },
      ],
    });
    expect(sourceFields(schema)).toEqual({ from: 'context', fields: [{ name: 'note' }] });
  });

  it('is the AI output’s text fields without text context, and nothing without text at all', () => {
    const summary = TaskSchema.parse({ name: 's', fields: [{ name: 'code', kind: 'label', options: ['a'] }, { name: 'summary', kind: 'longtext', lang: 'fr' }, { name: 'title', kind: 'text' }] });
    expect(sourceFields(summary)).toEqual({ from: 'output', fields: [{ name: 'summary', lang: 'fr' }, { name: 'title' }] });
    const labels = TaskSchema.parse({ name: 'l', fields: [{ name: 'code', kind: 'label', options: ['a'] }], context: [{ name: 'age', kind: 'number' }] });
    expect(sourceFields(labels)).toEqual({ from: 'output', fields: [] });
    expect(sourceCounts(labels, [{ id: 'x', seq: 0, context: { age: 3 }, output: { code: 'a' } }])).toMatchObject({ segments: 1, words: 0 });
  });
});

describe('sourceCounts', () => {
  it('counts the batch’s source in batch order, whatever order the items come in', () => {
    const counts = sourceCounts(translation, [...items].reverse());
    expect(counts).toMatchObject({ segments: 4, words: 12, newWords: 9, repetitionWords: 3 });
    expect(counts.byItem.get('s1')).toEqual({ words: 3, repetition: false });
    expect(counts.byItem.get('s3')).toEqual({ words: 3, repetition: true });
  });
});

describe('effortTotals', () => {
  it('weights HTER by the words of the final text, as corpus TER does, rather than averaging segments', () => {
    // s1: 2 of its 5 final words edited (0.4); s4: accepted, 3 words, 0 edits.
    const { total } = totals([review(ANA, 's1', 'corrected', 0, 'Die Parteien sind einverstanden .'), review(ANA, 's4', 'accepted', 0)]);
    expect(fieldEffort('Die Parteien stimmen zu .', 'Die Parteien sind einverstanden .').hter).toBeCloseTo(2 / 5);
    expect(total.hter).toBeCloseTo((2 / 5) * (5 / 8));
    expect(total.hter).not.toBeCloseTo((2 / 5 + 0) / 2);
  });

  it('adds up items, new and repetition words, character edits and time per reviewer and in all', () => {
    const summary = totals([
      review(ANA, 's1', 'corrected', 60_000, 'Die Parteien sind einverstanden .'),
      review(ANA, 's3', 'accepted', 30_000),
      review(ANA, 's2', 'pending', 45_000, 'Hier unterschreiben !'),
      review(BEN, 's4', 'rejected', 90_000, 'Danke .'),
    ]);
    expect(summary.reviewers.map((r) => [r.reviewerId, r.reviewerName, r.items, r.words, r.newWords, r.repetitionWords, r.charEdits, r.timeSpentMs])).toEqual([
      // The pending review is no work done: neither its words nor its time count.
      ['r-ana', 'Ana', 2, 6, 3, 3, 14, 90_000],
      ['r-ben', 'Ben', 1, 4, 4, 0, 8, 90_000],
    ]);
    const ana = summary.reviewers[0];
    expect(ana?.wordsPerHour).toBeCloseTo(6 / (90 / 3600));
    expect(summary.total).toMatchObject({ items: 3, words: 10, newWords: 7, repetitionWords: 3, charEdits: 22, timeSpentMs: 180_000 });
    expect(summary.total.wordsPerHour).toBeCloseTo(10 / (180 / 3600));
  });

  it('agrees with the results export on character edits and HTER', () => {
    const reviews = [review(ANA, 's1', 'corrected', 1, 'Die Vertragsparteien stimmen zu .'), review(ANA, 's2', 'flagged', 1, 'Bitte hier unterschreiben .'), review(ANA, 's4', 'accepted', 1)];
    const batch: Batch = { id: 'b1', name: 'b', schemaId: 'x', createdAt: '2026-01-01T00:00:00.000Z', itemCount: 4, source: { format: 'jsonl', fileName: 'b.jsonl', sha256: 'x' }, revision: 1 };
    const records = resultRecords({ batch, schema: translation, items, reviews, all: false });
    const exported = records.map((r) => r.effort.text);
    const { total } = totals(reviews);
    expect(total.charEdits).toBe(exported.reduce((n, e) => n + (e?.charEdits ?? 0), 0));
    const weights = [5, 4, 3];
    expect(total.hter).toBeCloseTo(exported.reduce((n, e, i) => n + (e?.hter ?? 0) * (weights[i] ?? 0), 0) / 12);
  });

  it('gives no HTER when the final texts have no words, and no pace without time', () => {
    const { total } = totals([review(ANA, 's2', 'corrected', 0, '   ')]);
    // The deletion is counted as characters; an empty text weighs nothing in HTER.
    expect(total).toMatchObject({ items: 1, words: 2, charEdits: 19, hter: null, timeSpentMs: 0, wordsPerHour: null });
  });

  it('weighs an emptied field with nothing, but the other fields of the item still count', () => {
    const schema = TaskSchema.parse({ name: 'two', fields: [{ name: 'title', kind: 'text' }, { name: 'body', kind: 'longtext' }], context: [{ name: 'source', kind: 'text' }] });
    const two: Item = { batchId: 'b1', id: 't', seq: 0, context: { source: 'Hello there' }, output: { title: 'Hallo', body: 'eins zwei drei vier' } };
    const r: Review = { ...initialReview(two, ANA), status: 'corrected', timeSpentMs: 1000, values: { title: '', body: 'eins zwei drei fünf' } };
    const { total } = effortTotals({ schema, source: sourceCounts(schema, [two]), items: [two], reviews: [r] });
    expect(total.hter).toBeCloseTo(1 / 4);
    expect(total.charEdits).toBe(5 + 4);
  });

  it('is all zeros with no verdicts, and skips reviews of items it was not given', () => {
    const summary = totals([review(ANA, 's1', 'pending', 5000)]);
    expect(summary).toEqual({ total: { items: 0, words: 0, newWords: 0, repetitionWords: 0, charEdits: 0, hter: null, timeSpentMs: 0, wordsPerHour: null }, reviewers: [] });
    const elsewhere = { ...review(ANA, 's1', 'accepted', 5000), itemId: 'gone' };
    expect(totals([elsewhere]).total.items).toBe(0);
  });
});
