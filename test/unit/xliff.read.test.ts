import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXliff, type Content, type XliffDocument, type XliffSegment } from '../../shared/xliff';

const FIXTURES = join(process.cwd(), 'test/fixtures/xliff');
const FILES = readdirSync(FIXTURES).filter((f) => f.endsWith('.xlf'));

function read(name: string): XliffDocument {
  const result = readXliff(new Uint8Array(readFileSync(join(FIXTURES, name))), name);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

function readText(text: string, name = 'test.xlf') {
  return readXliff(new TextEncoder().encode(text), name);
}

function segment(doc: XliffDocument, id: string): XliffSegment {
  const found = doc.segments.find((s) => s.id === id);
  if (!found) throw new Error(`no segment ${id} in ${doc.fileName}: ${doc.segments.map((s) => s.id).join(', ')}`);
  return found;
}

/** Content as a string, codes as [role key]. */
function show(content: Content | null): string | null {
  return content && content.map((t) => (t.type === 'text' ? t.text : `[${t.role} ${t.key}]`)).join('');
}

const v12 = (body: string, file = 'original="f" source-language="en" target-language="de"') =>
  `<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file ${file} datatype="plaintext"><body>${body}</body></file></xliff>`;

describe('reading XLIFF', () => {
  it('reads every fixture, in its version and encoding', () => {
    const seen = Object.fromEntries(
      FILES.map((name) => {
        const doc = read(name);
        return [name, [doc.version, doc.encoding, doc.bom, doc.segments.length]];
      }),
    );
    expect(seen).toEqual({
      'okapi-xliff12-Test_Context_and_PH.xlf': ['1.2', 'UTF-8', false, 3],
      'okapi-xliff12-qualitycheck-Test01.xlf': ['1.2', 'UTF-8', true, 11],
      'okapi-xliff20-everything-core.xlf': ['2.0', 'UTF-8', false, 5],
      'okapi-xliff20-mt-confidence.xlf': ['2.0', 'UTF-8', false, 2],
      'loupe-xliff12-e2e-codes.xlf': ['1.2', 'UTF-8', false, 3],
      'loupe-xliff12-rtl-cjk.xlf': ['1.2', 'UTF-8', false, 10],
      'loupe-xliff12-utf16le-crlf.xlf': ['1.2', 'UTF-16LE', true, 5],
      'loupe-xliff20-prefixed.xlf': ['2.0', 'UTF-8', false, 3],
      'loupe-xliff21-utf16be-arabic.xlf': ['2.1', 'UTF-16BE', true, 2],
      'loupe-xliff22-modules.xlf': ['2.2', 'UTF-8', false, 6],
    });
  });

  it('gives every segment an id that is unique in its document and the same on every read', () => {
    for (const name of FILES) {
      const ids = read(name).segments.map((s) => s.id);
      expect(new Set(ids).size, name).toBe(ids.length);
      expect(read(name).segments.map((s) => s.id), name).toEqual(ids);
    }
  });

  it('builds ids from file, unit and segment, escaping "/", "#" and "%" and numbering repeats and gaps', () => {
    expect(read('loupe-xliff12-rtl-cjk.xlf').segments.map((s) => s.id)).toEqual([
      'docs%2Fa%231%25.md/1/#1',
      'docs%2Fa%231%25.md/1#2/#1', // the second trans-unit with id "1" in that file
      'docs%2Fa%231%25.md/code/#1',
      'docs%2Fa%231%25.md/label/#1',
      'docs%2Fa%231%25.md#2/1/#1', // the second file with that original
      'ui%2Fzh/p1/1', // <mrk mtype="seg" mid="1">
      'ui%2Fzh/p1/2',
      'ui%2Fzh/p2/#1',
      'si/s1/#1',
      'si/s2/#1',
    ]);
    expect(read('okapi-xliff20-everything-core.xlf').segments.map((s) => s.id)).toEqual(['f1/tu1/1', 'f1/tu1/2', 'f1/tu3/1', 'f1/tu3end/1', 'f1/tu2/s1']);
    // 2.x segments without an id are numbered among their unit's segments (ignorables do not count).
    const doc = readText(
      `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"><file id="f"><unit id="u"><segment><source>a</source></segment><ignorable><source> </source></ignorable><segment id="2"><source>b</source></segment><segment><source>c</source></segment></unit></file></xliff>`,
    );
    expect(doc.ok && doc.document.segments.map((s) => s.id)).toEqual(['f/u/#1', 'f/u/2', 'f/u/#3']);
  });

  it('keeps the ids as written beside the segment id', () => {
    const s = segment(read('loupe-xliff12-rtl-cjk.xlf'), 'ui%2Fzh/p1/2');
    expect([s.fileKey, s.unitId, s.segmentId]).toEqual(['ui/zh', 'p1', '2']);
    expect([s.line, s.column]).toEqual([37, 68]);
  });

  it('reads 1.2 segments from seg-source, matching target markers by mid whatever their order', () => {
    const doc = read('okapi-xliff12-qualitycheck-Test01.xlf');
    expect(show(segment(doc, 'testForSegments/5/s1').source)).toBe('Sentence 1© of p5.');
    expect(show(segment(doc, 'testForSegments/5/s1').target)).toBe('Swapped TrgSentence 1© of p5.');
    expect(show(segment(doc, 'testForSegments/5/s2').target)).toBe('Swapped TrgSentence 2 p5.');
    expect(segment(doc, 'testForSegments/2/s1').target).toBeNull();
  });

  it('reads text with entities, character references and CDATA resolved, and xml:space as in force', () => {
    const cjk = read('loupe-xliff12-rtl-cjk.xlf');
    expect(show(segment(cjk, 'docs%2Fa%231%25.md/1#2/#1').source)).toBe('Same id again & entities: <tag> ☺ © 🙂');
    expect(show(segment(cjk, 'docs%2Fa%231%25.md/label/#1').source)).toBe('Use <b> & enjoy');
    const crlf = read('loupe-xliff12-utf16le-crlf.xlf');
    const spaces = segment(crlf, 'ui%2Fstrings.properties/spaces/#1');
    expect(spaces.space).toBe('preserve');
    expect(show(spaces.source)).toBe('  Two  spaces,\ntwo lines.  ');
    const core = read('okapi-xliff20-everything-core.xlf');
    expect(segment(core, 'f1/tu1/1').space).toBe('preserve');
    expect(segment(core, 'f1/tu1/2').space).toBe('default');
  });

  it('reads the states: 1.2 state and state-qualifier on <target>, 2.x state and subState on <segment>', () => {
    expect(segment(read('loupe-xliff12-utf16le-crlf.xlf'), 'ui%2Fstrings.properties/greeting/#1').state).toEqual({ state: 'needs-review-translation', qualifier: 'mt-suggestion' });
    expect(segment(read('okapi-xliff20-everything-core.xlf'), 'f1/tu1/1').state).toEqual({ state: 'translated', qualifier: 'my:state' });
    expect(segment(read('okapi-xliff20-everything-core.xlf'), 'f1/tu1/2').state).toEqual({ state: null, qualifier: null });
  });

  it('keeps translate="no" segments, flagged, with inheritance and overrides', () => {
    const tr = (doc: XliffDocument) => Object.fromEntries(doc.segments.map((s) => [s.id, s.translate]));
    expect(tr(read('loupe-xliff12-rtl-cjk.xlf'))).toMatchObject({ 'docs%2Fa%231%25.md/code/#1': false, 'docs%2Fa%231%25.md/label/#1': true });
    expect(tr(read('loupe-xliff12-utf16le-crlf.xlf'))).toMatchObject({ 'ui%2Fstrings.properties/version/#1': false });
    expect(tr(read('loupe-xliff22-modules.xlf'))).toMatchObject({ 'app/hidden/#1': false, 'app/back/#1': true });
    // The file says no, its unit and group say yes.
    expect(Object.values(tr(read('okapi-xliff20-everything-core.xlf')))).toEqual([true, true, true, true, true]);
  });

  it('reads languages and directions: 2.x srcDir/trgDir, otherwise from the language', () => {
    const dirs = (doc: XliffDocument) => doc.segments.map((s) => `${s.targetLang}:${s.targetDir}`);
    expect(dirs(read('loupe-xliff12-rtl-cjk.xlf'))).toEqual(['he:rtl', 'he:rtl', 'he:rtl', 'he:rtl', 'ar:rtl', 'zh-CN:ltr', 'zh-CN:ltr', 'zh-CN:ltr', 'si:ltr', 'si:ltr']);
    const core = read('okapi-xliff20-everything-core.xlf');
    // The file is rtl; its unit and group say ltr.
    expect(core.segments.map((s) => [s.sourceDir, s.targetDir])).toEqual(Array(5).fill(['ltr', 'ltr']));
    expect(segment(read('loupe-xliff21-utf16be-arabic.xlf'), 'f1/u1/s1')).toMatchObject({ sourceLang: 'en', sourceDir: 'ltr', targetLang: 'ar', targetDir: 'rtl' });
  });

  it('reads notes of the unit, its groups and its file, the nearest first', () => {
    const notes = segment(read('okapi-xliff12-Test_Context_and_PH.xlf'), '%2Fhome%2Fguest%2Fdemo%2FTest.txt/654022/#1').notes;
    expect(notes.map((n) => [n.level, n.text])).toEqual([
      ['unit', 'trans unit note 1'],
      ['group', 'group note 1'],
    ]);
    const modules = segment(read('loupe-xliff22-modules.xlf'), 'app/title/#1').notes;
    expect(modules).toEqual([
      { text: 'Fits a button.', level: 'unit', appliesTo: 'target', author: null, category: null, priority: 1 },
      { text: 'Formal register.', level: 'file', appliesTo: null, author: null, category: 'style', priority: null },
    ]);
    expect(segment(read('loupe-xliff12-utf16le-crlf.xlf'), 'ui%2Fstrings.properties/greeting/#1').notes.map((n) => [n.level, n.author, n.appliesTo])).toEqual([
      ['unit', 'developer', 'source'],
      ['file', 'pm', null],
    ]);
  });

  it('reads length limits: slr size and storage restrictions, ITS storage size, 1.2 maxwidth in characters', () => {
    const modules = read('loupe-xliff22-modules.xlf');
    expect(segment(modules, 'app/title/#1').lengthLimit).toEqual({ max: 12, unit: 'codepoints', from: 'slr:sizeRestriction' });
    expect(segment(modules, 'app/codes/#1').lengthLimit).toEqual({ max: 64, unit: 'bytes', encoding: 'UTF-8', from: 'its:storageSize' });
    expect(segment(read('loupe-xliff12-utf16le-crlf.xlf'), 'ui%2Fstrings.properties/spaces/#1').lengthLimit).toEqual({ max: 30, unit: 'codepoints', from: 'maxwidth' });
    const storage = readText(
      `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:slr="urn:oasis:names:tc:xliff:sizerestriction:2.0" version="2.1" srcLang="en"><file id="f"><slr:profiles storageProfile="xliff:utf16"/><unit id="u" slr:storageRestriction="10,40"><segment><source>a</source></segment></unit><unit id="v" slr:sizeRestriction="9" maxwidth="3"><segment><source>b</source></segment></unit></file></xliff>`,
    );
    expect(storage.ok && storage.document.segments.map((s) => s.lengthLimit)).toEqual([
      { min: 10, max: 40, unit: 'bytes', encoding: 'UTF-16', from: 'slr:storageRestriction' },
      { max: 9, unit: 'codepoints', from: 'slr:sizeRestriction' },
    ]);
    // maxwidth is in pixels unless size-unit says char.
    const pixels = readText(v12('<trans-unit id="1" maxwidth="200"><source>a</source></trans-unit>'));
    expect(pixels.ok && pixels.document.segments[0]?.lengthLimit).toBeNull();
  });

  it('reads inline codes as protected tokens with keys, roles and labels', () => {
    const crlf = segment(read('loupe-xliff12-utf16le-crlf.xlf'), 'ui%2Fstrings.properties/tags/#1');
    expect(show(crlf.source)).toBe('Click [open g:1]here [open g:2]now[close g:2][close g:1] or [open bx:3]later[close bx:3].');
    expect(crlf.codes.map((c) => [c.n, c.key, c.label, Object.keys(c.markup).sort().join('+')])).toEqual([
      [1, 'g:1', 'bold', 'close+open'],
      [2, 'g:2', 'italic', 'close+open'],
      [3, 'bx:3', 'bx', 'close+open'],
    ]);
    const p2 = segment(read('loupe-xliff12-rtl-cjk.xlf'), 'ui%2Fzh/p2/#1');
    expect(p2.source.filter((t) => t.type === 'code').map((t) => t.type === 'code' && `${t.element}/${t.role}/${t.label}`)).toEqual([
      'g/open/g',
      'g/open/g',
      'g/close/g',
      'it/open/<u>',
      'g/close/g',
      'mrk/open/protected',
      'mrk/close/protected',
      'ph/standalone/{{count}}items',
    ]);
    const codes = segment(read('loupe-xliff22-modules.xlf'), 'app/codes/#1');
    expect(show(codes.source)).toBe(' [open sc:1]Bold[close sc:1], [open pc:2]italic [open pc:3]nested[close pc:3][close pc:2], [open sm:m]term[close sm:m], char[standalone cp:0007], [standalone ~<!-- note -->]done. ');
    expect(codes.codes.map((c) => c.label)).toEqual(['[b]', '[i]', 'pc', 'term', 'U+0007', '<!-- note -->']);
    // The markup kept for writing is the target's own when it has one.
    const test01 = segment(read('okapi-xliff12-qualitycheck-Test01.xlf'), 'testForSegments/7/#1');
    expect(test01.codes.find((c) => c.key === 'ph:1')?.markup.standalone).toBe('<ph id="1">&lt;BR></ph>');
    // 2.x labels from originalData.
    expect(segment(read('okapi-xliff20-everything-core.xlf'), 'f1/tu2/s1').codes.map((c) => c.label)).toEqual(['[b [#$tu3]   ]', '[rtl-data   ]']);
  });

  it('reads 1.2 alt-trans and 2.x mtc:match candidates with quality, origin and whether they are machine translation', () => {
    const save = segment(read('loupe-xliff12-utf16le-crlf.xlf'), 'ui%2Fstrings.properties/save/#1');
    // The previous version is no proposal: it is left out.
    expect(save.candidates.map((c) => [show(c.target), c.matchQuality, c.origin, c.machine])).toEqual([
      ['Die Änderungen speichern?', 75, 'product memory', false],
      ['Änderungen sichern?', 92, 'translation memory', false],
      ['Änderungen speichern?', 92, 'Google MT', true],
    ]);
    expect(show(save.candidates[0]?.source ?? null)).toBe('Save the changes?');
    const greeting = segment(read('loupe-xliff12-utf16le-crlf.xlf'), 'ui%2Fstrings.properties/greeting/#1');
    expect(greeting.candidates[0]?.origin).toBe('Acme NMT 3'); // the tool-name of its tool-id
    const arabic = segment(read('loupe-xliff21-utf16be-arabic.xlf'), 'f1/u1/s1');
    expect(arabic.candidates.map((c) => [c.type, c.matchQuality, c.similarity, c.origin, c.machine])).toEqual([
      ['tm', null, 75, 'memory', false],
      ['mt', 81.5, null, 'Acme NMT', true],
    ]);
    // ITS MT confidence annotators make matches machine translation.
    const mt = segment(read('okapi-xliff20-mt-confidence.xlf'), 'f1/u1/#1');
    expect(mt.candidates.map((c) => [c.matchQuality, c.origin, c.machine])).toEqual([
      [89.82, 'MTServices-XYZ', true],
      [67.8, 'MTProvider-ABC', true],
      [65, 'MTProvider-JKL', true],
      [89.82, 'MTServices-XYZ', true],
    ]);
  });

  it('assigns 2.x matches to the segment or source span their ref points at, and says when one points nowhere', () => {
    const doc = read('loupe-xliff22-modules.xlf');
    expect(segment(doc, 'app/two/a').candidates.map((c) => show(c.target))).toEqual(['ראשון!', 'ראשון.']);
    expect(segment(doc, 'app/two/b').candidates.map((c) => show(c.target))).toEqual(['שני.']);
    expect(doc.warnings.map((w) => w.message)).toEqual([
      'loupe-xliff22-modules.xlf line 19, column 7: unit "two" has 1 translation candidate(s) whose ref points at no segment of the unit; they are not offered',
    ]);
  });
});

describe('the AI output of a segment (BRIEF 3.1)', () => {
  it('is the target when it has text or codes', () => {
    const out = segment(read('okapi-xliff12-qualitycheck-Test01.xlf'), 'testForSegments/pre1/#1').aiOutput;
    expect(out).toMatchObject({ from: 'target', candidate: null, reason: "the file's target" });
    expect(show(out.content)).toBe("c'est une exemple.");
  });

  it('takes the quality and origin of a candidate the target equals', () => {
    const out = segment(read('loupe-xliff12-utf16le-crlf.xlf'), 'ui%2Fstrings.properties/greeting/#1').aiOutput;
    expect(out).toMatchObject({ from: 'target', candidate: 0, matchQuality: 87, origin: 'Acme NMT 3', machine: true });
    expect(out.reason).toBe("the file's target, which is candidate 1 (match quality 87, machine translation, from Acme NMT 3)");
  });

  it('takes an ITS MT confidence on the target as its quality', () => {
    expect(segment(read('okapi-xliff20-mt-confidence.xlf'), 'f1/u2/#1').aiOutput).toMatchObject({ from: 'target', matchQuality: 89.82, origin: 'MTServices-XYZ', machine: true });
  });

  it('is the best candidate when the target is empty or missing: highest quality, machine translation on ties', () => {
    const save = segment(read('loupe-xliff12-utf16le-crlf.xlf'), 'ui%2Fstrings.properties/save/#1').aiOutput;
    expect(show(save.content)).toBe('Änderungen speichern?');
    expect(save).toMatchObject({ from: 'candidate', candidate: 2, matchQuality: 92, origin: 'Google MT', machine: true });
    expect(save.reason).toBe('the target is empty; candidate 3 (match quality 92, machine translation, from Google MT): tied on match quality with 1 other, and machine translation is preferred');
    const empty = segment(read('okapi-xliff12-Test_Context_and_PH.xlf'), '%2Fhome%2Fguest%2Fdemo%2FTest.txt/654019/#1').aiOutput;
    expect(empty).toMatchObject({ from: 'candidate', candidate: 0, matchQuality: 10, machine: false });
    expect(show(empty.content)).toContain('Limpeza de cópia somente de log');
    // 2.x: matchQuality, else similarity.
    const arabic = segment(read('loupe-xliff21-utf16be-arabic.xlf'), 'f1/u1/s1').aiOutput;
    expect([show(arabic.content), arabic.candidate, arabic.reason]).toEqual(['افتح الملف.', 1, 'there is no target; candidate 2 (match quality 81.5, machine translation, from Acme NMT): the highest match quality']);
    const tie = segment(read('loupe-xliff22-modules.xlf'), 'app/two/a').aiOutput;
    expect([show(tie.content), tie.origin]).toEqual(['ראשון.', 'Acme NMT']);
    // Equal quality, both machine translation: the first in the file.
    const first = segment(read('okapi-xliff20-mt-confidence.xlf'), 'f1/u1/#1').aiOutput;
    expect([show(first.content), first.candidate]).toEqual(['Texte', 0]);
  });

  it('reads match-quality written as a percentage, a number or a fraction', () => {
    const doc = readText(
      v12(
        ['95%', '95', '0.95', '.5', 'high', ''].map((q, i) => `<trans-unit id="${i}"><source>a</source><alt-trans match-quality="${q}"><target>b</target></alt-trans></trans-unit>`).join(''),
      ),
    );
    expect(doc.ok && doc.document.segments.map((s) => s.candidates[0]?.matchQuality)).toEqual([95, 95, 95, 50, null, null]);
  });

  it('is nothing, said so, when there is neither target nor candidate', () => {
    const out = segment(read('okapi-xliff12-qualitycheck-Test01.xlf'), 'testForSegments/1/#1').aiOutput;
    expect(out).toEqual({ content: [], from: 'none', candidate: null, matchQuality: null, origin: null, machine: false, reason: 'there is no target and the file proposes no translation' });
  });
});

describe('refusing what is not readable XLIFF, saying where and what to do', () => {
  it('names line and column of malformed XML', () => {
    const result = readText('<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n  <file original="f"><body>\n    <trans-unit id="1"><source>a</target></trans-unit>\n</body></file></xliff>', 'broken.xlf');
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'xml',
        fileName: 'broken.xlf',
        line: 4,
        column: 41,
        message:
          'broken.xlf line 4, column 41: is not well-formed XML (unexpected close tag) — the file is damaged or was not saved completely; open it in the tool that made it and save it again, or ask for a new copy',
      },
    });
    const cut = readText(v12('<trans-unit id="1"><source>a</source></trans-unit>').slice(0, 150), 'cut.xlf');
    expect(!cut.ok && [cut.error.kind, cut.error.line]).toEqual(['xml', 2]);
    const empty = readText('', 'empty.xlf');
    expect(!empty.ok && empty.error.kind).toBe('xml');
  });

  it('refuses XML that is not XLIFF', () => {
    const result = readText('<?xml version="1.0"?>\n<html><body/></html>', 'page.xml');
    expect(!result.ok && result.error).toEqual({
      kind: 'not-xliff',
      fileName: 'page.xml',
      line: 2,
      column: 1,
      message: 'page.xml line 2, column 1: is XML but not XLIFF: its root element is <html>, not <xliff> — pick an XLIFF file (.xlf, .xliff) exported from your translation tool',
    });
    const foreign = readText('<xliff xmlns="urn:example:other" version="1.2"/>');
    expect(!foreign.ok && foreign.error.kind).toBe('not-xliff');
  });

  it('refuses versions it does not read, naming them', () => {
    const v11 = readText('<xliff version="1.1" xmlns="urn:oasis:names:tc:xliff:document:1.1"><file original="f" source-language="en" datatype="plaintext"><body/></file></xliff>', 'old.xlf');
    expect(!v11.ok && v11.error).toMatchObject({
      kind: 'version',
      line: 1,
      column: 1,
      message: 'old.xlf line 1, column 1: is XLIFF 1.1, which Loupe does not read (it reads XLIFF 1.2 and 2.0–2.2) — export the file as XLIFF 1.2 or 2.x from the tool that made it, then import it again',
    });
    const v3 = readText('<xliff version="3.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en"/>');
    expect(!v3.ok && [v3.error.kind, v3.error.message]).toEqual(['version', expect.stringContaining('is XLIFF 3.0, which Loupe does not read')]);
    const v10 = readText('<xliff version="1.0"/>');
    expect(!v10.ok && v10.error.kind).toBe('version');
  });

  it('reads 1.2 without its namespace, with a warning', () => {
    const result = readText('<xliff version="1.2"><file original="f" source-language="en" target-language="de" datatype="plaintext"><body><trans-unit id="1"><source>a</source><target>b</target></trans-unit></body></file></xliff>', 'bare.xlf');
    expect(result.ok && [result.document.segments.length, result.document.warnings.map((w) => w.message)]).toEqual([1, ['bare.xlf line 1, column 1: declares XLIFF 1.2 without its namespace; it was read as XLIFF 1.2']]);
  });

  it('refuses encodings other than UTF-8 and UTF-16, and bytes that are not what they claim', () => {
    const latin = readXliff(new Uint8Array([...new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?>\n<xliff/>')]), 'latin.xlf');
    expect(!latin.ok && latin.error).toEqual({
      kind: 'encoding',
      fileName: 'latin.xlf',
      line: 1,
      message: 'latin.xlf line 1: is encoded in ISO-8859-1 (its XML declaration says so), which Loupe does not read — save it as UTF-8 (or UTF-16) in the tool that made it, then import it again',
    });
    const bad = readXliff(new Uint8Array([...new TextEncoder().encode('<?xml version="1.0"?>\n<xliff>\n  <a>caf'), 0xe9, 0x20, 0x3c]), 'bad.xlf');
    expect(!bad.ok && bad.error).toMatchObject({ kind: 'encoding', line: 3, column: 9, message: expect.stringContaining('bad.xlf line 3, column 9: is not valid UTF-8 (byte 39 of the file cannot be read)') });
    const utf32 = readXliff(new Uint8Array([0xff, 0xfe, 0, 0, 0x3c, 0, 0, 0]), 'wide.xlf');
    expect(!utf32.ok && utf32.error.message).toBe('wide.xlf: is encoded in UTF-32, which Loupe does not read — save it as UTF-8 (or UTF-16) in the tool that made it, then import it again');
  });

  it('reads by the byte-order mark when the declaration disagrees, with a warning', () => {
    const text = '<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i += 1) bytes[2 + 2 * i] = text.charCodeAt(i);
    const result = readXliff(bytes, 'mixed.xlf');
    expect(result.ok && [result.document.encoding, result.document.warnings.map((w) => w.message)]).toEqual([
      'UTF-16LE',
      ['mixed.xlf line 1: its XML declaration says UTF-8, but its bytes are UTF-16LE; it was read (and is written back) as UTF-16LE'],
    ]);
  });

  it('refuses a unit without a source', () => {
    const result = readText(v12('\n<trans-unit id="7"><target>b</target></trans-unit>'), 'nosource.xlf');
    expect(!result.ok && result.error).toMatchObject({ kind: 'structure', line: 3, column: 1, message: expect.stringContaining('trans-unit "7" has no <source>') });
  });
});
