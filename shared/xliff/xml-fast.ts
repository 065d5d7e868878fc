import { COMMENT, Names, PI, XmlDoc } from './tree';

/**
 * The fast path of `parseXml`: a scanner for XML as XLIFF files are written, several times faster than
 * saxes because it finds markup with `indexOf`, checks characters with one regular expression over the
 * whole text and leaves text as ranges. It accepts only documents saxes accepts and builds the very tree
 * saxes' events build (test/unit/xliff.xml.test.ts holds it to both). Whatever it cannot vouch for — a
 * mistake, a DOCTYPE, XML 1.1, a name outside ASCII — it leaves to saxes, which decides and words the error.
 */

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Thrown when the scanner cannot vouch for the document; made once, as it carries no detail. */
const UNSURE = new Error('not for the fast path');

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const BANG = 0x21;
const DQUOTE = 0x22;
const HASH = 0x23;
const AMP = 0x26;
const SQUOTE = 0x27;
const SLASH = 0x2f;
const COLON = 0x3a;
const LT = 0x3c;
const EQ = 0x3d;
const GT = 0x3e;
const QUESTION = 0x3f;
const RBRACKET = 0x5d;

const isS = (c: number) => c === SPACE || c === LF || c === TAB || c === CR;
/** NCName characters in ASCII; anything from 0x80 up makes the scanner unsure. */
const isNcStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isNcChar = (c: number) => isNcStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
const isNameStart = (c: number) => isNcStart(c) || c === COLON;
const isNameChar = (c: number) => isNcChar(c) || c === COLON;
/** The Char production of XML 1.0, for character references. */
const isChar = (c: number) => c === TAB || c === LF || c === CR || (c >= SPACE && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

const ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/**
 * Where text needs more than a slice — `&`, CR, `]` (for `]]>`) — and characters XML 1.0 forbids, which
 * stop the fast path. Surrogates are matched to check that they come in pairs.
 */
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&\r\]\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]/g;

function specialsOf(text: string): number[] {
  const at: number[] = [];
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(text); m !== null; m = SPECIAL.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) throw UNSURE;
      SPECIAL.lastIndex = i + 2;
    } else if (c === AMP || c === CR || c === RBRACKET) at.push(i);
    else throw UNSURE;
  }
  // A sentinel past the end, so that lookups need no bounds check.
  at.push(text.length);
  return at;
}

class Scanner {
  /** Null when only checking. */
  readonly doc: XmlDoc | null;
  private readonly names: Names;
  private readonly n: number;
  private readonly specials: number[];
  /** The next entry of `specials` that may lie at or after the text being read. */
  private sp = 0;
  /** Namespace bindings in force (the first `bound`), innermost last; each open element remembers where its own start. */
  private readonly prefixes: string[] = [];
  private readonly uris: string[] = [];
  private bound = 0;
  private readonly marks: number[] = [];
  // Attributes of the start tag being read, before namespaces are resolved (reused from tag to tag).
  private readonly attrNames: number[] = [];
  private readonly attrFrom: number[] = [];
  private readonly attrTo: number[] = [];
  private readonly attrUris: string[] = [];
  private readonly attrValues: (string | null)[] = [];
  /** The closing quote of the attribute value just read, or just after the start tag just read. */
  private pos = 0;

  constructor(
    private readonly text: string,
    build: boolean,
  ) {
    this.n = text.length;
    this.specials = specialsOf(text);
    this.doc = build ? new XmlDoc(text) : null;
    this.names = this.doc?.names ?? new Names();
  }

  document(): void {
    const text = this.text;
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (text.startsWith('<?xml', i)) {
      const c = text.charCodeAt(i + 5);
      if (isS(c) || c === QUESTION) i = this.declaration(i + 5);
    }
    for (;;) {
      i = this.skipS(i);
      if (text.charCodeAt(i) !== LT) throw UNSURE;
      const c = text.charCodeAt(i + 1);
      if (c === BANG) i = this.comment(i);
      else if (c === QUESTION) i = this.pi(i);
      else break;
    }
    i = this.element(i);
    // After the root: white space, comments and processing instructions only.
    for (;;) {
      i = this.skipS(i);
      if (i >= this.n) return;
      if (text.charCodeAt(i) !== LT) throw UNSURE;
      const c = text.charCodeAt(i + 1);
      if (c === BANG) i = this.comment(i);
      else if (c === QUESTION) i = this.pi(i);
      else throw UNSURE;
    }
  }

  private skipS(i: number): number {
    while (isS(this.text.charCodeAt(i))) i += 1;
    return i;
  }

