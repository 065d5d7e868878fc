// Finding and replacing in segments (shared/search): plain text and regular expressions, case and whole words in
// every script, inline codes that a replacement never breaks, and texts taken from one segment into another.
import { describe, expect, it } from 'vitest';
import { adaptText, compileQuery, displayPieces, expandReplacement, findMatches, replaceMatches, searchText, segmentFields, type Matcher, type SearchOptions } from '../../shared/search';
import { textToContent } from '../../shared/xliff';
import { TaskSchema } from '../../shared/domain';

const PLAIN: SearchOptions = { caseSensitive: false, wholeWord: false, regex: false };

function matcher(query: string, options: Partial<SearchOptions> = {}): Matcher {
  const compiled = compileQuery(query, { ...PLAIN, ...options });
  if (!compiled?.ok) throw new Error(`no matcher for ${query}`);
  return compiled.matcher;
}

/** The stretches of raw text found. */
function found(text: string, query: string, options: Partial<SearchOptions> = {}, coded = false): string[] {
  return findMatches(searchText(text, coded), matcher(query, options)).map((m) => text.slice(m.start, m.end));
}

function replaced(text: string, query: string, replacement: string, options: Partial<SearchOptions> = {}, coded = true) {
  const m = matcher(query, options);
  const read = searchText(text, coded);
  return replaceMatches(read, findMatches(read, m), replacement, m);
}

describe('compileQuery', () => {
  it('takes plain text as typed, regular-expression characters included', () => {
    expect(found('Costs 3.50 (net) or 3x50', '3.50 (net)')).toEqual(['3.50 (net)']);
    expect(found('a+b and a b', 'a+b')).toEqual(['a+b']);
  });

  it('ignores case unless asked, in any script', () => {
    expect(found('Datei, DATEI, datei', 'datei')).toEqual(['Datei', 'DATEI', 'datei']);
    expect(found('Datei, DATEI, datei', 'datei', { caseSensitive: true })).toEqual(['datei']);
    expect(found('ФАЙЛ и файл', 'файл')).toEqual(['ФАЙЛ', 'файл']);
  });

  it('reports a regular expression that cannot be read in the engine’s words, without the pattern repeated', () => {
    const bad = compileQuery('(unclosed', { ...PLAIN, regex: true });
    expect(bad).toEqual({ ok: false, problem: 'Unterminated group' });
    expect(compileQuery('a{2,1}', { ...PLAIN, regex: true })).toEqual({ ok: false, problem: 'numbers out of order in {} quantifier' });
    // The same text is fine as plain text.
    expect(compileQuery('(unclosed', PLAIN)?.ok).toBe(true);
  });

  it('is no query at all when empty', () => {
    expect(compileQuery('', { ...PLAIN, regex: true })).toBeNull();
  });

  it('runs regular expressions with Unicode classes', () => {
    expect(found('Preis: 12 € – ٣٤ ر.س', '\\p{Nd}+', { regex: true })).toEqual(['12', '٣٤']);
  });

  it('never reports an empty match', () => {
    expect(found('abc', 'x*', { regex: true })).toEqual([]);
    expect(found('aab', 'a*', { regex: true })).toEqual(['aa']);
  });
});

describe('whole words', () => {
  it('are not found inside longer words, in Latin script', () => {
    expect(found('cat concat cat’s category', 'cat', { wholeWord: true })).toEqual(['cat', 'cat']);
  });

  it('work in Cyrillic and Greek, where \\b sees no letters', () => {
    expect(found('мир, мировой, мир.', 'мир', { wholeWord: true })).toEqual(['мир', 'мир']);
    expect(found('λόγος λογική', 'λόγος', { wholeWord: true })).toEqual(['λόγος']);
  });

  it('in Arabic, are not found inside a word with a prefix, nor before the word’s own marks', () => {
    expect(found('احفظ الملف، ثم ملف آخر', 'ملف', { wholeWord: true })).toEqual(['ملف']);
    // كتابٌ: the tanwin is part of the word, so كتاب alone is not it.
    expect(found('كتابٌ كتاب', 'كتاب', { wholeWord: true })).toEqual(['كتاب']);
    // Without whole words, the word inside another is found.
    expect(found('احفظ الملف', 'ملف')).toEqual(['ملف']);
  });

  it('never end between a Devanagari letter and its vowel sign or virama', () => {
    expect(found('नमस्ते नम', 'नम', { wholeWord: true })).toEqual(['नम']);
    expect(found('किताब', 'क', { wholeWord: true })).toEqual([]);
  });

  it('in Chinese, Japanese and Thai, written without spaces, start and end between any two characters', () => {
    expect(found('東京都の地図', '京都', { wholeWord: true })).toEqual(['京都']);
    expect(found('ファイルを保存します', '保存', { wholeWord: true })).toEqual(['保存']);
    expect(found('บันทึกไฟล์แล้ว', 'ไฟล์', { wholeWord: true })).toEqual(['ไฟล์']);
    // …but not before a Thai mark: ไฟล without its ์ is not a word here.
    expect(found('บันทึกไฟล์แล้ว', 'ไฟล', { wholeWord: true })).toEqual([]);
    // Latin next to Chinese is a boundary too.
    expect(found('Loupe翻译工具', 'Loupe', { wholeWord: true })).toEqual(['Loupe']);
  });

  it('apply to regular expressions too', () => {
    expect(found('file files profile', 'file\\w*', { wholeWord: true, regex: true })).toEqual(['file', 'files']);
  });
});

