// QA overrides and propagation as recorded (docs/qa.md, docs/batch-format.md, docs/results.md): on the
// confirmation's event only, folded into the review until the next verdict, carried into the results, and
// read from result files old and new.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ResultEvent } from '../../shared/batch-file';
import { TaskSchema, type Batch, type Item, type RecordedQaOverride } from '../../shared/domain';
import { resultRecords, toCsv, toJsonl } from '../../shared/results';
import { applyEvent, commit, draftFromReview, initialReview, type Intent, type Review } from '../../shared/review';
import { attachGlossary, loadGlossary, readGlossaryBytes, removeGlossary } from '../../renderer/storage';
import { databasesPerTest } from './storage-harness';

const schema = TaskSchema.parse({ name: 't', fields: [{ name: 'text', kind: 'longtext' }], context: [{ name: 'source', kind: 'longtext' }] });
const item: Item = { batchId: 'b', id: 'i1', seq: 0, context: { source: 'Pay 25 EUR.' }, output: { text: 'Zahlen Sie 25 EUR.' } };
const reviewer = { id: 'r1', name: 'Ada' };
const override: RecordedQaOverride = { rule: 'numbers.missing', key: '25', message: 'The number 25 of the source is not in the target.', reason: 'The client changed it.' };
let n = 0;

function step(review: Review, intent: Intent, text: string, extra: { qaOverrides?: RecordedQaOverride[]; propagatedFrom?: { itemId: string; eventId: string } } = {}) {
  n += 1;
  const draft = { ...draftFromReview(review), values: { text } };
  const r = commit({ schema, item, review, draft, intent, reviewer, deviceId: 'd', eventId: `e${n}`, at: `2026-11-25T10:00:${String(n).padStart(2, '0')}Z`, timeSpentMs: 0, ...extra });
  if (!r.ok || !r.event) throw new Error('no event');
  return { event: r.event, review: applyEvent(review, r.event) };
}

describe('overrides and propagation on events and reviews', () => {
  it('records them on a confirmation only', () => {
    const start = initialReview(item, reviewer);
    const confirmed = step(start, 'confirm', 'Zahlen Sie 52 EUR.', { qaOverrides: [override], propagatedFrom: { itemId: 'i0', eventId: 'e0' } });
    expect(confirmed.event.action).toBe('correct');
    expect(confirmed.event.qaOverrides).toEqual([override]);
    expect(confirmed.event.propagatedFrom).toEqual({ itemId: 'i0', eventId: 'e0' });
    const flagged = step(start, 'flag', 'Zahlen Sie 52 EUR.', { qaOverrides: [override], propagatedFrom: { itemId: 'i0', eventId: 'e0' } });
    expect(flagged.event.qaOverrides).toBeUndefined();
    expect(flagged.event.propagatedFrom).toBeUndefined();
    // No overrides, no key: events stay as they were.
    expect('qaOverrides' in step(start, 'confirm', 'Zahlen Sie 25 EUR.', { qaOverrides: [] }).event).toBe(false);
  });

  it('keeps a verdict’s overrides on the review through edits, until the next verdict or a reopening', () => {
    const confirmed = step(initialReview(item, reviewer), 'confirm', 'Zahlen Sie 52 EUR.', { qaOverrides: [override] });
    expect(confirmed.review.qaOverrides).toEqual([override]);
    const edited = step(confirmed.review, 'leave', 'Zahlen Sie 52 Euro.');
    expect(edited.event.action).toBe('edit');
    expect(edited.review.qaOverrides).toEqual([override]);
    expect(step(edited.review, 'confirm', 'Zahlen Sie 25 EUR.').review.qaOverrides).toBeUndefined();
    expect(step(edited.review, 'reopen', 'Zahlen Sie 52 Euro.').review.qaOverrides).toBeUndefined();
  });

  it('reads result files with and without them, also overrides of rules this Loupe does not know', () => {
    const { event } = step(initialReview(item, reviewer), 'confirm', 'Zahlen Sie 52 EUR.', { qaOverrides: [override] });
    const { qaOverrides: _gone, ...older } = event;
    expect(ResultEvent.safeParse(older).success).toBe(true);
    expect(ResultEvent.parse(event).qaOverrides).toEqual([override]);
    expect(ResultEvent.safeParse({ ...event, qaOverrides: [{ ...override, rule: 'grammar.agreement' }] }).success).toBe(true);
    expect(ResultEvent.safeParse({ ...event, qaOverrides: [{ ...override, reason: '  ' }] }).success).toBe(false);
    expect(ResultEvent.safeParse({ ...event, qaOverrides: [] }).success).toBe(false);
  });
});

