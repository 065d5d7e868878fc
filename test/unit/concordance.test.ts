// The concordance below the screen: every confirmed segment of every batch on this machine, indexed once and
// kept up to date from the events since, searched in any script with the matches' places in the raw texts.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { concordanceIndex, searchConcordance, storeBatch, type ConcordanceResult, type LoupeDatabase } from '../../renderer/storage';
import { compileQuery, type SearchOptions } from '../../shared/search';
import { TaskSchema, type Batch, type Item } from '../../shared/domain';
import { commitVerdict, databasesPerTest } from './storage-harness';
import { segmentId, storeXliff, xliff12 } from './segments-harness';

const { database } = databasesPerTest('loupe-concordance');
const REVIEWER = { id: 'tr-1', name: 'Tove' };

async function search(db: LoupeDatabase, query: string, options: Partial<SearchOptions> = {}, limit = 100): Promise<ConcordanceResult> {
  const compiled = compileQuery(query, { caseSensitive: false, wholeWord: false, regex: false, ...options });
  if (!compiled?.ok) throw new Error(query);
  const found = await searchConcordance(await concordanceIndex(db), compiled.matcher, limit);
  if (!found) throw new Error('stopped');
  return found;
}

const about = (r: ConcordanceResult) => r.hits.map((h) => `${h.entry.batchName}:${h.entry.itemId.split('/')[1]}`);

async function twoBatches() {
  const db = database();
  const manual = await storeXliff(
    db,
    'manual',
    'Manual',
    xliff12([
      { id: 'save', source: 'Save the file of the <g id="1">customer</g>.', target: 'Die Datei des <g id="1">Kunden</g> speichern.' },
      { id: 'pay', source: 'The customer pays.', target: 'Der Kunde zahlt.' },
      { id: 'call', source: 'Call the customer.', target: 'Den Kunden anrufen.' },
      { id: 'gone', source: 'Customer gone.', target: 'Kunde weg.' },
    ]),
  );
  const ui = await storeXliff(db, 'ui', 'Interface', xliff12([{ id: 'pay', source: 'The customer pays.', target: 'Der Kunde zahlt.' }, { id: 'ar', source: 'Open the file', target: 'افتح الملف' }], { source: 'en', target: 'ar' }));
  const by = (batchId: string, schema: TaskSchema) => ({ batchId, schema, reviewer: REVIEWER, deviceId: 'laptop', timeSpentMs: 500 });
  await commitVerdict(db, by('manual', manual.schema), segmentId('save'), 'confirm');
  await commitVerdict(db, by('manual', manual.schema), segmentId('pay'), 'confirm');
  await commitVerdict(db, by('manual', manual.schema), segmentId('gone'), 'reject');
  await commitVerdict(db, by('ui', ui.schema), segmentId('pay'), 'confirm');
  await commitVerdict(db, by('ui', ui.schema), segmentId('ar'), 'confirm');
  return { db, by, manual, ui };
}

