// XLIFF out, below the app and the command line: one reviewer's work and everyone's merged results
// written into the file a batch was made from, the verdict that stands for each segment, a `.loupe`
// that carries the file, and effort between two versions of one document.
import { readdirSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BatchFileWriteError, mergeResults, readBatchFile, writeBatchFile, type ResultEvent } from '../../shared/batch-file';
import { adjudicationEvent, finalVerdicts } from '../../shared/coordination';
import type { Item } from '../../shared/domain';
import { initialReview, replay } from '../../shared/review';
import { batchFromXliff, mergedXliff, originalOf, reviewedXliff, xliffEffort } from '../../shared/xliff-batch';
import { madeFromXliff } from './import-harness';
import { XLIFF_FIXTURES, expectOnlyTargetsChanged, fixtureBytes, readDocument, segmentOf, targetText, verdictEvent } from './xliff-harness';

const CREATED = { createdAt: '2026-11-25T10:00:00.000Z' };
const UTF16LE = 'loupe-xliff12-utf16le-crlf.xlf';
const OKAPI = 'okapi-xliff12-qualitycheck-Test01.xlf';
const ANA = { id: 'r-ana', name: 'Ana' };
const BEN = { id: 'r-ben', name: 'Ben' };
const COORDINATOR = { id: 'r-coord', name: 'Coordinator' };

async function batchOf(name: string) {
  const bytes = fixtureBytes(name);
  const made = madeFromXliff(await batchFromXliff(bytes, name, CREATED));
  const item = (id: string): Item => {
    const found = made.items.find((i) => i.id.endsWith(id));
    if (!found) throw new Error(`no item ${id}`);
    return found;
  };
  return { ...made, bytes, original: { fileName: name, bytes }, item };
}

/** Each reviewer's review of each item they have events on, as merging replays them. */
function reviewsOf(items: readonly Item[], events: readonly ResultEvent[]) {
  return mergeResults({ id: items[0]!.batchId, revision: 1 }, items, [ANA, BEN, COORDINATOR].map((r) => ({ batchId: items[0]!.batchId, revision: 1, reviewer: r, events: events.filter((e) => e.reviewerId === r.id) })));
}