describe('overrides in the results', () => {
  const batch: Batch = { id: 'b', name: 'b', schemaId: 's', createdAt: '2026-01-01T00:00:00.000Z', itemCount: 2, source: { format: 'jsonl', fileName: 'b.jsonl', sha256: 'x' }, revision: 1 };
  const other: Item = { ...item, id: 'i2', seq: 1 };

  it('gives a record qaOverrides only where the verdict has some; CSV adds the column as JSON only then', () => {
    const withOverride = step(initialReview(item, reviewer), 'confirm', 'Zahlen Sie 52 EUR.', { qaOverrides: [override] }).review;
    const plain = { ...step(initialReview(other, reviewer), 'confirm', 'Zahlen Sie 25 EUR.').review, itemId: 'i2' };
    const records = resultRecords({ batch, schema, items: [item, other], reviews: [withOverride, plain], all: false });
    expect(records.map((r) => r.qaOverrides)).toEqual([[override], undefined]);
    expect(toJsonl(records).split('\n')[1]).not.toContain('qaOverrides');
    const lines = toCsv(records, schema).split('\r\n');
    expect(lines[0]?.split(',').at(-1)).toBe('qaOverrides');
    expect(lines[1]?.endsWith(`"${JSON.stringify([override]).replaceAll('"', '""')}"`)).toBe(true);
    expect(lines[2]?.endsWith(',')).toBe(true);
    expect(toCsv([records[1]!], schema).split('\r\n')[0]).not.toContain('qaOverrides');
  });
});

describe('a batch’s glossary in the local store', () => {
  const { database } = databasesPerTest('glossary');
  const tsv = new TextEncoder().encode('file\tDatei\nsave\tspeichern\n');

  it('attaches one in place of another, under glossary/, and reads it back', async () => {
    const db = database();
    expect(await loadGlossary(db, 'b')).toBeNull();
    expect((await attachGlossary(db, 'b', 'old.tsv', tsv)).ok).toBe(true);
    const read = await attachGlossary(db, 'b', 'a/b:c.tsv', tsv);
    expect(read.ok && read.glossary.name).toBe('a_b_c.tsv');
    expect((await db.attachments.toArray()).map((a) => a.path)).toEqual(['glossary/a_b_c.tsv']);
    const loaded = await loadGlossary(db, 'b');
    expect(loaded?.fileName).toBe('a_b_c.tsv');
    expect(loaded?.read.ok && loaded.read.glossary.entries.map((e) => e.target)).toEqual(['Datei', 'speichern']);
    // Another batch's glossary is its own.
    expect(await loadGlossary(db, 'b2')).toBeNull();
    await removeGlossary(db, 'b');
    expect(await loadGlossary(db, 'b')).toBeNull();
  });

  it('refuses a file that is not a glossary, or not UTF-8, and changes nothing', async () => {
    const db = database();
    await attachGlossary(db, 'b', 'terms.tsv', tsv);
    const bad = await attachGlossary(db, 'b', 'new.tsv', new TextEncoder().encode('file\n'));
    expect(bad.ok).toBe(false);
    expect(readGlossaryBytes(new Uint8Array([0x66, 0xff, 0x09, 0x41]), 'latin.tsv')).toEqual({
      ok: false,
      errors: [{ line: null, message: 'latin.tsv: is not UTF-8 text — save it as UTF-8 (tab-separated text or CSV) in the tool that made it, then attach it again.' }],
    });
    expect((await loadGlossary(db, 'b'))?.fileName).toBe('terms.tsv');
  });

  it('uses the terms of every glossary a batch holds, and names the lines of one that cannot be read', async () => {
    const db = database();
    await db.attachments.bulkPut([
      { batchId: 'b', path: 'glossary/a.tsv', bytes: tsv },
      { batchId: 'b', path: 'glossary/b.tsv', bytes: new TextEncoder().encode('open\töffnen\n') },
    ]);
    const both = await loadGlossary(db, 'b');
    expect(both?.read.ok && both.read.glossary.entries.length).toBe(3);
    await db.attachments.put({ batchId: 'b', path: 'glossary/c.tsv', bytes: new TextEncoder().encode('x\n') });
    const broken = await loadGlossary(db, 'b');
    if (!broken || broken.read.ok) throw new Error('expected c.tsv to be refused');
    expect(broken.read.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^c\.tsv line 1: has no tab/)]);
  });
});
