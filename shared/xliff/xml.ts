import { SaxesParser, type SaxesTagNS } from 'saxes';
import { XliffRefusal, xliffError } from './errors';

/**
 * The XML of a document as a light tree that remembers where each piece is in the text, so that a
 * writer can change a few ranges and copy every other character as it was. saxes checks
 * well-formedness and namespaces; positions are indexes into the text (UTF-16 code units).
 */

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface XmlAttr {
  name: string;
  local: string;
  uri: string;
  value: string;
}

export interface XmlElement {
  type: 'element';
  /** As written, with its prefix. */
  name: string;
  local: string;
  uri: string;
  attrs: XmlAttr[];
  /** The "<" of the start tag. */
  start: number;
  /** Just after the ">" of the start tag. */
  openEnd: number;
  /** The "<" of the end tag; equal to `openEnd` for an empty-element tag. */
  closeStart: number;
  /** Just after the end tag. */
  end: number;
  selfClosing: boolean;
  children: XmlNode[];
}

/** Character data, CDATA sections included, with entities resolved. */
export interface XmlText {
  type: 'text';
  text: string;
  start: number;
  end: number;
}

export interface XmlMarkup {
  type: 'comment' | 'pi';
  start: number;
  end: number;
}

export type XmlNode = XmlElement | XmlText | XmlMarkup;

export interface XmlTree {
  root: XmlElement;
  /** Offsets where lines start, for line and column numbers. */
  lineStarts: number[];
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

/** Line and column (both from 1) of an offset. */
export function positionOf(tree: Pick<XmlTree, 'lineStarts'>, offset: number): { line: number; column: number } {
  const starts = tree.lineStarts;
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

export function parseXml(text: string, fileName: string): XmlTree {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  // Everything before this offset has been placed; the next "<" after it starts the next markup,
  // since character data cannot hold a literal "<".
  let done = 0;
  const nextMarkup = () => text.indexOf('<', done);

  const add = (node: XmlNode) => stack[stack.length - 1]?.children.push(node);
  const addText = (value: string, start: number, end: number) => {
    const parent = stack[stack.length - 1];
    const last = parent?.children[parent.children.length - 1];
    if (last?.type === 'text') {
      last.text += value;
      last.end = end;
    } else add({ type: 'text', text: value, start, end });
  };

  parser.on('text', (value) => {
    if (stack.length === 0) return;
    const end = nextMarkup();
    addText(value, done, end === -1 ? text.length : end);
    done = end === -1 ? text.length : end;
  });
  parser.on('cdata', (value) => {
    const start = nextMarkup();
    addText(value, start, parser.position);
    done = parser.position;
  });
  for (const type of ['comment', 'pi'] as const) {
    parser.on(type === 'pi' ? 'processinginstruction' : 'comment', () => {
      const start = nextMarkup();
      // saxes reports a comment before reading its last ">", so the end is found in the text.
      const end = text.indexOf(TERMINATOR[type], start + 2) + TERMINATOR[type].length;
      add({ type, start, end });
      done = end;
    });
  }
  parser.on('opentag', (tag: SaxesTagNS) => {
    const element: XmlElement = {
      type: 'element',
      name: tag.name,
      local: tag.local,
      uri: tag.uri,
      attrs: Object.values(tag.attributes),
      start: nextMarkup(),
      openEnd: parser.position,
      closeStart: parser.position,
      end: parser.position,
      selfClosing: tag.isSelfClosing,
      children: [],
    };
    if (stack.length === 0) root = element;
    else add(element);
    stack.push(element);
    done = parser.position;
  });
  parser.on('closetag', () => {
    const element = stack.pop();
    if (!element) return;
    if (!element.selfClosing) element.closeStart = nextMarkup();
    element.end = parser.position;
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
  if (!root) {
    throw new XliffRefusal(xliffError('xml', fileName, {}, 'holds no XML element', 'check that you picked the right file'));
  }
  return { root, lineStarts: lineStartsOf(text) };
}

/** Why a text is not well-formed XML (with namespaces), or null; without building anything. */
export function wellFormednessError(text: string): string | null {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let error: string | null = null;
  parser.on('error', (err) => {
    error ??= `line ${parser.line}, column ${parser.column}: ${saxesReason(err)}`;
  });
  parser.write(text).close();
  return error;
}

export function attr(element: XmlElement, local: string, uri = ''): string | null {
  return element.attrs.find((a) => a.local === local && a.uri === uri)?.value ?? null;
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((c): c is XmlElement => c.type === 'element');
}

export function firstChild(element: XmlElement, local: string, uri: string): XmlElement | null {
  for (const c of element.children) if (c.type === 'element' && c.local === local && c.uri === uri) return c;
  return null;
}

/** The text an element holds, descendants included, as an XML processor gives it. */
export function textContent(node: XmlNode): string {
  if (node.type === 'text') return node.text;
  if (node.type !== 'element') return '';
  return node.children.map(textContent).join('');
}

/** The start tag as written, turned into a start tag that can take content when it was `<x/>`. */
export function openTag(text: string, element: XmlElement): string {
  const tag = text.slice(element.start, element.openEnd);
  return element.selfClosing ? tag.replace(/\s*\/>$/u, '>') : tag;
}
