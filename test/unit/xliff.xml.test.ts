// The XML under shared/xliff: the fast scanner (xml-fast.ts) must accept only what saxes accepts and build
// the very tree saxes' events build, leaving everything else to saxes, which words the errors.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeXml, encodedLength } from '../../shared/xliff/encoding';
import { ELEMENT, NONE, TEXT, type XmlDoc } from '../../shared/xliff/tree';
import { parseWithSaxes, parseXml, positionOf, wellFormednessError } from '../../shared/xliff/xml';
import { checkFast, parseFast } from '../../shared/xliff/xml-fast';

const FIXTURES = join(process.cwd(), 'test/fixtures/xliff');

/** Everything the tree knows, node by node, in document order. */
function describeTree(doc: XmlDoc): unknown[] {
  const out: unknown[] = [];
  const walk = (n: number): void => {
    const kind = doc.kind(n);
    if (kind === TEXT) out.push(['text', doc.start(n), doc.end(n), doc.textOf(n)]);
    else if (kind !== ELEMENT) out.push([kind, doc.start(n), doc.end(n)]);
    else {
      out.push(['element', doc.name(n), doc.local(n), doc.uri(n), doc.attributes(n), doc.start(n), doc.openEnd(n), doc.closeStart(n), doc.end(n), doc.selfClosing(n)]);
      for (let c = doc.firstChild(n); c !== NONE; c = doc.nextSibling(c)) walk(c);
      out.push(['end', doc.name(n)]);
    }
  };
  walk(doc.root);
  return out;
}

/** saxes' verdict: the tree, or its error message. */
function bySaxes(text: string): { tree: unknown[] } | { error: unknown } {
  try {
    return { tree: describeTree(parseWithSaxes(text, 'f.xml')) };
  } catch (e) {
    return { error: e };
  }
}

/** The property: the scanner builds saxes' tree, or leaves the text to saxes; the check agrees with saxes. */
function agrees(text: string): boolean {
  const fast = parseFast(text);
  const slow = bySaxes(text);
  expect(checkFast(text), JSON.stringify(text)).toBe(fast !== null);
  expect(wellFormednessError(text) === null, JSON.stringify(text)).toBe('tree' in slow);
  if (fast === null) return false;
  expect('tree' in slow ? slow.tree : slow, JSON.stringify(text)).toEqual(describeTree(fast));
  return true;
}