  /** `<?xml` version="1.0" [encoding] [standalone] `?>`, strictly; other versions have other rules. */
  private declaration(i: number): number {
    const text = this.text;
    const pair = (at: number, name: string, valid: (v: string) => boolean): number => {
      if (!text.startsWith(name, at)) throw UNSURE;
      let j = this.skipS(at + name.length);
      if (text.charCodeAt(j) !== EQ) throw UNSURE;
      j = this.skipS(j + 1);
      const q = text.charCodeAt(j);
      if (q !== DQUOTE && q !== SQUOTE) throw UNSURE;
      const end = text.indexOf(q === DQUOTE ? '"' : "'", j + 1);
      if (end === -1 || !valid(text.slice(j + 1, end))) throw UNSURE;
      return end + 1;
    };
    let j = this.skipS(i);
    if (j === i) throw UNSURE;
    j = pair(j, 'version', (v) => v === '1.0');
    for (const [name, valid] of [
      ['encoding', (v: string) => /^[A-Za-z][A-Za-z0-9._-]*$/u.test(v)],
      ['standalone', (v: string) => v === 'yes' || v === 'no'],
    ] as const) {
      const k = this.skipS(j);
      if (k > j && text.startsWith(name, k)) j = pair(k, name, valid);
    }
    j = this.skipS(j);
    if (!text.startsWith('?>', j)) throw UNSURE;
    return j + 2;
  }

  /** A comment at `lt`; returns where it ends. */
  private comment(lt: number): number {
    if (!this.text.startsWith('<!--', lt)) throw UNSURE;
    // "--" may only end a comment.
    const dashes = this.text.indexOf('--', lt + 4);
    if (dashes === -1 || this.text.charCodeAt(dashes + 2) !== GT) throw UNSURE;
    this.doc?.addMarkup(COMMENT, lt, dashes + 3);
    return dashes + 3;
  }

  /** A processing instruction at `lt`; returns where it ends. */
  private pi(lt: number): number {
    const text = this.text;
    let j = lt + 2;
    if (!isNcStart(text.charCodeAt(j))) throw UNSURE;
    while (isNcChar(text.charCodeAt(j))) j += 1;
    const c = text.charCodeAt(j);
    if (!(isS(c) || (c === QUESTION && text.charCodeAt(j + 1) === GT))) throw UNSURE;
    if (text.slice(lt + 2, j).toLowerCase() === 'xml') throw UNSURE;
    const close = text.indexOf('?>', j);
    if (close === -1) throw UNSURE;
    this.doc?.addMarkup(PI, lt, close + 2);
    return close + 2;
  }

  /** The element whose start tag is at `lt`, with all its content; returns where it ends. */
  private element(lt: number): number {
    const text = this.text;
    const doc = this.doc;
    // The names of the open elements, for their end tags.
    const open: string[] = [];
    let i = lt;
    let c = text.charCodeAt(lt + 1);
    for (;;) {
      if (c === SLASH) {
        const name = open.pop();
        if (name === undefined) throw UNSURE;
        i = this.endTag(name, i);
        if (open.length === 0) return i;
      } else if (c === BANG) {
        if (text.startsWith('<![CDATA[', i)) {
          const close = text.indexOf(']]>', i + 9);
          if (close === -1) throw UNSURE;
          const raw = text.slice(i + 9, close);
          doc?.addText(i, close + 3, raw.includes('\r') ? raw.replace(/\r\n?/gu, '\n') : raw);
          i = close + 3;
        } else i = this.comment(i);
      } else if (c === QUESTION) i = this.pi(i);
      else {
        const name = this.startTag(i);
        i = this.pos;
        if (name !== null) open.push(name);
        else if (open.length === 0) return i;
      }
      const next = text.indexOf('<', i);
      if (next === -1) throw UNSURE;
      if (next > i) {
        const value = this.content(i, next);
        doc?.addText(i, next, value);
      }
      i = next;
      c = text.charCodeAt(i + 1);
    }
  }

  /** Character data from `from` to `to` (a "<"): null when it is the text as written, else with entities resolved and line breaks normalised. */
  private content(from: number, to: number): string | null {
    const text = this.text;
    const specials = this.specials;
    let sp = this.sp;
    while ((specials[sp] as number) < from) sp += 1;
    let at = specials[sp] as number;
    if (at >= to) {
      this.sp = sp;
      return null;
    }
    let out = '';
    let done = from;
    while (at < to) {
      const c = text.charCodeAt(at);
      if (c === AMP) {
        const semicolon = text.indexOf(';', at + 1);
        if (semicolon === -1 || semicolon > to) throw UNSURE;
        out += text.slice(done, at) + this.entity(at + 1, semicolon);
        done = semicolon + 1;
      } else if (c === CR) {
        out += `${text.slice(done, at)}\n`;
        done = text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
      } else if (text.startsWith(']]>', at)) throw UNSURE;
      do sp += 1;
      while ((specials[sp] as number) < done);
      at = specials[sp] as number;
    }
    this.sp = sp;
    return out + text.slice(done, to);
  }

