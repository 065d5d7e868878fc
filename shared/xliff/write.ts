import { z } from 'zod';
import { ReviewStatus } from '../domain';
import { bomBytes, encodeText, encodedLength } from './encoding';
import { XliffRefusal, xliffError, xliffWarning, type XliffError, type XliffWarning } from './errors';
import { isEnclosingTag, sameContent } from './inline';
import { layoutOf, type Layout, type SegmentLayout, type Unit12 } from './layout';
import { editStartTag, escapeText, newLineLike, prefixOf, type AttributeChange } from './markup';
import { Content, type CodeToken, type Token, type XliffDocument, type XliffSegment, type XliffState } from './model';
import { parseDocument } from './read';
import { leastAdvanced, stateFor12, stateFor20, statusFrom12 } from './states';
import { placeholder } from './text';
import { ELEMENT, NONE, type XmlDoc } from './tree';
import { XML_NS, wellFormednessError } from './xml';

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
const HAS_NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The tags of enclosing pairs (g, pc, mrk) in `content` that have no partner; null when there are none. */
function loneTags(content: Content): Set<number> | null {
  let open: number[] | null = null;
  let alone: Set<number> | null = null;
  for (let i = 0; i < content.length; i += 1) {
    const t = content[i] as Token;
    if (t.type !== 'code' || !isEnclosingTag(t)) continue;
    if (t.role === 'open') {
      (open ??= []).push(i);
      continue;
    }
    // A close ends the nearest open of its key; pairs opened inside it and never closed are alone.
    const at = open ? open.findLastIndex((j) => (content[j] as CodeToken).key === t.key) : -1;
    if (at === -1) (alone ??= new Set()).add(i);
    else for (const j of (open as number[]).splice(at).slice(1)) (alone ??= new Set()).add(j);
  }
  for (const j of open ?? []) (alone ??= new Set()).add(j);
  return alone;
}

class Writer {
  readonly edits: Edit[] = [];
  readonly changed = new Set<string>();
  readonly warnings: XliffWarning[] = [];
  readonly text: string;
  readonly xml: XmlDoc;
  /** Line breaks in new text are written as the document writes them. */
  readonly eol: string;

  constructor(
    readonly doc: XliffDocument,
    readonly layout: Layout,
  ) {
    this.text = doc.text;
    this.xml = layout.xml;
    this.eol = /\r\n|\r|\n/u.exec(doc.text)?.[0] ?? '\n';
  }

  refuse(segment: XliffSegment, what: string, advice: string): never {
    throw new XliffRefusal(xliffError('unwritable', this.doc.fileName, { line: segment.line, column: segment.column, segment: segment.id }, `segment ${segment.id}: ${what}`, advice));
  }

  private escape(value: string): string {
    const escaped = escapeText(value);
    return this.eol === '\n' ? escaped : escaped.replaceAll('\n', this.eol);
  }

  private chars(value: string, segment: XliffSegment, prefix: string): string {
    if (!HAS_NOT_XML.test(value)) return this.escape(value);
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
    const alone = loneTags(content);
    let out = '';
    for (let i = 0; i < content.length; i += 1) {
      const t = content[i] as Token;
      if (t.type === 'text') {
        out += this.chars(t.text, segment, prefix);
        continue;
      }
      const code = segment.codes.find((c) => c.key === t.key);
      const markup = code?.markup[t.role];
      if (!code || markup === undefined) {
        this.refuse(segment, `the new target has an inline code (${t.element} ${t.key}) that is not in the segment's source, target or candidates`, 'only the codes of the segment can be written back; remove it and export again');
      }
      if (!alone?.has(i)) {
        out += markup;
        continue;
      }
      this.warnings.push(
        xliffWarning(this.doc.fileName, { line: segment.line, column: segment.column, segment: segment.id }, `segment ${segment.id}: ${placeholder(code.n, t.role)} has no partner in the new target; it was written as an empty <${code.element}/>`),
      );
      out += code.markup.open?.replace(/>$/u, '/>') ?? '';
    }
    return out;
  }