describe('the fast XML scanner', () => {
  it('builds the tree saxes builds for every fixture, without leaving any to saxes', () => {
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.xlf'))) {
      const { text } = decodeXml(new Uint8Array(readFileSync(join(FIXTURES, name))), name, []);
      expect(agrees(text), name).toBe(true);
    }
  });

  it('reads what needs more than a slice as saxes does: entities, line breaks, CDATA, comments, namespaces', () => {
    const accepted = [
      '<a>x &amp; &lt;y&gt; &quot;&apos; &#65;&#x42;&#x1F642; &#13;</a>',
      '<a>one\r\ntwo\rthree\n</a>',
      '<a b="tab\there" c="line\r\nbreak" d=\'&amp;&#10;\' e = "spaced"/>',
      '<a>text<![CDATA[ <raw> & ]] \r\n ]]>more<![CDATA[]]></a>',
      '<a><![CDATA[]]></a>',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- before --><?pi before?>\n<a><!-- in --><?pi in?>]] ></a>\n<!-- after --><?pi after ?>\n',
      '\uFEFF<a/>',
      '<?xml version=\'1.0\'?><a/>',
      '<p:a xmlns:p="urn:p" xmlns="urn:d"><b p:x="1" x="2"><c xmlns=""/></b><p:d xmlns:p="urn:q"/></p:a>',
      '<a xml:lang="de" xmlns:xml="http://www.w3.org/XML/1998/namespace"><xml:b/></a>',
      '<a p:x="1" q:x="2" xmlns:p="urn:p" xmlns:q="urn:q"/>',
      '<a>\u00e9\u4e2d\ud83d\ude42</a >',
    ];
    for (const text of accepted) expect(agrees(text), text).toBe(true);
  });

  it('leaves to saxes what it cannot vouch for, and saxes decides', () => {
    const left = [
      '<!DOCTYPE a><a/>', // a DOCTYPE
      '<?xml version="1.1"?><a/>', // XML 1.1 has other characters
      '<é/>', // names outside ASCII
      '<a é="1"/>',
      '<a>&nbsp;</a>', // undeclared entity
      '<a>&#0;</a>',
      '<a>&#X41;</a>',
      '<a>]]></a>',
      '<a>\u0001</a>',
      '<a>\ud800</a>',
      '<a>\uffff</a>',
      '<a b="1" b="2"/>',
      '<a p:x="1" q:x="2" xmlns:p="urn:u" xmlns:q="urn:u"/>',
      '<p:a/>',
      '<a xmlns:p=""/>',
      '<xmlns:a xmlns:xmlns="x"/>',
      '<a b=1/>',
      '<a b="<"/>',
      '<a b="1"c="2"/>',
      '<a></b>',
      '<a>',
      '<a/><b/>',
      'text<a/>',
      '<a/>text',
      ' <?xml version="1.0"?><a/>',
      '<a><!-- -- --></a>',
      '<a><?xml x?></a>',
      '<a><!-- x ---></a>',
      '',
    ];
    for (const text of left) {
      expect(parseFast(text), text).toBeNull();
      agrees(text);
    }
  });

  it('agrees with saxes on documents built from the pieces XLIFF files are made of, and broken ones', () => {
    const piece = fc.constantFrom(
      'text',
      ' ',
      '\n  ',
      '\r\n',
      '\r',
      '&amp;',
      '&#x41;',
      '&#10;',
      '&#0;',
      '&bogus;',
      '&',
      ']]>',
      ']',
      '<![CDATA[c <d> ]]>',
      '<!-- note -->',
      '<!-- a -- b -->',
      '<?pi data?>',
      '<x/>',
      '<x id="1" ctype="bold"/>',
      '<p:y xmlns:p="urn:p"/>',
      '<p:y/>',
      '<z a="1" a="2"/>',
      '<z a="&lt;&#9;\r\n"/>',
      "<z a='\"'/>",
      '<é/>',
      '\u00e9\u4e2d',
      '\ud83d\ude42',
      '\u0007',
      '<',
      '>',
      '</q>',
    );
    const element = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, piece, tie('element')),
      element: fc
        .tuple(fc.constantFrom('g', 'mrk', 'p:m', 'source', 'target'), fc.constantFrom('', ' id="1"', ' xmlns:p="urn:p"', " xml:space='preserve'", ' xmlns=""'), fc.array(tie('node'), { maxLength: 5 }))
        .map(([name, attrs, content]) => `<${name}${attrs}>${content.join('')}</${name}>`),
    }));
    const prolog = fc.constantFrom('', '<?xml version="1.0"?>\n', '<?xml version="1.0" encoding="utf-8"?>', '\uFEFF', '<!-- c -->\n', '<!DOCTYPE r>', ' ');
    const document = fc.tuple(prolog, fc.array(element.node, { maxLength: 8 }), fc.constantFrom('', '\n', '<!-- end -->', 'tail')).map(([head, content, tail]) => `${head}<r xmlns:p="urn:p">${content.join('')}</r>${tail}`);
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(document, (text) => {
        runs += 1;
        if (agrees(text)) fast += 1;
      }),
      { numRuns: 400 },
    );
    // Not a property: that most well-formed documents took the fast path, so the trees were compared.
    expect(fast).toBeGreaterThan(runs / 10);
  });

  it('words every error as saxes does, with its line and column', () => {
    const error = (text: string) => {
      try {
        parseXml(text, 'f.xml');
        return null;
      } catch (e) {
        return e;
      }
    };
    for (const text of ['<a>\n  <b></c>\n</a>', '<a>\r\n&nope;</a>', '<a>\n<é></è></a>', '<a b="1" b="2"/>']) {
      const slow = bySaxes(text);
      expect('error' in slow && error(text), text).toEqual('error' in slow && slow.error);
      expect(error(text), text).toBeTruthy();
    }
  });

  it('gives lines and columns whatever the line breaks', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `<a>${eol}  <b/>${eol}${eol}<c/></a>`;
      const doc = parseXml(text, 'f.xml');
      const [b, c] = doc.children(doc.root);
      expect([positionOf(doc, doc.start(b as number)), positionOf(doc, doc.start(c as number))], JSON.stringify(eol)).toEqual([
        { line: 2, column: 3 },
        { line: 4, column: 1 },
      ]);
    }
  });
});

describe('byte lengths', () => {
  it('counts UTF-8 bytes of any text, also across the pieces it is counted in', () => {
    // Long enough for several pieces, with surrogate pairs on every boundary a piece could have.
    const text = `${'a'.repeat(65_535)}\ud83d\ude42${'é'.repeat(70_000)}中\ud83d\ude42`.repeat(2);
    for (const [from, to] of [
      [0, text.length],
      [1, text.length - 1],
      [65_535, 65_537],
      [100, 131_072],
    ] as const) {
      expect(encodedLength(text, from, to, 'UTF-8'), `${from}-${to}`).toBe(new TextEncoder().encode(text.slice(from, to)).length);
    }
    expect(encodedLength(text, 3, 10, 'UTF-16LE')).toBe(14);
  });
});
