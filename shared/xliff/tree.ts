/**
 * The XML of a document as a flat tree that remembers where each piece is in the text, so that a writer
 * can change a few ranges and copy every other character as it was. Nodes are numbers; what is known of
 * them lives in typed arrays, names are stored once, and text and attribute values are sliced from the
 * document only when read. A 10 MB file has some 400,000 nodes: as objects they kept the garbage
 * collector busier than the parsing did (docs/decisions.md). Positions are indexes into the text (UTF-16
 * code units).
 */

export type NodeKind = typeof ELEMENT | typeof TEXT | typeof COMMENT | typeof PI;
export const ELEMENT = 1;
/** Character data, CDATA sections included, with entities resolved. */
export const TEXT = 2;
export const COMMENT = 3;
export const PI = 4;

/** No node: a missing child, the end of a list of siblings. */
export const NONE = -1;

function grown(array: Int32Array, size: number): Int32Array {
  const bigger = new Int32Array(size);
  bigger.set(array);
  return bigger;
}

/**
 * The names of a document's elements and attributes, each stored once and known by its index. The
 * scanner finds a name it has met before without cutting it out of the text.
 */
export class Names {
  readonly names: string[] = [];
  readonly locals: string[] = [];
  /** Where the colon is in each name, -1 for none. */
  readonly colons: number[] = [];
  private readonly index = new Map<string, number>();
  /** Recently met names by a hash of their first and last characters and length; -1 for none. */
  private readonly recent = new Int32Array(1024).fill(-1);

  id(name: string): number {
    let id = this.index.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      const colon = name.indexOf(':');
      this.locals.push(colon === -1 ? name : name.slice(colon + 1));
      this.colons.push(colon);
      this.index.set(name, id);
    }
    return id;
  }

  /** Whether `name` is written from `start` to `end` in `text`; a loop, as startsWith is slow between a short name and a long two-byte text. */
  same(name: string, text: string, start: number, end: number): boolean {
    if (name.length !== end - start) return false;
    for (let i = 0; i < name.length; i += 1) if (name.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
    return true;
  }

  /** The id of the name written from `start` to `end` in `text`. */
  idAt(text: string, start: number, end: number): number {
    const slot = (text.charCodeAt(start) * 31 + text.charCodeAt(end - 1) * 7 + (end - start) * 131) & 1023;
    const seen = this.recent[slot] as number;
    if (seen >= 0 && this.same(this.names[seen] as string, text, start, end)) return seen;
    const id = this.id(text.slice(start, end));
    this.recent[slot] = id;
    return id;
  }
}

export class XmlDoc {
  root = NONE;
  private nodes = 0;
  private capacity: number;
  private kinds: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private openEnds: Int32Array;
  private closeStarts: Int32Array;
  private firstChildren: Int32Array;
  private nextSiblings: Int32Array;
  /** Elements: the name's index in `names`, the namespace's in `uris`, where the attributes start and how many. */
  private nameIds: Int32Array;
  private uriIds: Int32Array;
  private attrFirst: Int32Array;
  private attrCount: Int32Array;

  private attrs = 0;
  private attrCapacity: number;
  private attrNameIds: Int32Array;
  private attrUriIds: Int32Array;
  private valueStarts: Int32Array;
  private valueEnds: Int32Array;
  /**
   * Attribute values and texts that are not a slice of the text as written (entities, line breaks,
   * CDATA): such an attribute has no range (-1), such a text node is marked in `held`.
   */
  private readonly values = new Map<number, string>();
  private readonly texts = new Map<number, string>();
  private held: Uint8Array;

  readonly names = new Names();
  private readonly uris: string[] = [''];
  private readonly uriIndex = new Map<string, number>([['', 0]]);
  // The namespace met last, found again without a lookup: most elements share one.
  private lastUri = '';
  private lastUriId = 0;

  // While building: the element whose attributes are being added, the open elements, and the last child of each.
  private current = NONE;
  private readonly open: number[] = [];
  private readonly lastChild: number[] = [];

  constructor(readonly text: string) {
    // About one node per 25 characters in XLIFF as tools write it; the arrays grow when that is short.
    this.capacity = Math.max(64, text.length >>> 4);
    this.kinds = new Uint8Array(this.capacity);
    this.held = new Uint8Array(this.capacity);
    this.starts = new Int32Array(this.capacity);
    this.ends = new Int32Array(this.capacity);
    this.openEnds = new Int32Array(this.capacity);
    this.closeStarts = new Int32Array(this.capacity);
    this.firstChildren = new Int32Array(this.capacity);
    this.nextSiblings = new Int32Array(this.capacity);
    this.nameIds = new Int32Array(this.capacity);
    this.uriIds = new Int32Array(this.capacity);
    this.attrFirst = new Int32Array(this.capacity);
    this.attrCount = new Int32Array(this.capacity);
    this.attrCapacity = Math.max(64, text.length >>> 5);
    this.attrNameIds = new Int32Array(this.attrCapacity);
    this.attrUriIds = new Int32Array(this.attrCapacity);
    this.valueStarts = new Int32Array(this.attrCapacity);
    this.valueEnds = new Int32Array(this.attrCapacity);
  }