  /** The target element's content replaced, or the element itself when it was `<target/>`. */
  replaceContent(element: number, content: string, attrs: readonly AttributeChange[] = []): void {
    const x = this.xml;
    const start = x.start(element);
    const tag = editStartTag(this.text.slice(start, x.openEnd(element)), attrs);
    if (x.selfClosing(element)) {
      this.edits.push({ start, end: x.end(element), text: `${tag.replace(/\s*\/>$/u, '>')}${content}</${x.name(element)}>` });
      return;
    }
    if (attrs.length > 0) this.edits.push({ start, end: x.openEnd(element), text: tag });
    this.edits.push({ start: x.openEnd(element), end: x.closeStart(element), text: content });
  }

  editTag(element: number, attrs: readonly AttributeChange[]): void {
    const start = this.xml.start(element);
    const openEnd = this.xml.openEnd(element);
    if (attrs.length > 0) this.edits.push({ start, end: openEnd, text: editStartTag(this.text.slice(start, openEnd), attrs) });
  }

  /** A new element put right after `after`, on its own line like it when it has one. */
  insertAfter(after: number, xml: string): void {
    const end = this.xml.end(after);
    this.edits.push({ start: end, end, text: newLineLike(this.text, this.xml.start(after)) + xml });
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

function write20(w: Writer, segment: XliffSegment, element: number, place: SegmentLayout, update: TargetUpdate): void {
  const attrs = w.stateChanges(stateFor20(update.status, segment.state), segment.state, ['state', 'subState']);
  w.editTag(element, attrs);
  const target = newTarget(segment, update);
  if (target) {
    const prefix = prefixOf(w.xml.name(place.source));
    const xml = w.content(target, segment, prefix);
    if (place.target !== NONE) w.replaceContent(place.target, xml);
    else w.insertAfter(place.source, `<${prefix}target>${xml}</${prefix}target>`);
  }
  if (attrs.length > 0 || target) w.changed.add(segment.id);
}

/** The start tag of a new 1.2 `<target>`: xml:lang when the source has one, then the state. */
function newTargetTag(w: Writer, unit: Unit12, prefix: string, attrs: readonly AttributeChange[]): string {
  const lang = w.xml.attr(unit.source, 'lang', XML_NS) !== null && unit.targetLang ? [{ name: 'xml:lang', value: unit.targetLang }] : [];
  return editStartTag(`<${prefix}target>`, [...lang, ...attrs]);
}

function write12(w: Writer, unit: Unit12, updates: ReadonlyMap<string, TargetUpdate>): void {
  const segments = unit.segments.map((i) => ({ segment: w.doc.segments[i]!, place: w.layout.segments[i]! }));
  const fileStatus = statusFrom12(unit.state);
  // The least advanced status of the unit's segments; whether a reviewed one took its text from a candidate, and all such from machine translation.
  let status: ReviewStatus = 'accepted';
  let fromCandidate = false;
  let machine = true;
  for (const { segment } of segments) {
    const update = updates.get(segment.id);
    status = leastAdvanced([status, update?.status ?? fileStatus]);
    if (update && segment.aiOutput.from === 'candidate') {
      fromCandidate = true;
      machine &&= segment.aiOutput.machine;
    }
  }
  const next = stateFor12(status, unit.state, { fromCandidate, machine });
  const attrs = w.stateChanges(next, unit.state, ['state', 'state-qualifier']);
  const x = w.xml;
  const prefix = prefixOf(x.name(unit.source));
  const news = new Map<string, string>();
  for (const { segment } of segments) {
    const update = updates.get(segment.id);
    const target = update ? newTarget(segment, update) : null;
    if (target) {
      news.set(segment.id, w.content(target, segment, prefix));
      w.changed.add(segment.id);
    }
  }
  if (attrs.length > 0) for (const { segment } of segments) w.changed.add(segment.id);
  if (news.size === 0 && attrs.length === 0) return;

  if (unit.segSource === NONE) {
    const xml = news.values().next().value;
    if (unit.target !== NONE && xml !== undefined) w.replaceContent(unit.target, xml, attrs);
    else if (unit.target !== NONE) w.editTag(unit.target, attrs);
    else {
      const tag = newTargetTag(w, unit, prefix, attrs);
      w.insertAfter(unit.source, xml === undefined ? tag.replace(/>$/u, '/>') : `${tag}${xml}</${prefix}target>`);
    }
    return;
  }
  const segSource = unit.segSource;
  if (unit.target !== NONE && !x.selfClosing(unit.target)) {
    w.editTag(unit.target, attrs);
    const closeStart = x.closeStart(unit.target);
    for (const { segment, place } of segments) {
      const xml = news.get(segment.id);
      if (xml === undefined) continue;
      if (place.target !== NONE) w.replaceContent(place.target, xml);
      else w.edits.push({ start: closeStart, end: closeStart, text: `${x.openTag(place.source)}${xml}</${x.name(place.source)}>` });
    }
    return;
  }
  // No target yet: one is made from the seg-source, its segment markers holding the new targets.
  const markers = new Map<number, string>(segments.map(({ segment, place }) => [place.source, news.get(segment.id) ?? '']));
  const holds = (node: number): boolean => markers.has(node) || (x.kind(node) === ELEMENT && x.children(node).some(holds));
  const copy = (node: number): string => {
    if (!holds(node)) return x.markup(node);
    const inner = markers.get(node);
    if (inner !== undefined) return `${x.openTag(node)}${inner}</${x.name(node)}>`;
    return `${x.openTag(node)}${copyChildren(node)}${w.text.slice(x.closeStart(node), x.end(node))}`;
  };
  const copyChildren = (node: number): string => {
    let out = '';
    for (let c = x.firstChild(node); c !== NONE; c = x.nextSibling(c)) out += copy(c);
    return out;
  };
  const xml = copyChildren(segSource);
  if (unit.target !== NONE) w.replaceContent(unit.target, xml, attrs);
  else w.insertAfter(segSource, `${newTargetTag(w, unit, prefix, attrs)}${xml}</${prefix}target>`);
}

function spliceText(text: string, sorted: readonly Edit[]): string {
  const pieces: string[] = [];
  let done = 0;
  for (const edit of sorted) {
    pieces.push(text.slice(done, edit.start), edit.text);
    done = edit.end;
  }
  pieces.push(text.slice(done));
  return pieces.join('');
}

/** The original bytes between the edits, the edits' text encoded as the document is. */
function splice(doc: XliffDocument, sorted: readonly Edit[]): Uint8Array {
  const utf8 = doc.encoding === 'UTF-8';
  // Room for the worst case (three bytes per UTF-16 unit); the edits are encoded straight into place.
  const room = sorted.reduce((n, e) => n + e.text.length * (utf8 ? 3 : 2), doc.bytes.length);
  const out = new Uint8Array(room);
  const encoder = new TextEncoder();
  let char = 0;
  let byte = doc.bom ? bomBytes(doc.encoding).length : 0;
  let copied = 0;
  let at = 0;
  for (const edit of sorted) {
    byte += encodedLength(doc.text, char, edit.start, doc.encoding);
    out.set(doc.bytes.subarray(copied, byte), at);
    at += byte - copied;
    if (utf8) at += encoder.encodeInto(edit.text, out.subarray(at)).written;
    else {
      const encoded = encodeText(edit.text, doc.encoding);
      out.set(encoded, at);
      at += encoded.length;
    }
    byte += encodedLength(doc.text, edit.start, edit.end, doc.encoding);
    copied = byte;
    char = edit.end;
  }
  out.set(doc.bytes.subarray(copied), at);
  return out.slice(0, at + doc.bytes.length - copied);
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
      else if (place.segment !== NONE) write20(w, segment, place.segment, place, update);
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

