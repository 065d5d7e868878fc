/** Small pieces of XML writing: escaping, start tags edited in place, line breaks and indentation. */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** An attribute value for the quotes it stands in; white space as references, which survive normalisation. */
function escapeAttribute(value: string, quote: '"' | "'"): string {
  return value.replace(quote === '"' ? /[&<"\t\n\r]/gu : /[&<'\t\n\r]/gu, (c) => ESCAPES[c] ?? c);
}

/** Character data; ">" too, so that "]]>" cannot appear, and CR as a reference, which a parser would drop. */
export function escapeText(value: string): string {
  return TEXT_SPECIAL.test(value) ? value.replace(/[&<>\r]/gu, (c) => ESCAPES[c] ?? c) : value;
}

const TEXT_SPECIAL = /[&<>\r]/u;

/** A change to one attribute of a start tag: a new value, or null to remove it. */
export interface AttributeChange {
  name: string;
  value: string | null;
}

interface AttributeSpan {
  name: string;
  /** Where the white space before the name starts. */
  lead: number;
  valueStart: number;
  valueEnd: number;
  quote: '"' | "'";
}

// White space as XML has it: space, tab, line feed, carriage return.
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** The attributes of a well-formed start tag (the parser has checked it), with where each one is. */
function scanAttributes(tag: string): { attrs: AttributeSpan[]; afterLast: number } {
  const attrs: AttributeSpan[] = [];
  let i = 1;
  while (i < tag.length && !isSpace(tag.charCodeAt(i)) && tag.charAt(i) !== '/' && tag.charAt(i) !== '>') i += 1;
  let afterLast = i;
  for (;;) {
    const lead = i;
    while (isSpace(tag.charCodeAt(i))) i += 1;
    if (tag.charAt(i) === '>' || tag.charAt(i) === '/' || i >= tag.length) break;
    const nameStart = i;
    while (i < tag.length && !isSpace(tag.charCodeAt(i)) && tag.charAt(i) !== '=') i += 1;
    const name = tag.slice(nameStart, i);
    while (tag.charAt(i) !== '"' && tag.charAt(i) !== "'") i += 1;
    const quote = tag.charAt(i) as '"' | "'";
    const valueEnd = tag.indexOf(quote, i + 1);
    attrs.push({ name, lead, valueStart: i + 1, valueEnd, quote });
    i = valueEnd + 1;
    afterLast = i;
  }
  return { attrs, afterLast };
}

/**
 * A start tag with some attributes changed and every other character kept: a value is replaced
 * between its quotes, a removed attribute goes with the white space before it, a new one goes after
 * the last, in the quotes the tag already uses.
 */
export function editStartTag(tag: string, changes: readonly AttributeChange[]): string {
  const { attrs, afterLast } = scanAttributes(tag);
  const quote = attrs[0]?.quote ?? '"';
  const edits: { start: number; end: number; text: string }[] = [];
  let added = '';
  for (const change of changes) {
    const span = attrs.find((a) => a.name === change.name);
    if (span && change.value === null) edits.push({ start: span.lead, end: span.valueEnd + 1, text: '' });
    else if (span && change.value !== null) edits.push({ start: span.valueStart, end: span.valueEnd, text: escapeAttribute(change.value, span.quote) });
    else if (change.value !== null) added += ` ${change.name}=${quote}${escapeAttribute(change.value, quote)}${quote}`;
  }
  if (added) edits.push({ start: afterLast, end: afterLast, text: added });
  edits.sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), tag);
}

/** The prefix an element name is written with, colon included ("" for none). */
export function prefixOf(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? '' : name.slice(0, colon + 1);
}

/**
 * The line break and indentation that put a new sibling on its own line, aligned with the element that
 * starts at `start`; nothing when the element does not start its own line.
 */
export function newLineLike(text: string, start: number): string {
  // Back over spaces and tabs only: searching for the last line break could cross the whole text.
  let lineStart = start;
  while (lineStart > 0 && (text.charCodeAt(lineStart - 1) === 0x20 || text.charCodeAt(lineStart - 1) === 0x09)) lineStart -= 1;
  const before = text.charAt(lineStart - 1);
  if (before !== '\n' && before !== '\r') return '';
  const eol = before === '\r' ? '\r' : text.charAt(lineStart - 2) === '\r' ? '\r\n' : '\n';
  return eol + text.slice(lineStart, start);
}
