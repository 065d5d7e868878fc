// The review screen's QA and propagation rules without the screen (renderer/review/qa.ts, propagation.ts):
// where QA runs, what it is given, excerpts of findings, overrides that still answer, and which segments
// take a propagated correction.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { storeBatch, saveDraft, appendEvent, type LoupeDatabase } from '../../renderer/storage';
import { answeringOverrides, checkItem, errorsKey, excerptOf, knownOverrides, qaFieldOf } from '../../renderer/review/qa';
import { buildSourceIndex, isUnconfirmed, propagationTargets, sourceKeyOf, takesPropagation } from '../../renderer/review/propagation';
import { TaskSchema, type Batch, type Item } from '../../shared/domain';
import { runQa, type QaFinding } from '../../shared/qa';
import { commit, initialReview } from '../../shared/review';
import { readXliff, xliffBatch } from '../../shared/xliff';
import { databasesPerTest } from './storage-harness';

const translation = TaskSchema.parse({
  name: 'EN→DE',
  fields: [{ name: 'text', kind: 'longtext', lang: 'de' }],
  context: [{ name: 'source', kind: 'longtext', lang: 'en' }],
});
const item = (id: string, source: string, text: string, seq = 0): Item => ({ batchId: 'b', id, seq, context: { source }, output: { text } });

