// XLIFF in: telling the file, making its batch (the file kept as the batch's attachment), and the app's
// import storing all of it or nothing. The segment rules themselves are xliff.*.test.ts's.
import 'fake-indexeddb/auto';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, sha256Hex } from '../../shared/import';
import { exportFileName, originalPath, batchFromXliff } from '../../shared/xliff-batch';
import { writeBatchFile } from '../../shared/batch-file';
import { planSplit, reviewerBatch } from '../../shared/coordination';
import { resultsFile } from '../../renderer/export';
import { importFiles, type FileLike, type ImportProgress } from '../../renderer/import/import-files';
import { appendEvent } from '../../renderer/storage';
import { madeFromXliff, refusedXliff } from './import-harness';
import { databasesPerTest } from './storage-harness';
import { XLIFF_FIXTURES, expectOnlyTargetsChanged, fixtureBytes, readDocument, targetText, verdictEvent } from './xliff-harness';

const { database } = databasesPerTest('import-xliff');
const FIXTURES = readdirSync(XLIFF_FIXTURES).filter((f) => f.endsWith('.xlf'));
const UTF16LE = 'loupe-xliff12-utf16le-crlf.xlf';
const UTF16BE = 'loupe-xliff21-utf16be-arabic.xlf';
const CREATED = { createdAt: '2026-11-25T10:00:00.000Z' };

const asFile = (name: string, bytes: Uint8Array): FileLike => ({ name, arrayBuffer: async () => bytes.slice().buffer });
const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16le(text: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  [...(bom ? '\uFEFF' : ''), ...text].forEach((c, i) => view.setUint16(i * 2, c.charCodeAt(0), true));
  return out;
}

describe('telling an XLIFF file', () => {
  it('knows UTF-16 XLIFF by its byte-order mark or its zero bytes, whatever the name', () => {
    expect(detectFormat('strings', fixtureBytes(UTF16LE))).toBe('xliff');
    expect(detectFormat('arabic.xml', fixtureBytes(UTF16BE))).toBe('xliff');
    expect(detectFormat('download', utf16le('<?xml version="1.0"?><xliff version="1.2">', false))).toBe('xliff');
    expect(detectFormat('page.xml', utf16le('<?xml version="1.0"?><html>', true))).toBe('unknown');
    expect(detectFormat('notes.txt', utf16le('just some notes', true))).toBe('unknown');
  });
});

describe('a batch from an XLIFF file', () => {
  it('has one item per translatable segment, its id from the file, and the file itself as its attachment', async () => {
    for (const name of FIXTURES) {
      const bytes = fixtureBytes(name);
      const made = madeFromXliff(await batchFromXliff(bytes, name, CREATED));
      const doc = readDocument(bytes, name);
      expect(made.items.map((i) => i.id), name).toEqual(doc.segments.filter((s) => s.translate).map((s) => s.id));
      expect(made.notForReview, name).toEqual(doc.segments.filter((s) => !s.translate).map((s) => s.id));
      expect(made.batch, name).toMatchObject({
        id: `b-${(await sha256Hex(bytes)).slice(0, 16)}`,
        name: name.replace(/\.xlf$/u, ''),
        itemCount: made.items.length,
        revision: 1,
        source: { format: 'xliff', fileName: name },
        original: { format: 'xliff', fileName: name, path: `xliff/${name}` },
      });
      expect([...made.attachments.keys()], name).toEqual([`xliff/${name}`]);
      expect(made.attachments.get(`xliff/${name}`), name).toEqual(bytes);
      expect(made.items.every((i) => i.batchId === made.batch.id), name).toBe(true);
    }
  });

  it('offers the source as context and the target to post-edit, and takes --name for the batch', async () => {
    const made = madeFromXliff(await batchFromXliff(fixtureBytes(UTF16LE), 'ui/strings.xlf', { ...CREATED, name: 'UI strings' }));
    expect(made.batch.name).toBe('UI strings');
    expect(made.batch.source.fileName).toBe('strings.xlf');
    expect(made.schema.fields.map((f) => f.name)).toEqual(['target']);
    expect(made.schema.context.map((f) => f.name)).toEqual(['source', 'notes', 'origin', 'matchQuality', 'state', 'lengthLimit']);
    const save = made.items.find((i) => i.id === 'ui%2Fstrings.properties/save/#1');
    expect(save).toMatchObject({ context: { source: 'Save changes?' }, output: { target: 'Änderungen speichern?' } });
    expect(made.notForReview).toEqual(['ui%2Fstrings.properties/version/#1']);
  });

  it('refuses a damaged file, another XML file and one with nothing to review, naming the file, line and column', async () => {
    const broken = refusedXliff(await batchFromXliff(utf8('<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file>\n</xliff>'), 'broken.xlf', CREATED));
    expect(broken).toMatchObject({ kind: 'xml', fileName: 'broken.xlf', line: 4 });
    expect(broken.message).toMatch(/^broken\.xlf line 4, column \d+: is not well-formed XML .* — /u);

    const page = refusedXliff(await batchFromXliff(utf8('<?xml version="1.0"?>\n<html/>'), 'page.xlf', CREATED));
    expect(page.message).toMatch(/^page\.xlf line 2, column 1: is XML but not XLIFF/u);

    const hidden = '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" target-language="de"><body><trans-unit id="1" translate="no"><source>Loupe</source></trans-unit></body></file></xliff>';
    const none = refusedXliff(await batchFromXliff(utf8(hidden), 'brand.xlf', CREATED));
    expect(none).toMatchObject({ kind: 'structure', fileName: 'brand.xlf' });
    expect(none.message).toBe('brand.xlf: has nothing to review: its one segment is marked translate="no" — export the file for translation from the tool that made it, with the segments to translate');
  });

  it('keeps the file under a path every disk and the batch-file rules take, and names exports after it', () => {
    expect(originalPath('C:\\work\\manual.xlf')).toBe('xliff/manual.xlf');
    expect(originalPath('a:b|c?.xliff')).toBe('xliff/a_b_c_.xliff');
    expect(originalPath('..')).toBe('xliff/original.xlf');
    expect(new TextEncoder().encode(`attachments/${originalPath(`${'ü'.repeat(300)}.xlf`)}`).length).toBeLessThanOrEqual(512);
    expect(exportFileName('manual.xlf', 'reviewed')).toBe('manual.reviewed.xlf');
    expect(exportFileName('Handbuch.XLIFF', 'merged')).toBe('Handbuch.merged.XLIFF');
    expect(exportFileName('strings', 'reviewed')).toBe('strings.reviewed.xlf');
  });
});