describe("one reviewer's work written into the XLIFF file", () => {
  it('gives back the very bytes of every fixture when nothing was reviewed', async () => {
    for (const name of readdirSync(XLIFF_FIXTURES).filter((f) => f.endsWith('.xlf'))) {
      const { original, bytes } = await batchOf(name);
      const written = reviewedXliff(original, []);
      expect(written.ok && written.bytes, name).toEqual(bytes);
    }
  });

  it('changes only the reviewed targets and their states, in the file’s own encoding', async () => {
    const { original, bytes, item, schema } = await batchOf(UTF16LE);
    const save = item('/save/#1');
    const greeting = item('/greeting/#1');
    const tags = item('/tags/#1');
    const events = [
      verdictEvent(schema, save, ANA, 'confirm', '2026-11-25T10:01:00Z', { target: 'Änderungen sichern? <ja> & "nein"' }),
      verdictEvent(schema, greeting, ANA, 'confirm', '2026-11-25T10:02:00Z'),
      verdictEvent(schema, tags, ANA, 'reject', '2026-11-25T10:03:00Z'),
    ];
    const reviews = events.map((e, i) => replay(initialReview([save, greeting, tags][i]!, ANA), [e]));
    const written = reviewedXliff(original, reviews);
    if (!written.ok) throw new Error(written.error.message);
    expect(written.changed).toEqual([greeting.id, save.id, tags.id]);
    expect([...written.bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expectOnlyTargetsChanged(bytes, written.bytes, written.changed);
    const doc = readDocument(written.bytes);
    expect(targetText(doc, save.id)).toBe('Änderungen sichern? <ja> & "nein"');
    expect(segmentOf(doc, save.id).state).toEqual({ state: 'signed-off', qualifier: null });
    expect(segmentOf(doc, tags.id).state.state).toBe('needs-translation');
    // A rejection changes the state only: the target is the AI output still.
    expect(targetText(doc, tags.id)).toBe(targetText(readDocument(bytes), tags.id));
  });
});

describe("the merged results written into the XLIFF file", () => {
  /**
   * Ana and Ben agree on pre1; they disagree on unit 1 (open) and on 3/s1, which the coordinator decided
   * after seeing both verdicts.
   */
  async function merged() {
    const batch = await batchOf(OKAPI);
    const { item, schema } = batch;
    const [pre1, one, three] = [item('/pre1/#1'), item('/1/#1'), item('/3/s1')];
    const events: ResultEvent[] = [
      verdictEvent(schema, pre1, ANA, 'confirm', '2026-11-25T10:01:00Z', { target: "C'est un exemple." }),
      verdictEvent(schema, one, ANA, 'confirm', '2026-11-25T10:02:00Z', { target: 'Phrase 1 de p1.' }),
      verdictEvent(schema, three, ANA, 'reject', '2026-11-25T10:03:00Z'),
      verdictEvent(schema, pre1, BEN, 'confirm', '2026-11-25T10:04:00Z', { target: "C'est un exemple." }),
      verdictEvent(schema, one, BEN, 'confirm', '2026-11-25T10:05:00Z', { target: 'Phrase une de p1.' }),
      verdictEvent(schema, three, BEN, 'confirm', '2026-11-25T10:06:00Z'),
    ];
    const before = reviewsOf(batch.items, events);
    const decision = adjudicationEvent({
      verdicts: before.conflicts.find((c) => c.itemId === three.id)!.reviews,
      item: three,
      schema,
      coordinator: COORDINATOR,
      deviceId: 'desk',
      id: 'decision-1',
      at: '2026-11-25T11:00:00Z',
      decision: { kind: 'final', values: { target: 'Phrase 1 de p3.' } },
    });
    const merge = reviewsOf(batch.items, [...events, decision]);
    return { ...batch, merge, pre1, one, three };
  }

  it('takes for each segment the verdict that stands: the agreed one, the decision; none where the conflict is open', async () => {
    const { items, merge, pre1, one, three } = await merged();
    expect(merge.conflicts.map((c) => c.itemId)).toEqual([one.id]);
    const final = finalVerdicts(items, merge.reviews, merge);
    expect(final.open).toEqual([one.id]);
    expect(final.verdicts.map((v) => [v.itemId, v.reviewerId, v.status, v.values.target])).toEqual([
      [pre1.id, BEN.id, 'corrected', "C'est un exemple."],
      [three.id, COORDINATOR.id, 'corrected', 'Phrase 1 de p3.'],
    ]);
  });

  it('writes them, leaves the open conflict as it was and names it, with its line and column', async () => {
    const { original, bytes, items, merge, pre1, one, three } = await merged();
    const written = mergedXliff(original, { items, reviews: merge.reviews, merge });
    if (!written.ok) throw new Error(written.error.message);
    expect(written.changed).toEqual([pre1.id, three.id]);
    expectOnlyTargetsChanged(bytes, written.bytes, written.changed);
    const doc = readDocument(written.bytes);
    expect(targetText(doc, pre1.id)).toBe("C'est un exemple.");
    expect(targetText(doc, three.id)).toBe('Phrase 1 de p3.');
    expect(segmentOf(doc, one.id).target).toBeNull();
    const at = segmentOf(readDocument(bytes), one.id);
    expect(written.warnings.map((w) => w.message)).toEqual([
      `${OKAPI} line ${at.line}, column ${at.column}: segment ${one.id} is left as it was: its reviewers disagree and the conflict is not decided — decide it on the coordinator's desk, then export again`,
    ]);
  });
});

describe('a .loupe of a batch made from XLIFF', () => {
  it('carries the file, byte for byte, and is refused without it', async () => {
    const { batch, schema, items, attachments, bytes } = await batchOf(UTF16LE);
    const file = await writeBatchFile({ batch, schema, items, attachments });
    const read = await readBatchFile(file, { trustedKeys: [], fileName: 'strings.loupe' });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.batch.original).toEqual(batch.original);
    expect(originalOf(read.batch, read.attachments)?.bytes).toEqual(bytes);

    await expect(writeBatchFile({ batch, schema, items })).rejects.toThrow(BatchFileWriteError);
    await expect(writeBatchFile({ batch, schema, items })).rejects.toThrow('batch.original refers to the attachment "xliff/loupe-xliff12-utf16le-crlf.xlf", which is not among the attachments');

    // A file whose manifest names the original but does not hold it (another tool's, say).
    const plain = await writeBatchFile({ batch: { ...batch, original: undefined }, schema, items });
    const entries = unzipSync(plain);
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as { batch: Record<string, unknown> };
    manifest.batch.original = batch.original;
    const tampered = zipSync({ ...entries, 'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)) });
    const refused = await readBatchFile(tampered, { trustedKeys: [], fileName: 'strings.loupe' });
    expect(!refused.ok && refused.error).toMatchObject({ kind: 'missing-part' });
    expect(!refused.ok && refused.error.message).toMatch(/^strings\.loupe: manifest\.json: batch\.original refers to the attachment "xliff\/loupe-xliff12-utf16le-crlf\.xlf", which the file does not hold/u);
  });
});

describe('effort between two versions of one XLIFF document', () => {
  it('compares the text each version offers for a segment, matched by id', async () => {
    const { original, item, schema, bytes } = await batchOf(OKAPI);
    const pre1 = item('/pre1/#1');
    const after = reviewedXliff(original, [replay(initialReview(pre1, ANA), [verdictEvent(schema, pre1, ANA, 'confirm', '2026-11-25T10:01:00Z', { target: "C'est un exemple." })])]);
    if (!after.ok) throw new Error(after.error.message);
    const effort = xliffEffort(readDocument(bytes, 'before.xlf'), readDocument(after.bytes, 'after.xlf'));
    if (!effort.ok) throw new Error(effort.message);
    expect(effort.segments).toHaveLength(11);
    // c → C and une → un: two characters; one word edited of the post-edit's three (case does not count).
    expect(effort.segments[0]).toEqual({ id: pre1.id, hter: 1 / 3, charEdits: 2 });
    expect(effort.segments.slice(1).every((s) => s.hter === 0 && s.charEdits === 0)).toBe(true);

    // A segment nobody translated offers the same candidate in both versions: it cost nothing.
    const strings = fixtureBytes(UTF16LE);
    const untouched = xliffEffort(readDocument(strings, 'before.xlf'), readDocument(strings, 'after.xlf'));
    expect(untouched.ok && untouched.segments.map((s) => [s.id.split('/')[1], s.hter, s.charEdits])).toEqual([
      ['greeting', 0, 0],
      ['save', 0, 0],
      ['spaces', 0, 0],
      ['tags', 0, 0],
    ]);

    const other = xliffEffort(readDocument(bytes, 'before.xlf'), readDocument(fixtureBytes('loupe-xliff20-prefixed.xlf'), 'other.xlf'));
    expect(!other.ok && other.message).toMatch(/^before\.xlf line 6, column \d+: segment testForSegments\/pre1\/#1 is not in other\.xlf — give two versions of one XLIFF document/u);
  });
});
