import { SaxesParser, type SaxesTagNS } from 'saxes';
import { XliffRefusal, xliffError } from './errors';
import { COMMENT, PI, XmlDoc } from './tree';
import { XML_NS, checkFast, parseFast } from './xml-fast';

/**
 * Reading XML into a tree (tree.ts). A fast scanner (xml-fast.ts) reads what XLIFF files are made of;
 * saxes checks well-formedness and namespaces wherever the scanner is not sure, and words every error.
 */

export { XML_NS };

/** Offsets where lines start; made when a position is first asked for. */
const lineStarts = new WeakMap<XmlDoc, number[]>();

function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

/** Line and column (both from 1) of an offset. */
export function positionOf(doc: XmlDoc, offset: number): { line: number; column: number } {
  let starts = lineStarts.get(doc);
  if (!starts) {
    starts = lineStartsOf(doc.text);
    lineStarts.set(doc, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

const TERMINATOR = { comment: '-->', pi: '?>' } as const;

/** saxes' message without its "line:column: " and final full stop. */
function saxesReason(err: Error): string {
  return err.message.replace(/^\d+:\d+: /u, '').replace(/\.$/u, '');
}

/**
 * The tree as saxes' events give it: the reference the fast scanner is held to, and the reader of
 * whatever the scanner leaves (a DOCTYPE, XML 1.1, names outside ASCII, and every mistake, which it
 * reports with saxes' line, column and reason).
 */
export function parseWithSaxes(text: string, fileName: string): XmlDoc {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const doc = new XmlDoc(text);
  let depth = 0;
  // Everything before this offset has been placed; the next "<" after it starts the next markup,
  // since character data cannot hold a literal "<".
  let done = 0;
  const nextMarkup = () => text.indexOf('<', done);

  parser.on('text', (value) => {
    if (depth === 0) return;
    const end = nextMarkup();
    doc.addText(done, end, value);
    done = end;
  });
  parser.on('cdata', (value) => {
    doc.addText(nextMarkup(), parser.position, value);
    done = parser.position;
  });
  for (const type of ['comment', 'pi'] as const) {
    parser.on(type === 'pi' ? 'processinginstruction' : 'comment', () => {
      const start = nextMarkup();
      // saxes reports a comment before reading its last ">", so the end is found in the text.
      const end = text.indexOf(TERMINATOR[type], start + (type === 'comment' ? 4 : 2)) + TERMINATOR[type].length;
      doc.addMarkup(type === 'pi' ? PI : COMMENT, start, end);
      done = end;
    });
  }
  parser.on('opentag', (tag: SaxesTagNS) => {
    doc.openElement(doc.names.id(tag.name), doc.uriId(tag.uri), nextMarkup(), parser.position, tag.isSelfClosing);
    for (const a of Object.values(tag.attributes)) doc.addAttr(doc.names.id(a.name), doc.uriId(a.uri), -1, -1, a.value);
    if (!tag.isSelfClosing) depth += 1;
    done = parser.position;
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) {
      doc.closeElement(nextMarkup(), parser.position);
      depth -= 1;
    }
    done = parser.position;
  });
  for (const event of ['xmldecl', 'doctype'] as const) {
    parser.on(event, () => {
      done = parser.position;
    });
  }
  parser.on('error', (err) => {
    throw new XliffRefusal(
      xliffError('xml', fileName, { line: parser.line, column: Math.max(parser.column, 1) }, `is not well-formed XML (${saxesReason(err)})`, 'the file is damaged or was not saved completely; open it in the tool that made it and save it again, or ask for a new copy'),
    );
  });
  parser.write(text).close();
  return doc;
}

/** The document's tree; throws XliffRefusal with the line, column and reason of the first mistake. */
export function parseXml(text: string, fileName: string): XmlDoc {
  return parseFast(text) ?? parseWithSaxes(text, fileName);
}

/** Why a text is not well-formed XML (with namespaces), or null. */
export function wellFormednessError(text: string): string | null {
  if (checkFast(text)) return null;
  const parser = new SaxesParser({ xmlns: true, position: true });
  let error: string | null = null;
  parser.on('error', (err) => {
    error ??= `line ${parser.line}, column ${parser.column}: ${saxesReason(err)}`;
  });
  parser.write(text).close();
  return error;
}