describe("the app's import of an XLIFF file", () => {
  it('stores the batch with the file byte for byte, with progress; the same file again changes nothing', async () => {
    const db = database();
    const bytes = fixtureBytes(UTF16LE);
    const seen: ImportProgress['phase'][] = [];
    const [report] = await importFiles(db, [asFile('strings', bytes)], { onProgress: (p) => seen.push(p.phase) });
    if (report?.outcome !== 'imported') throw new Error(JSON.stringify(report));
    expect(report).toMatchObject({ format: 'xliff', schemaInferred: false, xliff: { notForReview: 1 }, firstItemId: 'ui%2Fstrings.properties/greeting/#1' });
    expect(seen[0]).toBe('reading');
    expect(seen.at(-1)).toBe('saving');
    expect(await db.items.where('batchId').equals(report.batch.id).count()).toBe(4);
    const stored = await db.batches.get(report.batch.id);
    expect(stored?.original).toEqual({ format: 'xliff', fileName: 'strings', path: 'xliff/strings' });
    expect((await db.attachments.get([report.batch.id, 'xliff/strings']))?.bytes).toEqual(bytes);

    const [again] = await importFiles(db, [asFile('strings-copy.xlf', bytes)]);
    expect(again).toMatchObject({ outcome: 'unchanged', format: 'xliff', batch: { id: report.batch.id } });
    expect(await db.batches.count()).toBe(1);
    expect(await db.attachments.count()).toBe(1);
  });

  it('stores nothing of a file it refuses, and says where the file is wrong', async () => {
    const db = database();
    const text = new TextDecoder().decode(fixtureBytes('okapi-xliff12-qualitycheck-Test01.xlf'));
    const cut = utf8(text.slice(0, text.indexOf('<trans-unit id="3">')));
    const [report] = await importFiles(db, [asFile('cut.xlf', cut)]);
    if (report?.outcome !== 'failed') throw new Error(JSON.stringify(report));
    expect(report.format).toBe('xliff');
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.message).toMatch(/^cut\.xlf line \d+, column \d+: is not well-formed XML/u);
    expect(report.errors[0]!.line).toBeGreaterThan(1);
    for (const table of db.tables) expect(await table.count(), table.name).toBe(0);
  });
});

describe("a reviewer's .loupe of a batch made from XLIFF", () => {
  it('brings the XLIFF file along, and Export writes the reviewer’s work into it', async () => {
    const bytes = fixtureBytes(UTF16LE);
    const made = madeFromXliff(await batchFromXliff(bytes, 'strings.xlf', CREATED));
    const plan = planSplit(made.items.map((i) => i.id), { reviewers: [{ id: 'r-ana', name: 'Ana' }, { id: 'r-ben', name: 'Ben' }] });
    if (!plan.ok) throw new Error(plan.message);
    const anaFile = await writeBatchFile({ ...reviewerBatch(made.batch, made.items, plan.assignments[0]!), schema: made.schema, attachments: made.attachments });

    const db = database();
    const [report] = await importFiles(db, [asFile('strings.r-ana.loupe', anaFile)], { batchFiles: { trustedKeys: [], decryptWith: [], confirm: async () => 'open' } });
    expect(report).toMatchObject({ outcome: 'batch-file', status: 'stored' });
    const stored = await db.batches.get(made.batch.id);
    expect(stored?.source.format).toBe('loupe');
    expect(stored?.original).toEqual(made.batch.original);

    const ana = { id: 'r-ana', name: 'Ana' };
    const [first] = await db.items.where('batchId').equals(made.batch.id).sortBy('seq');
    await appendEvent(db, verdictEvent(made.schema, first!, ana, 'confirm', '2026-11-26T09:00:00.000Z', { target: 'Hallo, ⟨1/⟩, willkommen!' }));
    const file = await resultsFile(db, made.batch.id, 'xliff', { all: false, reviewer: ana });
    expect(file).toMatchObject({ suggestedName: 'strings.reviewed.xlf', mimeType: 'application/xliff+xml', count: 1, warnings: [] });
    const written = file.data as Uint8Array;
    expectOnlyTargetsChanged(bytes, written, [first!.id]);
    expect(targetText(readDocument(written), first!.id)).toBe('Hallo, , willkommen!');
  });
});
