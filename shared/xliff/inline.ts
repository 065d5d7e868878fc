import type { CodeToken, Content, Token } from './model';
import { COMMENT, ELEMENT, NONE, TEXT, type XmlDoc } from './tree';

/** What reading inline content needs to know about where it is. */
export interface InlineContext {
  xml: XmlDoc;
  version: '1.2' | '2';
  /** The XLIFF namespace of the document. */
  ns: string;
  /** 2.x: the unit's `<originalData>`, by data id. */
  data: ReadonlyMap<string, string>;
  /**
   * Keys, labels and markup met so far in the document: the same code recurs in source, target and
   * candidates of segment after segment, and one string for all of them keeps the model small.
   */
  strings: Map<string, string>;
}

function shared(ctx: InlineContext, value: string): string {
  const known = ctx.strings.get(value);
  if (known !== undefined) return known;
  ctx.strings.set(value, value);
  return value;
}

/** Elements whose two tags enclose translatable text: the XML must keep them balanced. */
const ENCLOSING = { '1.2': new Set(['g', 'mrk']), '2': new Set(['pc', 'mrk']) } as const;

const ROLE: Record<string, CodeToken['role']> = { bpt: 'open', bx: 'open', sc: 'open', sm: 'open', ept: 'close', ex: 'close', ec: 'close', em: 'close' };

/** Whether a code is one tag of an enclosing element, so that writing it alone would break the XML. */
export function isEnclosingTag(token: CodeToken): boolean {
  return token.role !== 'standalone' && (token.element === 'g' || token.element === 'pc' || token.element === 'mrk');
}

function keyOf(xml: XmlDoc, element: number, name: string, markup: string): string {
  const attr = (local: string) => xml.attr(element, local);
  const id = attr('id');
  let key: string | null;
  switch (name) {
    case 'bpt':
    case 'ept':
      key = attr('rid') ?? id;
      return key === null ? `bpt:~${markup}` : `bpt:${key}`;
    case 'bx':
    case 'ex':
      key = attr('rid') ?? id;
      return key === null ? `bx:~${markup}` : `bx:${key}`;
    case 'ec':
      key = attr('startRef');
      return key === null ? `ec:${id ?? `~${markup}`}` : `sc:${key}`;
    case 'em':
      return `sm:${attr('startRef') ?? `~${markup}`}`;
    case 'cp':
      return `cp:${attr('hex') ?? `~${markup}`}`;
    default:
      return `${name}:${id ?? `~${markup}`}`;
  }
}

function labelOf(element: number, name: string, role: CodeToken['role'], ctx: InlineContext): string {
  const a = (local: string) => ctx.xml.attr(element, local) || null;
  const data = (local: string) => {
    const ref = a(local);
    return ref === null ? null : (ctx.data.get(ref) ?? null);
  };
  let label: string | null;
  if (ctx.version === '1.2') {
    if (name === 'ph' || name === 'bpt' || name === 'ept' || name === 'it') label = a('equiv-text') ?? (ctx.xml.textContent(element) || null);
    else if (name === 'mrk') label = a('mtype');
    else label = a('equiv-text') ?? a('ctype');
  } else if (name === 'pc') {
    label = role === 'close' ? (a('equivEnd') ?? a('dispEnd') ?? data('dataRefEnd')) : (a('equivStart') ?? a('dispStart') ?? data('dataRefStart'));
  } else if (name === 'mrk' || name === 'sm') label = a('type');
  else if (name === 'cp') label = `U+${a('hex') ?? '?'}`;
  else label = a('equiv') ?? a('disp') ?? data('dataRef');
  return label ?? name;
}

function pushText(out: Token[], text: string): void {
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text += text;
  else if (text !== '') out.push({ type: 'text', text });
}

function readNodes(out: Token[], parent: number, ctx: InlineContext): void {
  const xml = ctx.xml;
  for (let node = xml.firstChild(parent); node !== NONE; node = xml.nextSibling(node)) {
    const kind = xml.kind(node);
    if (kind === TEXT) {
      pushText(out, xml.textOf(node));
      continue;
    }
    if (kind !== ELEMENT) {
      const markup = shared(ctx, xml.markup(node));
      out.push({ type: 'code', element: kind === COMMENT ? '#comment' : '#pi', role: 'standalone', key: shared(ctx, `~${markup}`), markup, label: markup });
      continue;
    }
    if (xml.uri(node) !== ctx.ns) {
      // An element of another namespace inside content: kept whole, as one protected code.
      const markup = shared(ctx, xml.markup(node));
      out.push({ type: 'code', element: xml.name(node), role: 'standalone', key: shared(ctx, `~${markup}`), markup, label: xml.name(node) });
      continue;
    }
    const name = xml.local(node);
    if (ENCLOSING[ctx.version].has(name) && !xml.selfClosing(node)) {
      const open = shared(ctx, xml.text.slice(xml.start(node), xml.openEnd(node)));
      const key = shared(ctx, keyOf(xml, node, name, open));
      out.push({ type: 'code', element: name, role: 'open', key, markup: open, label: shared(ctx, labelOf(node, name, 'open', ctx)) });
      readNodes(out, node, ctx);
      const close = shared(ctx, xml.text.slice(xml.closeStart(node), xml.end(node)));
      out.push({ type: 'code', element: name, role: 'close', key, markup: close, label: shared(ctx, labelOf(node, name, 'close', ctx)) });
      continue;
    }
    const markup = shared(ctx, xml.markup(node));
    const pos = name === 'it' ? xml.attr(node, 'pos') : null;
    const role = pos === 'open' || pos === 'close' ? pos : (ROLE[name] ?? 'standalone');
    out.push({ type: 'code', element: name, role, key: shared(ctx, keyOf(xml, node, name, markup)), markup, label: shared(ctx, labelOf(node, name, role, ctx)) });
  }
}

/** The content of a source, target or segment marker as text and inline codes. */
export function readContent(element: number, ctx: InlineContext): Content {
  const out: Token[] = [];
  readNodes(out, element, ctx);
  return out;
}

/** Same text and same codes (by key and role): what a writer need not touch. */
export function sameContent(a: Content, b: Content): boolean {
  return (
    a.length === b.length &&
    a.every((t, i) => {
      const u = b[i];
      if (t.type === 'text') return u?.type === 'text' && u.text === t.text;
      return u?.type === 'code' && u.key === t.key && u.role === t.role;
    })
  );
}

/** Nothing but white space: no code, no visible text. */
export function isBlank(content: Content | null): boolean {
  return !content || content.every((t) => t.type === 'text' && t.text.trim() === '');
}