describe('where QA runs', () => {
  it('checks an XLIFF segment’s target', () => {
    const read = readXliff(new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/xliff/loupe-xliff12-utf16le-crlf.xlf'))), 'strings.xlf');
    if (!read.ok) throw new Error(read.error.message);
    const { schema, items } = xliffBatch(read.document);
    const parsed = TaskSchema.parse(schema);
    expect(items.map((i) => qaFieldOf(parsed, i))).toEqual(items.map(() => 'target'));
  });

  it('checks the only text output, or the one named target, of an item with a text source', () => {
    expect(qaFieldOf(translation, item('a', 'x', 'y'))).toBe('text');
    const two = TaskSchema.parse({ ...translation, fields: [{ name: 'note', kind: 'text' }, { name: 'target', kind: 'longtext' }, { name: 'ok', kind: 'boolean' }] });
    expect(qaFieldOf(two, item('a', 'x', 'y'))).toBe('target');
  });

  it('does not run without a source, or when which text translates it is unknown', () => {
    const noSource = TaskSchema.parse({ name: 'n', fields: [{ name: 'text', kind: 'text' }], context: [{ name: 'input', kind: 'text' }] });
    expect(qaFieldOf(noSource, item('a', 'x', 'y'))).toBeNull();
    const imageSource = TaskSchema.parse({ name: 'n', fields: [{ name: 'text', kind: 'text' }], context: [{ name: 'source', kind: 'image' }] });
    expect(qaFieldOf(imageSource, item('a', 'x', 'y'))).toBeNull();
    const twoTexts = TaskSchema.parse({ ...translation, fields: [{ name: 'summary', kind: 'text' }, { name: 'report', kind: 'longtext' }] });
    expect(qaFieldOf(twoTexts, item('a', 'x', 'y'))).toBeNull();
    const labels = TaskSchema.parse({ ...translation, fields: [{ name: 'code', kind: 'label', options: ['A'] }] });
    expect(qaFieldOf(labels, item('a', 'x', 'y'))).toBeNull();
  });
});

describe('checking an item', () => {
  it('checks the values given (what the reviewer typed), with the languages the schema gives', () => {
    const it1 = item('a', 'Deliver 1,000 items.', 'Liefern Sie 1.000 Artikel.');
    expect(checkItem(translation, it1, it1.output, null)?.findings).toEqual([]);
    // German reads 1,000 as one: with the schema's languages the number is reported.
    const check = checkItem(translation, it1, { text: 'Liefern Sie 1,000 Artikel.' }, null);
    expect(check?.field).toBe('text');
    expect(check?.text).toBe('Liefern Sie 1,000 Artikel.');
    expect(check?.source).toBe('Deliver 1,000 items.');
    expect(check?.findings.map((f) => f.rule)).toEqual(['numbers.missing']);
    // A value that is not text is checked as an empty translation.
    expect(checkItem(translation, it1, { text: null }, null)?.findings.map((f) => f.rule)).toEqual(['empty']);
  });

  it('gives nothing where QA does not run', () => {
    const noSource = TaskSchema.parse({ name: 'n', fields: [{ name: 'text', kind: 'text' }] });
    expect(checkItem(noSource, { context: {}, output: { text: '' } }, { text: '' }, null)).toBeNull();
  });
});

describe('findings and overrides', () => {
  const findings = runQa({ source: 'Pay 25 EUR for 3 files.', target: 'Zahlen Sie 52 EUR für 4 Dateien', sourceLang: 'en', targetLang: 'de' });
  const errors = findings.filter((f) => f.level === 'error');

  it('names a set of errors whatever their order', () => {
    expect(errors).toHaveLength(2);
    expect(errorsKey(errors)).toBe(errorsKey([...errors].reverse()));
    expect(errorsKey(errors)).not.toBe(errorsKey(errors.slice(1)));
  });

  it('records only the overrides that answer an error now', () => {
    const [first] = errors as [QaFinding];
    const answering = { rule: first.rule, key: first.key, message: first.message, reason: 'Checked with the client.' };
    const stale = { rule: 'numbers.missing' as const, key: '99', message: 'old', reason: 'no longer there' };
    expect(answeringOverrides(findings, [answering, stale])).toEqual([answering]);
  });

  it('matches recorded overrides only of rules this Loupe knows', () => {
    const known = { rule: 'numbers.missing', key: '25', message: 'm', reason: 'r' };
    expect(knownOverrides([known, { rule: 'grammar.agreement', key: 'x', message: 'm', reason: 'r' }])).toEqual([known]);
    expect(knownOverrides(undefined)).toEqual([]);
  });

  it('cuts an excerpt around a span, with … where the text goes on, never splitting a character', () => {
    expect(excerptOf('Zahlen Sie 52 EUR.', { start: 11, end: 13 })).toEqual({ before: 'Zahlen Sie ', marked: '52', after: ' EUR.' });
    const long = `${'a'.repeat(40)}XY${'b'.repeat(40)}`;
    expect(excerptOf(long, { start: 40, end: 42 })).toEqual({ before: `…${'a'.repeat(24)}`, marked: 'XY', after: `${'b'.repeat(24)}…` });
    // 🙂 is two UTF-16 units: the cut 24 units away falls inside it and moves out.
    const emoji = `x🙂${'a'.repeat(23)}!`;
    expect(excerptOf(emoji, { start: 26, end: 27 }).before).toBe(`…🙂${'a'.repeat(23)}`);
    expect(excerptOf('short', { start: 9, end: 12 })).toEqual({ before: 'short', marked: '', after: '' });
  });
});

describe('propagation', () => {
  const { database } = databasesPerTest('review-qa');
  const reviewer = { id: 'r1', name: 'Ada' };
  const batch: Batch = { id: 'b', name: 'b', schemaId: 's', createdAt: '2026-01-01T00:00:00.000Z', itemCount: 6, source: { format: 'jsonl', fileName: 'b.jsonl', sha256: 'x' }, revision: 1 };
  const items = [
    item('one', 'Save the file.', 'Datei speichern.', 0),
    item('two', '  Save   the file.\n', 'Die Datei speichern.', 1),
    item('case', 'save the file.', 'Datei speichern.', 2),
    item('done', 'Save the file.', 'Speichern.', 3),
    item('typed', 'Save the file.', 'Speichern.', 4),
    item('empty', '   ', '', 5),
  ];

  async function seeded(): Promise<LoupeDatabase> {
    const db = database();
    await storeBatch(db, { batch, schema: { id: 's', schema: translation, createdAt: batch.createdAt }, items });
    const done = items[3]!;
    const r = commit({ schema: translation, item: done, review: initialReview(done, reviewer), draft: { values: { ...done.output }, comment: '', reason: null }, intent: 'confirm', reviewer, deviceId: 'd', eventId: 'e1', at: '2026-01-01T10:00:00.000Z', timeSpentMs: 0 });
    if (!r.ok || !r.event) throw new Error('no event');
    await appendEvent(db, r.event);
    await saveDraft(db, { batchId: 'b', itemId: 'typed', reviewerId: reviewer.id, values: { text: 'Halb' }, comment: '', reason: null, activeMs: 10, updatedAt: '2026-01-01T10:00:00.000Z' });
    return db;
  }

  it('finds identical sources as repetitions do: spacing aside, case counting', async () => {
    expect(sourceKeyOf(items[1]!)).toBe(sourceKeyOf(items[0]!));
    expect(sourceKeyOf(items[2]!)).not.toBe(sourceKeyOf(items[0]!));
    expect(sourceKeyOf(items[5]!)).toBeNull();
    expect(sourceKeyOf({ context: { source: 3 } })).toBeNull();
    const index = await buildSourceIndex(await seeded(), 'b');
    expect(index.get('Save the file.')).toEqual(['one', 'two', 'done', 'typed']);
  });

  it('offers the unconfirmed ones without unsaved work, in batch order', async () => {
    const db = await seeded();
    const index = await buildSourceIndex(db, 'b');
    expect(await propagationTargets(db, translation, index, items[0]!, reviewer)).toEqual(['two']);
    expect(await propagationTargets(db, translation, index, items[2]!, reviewer)).toEqual([]);
    expect(await propagationTargets(db, translation, index, items[5]!, reviewer)).toEqual([]);
  });

  it('takes confirmed-but-changed, pending, flagged and rejected segments; not withdrawn ones', () => {
    const base = initialReview(items[1]!, reviewer);
    expect(isUnconfirmed(base)).toBe(true);
    expect(isUnconfirmed({ ...base, status: 'flagged' })).toBe(true);
    expect(isUnconfirmed({ ...base, status: 'rejected' })).toBe(true);
    expect(isUnconfirmed({ ...base, status: 'corrected' })).toBe(false);
    expect(isUnconfirmed({ ...base, status: 'accepted', stale: { sinceRevision: 2, previousOutput: {} } })).toBe(true);
    const candidate = { item: items[1]!, review: base, draft: undefined };
    expect(takesPropagation(translation, candidate, false)).toBe(true);
    expect(takesPropagation(translation, candidate, true)).toBe(false);
    const noQa = TaskSchema.parse({ name: 'n', fields: [{ name: 'text', kind: 'text' }] });
    expect(takesPropagation(noQa, candidate, false)).toBe(false);
  });
});