describe('inline codes', () => {
  const save = 'Save the ⟨1⟩file⟨/1⟩ now⟨2/⟩.';

  it('are not text: digits and brackets inside a placeholder are never found, and a phrase does not run across one', () => {
    expect(found(save, '1', {}, true)).toEqual([]);
    expect(found('Page ⟨1⟩2⟨/1⟩', '\\d', { regex: true }, true)).toEqual(['2']);
    expect(found(save, '⟩', {}, true)).toEqual([]);
    expect(found(save, 'the file', {}, true)).toEqual([]);
  });

  it('end words, as white space does', () => {
    expect(found(save, 'file', { wholeWord: true }, true)).toEqual(['file']);
    expect(found(save, 'now', { wholeWord: true }, true)).toEqual(['now']);
  });

  it('are left alone by a replacement around them', () => {
    const out = replaced(save, 'file', 'document');
    expect(out).toEqual({ ok: true, text: 'Save the ⟨1⟩document⟨/1⟩ now⟨2/⟩.', count: 1, inserted: [{ start: 12, end: 20 }] });
  });

  it('refuse a replacement whose match holds a code, naming the code', () => {
    expect(replaced(save, 'the .file', 'it', { regex: true })).toMatchObject({ ok: false, code: '⟨1⟩', match: 'the ⟨1⟩file' });
    expect(replaced(save, 'file.*now', 'X', { regex: true })).toMatchObject({ ok: false, code: '⟨/1⟩', match: 'file⟨/1⟩ now' });
    // A regular expression that matches "any character" matches the code's place too, and is refused.
    expect(replaced('A⟨1/⟩B', 'A.B', 'AB', { regex: true })).toMatchObject({ ok: false, code: '⟨1/⟩' });
  });

  it('refuse a `$` reference that would copy a code', () => {
    expect(replaced('⟨1/⟩Total', '(?<=(.))Total', '$1Sum', { regex: true })).toEqual({ ok: false, code: null, match: 'Total' });
  });

  it('cannot be made by a replacement: a "⟨" written is a character', () => {
    const out = replaced(save, 'now', '⟨2⟩ or ⟨1/⟩');
    if (!out.ok) throw new Error('refused');
    expect(out.text).toBe('Save the ⟨1⟩file⟨/1⟩ ⟨⟨2⟩ or ⟨⟨1/⟩⟨2/⟩.');
    const codes = [{ n: 1, key: 'g1', element: 'g', label: 'bold', markup: { open: '<g id="1">', close: '</g>' } }, { n: 2, key: 'x2', element: 'x', label: 'x', markup: { standalone: '<x id="2"/>' } }];
    const content = textToContent(out.text, codes);
    expect(content.filter((t) => t.type === 'code')).toHaveLength(3);
    expect(content.map((t) => (t.type === 'text' ? t.text : '·')).join('')).toBe('Save the ·file· ⟨2⟩ or ⟨1/⟩·.');
  });

  it('keep an escaped "⟨" one character, found and replaced whole', () => {
    expect(found('a ⟨⟨ b', '⟨', {}, true)).toEqual(['⟨⟨']);
    expect(replaced('a ⟨⟨ b', '⟨', '<')).toMatchObject({ ok: true, text: 'a < b' });
  });

  it('are ordinary text in items that do not come from XLIFF', () => {
    expect(found('Use ⟨1⟩ here', '1', {}, false)).toEqual(['1']);
    expect(replaced('Use ⟨1⟩ here', '⟨1⟩', '{1}', {}, false)).toMatchObject({ ok: true, text: 'Use {1} here' });
  });

  it('stay in right-to-left and Chinese targets while the words around them change', () => {
    expect(replaced('احفظ ⟨1⟩الملف⟨/1⟩ الآن', 'الملف', 'المستند', { wholeWord: true })).toMatchObject({ ok: true, text: 'احفظ ⟨1⟩المستند⟨/1⟩ الآن' });
    expect(replaced('保存⟨1⟩文件⟨/1⟩。', '文件', '文档', { wholeWord: true })).toMatchObject({ ok: true, text: '保存⟨1⟩文档⟨/1⟩。' });
  });
});