  // ---- building -----------------------------------------------------------------------------------------
  /** The index of a namespace, for `openElement` and `addAttr`. */
  uriId(uri: string): number {
    if (uri === '') return 0;
    if (uri === this.lastUri) return this.lastUriId;
    let id = this.uriIndex.get(uri);
    if (id === undefined) {
      id = this.uris.length;
      this.uris.push(uri);
      this.uriIndex.set(uri, id);
    }
    this.lastUri = uri;
    this.lastUriId = id;
    return id;
  }

  private node(kind: NodeKind, start: number, end: number): number {
    if (this.nodes === this.capacity) {
      const size = this.capacity * 2;
      const kinds = new Uint8Array(size);
      kinds.set(this.kinds);
      this.kinds = kinds;
      const held = new Uint8Array(size);
      held.set(this.held);
      this.held = held;
      this.starts = grown(this.starts, size);
      this.ends = grown(this.ends, size);
      this.openEnds = grown(this.openEnds, size);
      this.closeStarts = grown(this.closeStarts, size);
      this.firstChildren = grown(this.firstChildren, size);
      this.nextSiblings = grown(this.nextSiblings, size);
      this.nameIds = grown(this.nameIds, size);
      this.uriIds = grown(this.uriIds, size);
      this.attrFirst = grown(this.attrFirst, size);
      this.attrCount = grown(this.attrCount, size);
      this.capacity = size;
    }
    const n = this.nodes;
    this.nodes += 1;
    this.kinds[n] = kind;
    this.starts[n] = start;
    this.ends[n] = end;
    this.firstChildren[n] = NONE;
    this.nextSiblings[n] = NONE;
    const depth = this.open.length;
    if (depth > 0) {
      const last = this.lastChild[depth - 1] as number;
      if (last === NONE) this.firstChildren[this.open[depth - 1] as number] = n;
      else this.nextSiblings[last] = n;
      this.lastChild[depth - 1] = n;
    }
    return n;
  }

  /**
   * A start tag from "<" to just after ">", its attributes added next (`addAttr`); its content follows
   * until `closeElement`, unless it is `<x/>`.
   */
  openElement(name: number, uri: number, start: number, openEnd: number, selfClosing: boolean): void {
    const n = this.node(ELEMENT, start, openEnd);
    if (this.root === NONE) this.root = n;
    this.openEnds[n] = openEnd;
    this.closeStarts[n] = openEnd;
    this.nameIds[n] = name;
    this.uriIds[n] = uri;
    this.attrFirst[n] = this.attrs;
    this.attrCount[n] = 0;
    this.current = n;
    if (!selfClosing) {
      this.open.push(n);
      this.lastChild.push(NONE);
    }
  }

  /** An attribute of the element just opened: its value's range in the text, or the value when it is not the text as written. */
  addAttr(name: number, uri: number, from: number, to: number, value: string | null): void {
    if (this.attrs === this.attrCapacity) {
      const size = this.attrCapacity * 2;
      this.attrNameIds = grown(this.attrNameIds, size);
      this.attrUriIds = grown(this.attrUriIds, size);
      this.valueStarts = grown(this.valueStarts, size);
      this.valueEnds = grown(this.valueEnds, size);
      this.attrCapacity = size;
    }
    const k = this.attrs;
    this.attrs += 1;
    this.attrCount[this.current] = this.attrs - (this.attrFirst[this.current] as number);
    this.attrNameIds[k] = name;
    this.attrUriIds[k] = uri;
    if (value === null) {
      this.valueStarts[k] = from;
      this.valueEnds[k] = to;
    } else {
      this.valueStarts[k] = -1;
      this.values.set(k, value);
    }
  }

  /** The end tag of the innermost open element, from its "<" to just after its ">". */
  closeElement(closeStart: number, end: number): void {
    const n = this.open.pop();
    if (n === undefined) return;
    this.lastChild.pop();
    this.closeStarts[n] = closeStart;
    this.ends[n] = end;
  }

  /** Character data (or a CDATA section) of the innermost open element; `value` when it is not the text as written. */
  addText(start: number, end: number, value: string | null): void {
    const depth = this.open.length;
    if (depth === 0) return;
    const last = this.lastChild[depth - 1] as number;
    if (last !== NONE && this.kinds[last] === TEXT) {
      // Text next to a CDATA section is one piece of character data.
      this.texts.set(last, this.textOf(last) + (value ?? this.text.slice(start, end)));
      this.held[last] = 1;
      this.ends[last] = end;
      return;
    }
    const n = this.node(TEXT, start, end);
    if (value !== null) {
      this.texts.set(n, value);
      this.held[n] = 1;
    }
  }