  /** The text of `&name;`, given where the name starts and the ";". */
  private entity(from: number, semicolon: number): string {
    const name = this.text.slice(from, semicolon);
    const named = ENTITIES.get(name);
    if (named !== undefined) return named;
    if (name.charCodeAt(0) !== HASH) throw UNSURE;
    // saxes reads "&#x…;" with a small x only, and needs at least one digit.
    const hex = name.charCodeAt(1) === 0x78;
    const digits = name.slice(hex ? 2 : 1);
    if (!(hex ? /^[0-9a-fA-F]+$/u : /^[0-9]+$/u).test(digits)) throw UNSURE;
    const code = parseInt(digits, hex ? 16 : 10);
    if (!isChar(code)) throw UNSURE;
    return String.fromCodePoint(code);
  }

  /** The end of a name starting at `i`, which the caller has checked starts a name. */
  private nameEnd(i: number): number {
    const text = this.text;
    let c = text.charCodeAt(i + 1);
    i += 1;
    while (isNameChar(c)) c = text.charCodeAt((i += 1));
    if (c >= 0x80) throw UNSURE;
    return i;
  }

  /**
   * An attribute value from just after its opening quote: null when it is the text as written, else
   * normalised. Sets `pos` just before the closing quote.
   */
  private attrValue(from: number, quote: number): string | null {
    const text = this.text;
    let plain = true;
    let j = from;
    for (;;) {
      if (j >= this.n) throw UNSURE;
      const c = text.charCodeAt(j);
      if (c === quote) break;
      if (c === LT) throw UNSURE;
      if (c === AMP || c === TAB || c === LF || c === CR) plain = false;
      j += 1;
    }
    this.pos = j;
    if (plain) return null;
    // White space becomes a space (a CR LF one space), as attribute-value normalisation says.
    let out = '';
    let done = from;
    for (let k = from; k < j; k += 1) {
      const c = text.charCodeAt(k);
      if (c === AMP) {
        const semicolon = text.indexOf(';', k + 1);
        if (semicolon === -1 || semicolon > j) throw UNSURE;
        out += text.slice(done, k) + this.entity(k + 1, semicolon);
        done = semicolon + 1;
        k = semicolon;
      } else if (c === TAB || c === LF || c === CR) {
        out += `${text.slice(done, k)} `;
        done = c === CR && text.charCodeAt(k + 1) === LF ? k + 2 : k + 1;
        k = done - 1;
      }
    }
    return out + text.slice(done, j);
  }

  private resolve(prefix: string): string | undefined {
    const prefixes = this.prefixes;
    for (let k = this.bound - 1; k >= 0; k -= 1) if (prefixes[k] === prefix) return this.uris[k];
    return prefix === 'xml' ? XML_NS : prefix === 'xmlns' ? XMLNS_NS : undefined;
  }

  /** A namespace declaration, with the checks of Namespaces in XML 1.0. */
  private declare(prefix: string, value: string): void {
    const uri = value.trim();
    if (prefix === 'xml' ? uri !== XML_NS : prefix === 'xmlns' || uri === XML_NS || uri === XMLNS_NS || (prefix !== '' && uri === '')) throw UNSURE;
    this.prefixes[this.bound] = prefix;
    this.uris[this.bound] = uri;
    this.bound += 1;
  }

