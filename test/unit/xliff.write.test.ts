import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReviewStatus } from '../../shared/domain';
import { contentToText, readXliff, textToContent, updatesFromReviews, writeXliff, xliffBatch, type Content, type TargetUpdate, type XliffDocument, type XliffSegment } from '../../shared/xliff';
import { ELEMENT, NONE, TEXT } from '../../shared/xliff/tree';
import { parseXml } from '../../shared/xliff/xml';

const FIXTURES = join(process.cwd(), 'test/fixtures/xliff');
const FILES = readdirSync(FIXTURES).filter((f) => f.endsWith('.xlf'));

const bytesOf = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

function read(bytes: Uint8Array, name = 'test.xlf'): XliffDocument {
  const result = readXliff(bytes, name);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

function write(doc: XliffDocument, updates: ReadonlyMap<string, TargetUpdate>): Uint8Array {
  const result = writeXliff(doc, updates);
  if (!result.ok) throw new Error(result.error.message);
  return result.bytes;
}

function segment(doc: XliffDocument, id: string): XliffSegment {
  const found = doc.segments.find((s) => s.id === id);
  if (!found) throw new Error(`no segment ${id}`);
  return found;
}

const textOf = (doc: XliffDocument, id: string) => {
  const s = segment(doc, id);
  return s.target && contentToText(s.target, s.codes);
};

const STATE_ATTRIBUTES = new Set(['state', 'state-qualifier', 'subState']);
const UNITS = new Set(['trans-unit', 'segment']);

/**
 * The document as canonical text with its targets and their state attributes left out: element by
 * element, attributes sorted, white space between a unit's elements ignored. Two documents that differ
 * only in targets and states give the same text.
 */
function withoutTargets(text: string): string {
  const xml = parseXml(text, 'canonical');
  const walk = (node: number, parent: number): string => {
    if (xml.kind(node) === TEXT) return parent !== NONE && UNITS.has(xml.local(parent)) && xml.textOf(node).trim() === '' ? '' : JSON.stringify(xml.textOf(node));
    if (xml.kind(node) !== ELEMENT) return xml.markup(node);
    if (xml.local(node) === 'target' && parent !== NONE && UNITS.has(xml.local(parent))) return '';
    const stateful = xml.local(node) === 'target' || xml.local(node) === 'segment';
    const attrs = xml
      .attributes(node)
      .filter((a) => !(stateful && a.uri === '' && STATE_ATTRIBUTES.has(a.local)))
      .map((a) => `${a.uri}|${a.local}=${JSON.stringify(a.value)}`)
      .sort();
    let children = '';
    for (let c = xml.firstChild(node); c !== NONE; c = xml.nextSibling(c)) children += walk(c, node);
    return `<${xml.uri(node)}|${xml.local(node)} ${attrs.join(' ')}>${children}</>`;
  };
  return walk(xml.root, NONE);
}

const decode = (bytes: Uint8Array, doc: XliffDocument) => new TextDecoder(doc.encoding.toLowerCase()).decode(bytes);

const VERDICTS: ReviewStatus[] = ['accepted', 'corrected', 'flagged', 'rejected'];

/** A review of every reviewable segment, the statuses in turn; a correction appends text that needs escaping. */
function reviewEverything(doc: XliffDocument) {
  return xliffBatch(doc).items.map((item, i) => {
    const status = VERDICTS[i % VERDICTS.length]!;
    const output = String(item.output.target);
    return { itemId: item.id, status, values: { target: status === 'corrected' ? `${output} — fixed: a < b & "c" ]]> 'd'\nnext line` : output } };
  });
}

describe('writing XLIFF back', () => {
  it('gives back the very bytes it read when nothing was reviewed', () => {
    for (const name of FILES) {
      const bytes = bytesOf(name);
      const result = writeXliff(read(bytes, name), new Map());
      expect(result.ok && [result.changed, result.warnings], name).toEqual([[], []]);
      expect(result.ok && result.bytes, name).toEqual(bytes);
      // Also with updates that change nothing: a pending review.
      const doc = read(bytes, name);
      const pending = new Map(doc.segments.filter((s) => s.translate).map((s) => [s.id, { status: 'pending' as const }]));
      expect(write(doc, pending), name).toEqual(bytes);
    }
  });

  it('changes only targets and their states, keeps encoding and byte-order mark, and writes what was reviewed', () => {
    for (const name of FILES) {
      const bytes = bytesOf(name);
      const doc = read(bytes, name);
      const reviews = reviewEverything(doc);
      const out = write(doc, updatesFromReviews(doc, reviews));
      const again = read(out, name);
      expect([again.version, again.encoding, again.bom], name).toEqual([doc.version, doc.encoding, doc.bom]);
      expect(Array.from(out.subarray(0, 3)), name).toEqual(Array.from(bytes.subarray(0, 3)));
      expect(withoutTargets(decode(out, doc)), name).toBe(withoutTargets(doc.text));
      expect(again.segments.map((s) => s.id), name).toEqual(doc.segments.map((s) => s.id));
      for (const review of reviews) {
        const before = segment(doc, review.itemId);
        // A rejection leaves the target as it was (or empty, when a 1.2 unit's target had to be made for
        // another of its segments); every other verdict writes the reviewed text.
        if (review.status === 'rejected') expect(textOf(again, review.itemId) ?? '', `${name} ${review.itemId}`).toBe(before.target ? contentToText(before.target, before.codes) : '');
        else expect(textOf(again, review.itemId), `${name} ${review.itemId}`).toBe(review.values.target);
      }
      // Translate="no" segments are untouched.
      for (const s of doc.segments.filter((x) => !x.translate)) expect(segment(again, s.id).target, name).toEqual(s.target);
    }
  });

  it('is idempotent: writing the same reviews into what it wrote changes nothing', () => {
    for (const name of FILES) {
      const doc = read(bytesOf(name), name);
      const reviews = reviewEverything(doc);
      const out = write(doc, updatesFromReviews(doc, reviews));
      const again = read(out, name);
      const second = writeXliff(again, updatesFromReviews(again, reviews));
      expect(second.ok && [second.bytes, second.changed], name).toEqual([out, []]);
    }
  });

  it('splices the new target and state into the original text, leaving every other byte alone', () => {
    const bytes = bytesOf('okapi-xliff12-qualitycheck-Test01.xlf');
    const doc = read(bytes);
    const out = write(doc, new Map([['testForSegments/6/#1', { status: 'corrected', target: textToContent('Phrase 1 de p6 ⟨1/⟩.', segment(doc, 'testForSegments/6/#1').codes) }]]));
    const text = new TextDecoder().decode(out);
    expect(text).toBe(
      new TextDecoder().decode(bytes).replace('<target xml:lang="fr">Sentence 1 of p6 <ph id="1">{Code}</ph>.</target>', '<target xml:lang="fr" state="signed-off">Phrase 1 de p6 <ph id="1">{Code}</ph>.</target>'),
    );
    expect(Array.from(out.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('adds a missing 1.2 target after the source, indented like it, with xml:lang when the source has one', () => {
    const doc = read(bytesOf('okapi-xliff12-qualitycheck-Test01.xlf'));
    const text = new TextDecoder().decode(write(doc, new Map([['testForSegments/1/#1', { status: 'accepted', target: [{ type: 'text', text: 'Phrase 1© de p1.' }] }]])));
    expect(text).toContain('<source xml:lang="en">Sentence 1© of p1. Sentence 2 p1.</source>\n<target xml:lang="fr" state="signed-off">Phrase 1© de p1.</target>\n</trans-unit>');
    // In UTF-16 with CRLF, the new line is CRLF too, and so are line breaks in the new text.
    const crlf = read(bytesOf('loupe-xliff12-utf16le-crlf.xlf'));
    const out = write(crlf, new Map([['ui%2Fstrings.properties/spaces/#1', { status: 'corrected', target: [{ type: 'text', text: '  Zwei  Leerzeichen,\nzwei Zeilen.  ' }] }]]));
    expect(decode(out, crlf)).toContain('two lines.  </source>\r\n        <target state="signed-off">  Zwei  Leerzeichen,\r\nzwei Zeilen.  </target>\r\n      </trans-unit>');
    expect(textOf(read(out), 'ui%2Fstrings.properties/spaces/#1')).toBe('  Zwei  Leerzeichen,\nzwei Zeilen.  ');
  });

  it('fills an empty <target/>, and writes a rejection as a state only', () => {
    const doc = read(bytesOf('okapi-xliff12-Test_Context_and_PH.xlf'));
    const first = '%2Fhome%2Fguest%2Fdemo%2FTest.txt/654022/#1';
    const second = '%2Fhome%2Fguest%2Fdemo%2FTest.txt/654019/#1';
    const updates = updatesFromReviews(doc, [
      { itemId: first, status: 'accepted', values: { target: contentToText(segment(doc, first).aiOutput.content, segment(doc, first).codes) } },
      { itemId: second, status: 'rejected', values: { target: 'ignored' } },
    ]);
    const text = new TextDecoder().decode(write(doc, updates));
    expect(text).toContain(`<target state="signed-off" state-qualifier="leveraged-tm">Automático limpar operação log de somente copiar '<ph id="ph_Placeholder_1" equiv-text="{0}" />\\<ph id="ph_Placeholder_2"`);
    expect(text).toContain('<target state="needs-translation" state-qualifier="rejected-inaccurate" />');
  });

  it('adds a missing 2.x target after the source, with the prefix the document uses, on one line when the segment is', () => {
    const doc = read(bytesOf('loupe-xliff20-prefixed.xlf'));
    const out = new TextDecoder().decode(
      write(
        doc,
        new Map<string, TargetUpdate>([
          ['f/u/1', { status: 'accepted', target: [{ type: 'text', text: 'Chat & chien' }] }],
          ['f/u/3', { status: 'corrected', target: [{ type: 'text', text: 'Poisson' }] }],
        ]),
      ),
    );
    expect(out).toContain("<x:segment id='1' state='reviewed' subState='loupe:accepted'>\n    <x:source>Cat &amp; dog</x:source>\n    <x:target>Chat &amp; chien</x:target>\n   </x:segment>");
    expect(out).toContain("<x:segment id='3' state='reviewed' subState='loupe:corrected'><x:source>Fish</x:source><x:target>Poisson</x:target></x:segment>");
  });

  it('writes 1.2 segmented targets into their markers, making the target from the seg-source when there is none', () => {
    const doc = read(bytesOf('okapi-xliff12-qualitycheck-Test01.xlf'));
    const out = new TextDecoder().decode(
      write(
        doc,
        new Map<string, TargetUpdate>([
          ['testForSegments/2/s2', { status: 'accepted', target: [{ type: 'text', text: 'Phrase 2 p2.' }] }],
          ['testForSegments/5/s1', { status: 'corrected', target: [{ type: 'text', text: 'Phrase 1© de p5.' }] }],
        ]),
      ),
    );
    // Unit 2 had no target: the seg-source's markers, s1 empty as it was not reviewed; the unit's state waits for s1.
    expect(out).toContain('</seg-source>\n<target xml:lang="fr"><mrk mtype="seg" mid="s1"></mrk> <mrk mtype="seg" mid="s2">Phrase 2 p2.</mrk></target>\n</trans-unit>');
    // Unit 5's target keeps its order; only s1 changed. The other segment had no verdict, so the state stays.
    expect(out).toContain('<target xml:lang="fr"><mrk mtype="seg" mid="s2">Swapped TrgSentence 2 p5.</mrk> <mrk mtype="seg" mid="s1">Phrase 1© de p5.</mrk></target>');
    // Both segments reviewed: the unit takes the least advanced verdict.
    const both = new TextDecoder().decode(
      write(
        doc,
        new Map<string, TargetUpdate>([
          ['testForSegments/3/s1', { status: 'accepted' }],
          ['testForSegments/3/s2', { status: 'flagged' }],
        ]),
      ),
    );
    expect(both).toContain('<target xml:lang="fr" state="needs-review-translation"><mrk mtype="seg" mid="s1">TrgSentence 1© of p3.</mrk>');
  });

  it('writes inline codes from their original markup, the target\'s own first, whatever order the reviewer put them in', () => {
    const doc = read(bytesOf('okapi-xliff12-qualitycheck-Test01.xlf'));
    const s7 = segment(doc, 'testForSegments/7/#1');
    expect(contentToText(s7.target!, s7.codes)).toBe('⟨1⟩TrgSentence⟨/1⟩ of p7 ⟨2/⟩.');
    const out = new TextDecoder().decode(write(doc, new Map([[s7.id, { status: 'corrected', target: textToContent('⟨2/⟩ Phrase ⟨1⟩1⟨/1⟩ de p7.', s7.codes) }]])));
    expect(out).toContain(`<target xml:lang="fr" state="signed-off"><ph id="1">&lt;BR></ph> Phrase <bpt id='1'>&lt;b></bpt>1<ept id='1'>&lt;/b></ept> de p7.</target>`);
    // A code only the source has is taken from the source.
    const crlf = read(bytesOf('loupe-xliff12-utf16le-crlf.xlf'));
    const greeting = segment(crlf, 'ui%2Fstrings.properties/greeting/#1');
    const written = decode(write(crlf, new Map([[greeting.id, { status: 'corrected', target: textToContent('Hi ⟨1/⟩', greeting.codes) }]])), crlf);
    expect(written).toContain('<target state="signed-off">Hi <x id="1" ctype="x-name" equiv-text="{name}"/></target>');
  });

  it('keeps enclosing codes balanced: a tag without its partner is written as the empty element, with a warning', () => {
    const doc = read(bytesOf('loupe-xliff12-utf16le-crlf.xlf'), 'loupe-xliff12-utf16le-crlf.xlf');
    const tags = segment(doc, 'ui%2Fstrings.properties/tags/#1');
    expect(contentToText(tags.target!, tags.codes)).toBe('Klicken Sie ⟨1⟩hier ⟨2⟩jetzt⟨/2⟩⟨/1⟩ oder ⟨3⟩später⟨/3⟩.');
    const result = writeXliff(doc, new Map([[tags.id, { status: 'corrected', target: textToContent('Klicken ⟨1⟩hier ⟨2⟩jetzt⟨/1⟩ oder ⟨/3⟩später.', tags.codes) }]]));
    expect(result.ok && result.warnings.map((w) => w.message)).toEqual([
      'loupe-xliff12-utf16le-crlf.xlf line 47, column 7: segment ui%2Fstrings.properties/tags/#1: ⟨2⟩ has no partner in the new target; it was written as an empty <g/>',
    ]);
    const written = result.ok ? decode(result.bytes, doc) : '';
    // bx/ex are empty elements already: one alone is fine XML.
    expect(written).toContain('<target state="signed-off">Klicken <g id="1" ctype="bold">hier <g id="2" ctype="italic"/>jetzt</g> oder <ex id="4" rid="3"/>später.</target>');
  });

  it('escapes text, keeps CR as a reference and writes characters XML cannot hold as 2.x <cp>', () => {
    const doc = read(bytesOf('loupe-xliff22-modules.xlf'));
    const text = 'a & b < c > d ]]> "e" \'f\' \r g \u0007 h 🙂';
    const out = write(doc, new Map([['app/title/#1', { status: 'corrected', target: [{ type: 'text', text }] }]]));
    expect(new TextDecoder().decode(out)).toContain('<target>a &amp; b &lt; c &gt; d ]]&gt; "e" \'f\' &#13; g <cp hex="0007"/> h 🙂</target>');
    const back = segment(read(out), 'app/title/#1').target;
    expect(back).toEqual([{ type: 'text', text: 'a & b < c > d ]]> "e" \'f\' \r g ' }, { type: 'code', element: 'cp', role: 'standalone', key: 'cp:0007', markup: '<cp hex="0007"/>', label: 'U+0007' }, { type: 'text', text: ' h 🙂' }]);
  });

  it('round-trips any text a reviewer may type, in every encoding', () => {
    // What comes back is the text as Loupe writes it: a lone "⟨" typed comes back doubled, as the notation has it.
    const chars = fc.constantFrom('a', 'Z', ' ', '\n', '\t', '&', '<', '>', ']', '"', "'", '⟨', '⟩', '/', '1', 'é', 'ש', 'ع', '中', 'ස්', '🙂', '\u200f');
    for (const name of ['loupe-xliff12-rtl-cjk.xlf', 'loupe-xliff12-utf16le-crlf.xlf', 'loupe-xliff21-utf16be-arabic.xlf']) {
      const doc = read(bytesOf(name), name);
      const id = doc.segments.find((s) => s.translate)!.id;
      fc.assert(
        fc.property(fc.string({ unit: chars, maxLength: 40 }), (typed) => {
          const out = write(doc, updatesFromReviews(doc, [{ itemId: id, status: 'corrected', values: { target: typed } }]));
          const back = segment(read(out, name), id);
          const codes = segment(doc, id).codes;
          return contentToText(back.target!, back.codes) === contentToText(textToContent(typed, codes), codes) && withoutTargets(decode(out, doc)) === withoutTargets(doc.text);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('refuses what it cannot write, saying which segment and what to do', () => {
    const doc = read(bytesOf('loupe-xliff12-utf16le-crlf.xlf'), 'ui.xlf');
    expect(writeXliff(doc, new Map([['nope/x/#1', { status: 'accepted' }]]))).toEqual({
      ok: false,
      error: {
        kind: 'unknown-segment',
        fileName: 'ui.xlf',
        segment: 'nope/x/#1',
        message: 'ui.xlf: has no segment "nope/x/#1" — the results are for another file or another version of it; export with the XLIFF file the batch was made from',
      },
    });
    const hidden = writeXliff(doc, new Map([['ui%2Fstrings.properties/version/#1', { status: 'accepted' }]]));
    expect(!hidden.ok && hidden.error).toMatchObject({ kind: 'not-translatable', line: 39, column: 7 });
    const control = writeXliff(doc, new Map([['ui%2Fstrings.properties/save/#1', { status: 'corrected', target: [{ type: 'text', text: 'bell \u0007' }] }]]));
    expect(!control.ok && control.error.message).toBe(
      'ui.xlf line 22, column 7: segment ui%2Fstrings.properties/save/#1: the new target holds the character U+0007, which XML 1.0 cannot hold — remove it from the target and export again',
    );
    const foreign: Content = [{ type: 'code', element: 'ph', role: 'standalone', key: 'ph:99', markup: '<evil/>', label: '' }];
    const unknown = writeXliff(doc, new Map([['ui%2Fstrings.properties/save/#1', { status: 'corrected', target: foreign }]]));
    expect(!unknown.ok && [unknown.error.kind, unknown.error.message]).toEqual(['unwritable', expect.stringContaining("has an inline code (ph ph:99) that is not in the segment's source, target or candidates")]);
    // A code whose namespace is declared on the source alone would not be XML in the target: reported, not written.
    const scoped = read(new TextEncoder().encode('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr"><file id="f"><unit id="u"><segment id="s"><source xmlns:my="urn:example:my">a<my:x/></source></segment></unit></file></xliff>'), 'scoped.xlf');
    const code = scoped.segments[0]!;
    const unbound = writeXliff(scoped, new Map([[code.id, { status: 'corrected', target: textToContent('b⟨1/⟩', code.codes) }]]));
    expect(!unbound.ok && unbound.error).toEqual({
      kind: 'internal',
      fileName: 'scoped.xlf',
      message: 'scoped.xlf: the document Loupe wrote is not well-formed XML (line 1, column 246: unbound namespace prefix: "my") — this is a fault in Loupe; please report it with the file',
    });
  });

  it('writes from a document that was copied (structured clone), reading its bytes again', () => {
    const doc = read(bytesOf('okapi-xliff20-mt-confidence.xlf'));
    const out = write(structuredClone(doc), new Map([['f1/u1/#1', { status: 'accepted', target: segment(doc, 'f1/u1/#1').aiOutput.content }]]));
    expect(new TextDecoder().decode(out)).toContain('<segment state="reviewed" subState="loupe:accepted">\n   <source><mrk id=\'m1\' type=\'mtc:match\'>Text</mrk></source>\n   <target>Texte</target>\n  </segment>');
  });
});