  addMarkup(kind: typeof COMMENT | typeof PI, start: number, end: number): void {
    if (this.open.length > 0) this.node(kind, start, end);
  }

  // ---- reading ------------------------------------------------------------------------------------------
  kind(n: number): NodeKind {
    return this.kinds[n] as NodeKind;
  }

  /** The "<" of a start tag, a comment or a processing instruction, or where text starts. */
  start(n: number): number {
    return this.starts[n] as number;
  }

  /** Just after the node: after an element's end tag. */
  end(n: number): number {
    return this.ends[n] as number;
  }

  /** Just after the ">" of an element's start tag. */
  openEnd(n: number): number {
    return this.openEnds[n] as number;
  }

  /** The "<" of an element's end tag; its `openEnd` for `<x/>`. */
  closeStart(n: number): number {
    return this.closeStarts[n] as number;
  }

  selfClosing(n: number): boolean {
    return this.ends[n] === this.openEnds[n];
  }

  firstChild(n: number): number {
    return this.firstChildren[n] as number;
  }

  nextSibling(n: number): number {
    return this.nextSiblings[n] as number;
  }

  /** An element's name as written, with its prefix. */
  name(n: number): string {
    return this.names.names[this.nameIds[n] as number] as string;
  }

  local(n: number): string {
    return this.names.locals[this.nameIds[n] as number] as string;
  }

  uri(n: number): string {
    return this.uris[this.uriIds[n] as number] as string;
  }

  is(n: number, local: string, uri: string): boolean {
    return this.kinds[n] === ELEMENT && this.names.locals[this.nameIds[n] as number] === local && this.uris[this.uriIds[n] as number] === uri;
  }

  /** The value of an attribute, by local name and namespace ("" for none), or null. */
  attr(n: number, local: string, uri = ''): string | null {
    const locals = this.names.locals;
    const first = this.attrFirst[n] as number;
    const end = first + (this.attrCount[n] as number);
    for (let k = first; k < end; k += 1) {
      if (locals[this.attrNameIds[k] as number] === local && this.uris[this.attrUriIds[k] as number] === uri) return this.attrValue(k);
    }
    return null;
  }

  /** The attributes of an element, as written, in order. */
  attributes(n: number): { name: string; local: string; uri: string; value: string }[] {
    const out = [];
    const first = this.attrFirst[n] as number;
    for (let k = first; k < first + (this.attrCount[n] as number); k += 1) {
      const id = this.attrNameIds[k] as number;
      out.push({ name: this.names.names[id] as string, local: this.names.locals[id] as string, uri: this.uris[this.attrUriIds[k] as number] as string, value: this.attrValue(k) });
    }
    return out;
  }

  private attrValue(k: number): string {
    const start = this.valueStarts[k] as number;
    return start < 0 ? (this.values.get(k) as string) : this.text.slice(start, this.valueEnds[k]);
  }

  /** A text node's character data. */
  textOf(n: number): string {
    return this.held[n] === 1 ? (this.texts.get(n) as string) : this.text.slice(this.starts[n], this.ends[n]);
  }

  /** The element children, in order. */
  children(n: number): number[] {
    const out: number[] = [];
    for (let c = this.firstChildren[n] as number; c !== NONE; c = this.nextSiblings[c] as number) if (this.kinds[c] === ELEMENT) out.push(c);
    return out;
  }

  /** The first element child with that name, or NONE. */
  child(n: number, local: string, uri: string): number {
    for (let c = this.firstChildren[n] as number; c !== NONE; c = this.nextSiblings[c] as number) if (this.is(c, local, uri)) return c;
    return NONE;
  }

  /** The text an element holds, descendants included, as an XML processor gives it. */
  textContent(n: number): string {
    if (this.kinds[n] === TEXT) return this.textOf(n);
    let out = '';
    for (let c = this.firstChildren[n] as number; c !== NONE; c = this.nextSiblings[c] as number) {
      if (this.kinds[c] === TEXT) out += this.textOf(c);
      else if (this.kinds[c] === ELEMENT) out += this.textContent(c);
    }
    return out;
  }

  /** The node as written. */
  markup(n: number): string {
    return this.text.slice(this.starts[n], this.ends[n]);
  }

  /** The start tag as written, turned into a start tag that can take content when it was `<x/>`. */
  openTag(n: number): string {
    const tag = this.text.slice(this.starts[n], this.openEnds[n]);
    return this.selfClosing(n) ? tag.replace(/\s*\/>$/u, '>') : tag;
  }
}