describe('replacements', () => {
  it('expand $ references of a regular expression', () => {
    expect(replaced('2024-05-03', '(\\d+)-(\\d+)-(\\d+)', '$3.$2.$1', { regex: true }, false)).toMatchObject({ ok: true, text: '03.05.2024' });
    expect(replaced('Mr Smith', '(?<title>Mr) (?<name>\\w+)', '$<name>, $<title>', { regex: true }, false)).toMatchObject({ ok: true, text: 'Smith, Mr' });
    expect(replaced('cost', 'cost', '$$&', { regex: true }, false)).toMatchObject({ ok: true, text: '$&' });
  });

  it('take `$` as typed in plain text', () => {
    expect(replaced('price', 'price', '$1 & $&', {}, false)).toMatchObject({ ok: true, text: '$1 & $&' });
  });

  it('read $nn as JavaScript does', () => {
    const m = { from: 0, to: 1, groups: ['a', 'a'], named: undefined };
    expect(expandReplacement('$10|$01|$0|$2', m, 'a')).toBe('a0|a|$0|$2');
  });

  it('replace every match of a segment', () => {
    expect(replaced('Kunde, kunde, Kundendienst', 'kunde', 'Auftraggeber', { wholeWord: true }, false)).toMatchObject({ ok: true, count: 2, text: 'Auftraggeber, Auftraggeber, Kundendienst' });
  });
});

describe('displayPieces', () => {
  it('cuts a text into text and codes, marking what was found, never as markup', () => {
    const text = '<b>Save</b> ⟨1⟩now⟨/1⟩ ⟨⟨';
    const pieces = displayPieces(text, true, [{ start: 3, end: 7 }, { start: 15, end: 22 }]);
    expect(pieces).toEqual([
      { kind: 'text', text: '<b>', marked: false },
      { kind: 'text', text: 'Save', marked: true },
      { kind: 'text', text: '</b> ', marked: false },
      { kind: 'code', text: '⟨1⟩', n: 1, role: 'open', marked: false },
      { kind: 'text', text: 'now', marked: true },
      { kind: 'code', text: '⟨/1⟩', n: 1, role: 'close', marked: true },
      { kind: 'text', text: ' ', marked: false },
      { kind: 'text', text: '⟨', marked: false },
    ]);
  });
});

describe('adaptText', () => {
  const here = { coded: true, codes: [{ n: 1, label: 'bold', roles: ['open', 'close'] as const }, { n: 2, label: 'br', roles: ['standalone'] as const }] };

  it('keeps the codes that mean the same in the other segment and leaves out the others', () => {
    const there = { coded: true, codes: [{ n: 1, label: 'bold', roles: ['open', 'close'] as const }, { n: 2, label: 'link', roles: ['open', 'close'] as const }] };
    expect(adaptText('⟨1⟩Datei⟨/1⟩ ⟨2⟩hier⟨/2⟩ ⟨⟨', there, here)).toEqual({ text: '⟨1⟩Datei⟨/1⟩ hier ⟨⟨', dropped: ['⟨2⟩', '⟨/2⟩'] });
  });

  it('turns codes and escapes into plain text for an item without codes, and back', () => {
    const plain = { coded: false, codes: [] };
    expect(adaptText('⟨1⟩Datei⟨/1⟩ ⟨⟨x', here, plain)).toEqual({ text: 'Datei ⟨x', dropped: ['⟨1⟩', '⟨/1⟩'] });
    expect(adaptText('a ⟨1⟩ b', plain, here)).toEqual({ text: 'a ⟨⟨1⟩ b', dropped: [] });
  });
});

describe('segmentFields', () => {
  it('takes `source` and `target` when the batch has them, else its first text fields', () => {
    const xliff = TaskSchema.parse({ name: 'x', fields: [{ name: 'target', kind: 'longtext' }], context: [{ name: 'note', kind: 'text' }, { name: 'source', kind: 'longtext' }] });
    expect(segmentFields(xliff)).toEqual({ source: 'source', target: 'target' });
    const other = TaskSchema.parse({ name: 'y', fields: [{ name: 'code', kind: 'label', options: ['a'] }, { name: 'text', kind: 'text' }], context: [{ name: 'img', kind: 'image' }] });
    expect(segmentFields(other)).toEqual({ source: null, target: 'text' });
    expect(segmentFields(TaskSchema.parse({ name: 'z', fields: [{ name: 'n', kind: 'number' }] }))).toBeNull();
  });
});