describe('the concordance', () => {
  it('holds the confirmed segments of every batch, and only those', async () => {
    const { db } = await twoBatches();
    const progress: number[][] = [];
    const index = await concordanceIndex(db, (read, total) => progress.push([read, total]));
    expect(index.size).toBe(4);
    expect(progress.at(-1)).toEqual([5, 5]);
    // Pending ("call") and rejected ("gone") segments are not in it; "pay", the same in both batches, is listed once.
    expect(about(await search(db, 'kunde')).sort()).toEqual(['Interface:pay', 'Manual:save']);
    expect(about(await search(db, 'anrufen')).length).toBe(0);
    expect(about(await search(db, 'weg')).length).toBe(0);
  });

  it('finds a word in the source or the final target, in any case, and says where', async () => {
    const { db } = await twoBatches();
    const found = await search(db, 'KUNDEN');
    expect(about(found)).toEqual(['Manual:save']);
    const [hit] = found.hits;
    expect(hit!.entry.target).toBe('Die Datei des ⟨1⟩Kunden⟨/1⟩ speichern.');
    expect(hit!.target.map((r) => hit!.entry.target.slice(r.start, r.end))).toEqual(['Kunden']);
    expect(hit!.entry.source).toBe('Save the file of the ⟨1⟩customer⟨/1⟩.');
    expect((await search(db, 'file of the')).hits.map((h) => h.source.length)).toEqual([1]);
  });

  it('finds a phrase that an inline code splits, and marks the code with it', async () => {
    const { db } = await twoBatches();
    const [hit] = (await search(db, 'des Kunden speichern')).hits;
    expect(hit!.target.map((r) => hit!.entry.target.slice(r.start, r.end))).toEqual(['des ⟨1⟩Kunden⟨/1⟩ speichern']);
  });

  it('lists the same source and target once, saying how often else it was confirmed', async () => {
    const { db } = await twoBatches();
    const found = await search(db, 'zahlt');
    expect(found.total).toBe(1);
    expect(found.hits).toHaveLength(1);
    expect(found.hits[0]!.repeats).toBe(1);
  });

  it('finds Arabic, with its language, and whole words only when asked', async () => {
    const { db } = await twoBatches();
    const [hit] = (await search(db, 'ملف')).hits;
    expect(hit!.entry).toMatchObject({ batchName: 'Interface', targetLang: 'ar', sourceLang: 'en' });
    expect((await search(db, 'ملف', { wholeWord: true })).total).toBe(0);
    expect((await search(db, 'الملف', { wholeWord: true })).total).toBe(1);
  });

  it('shows at most the number asked for and counts the rest', async () => {
    const { db } = await twoBatches();
    const found = await search(db, 'the', {}, 1);
    expect(found.hits).toHaveLength(1);
    expect(found.total).toBe(3);
  });

  it('follows the verdicts given since it was made: new confirmations in, undone ones out', async () => {
    const { db, by, manual } = await twoBatches();
    expect((await concordanceIndex(db)).size).toBe(4);
    await commitVerdict(db, by('manual', manual.schema), segmentId('call'), 'confirm');
    await commitVerdict(db, by('manual', manual.schema), segmentId('save'), 'flag');
    expect(about(await search(db, 'Kunden'))).toEqual(['Manual:call']);
  });

  it('takes in a batch imported since, and leaves out batches without a text to translate', async () => {
    const { db } = await twoBatches();
    expect((await concordanceIndex(db)).size).toBe(4);
    const schema = TaskSchema.parse({ name: 'Triage', fields: [{ name: 'urgent', kind: 'boolean' }], context: [{ name: 'note', kind: 'longtext' }] });
    const triage = { id: 'triage', name: 'Triage', schemaId: 'schema-triage', createdAt: '2026-11-21T09:00:00.000Z', itemCount: 1, source: { format: 'jsonl', fileName: 't.jsonl', sha256: 't' }, revision: 1 } satisfies Batch;
    const item: Item = { batchId: 'triage', id: 'c1', seq: 0, context: { note: 'customer with fever' }, output: { urgent: true } };
    await storeBatch(db, { batch: triage, schema: { id: triage.schemaId, schema, createdAt: triage.createdAt }, items: [item] });
    await commitVerdict(db, { batchId: 'triage', schema, reviewer: REVIEWER, deviceId: 'laptop', timeSpentMs: 1 }, 'c1', 'confirm');
    const demo = await storeXliff(db, 'later', 'Later', xliff12([{ id: 'x', source: 'Customer service', target: 'Kundendienst' }]));
    await commitVerdict(db, { batchId: 'later', schema: demo.schema, reviewer: REVIEWER, deviceId: 'laptop', timeSpentMs: 1 }, segmentId('x'), 'confirm');
    const found = await search(db, 'custom');
    expect(about(found)).toContain('Later:x');
    expect(about(found).some((a) => a.startsWith('Triage'))).toBe(false);
  });

});
