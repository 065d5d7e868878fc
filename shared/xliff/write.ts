import { z } from 'zod';
import { ReviewStatus } from '../domain';
import { bomBytes, encodeText, encodedLength } from './encoding';
import { XliffRefusal, xliffError, xliffWarning, type XliffError, type XliffWarning } from './errors';
import { isEnclosingTag, sameContent } from './inline';
import { layoutOf, type Layout, type SegmentLayout, type Unit12 } from './layout';
import { editStartTag, escapeText, newLineLike, prefixOf, type AttributeChange } from './markup';
import { Content, type CodeToken, type XliffDocument, type XliffSegment, type XliffState } from './model';
import { parseDocument } from './read';
import { leastAdvanced, stateFor12, stateFor20, statusFrom12 } from './states';
import { placeholder } from './text';
import { XML_NS, attr, openTag, wellFormednessError, type XmlElement, type XmlNode } from './xml';

/** What a review changes in a segment: its status, and the new target when the target is to change. */
export const TargetUpdate = z.object({ status: ReviewStatus, target: Content.optional() });
export type TargetUpdate = z.infer<typeof TargetUpdate>;

export type WriteXliffResult =
  | { ok: true; bytes: Uint8Array; changed: string[]; warnings: XliffWarning[] }
  | { ok: false; error: XliffError };

interface Edit {
  start: number;
  end: number;
  text: string;
}

// XML 1.0 cannot hold these characters, not even as references.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

class Writer {
  readonly edits: Edit[] = [];
  readonly changed = new Set<string>();
  readonly warnings: XliffWarning[] = [];
  readonly text: string;
  /** Line breaks in new text are written as the document writes them. */
  readonly eol: string;

  constructor(
    readonly doc: XliffDocument,
    readonly layout: Layout,
  ) {
    this.text = doc.text;
    this.eol = /\r\n|\r|\n/u.exec(doc.text)?.[0] ?? '\n';
  }

  refuse(segment: XliffSegment, what: string, advice: string): never {
    throw new XliffRefusal(xliffError('unwritable', this.doc.fileName, { line: segment.line, column: segment.column, segment: segment.id }, `segment ${segment.id}: ${what}`, advice));
  }

  private escape(value: string): string {
    return escapeText(value).replaceAll('\n', this.eol);
  }

  private chars(value: string, segment: XliffSegment, prefix: string): string {
    let out = '';
    let done = 0;
    for (const m of value.matchAll(NOT_XML)) {
      const hex = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      // XLIFF 2 has an element for such characters; 1.2 has none.
      if (this.doc.version === '1.2') this.refuse(segment, `the new target holds the character U+${hex}, which XML 1.0 cannot hold`, 'remove it from the target and export again');
      out += `${this.escape(value.slice(done, m.index))}<${prefix}cp hex="${hex}"/>`;
      done = m.index + m[0].length;
    }
    return out + this.escape(value.slice(done));
  }

  /**
   * Content as XML in the target. Codes are written with the segment's own markup for their key; a
   * tag of an enclosing pair (g, pc, mrk) left without its partner is written as the empty element, so
   * the XML stays well-formed and the code is not lost.
   */
  content(content: Content, segment: XliffSegment, prefix: string): string {
    const codes = new Map(segment.codes.map((c) => [c.key, c]));
    const open: number[] = [];
    const alone = new Set<number>();
    content.forEach((t, i) => {
      if (t.type !== 'code' || !isEnclosingTag(t)) return;
      if (t.role === 'open') {
        open.push(i);
        return;
      }
      // A close ends the nearest open of its key; pairs opened inside it and never closed are alone.
      const at = open.findLastIndex((j) => (content[j] as CodeToken).key === t.key);
      if (at === -1) alone.add(i);
      else open.splice(at).slice(1).forEach((j) => alone.add(j));
    });
    open.forEach((j) => alone.add(j));
    return content
      .map((t, i) => {
        if (t.type === 'text') return this.chars(t.text, segment, prefix);
        const code = codes.get(t.key);
        const markup = code?.markup[t.role];
        if (!code || markup === undefined) {
          this.refuse(segment, `the new target has an inline code (${t.element} ${t.key}) that is not in the segment's source, target or candidates`, 'only the codes of the segment can be written back; remove it and export again');
        }
        if (!alone.has(i)) return markup;
        const empty = code.markup.open?.replace(/>$/u, '/>');
        this.warnings.push(
          xliffWarning(this.doc.fileName, { line: segment.line, column: segment.column, segment: segment.id }, `segment ${segment.id}: ${placeholder(code.n, t.role)} has no partner in the new target; it was written as an empty <${code.element}/>`),
        );
        return empty ?? '';
      })
      .join('');
  }

