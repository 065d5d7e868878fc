import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Item, TaskSchema } from '../../shared/domain';
import { contentToText, readXliff, textToContent, updatesFromReviews, writeXliff, xliffBatch, XliffItemMeta, type XliffDocument } from '../../shared/xliff';

const FIXTURES = join(process.cwd(), 'test/fixtures/xliff');

function read(name: string): XliffDocument {
  const result = readXliff(new Uint8Array(readFileSync(join(FIXTURES, name))), name);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

describe('batch items from an XLIFF document', () => {
  it('proposes a schema: the target to correct, the source and what the file says about it as context', () => {
    const { schema } = xliffBatch(read('loupe-xliff21-utf16be-arabic.xlf'));
    expect(TaskSchema.parse(schema)).toEqual(schema);
    expect(schema).toEqual({
      name: 'Post-editing en → ar',
      fields: [{ name: 'target', label: 'Translation', kind: 'longtext', lang: 'ar', dir: 'rtl' }],
      context: [
        { name: 'source', label: 'Source', kind: 'longtext', lang: 'en', dir: 'ltr' },
        { name: 'notes', label: 'Notes', kind: 'longtext' },
        { name: 'origin', label: 'Origin', kind: 'text' },
        { name: 'matchQuality', label: 'Match quality', kind: 'number' },
        { name: 'state', label: 'State in the file', kind: 'text' },
        { name: 'lengthLimit', label: 'Length limit', kind: 'text' },
      ],
      reasonCodes: [],
      requireReasonOnOverride: false,
    });
    // Several languages (he, ar, zh-CN, si; en and en-US): no language, and direction auto, for the batch.
    const mixed = xliffBatch(read('loupe-xliff12-rtl-cjk.xlf'), { name: 'Docs' }).schema;
    expect([mixed.name, mixed.fields[0]?.lang, mixed.fields[0]?.dir, mixed.context[0]?.lang, mixed.context[0]?.dir]).toEqual(['Docs', undefined, 'auto', undefined, 'ltr']);
  });

  it('makes one item per translatable segment, and lists the others', () => {
    const doc = read('loupe-xliff22-modules.xlf');
    const batch = xliffBatch(doc);
    expect(batch.items.map((i) => [i.seq, i.id])).toEqual([
      [0, 'app/title/#1'],
      [1, 'app/two/a'],
      [2, 'app/two/b'],
      [3, 'app/codes/#1'],
      [4, 'app/back/#1'],
    ]);
    expect(batch.notForReview).toEqual(['app/hidden/#1']);
    for (const item of batch.items) {
      expect(Item.omit({ batchId: true }).parse(item)).toEqual(item);
      expect(XliffItemMeta.parse(item.meta?.xliff)).toEqual(item.meta?.xliff);
    }
  });

  it('gives the AI output, its origin and quality, the source, notes, state and length limit', () => {
    const items = xliffBatch(read('loupe-xliff12-utf16le-crlf.xlf')).items;
    const save = items.find((i) => i.id === 'ui%2Fstrings.properties/save/#1');
    expect(save).toMatchObject({
      output: { target: 'Änderungen speichern?' },
      context: { source: 'Save changes?', notes: 'Keep the tone informal. (pm, file note)', origin: 'candidate 3, machine translation, Google MT', matchQuality: 92, state: null, lengthLimit: null },
      confidence: { target: 0.92 },
      model: 'Google MT',
    });
    expect((save?.meta?.xliff as XliffItemMeta).output).toEqual({
      from: 'candidate',
      candidate: 2,
      reason: 'the target is empty; candidate 3 (match quality 92, machine translation, from Google MT): tied on match quality with 1 other, and machine translation is preferred',
    });
    const greeting = items.find((i) => i.id === 'ui%2Fstrings.properties/greeting/#1');
    expect(greeting?.context).toMatchObject({ source: 'Hello, ⟨1/⟩!', state: 'needs-review-translation (mt-suggestion)', notes: 'Shown on the start screen. (developer, on the source)\nKeep the tone informal. (pm, file note)' });
    expect(greeting?.output).toEqual({ target: 'Hallo, ⟨1/⟩!' });
    const spaces = items.find((i) => i.id === 'ui%2Fstrings.properties/spaces/#1');
    expect(spaces).toMatchObject({ output: { target: '' }, context: { lengthLimit: 'at most 30 characters', origin: null, matchQuality: null } });
    expect(spaces).not.toHaveProperty('confidence');
  });

  it('keeps under meta what the screen and the checks need: codes, candidates, directions, the state as a status', () => {
    const item = xliffBatch(read('loupe-xliff12-utf16le-crlf.xlf')).items.find((i) => i.id === 'ui%2Fstrings.properties/tags/#1');
    const meta = XliffItemMeta.parse(item?.meta?.xliff);
    expect(meta).toMatchObject({
      version: '1.2',
      file: 'ui/strings.properties',
      unit: 'tags',
      segment: null,
      line: 47,
      sourceLang: 'en-US',
      targetLang: 'de-DE',
      targetDir: 'ltr',
      state: { state: 'translated', qualifier: null, status: 'pending' },
      codes: [
        { n: 1, element: 'g', label: 'bold', roles: ['open', 'close'] },
        { n: 2, element: 'g', label: 'italic', roles: ['open', 'close'] },
        { n: 3, element: 'bx', label: 'bx', roles: ['open', 'close'] },
      ],
    });
    expect(item?.context.source).toBe('Click ⟨1⟩here ⟨2⟩now⟨/2⟩⟨/1⟩ or ⟨3⟩later⟨/3⟩.');
    const save = xliffBatch(read('loupe-xliff12-utf16le-crlf.xlf')).items.find((i) => i.id === 'ui%2Fstrings.properties/save/#1');
    expect(XliffItemMeta.parse(save?.meta?.xliff).candidates[0]).toEqual({ text: 'Die Änderungen speichern?', source: 'Save the changes?', matchQuality: 75, similarity: null, origin: 'product memory', machine: false, type: null });
  });
});

describe('placeholders for inline codes in a text field', () => {
  const doc = read('loupe-xliff12-rtl-cjk.xlf');
  const p2 = doc.segments.find((s) => s.id === 'ui%2Fzh/p2/#1')!;

  it('number the codes, pairs sharing a number, and read back to the same content', () => {
    const text = contentToText(p2.source, p2.codes);
    expect(text).toBe('Nested ⟨1⟩⟨2⟩bold italic⟨/2⟩ ⟨3⟩underlined⟨/1⟩ ⟨4⟩Loupe™⟨/4⟩ ⟨5/⟩.');
    expect(textToContent(text, p2.codes).map((t) => (t.type === 'text' ? t.text : `${t.role}:${t.key}`))).toEqual(p2.source.map((t) => (t.type === 'text' ? t.text : `${t.role}:${t.key}`)));
  });

  it('double a "⟨" of the text, and read anything that is not a code of the segment as text', () => {
    const content = textToContent('a ⟨⟨1⟩ b ⟨9/⟩ ⟨1/⟩ ⟨/1/⟩ ⟨ c', p2.codes);
    expect(content.map((t) => (t.type === 'text' ? t.text : `[${t.role} ${t.key}]`)).join('')).toBe('a ⟨1⟩ b ⟨9/⟩ ⟨1/⟩ ⟨/1/⟩ ⟨ c');
    expect(contentToText([{ type: 'text', text: '⟨1⟩ and ⟨' }], p2.codes)).toBe('⟨⟨1⟩ and ⟨⟨');
    expect(textToContent('⟨⟨1⟩ and ⟨⟨', p2.codes)).toEqual([{ type: 'text', text: '⟨1⟩ and ⟨' }]);
  });
});

describe('from reviews back to the file', () => {
  it('turns reviews into updates: pending ones change nothing, rejections only the state', () => {
    const doc = read('loupe-xliff12-utf16le-crlf.xlf');
    const updates = updatesFromReviews(doc, [
      { itemId: 'ui%2Fstrings.properties/greeting/#1', status: 'corrected', values: { target: 'Hallo ⟨1/⟩' } },
      { itemId: 'ui%2Fstrings.properties/save/#1', status: 'pending', values: { target: 'x' } },
      { itemId: 'ui%2Fstrings.properties/tags/#1', status: 'rejected', values: { target: 'x' } },
      { itemId: 'nowhere', status: 'accepted', values: { target: 'x' } },
    ]);
    expect([...updates.keys()]).toEqual(['ui%2Fstrings.properties/greeting/#1', 'ui%2Fstrings.properties/tags/#1', 'nowhere']);
    expect(updates.get('ui%2Fstrings.properties/greeting/#1')?.target?.map((t) => t.type)).toEqual(['text', 'code']);
    expect(updates.get('ui%2Fstrings.properties/tags/#1')).toEqual({ status: 'rejected' });
    // An item the document does not have is reported by writing.
    const result = writeXliff(doc, updates);
    expect(!result.ok && result.error.kind).toBe('unknown-segment');
  });

  it('accepting every item writes the AI output as the target of every translatable segment', () => {
    for (const name of ['okapi-xliff12-Test_Context_and_PH.xlf', 'okapi-xliff20-mt-confidence.xlf', 'loupe-xliff22-modules.xlf', 'loupe-xliff21-utf16be-arabic.xlf']) {
      const doc = read(name);
      const { items } = xliffBatch(doc);
      const result = writeXliff(doc, updatesFromReviews(doc, items.map((i) => ({ itemId: i.id, status: 'accepted' as const, values: i.output }))));
      if (!result.ok) throw new Error(result.error.message);
      const again = readXliff(result.bytes, name);
      if (!again.ok) throw new Error(again.error.message);
      const after = xliffBatch(again.document).items;
      expect(after.map((i) => i.output.target), name).toEqual(items.map((i) => i.output.target));
      expect(after.map((i) => (i.meta?.xliff as XliffItemMeta).state.status), name).toEqual(items.map(() => 'accepted'));
    }
  });
});
