// XLIFF through the real command: a batch made from a translator's file carries the file, the reviewers'
// results are written back into it, and effort compares two versions of it.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBatchFile, writeResultFile, type BatchFileContents, type ResultEvent } from '../../shared/batch-file';
import type { Item } from '../../shared/domain';
import { fieldEffort } from '../../shared/effort';
import { initialReview, replay, type Intent } from '../../shared/review';
import { expectOnlyTargetsChanged, expectSameBytes, fixtureBytes, fixturePath, readDocument, segmentOf, targetText, verdictEvent } from '../unit/xliff-harness';
import { expectOneLine, loupe, loupeBytes, ownLines, tempDir } from './run';

const FIXTURE = 'loupe-xliff12-utf16le-crlf.xlf';
const SAVE = 'ui%2Fstrings.properties/save/#1';
const GREETING = 'ui%2Fstrings.properties/greeting/#1';
const TAGS = 'ui%2Fstrings.properties/tags/#1';
const ANA = { id: 'ana', name: 'ana' };
const BEN = { id: 'ben', name: 'ben' };

let t: ReturnType<typeof tempDir>;
const at = (name: string) => join(t.dir, name);
const original = fixtureBytes(FIXTURE);
let batch: BatchFileContents;

async function readBatch(name: string): Promise<BatchFileContents> {
  const read = await readBatchFile(new Uint8Array(readFileSync(at(name))), { trustedKeys: [], fileName: name });
  if (!read.ok) throw new Error(read.error.message);
  return read;
}

/** A reviewer's `.loupe-result` with their verdicts, each one event made as the review screen makes it. */
async function resultFile(name: string, reviewer: { id: string; name: string }, verdicts: Array<[string, Intent, string?]>): Promise<void> {
  const events: ResultEvent[] = [];
  const reviews = verdicts.map(([id, intent, target], i) => {
    const item = batch.items.find((it) => it.id === id) as Item;
    const event = verdictEvent(batch.schema, item, reviewer, intent, `2026-11-26T09:0${i}:00.000Z`, target === undefined ? undefined : { target });
    events.push(event);
    return replay(initialReview(item, reviewer), [event]);
  });
  writeFileSync(at(name), await writeResultFile({ batchId: batch.batch.id, revision: 1, reviewer, reviews, events }));
}

beforeAll(async () => {
  t = tempDir();
  // No extension: the file is told by its content, UTF-16 as it is.
  copyFileSync(fixturePath(FIXTURE), at('strings'));
  const made = loupe(['batch', 'create', '--input', 'strings', '--out', 'strings.loupe', '--reviewers', 'ana,ben'], t.dir);
  if (made.code !== 0) throw new Error(made.stderr);
  batch = await readBatch('strings.loupe');
});
afterAll(() => t.remove());

describe('batch create from XLIFF', () => {
  it('makes one item per translatable segment and puts the file itself into every .loupe', async () => {
    const made = loupe(['batch', 'create', '--input', 'strings', '--out', 'again.loupe', '--reviewers', 'ana,ben'], t.dir);
    expect(made.code).toBe(0);
    expect(made.stdout).toBe('again.loupe: 4 items, for 2 reviewers (the whole batch)\nagain.ana.loupe: 2 items, for ana\nagain.ben.loupe: 2 items, for ben\n');
    expect(made.stderr).toBe('1 segment is marked translate="no": kept in the file, not offered for review.\n');
    expect(batch.batch).toMatchObject({ name: 'strings', source: { format: 'xliff', fileName: 'strings' }, original: { format: 'xliff', fileName: 'strings', path: 'xliff/strings' } });
    expect(batch.items.map((i) => i.id)).toEqual([GREETING, SAVE, 'ui%2Fstrings.properties/spaces/#1', TAGS]);
    for (const name of ['again.loupe', 'again.ana.loupe', 'again.ben.loupe']) {
      const read = await readBatch(name);
      expect([...read.attachments.keys()], name).toEqual(['xliff/strings']);
      expectSameBytes(read.attachments.get('xliff/strings')!, original);
    }
    const inspected = loupe(['batch', 'inspect', 'again.loupe'], t.dir);
    expect(inspected.stdout).toMatch(/^made from: +strings \(xliff\)$/mu);
    expect(inspected.stdout).toMatch(/^attachments: +1$/mu);
  });

  it('says in one line where an XLIFF file is wrong, and what does not go with one', () => {
    writeFileSync(at('broken.xlf'), '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original="a" source-language="en" target-language="de"><body>\n<trans-unit id="1"><source>Hi</target></trans-unit>\n</body></file></xliff>\n');
    const broken = loupe(['batch', 'create', '--input', 'broken.xlf', '--out', 'broken.loupe'], t.dir);
    expect(broken.code).toBe(1);
    expect(expectOneLine(broken)).toMatch(/^broken\.xlf line 4, column \d+: is not well-formed XML .* — the file is damaged or was not saved completely/u);

    const withSchema = loupe(['batch', 'create', '--input', 'strings', '--schema', 'x.schema.json', '--out', 'x.loupe'], t.dir);
    expect(withSchema.code).toBe(2);
    expect(expectOneLine(withSchema)).toBe('loupe batch create: --schema does not apply to XLIFF (strings): its batch has the fields docs/xliff.md describes — leave --schema out');

    writeFileSync(at('more.jsonl'), '{"id":"1","output":"x"}\n');
    const two = loupe(['batch', 'create', '--input', 'more.jsonl', 'strings', '--out', 'x.loupe'], t.dir);
    expect(two.code).toBe(2);
    expect(expectOneLine(two)).toBe('loupe batch create: strings is XLIFF, which makes a batch of its own — give it as the only --input (one batch per XLIFF file)');
  });
});