  /** The target element's content replaced, or the element itself when it was `<target/>`. */
  replaceContent(element: XmlElement, xml: string, attrs: readonly AttributeChange[] = []): void {
    const tag = editStartTag(this.text.slice(element.start, element.openEnd), attrs);
    if (element.selfClosing) {
      this.edits.push({ start: element.start, end: element.end, text: `${tag.replace(/\s*\/>$/u, '>')}${xml}</${element.name}>` });
      return;
    }
    if (attrs.length > 0) this.edits.push({ start: element.start, end: element.openEnd, text: tag });
    this.edits.push({ start: element.openEnd, end: element.closeStart, text: xml });
  }

  editTag(element: XmlElement, attrs: readonly AttributeChange[]): void {
    if (attrs.length > 0) this.edits.push({ start: element.start, end: element.openEnd, text: editStartTag(this.text.slice(element.start, element.openEnd), attrs) });
  }

  /** A new element put right after `after`, on its own line like it when it has one. */
  insertAfter(after: XmlElement, xml: string): void {
    this.edits.push({ start: after.end, end: after.end, text: newLineLike(this.text, after) + xml });
  }

  /** Only what differs from what the file says. */
  stateChanges(next: XliffState | null, current: XliffState, names: [string, string]): AttributeChange[] {
    if (!next) return [];
    return [
      ...(next.state === current.state ? [] : [{ name: names[0], value: next.state }]),
      ...(next.qualifier === current.qualifier ? [] : [{ name: names[1], value: next.qualifier }]),
    ];
  }
}

function newTarget(segment: XliffSegment, update: TargetUpdate): Content | null {
  return update.target && !(segment.target && sameContent(segment.target, update.target)) ? update.target : null;
}

function write20(w: Writer, segment: XliffSegment, element: XmlElement, place: SegmentLayout, update: TargetUpdate): void {
  const attrs = w.stateChanges(stateFor20(update.status, segment.state), segment.state, ['state', 'subState']);
  w.editTag(element, attrs);
  const target = newTarget(segment, update);
  if (target) {
    const prefix = prefixOf(place.source);
    const xml = w.content(target, segment, prefix);
    if (place.target) w.replaceContent(place.target, xml);
    else w.insertAfter(place.source, `<${prefix}target>${xml}</${prefix}target>`);
  }
  if (attrs.length > 0 || target) w.changed.add(segment.id);
}

/** The start tag of a new 1.2 `<target>`: xml:lang when the source has one, then the state. */
function newTargetTag(unit: Unit12, prefix: string, attrs: readonly AttributeChange[]): string {
  const lang = attr(unit.source, 'lang', XML_NS) !== null && unit.targetLang ? [{ name: 'xml:lang', value: unit.targetLang }] : [];
  return editStartTag(`<${prefix}target>`, [...lang, ...attrs]);
}

function write12(w: Writer, unit: Unit12, updates: ReadonlyMap<string, TargetUpdate>): void {
  const segments = unit.segments.map((i) => ({ segment: w.doc.segments[i]!, place: w.layout.segments[i]! }));
  const fileStatus = statusFrom12(unit.state);
  const status = leastAdvanced(segments.map(({ segment }) => updates.get(segment.id)?.status ?? fileStatus));
  const fromCandidates = segments.filter(({ segment }) => updates.has(segment.id) && segment.aiOutput.from === 'candidate');
  const next = stateFor12(status, unit.state, { fromCandidate: fromCandidates.length > 0, machine: fromCandidates.every(({ segment }) => segment.aiOutput.machine) });
  const attrs = w.stateChanges(next, unit.state, ['state', 'state-qualifier']);
  const prefix = prefixOf(unit.source);
  const news = new Map(segments.flatMap(({ segment }) => {
    const update = updates.get(segment.id);
    const target = update ? newTarget(segment, update) : null;
    return target ? [[segment.id, w.content(target, segment, prefix)] as const] : [];
  }));
  for (const id of news.keys()) w.changed.add(id);
  if (attrs.length > 0) segments.forEach(({ segment }) => w.changed.add(segment.id));
  if (news.size === 0 && attrs.length === 0) return;

  if (!unit.segSource) {
    const xml = news.values().next().value;
    if (unit.target && xml !== undefined) w.replaceContent(unit.target, xml, attrs);
    else if (unit.target) w.editTag(unit.target, attrs);
    else {
      const tag = newTargetTag(unit, prefix, attrs);
      w.insertAfter(unit.source, xml === undefined ? tag.replace(/>$/u, '/>') : `${tag}${xml}</${prefix}target>`);
    }
    return;
  }
  const segSource = unit.segSource;
  if (unit.target && !unit.target.selfClosing) {
    w.editTag(unit.target, attrs);
    for (const { segment, place } of segments) {
      const xml = news.get(segment.id);
      if (xml === undefined) continue;
      if (place.target) w.replaceContent(place.target, xml);
      else w.edits.push({ start: unit.target.closeStart, end: unit.target.closeStart, text: `${openTag(w.text, place.source)}${xml}</${place.source.name}>` });
    }
    return;
  }
  // No target yet: one is made from the seg-source, its segment markers holding the new targets.
  const markers = new Map<XmlNode, string>(segments.map(({ segment, place }) => [place.source, news.get(segment.id) ?? '']));
  const holds = (node: XmlNode): boolean => markers.has(node) || (node.type === 'element' && node.children.some(holds));
  const copy = (node: XmlNode): string => {
    if (node.type !== 'element' || !holds(node)) return w.text.slice(node.start, node.end);
    const inner = markers.get(node);
    if (inner !== undefined) return `${openTag(w.text, node)}${inner}</${node.name}>`;
    return `${openTag(w.text, node)}${node.children.map(copy).join('')}${w.text.slice(node.closeStart, node.end)}`;
  };
  const xml = segSource.children.map(copy).join('');
  if (unit.target) w.replaceContent(unit.target, xml, attrs);
  else w.insertAfter(segSource, `${newTargetTag(unit, prefix, attrs)}${xml}</${prefix}target>`);
}