  /** The start tag at `lt`: its name, or null for `<x/>`. Sets `pos` just after it. */
  private startTag(lt: number): string | null {
    const text = this.text;
    const nameStart = lt + 1;
    if (!isNameStart(text.charCodeAt(nameStart))) throw UNSURE;
    let i = this.nameEnd(nameStart);
    const table = this.names;
    const nameId = table.idAt(text, nameStart, i);
    const name = table.names[nameId] as string;
    const names = this.attrNames;
    const froms = this.attrFrom;
    const tos = this.attrTo;
    const values = this.attrValues;
    let count = 0;
    let selfClosing: boolean;
    for (;;) {
      let c = text.charCodeAt(i);
      const spaced = isS(c);
      if (spaced) {
        i = this.skipS(i + 1);
        c = text.charCodeAt(i);
      }
      if (c === GT) {
        selfClosing = false;
        i += 1;
        break;
      }
      if (c === SLASH) {
        if (text.charCodeAt(i + 1) !== GT) throw UNSURE;
        selfClosing = true;
        i += 2;
        break;
      }
      // An attribute, which must follow white space.
      if (!spaced || !isNameStart(c)) throw UNSURE;
      const end = this.nameEnd(i);
      names[count] = table.idAt(text, i, end);
      i = this.skipS(end);
      if (text.charCodeAt(i) !== EQ) throw UNSURE;
      i = this.skipS(i + 1);
      const quote = text.charCodeAt(i);
      if (quote !== DQUOTE && quote !== SQUOTE) throw UNSURE;
      froms[count] = i + 1;
      values[count] = this.attrValue(i + 1, quote);
      tos[count] = this.pos;
      i = this.pos + 1;
      count += 1;
    }

    // Declarations first: they apply to the element and all its attributes, wherever they stand in the tag.
    this.marks.push(this.bound);
    for (let a = 0; a < count; a += 1) {
      const attrName = table.names[names[a] as number] as string;
      // "xmlns" or "xmlns:…", found by the colon's place before any string is compared.
      const at = table.colons[names[a] as number] as number;
      if ((at === -1 ? attrName.length === 5 : at === 5) && attrName.startsWith('xmlns')) {
        const prefix = attrName.slice(6);
        if (at === 5 && (prefix === '' || prefix.includes(':'))) throw UNSURE;
        this.declare(prefix, values[a] ?? text.slice(froms[a], tos[a]));
      }
    }
    const colon = table.colons[nameId] as number;
    let uri: string;
    if (colon === -1) uri = this.resolve('') ?? '';
    else {
      if (colon === 0 || colon === name.length - 1 || name.indexOf(':', colon + 1) !== -1 || name.startsWith('xmlns:')) throw UNSURE;
      uri = this.resolve(name.slice(0, colon)) ?? '';
      if (uri === '') throw UNSURE;
    }
    // Each attribute's namespace; two may not have the same name, or the same local name in the same namespace.
    const attrUris = this.attrUris;
    for (let a = 0; a < count; a += 1) {
      const attrName = table.names[names[a] as number] as string;
      const at = table.colons[names[a] as number] as number;
      let attrUri = '';
      if (at === -1) {
        // The default namespace does not apply to attributes.
        if (attrName === 'xmlns') attrUri = XMLNS_NS;
      } else {
        if (at === 0 || at === attrName.length - 1 || attrName.indexOf(':', at + 1) !== -1) throw UNSURE;
        const resolved = this.resolve(attrName.slice(0, at));
        if (resolved === undefined) throw UNSURE;
        attrUri = resolved;
      }
      attrUris[a] = attrUri;
      for (let b = 0; b < a; b += 1) {
        if (names[b] === names[a]) throw UNSURE;
        const other = table.names[names[b] as number] as string;
        const otherAt = table.colons[names[b] as number] as number;
        if (at !== -1 && otherAt !== -1 && attrUris[b] === attrUri && other.length - otherAt === attrName.length - at && other.endsWith(attrName.slice(at))) throw UNSURE;
      }
    }
    const doc = this.doc;
    if (doc) {
      doc.openElement(nameId, doc.uriId(uri), lt, i, selfClosing);
      for (let a = 0; a < count; a += 1) doc.addAttr(names[a] as number, doc.uriId(attrUris[a] as string), froms[a] as number, tos[a] as number, values[a] as string | null);
    }
    this.pos = i;
    if (!selfClosing) return name;
    this.leave();
    return null;
  }

  /** Leaves the namespace scope of the element just closed. */
  private leave(): void {
    this.bound = this.marks.pop() as number;
  }

  /** The end tag at `lt`, which must close the element `name`; returns where it ends. */
  private endTag(name: string, lt: number): number {
    const text = this.text;
    if (!this.names.same(name, text, lt + 2, lt + 2 + name.length)) throw UNSURE;
    const j = this.skipS(lt + 2 + name.length);
    if (text.charCodeAt(j) !== GT) throw UNSURE;
    this.doc?.closeElement(lt, j + 1);
    this.leave();
    return j + 1;
  }
}

/** The document's tree, or null when saxes must decide (see above). */
export function parseFast(text: string): XmlDoc | null {
  try {
    const scanner = new Scanner(text, true);
    scanner.document();
    return scanner.doc;
  } catch (e) {
    if (e === UNSURE) return null;
    throw e;
  }
}

/** Whether the scanner vouches for the text as well-formed, building nothing; false when saxes must decide. */
export function checkFast(text: string): boolean {
  try {
    new Scanner(text, false).document();
    return true;
  } catch (e) {
    if (e === UNSURE) return false;
    throw e;
  }
}