describe('results export --format xliff', () => {
  it('gives back the very bytes of the file without result files, to stdout or --out', () => {
    const toStdout = loupeBytes(['results', 'export', '--batch', 'strings.loupe', '--format', 'xliff'], t.dir);
    expect(toStdout.code).toBe(0);
    expectSameBytes(toStdout.stdout, original);
    expect(toStdout.stderr).toBe('strings: 0 segments changed from 0 result files (0 events, 0 duplicates counted once).\n');

    const toFile = loupe(['results', 'export', '--batch', 'strings.ana.loupe', '--format', 'xliff', '--out', 'same.xlf'], t.dir);
    expect(toFile.code).toBe(0);
    expectSameBytes(new Uint8Array(readFileSync(at('same.xlf'))), original);
  });

  it('writes the reviewers’ verdicts, leaves a segment in conflict as it was, and says which', async () => {
    await resultFile('ana.loupe-result', ANA, [
      [SAVE, 'confirm', 'Änderungen sichern?'],
      [TAGS, 'confirm'],
    ]);
    await resultFile('ben.loupe-result', BEN, [
      [GREETING, 'confirm'],
      [TAGS, 'reject'],
    ]);
    const run = loupe(['results', 'export', '--batch', 'strings.loupe', 'ana.loupe-result', 'ben.loupe-result', '--format', 'xliff', '--out', 'strings.reviewed.xlf'], t.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const tags = segmentOf(readDocument(original), TAGS);
    expect(ownLines(run.stderr)).toEqual([
      `warning: strings line ${tags.line}, column ${tags.column}: segment ${TAGS} is left as it was: its reviewers disagree and the conflict is not decided — decide it on the coordinator's desk, then export again`,
      `1 conflict: item ${TAGS} — see --conflicts`,
      'strings: 2 segments changed from 2 result files (4 events, 0 duplicates counted once); written to strings.reviewed.xlf.',
    ]);

    const written = new Uint8Array(readFileSync(at('strings.reviewed.xlf')));
    expectOnlyTargetsChanged(original, written, [SAVE, GREETING]);
    const doc = readDocument(written);
    expect(targetText(doc, SAVE)).toBe('Änderungen sichern?');
    expect(segmentOf(doc, SAVE).state.state).toBe('signed-off');
    // An acceptance of the machine translation: signed off, its qualifier kept.
    expect(segmentOf(doc, GREETING).state).toEqual({ state: 'signed-off', qualifier: 'mt-suggestion' });

    // What effort measures between the file as it came (told by its content) and the file exported.
    const effort = loupe(['effort', 'strings', 'strings.reviewed.xlf'], t.dir);
    expect(effort.code).toBe(0);
    const lines = effort.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; hter: number; charEdits: number });
    expect(lines.map((l) => l.id)).toEqual(batch.items.map((i) => i.id));
    // The AI output of "save" was the machine translation "Änderungen speichern?": p and e deleted.
    expect(lines.find((l) => l.id === SAVE)).toEqual({ id: SAVE, ...fieldEffort('Änderungen speichern?', 'Änderungen sichern?') });
    expect(lines.find((l) => l.id === SAVE)?.charEdits).toBe(2);
    expect(lines.find((l) => l.id === GREETING)).toEqual({ id: GREETING, hter: 0, charEdits: 0 });
    const edits = lines.reduce((sum, l) => sum + l.charEdits, 0);
    const mean = lines.reduce((sum, l) => sum + l.hter, 0) / lines.length;
    expect(effort.stderr).toBe(`4 segments, mean HTER ${mean.toFixed(4)}, ${edits} character edits\n`);
  });
});

describe('effort of two XLIFF files', () => {
  it('refuses two different documents, naming the segment, its file, line and column', () => {
    const run = loupe(['effort', fixturePath(FIXTURE), fixturePath('loupe-xliff20-prefixed.xlf')], t.dir);
    expect(run.code).toBe(1);
    const greeting = segmentOf(readDocument(original), GREETING);
    expect(expectOneLine(run)).toBe(
      `${fixturePath(FIXTURE)} line ${greeting.line}, column ${greeting.column}: segment ${GREETING} is not in ${fixturePath('loupe-xliff20-prefixed.xlf')} — give two versions of one XLIFF document, before and after post-editing`,
    );
  });
});