function spliceText(text: string, sorted: readonly Edit[]): string {
  let out = '';
  let done = 0;
  for (const edit of sorted) {
    out += text.slice(done, edit.start) + edit.text;
    done = edit.end;
  }
  return out + text.slice(done);
}

/** The original bytes between the edits, the edits' text encoded as the document is. */
function splice(doc: XliffDocument, sorted: readonly Edit[]): Uint8Array {
  const pieces: Uint8Array[] = [];
  let char = 0;
  let byte = doc.bom ? bomBytes(doc.encoding).length : 0;
  let copied = 0;
  for (const edit of sorted) {
    byte += encodedLength(doc.text, char, edit.start, doc.encoding);
    pieces.push(doc.bytes.subarray(copied, byte), encodeText(edit.text, doc.encoding));
    byte += encodedLength(doc.text, edit.start, edit.end, doc.encoding);
    copied = byte;
    char = edit.end;
  }
  pieces.push(doc.bytes.subarray(copied));
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/**
 * The document with the reviewed targets and their states changed, and every other byte as it was:
 * new text is spliced into the original at the recorded positions, in its encoding and after its
 * byte-order mark. A missing target is added (1.2: after `<source>` or `<seg-source>`; 2.x: after the
 * segment's `<source>`), on its own line when the source has one. With no updates the bytes are the
 * input's. Never throws; the result is checked to be well-formed XML before it is given.
 */
export function writeXliff(doc: XliffDocument, updates: ReadonlyMap<string, TargetUpdate>): WriteXliffResult {
  try {
    const layout = layoutOf(doc) ?? parseDocument(doc.bytes, doc.fileName).layout;
    const w = new Writer(doc, layout);
    const indexes = new Map(doc.segments.map((s, i) => [s.id, i]));
    const units = new Set<Unit12>();
    for (const [id, update] of updates) {
      const index = indexes.get(id);
      const segment = index === undefined ? undefined : doc.segments[index];
      if (index === undefined || !segment) {
        return { ok: false, error: xliffError('unknown-segment', doc.fileName, { segment: id }, `has no segment ${JSON.stringify(id)}`, 'the results are for another file or another version of it; export with the XLIFF file the batch was made from') };
      }
      if (!segment.translate) {
        return { ok: false, error: xliffError('not-translatable', doc.fileName, { line: segment.line, column: segment.column, segment: id }, `segment ${id} is marked translate="no" and cannot take a review`, 'leave it out of the updates') };
      }
      const place = layout.segments[index]!;
      if (place.unit) units.add(place.unit);
      else if (place.segment) write20(w, segment, place.segment, place, update);
    }
    for (const unit of units) write12(w, unit, updates);
    if (w.edits.length === 0) return { ok: true, bytes: doc.bytes.slice(), changed: [], warnings: [] };
    const sorted = [...w.edits].sort((a, b) => a.start - b.start);
    // Codes are copied from elsewhere in the document, where a namespace prefix they use may be declared:
    // the new text must still be XML before anyone gets it.
    const broken = wellFormednessError(spliceText(doc.text, sorted));
    if (broken) {
      return { ok: false, error: xliffError('internal', doc.fileName, {}, `the document Loupe wrote is not well-formed XML (${broken})`, 'this is a fault in Loupe; please report it with the file') };
    }
    const bytes = splice(doc, sorted);
    return { ok: true, bytes, changed: doc.segments.filter((s) => w.changed.has(s.id)).map((s) => s.id), warnings: w.warnings };
  } catch (e) {
    if (e instanceof XliffRefusal) return { ok: false, error: e.error };
    throw e;
  }
}

