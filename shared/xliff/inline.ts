import type { CodeToken, Content, Token } from './model';
import { attr, textContent, type XmlElement, type XmlNode } from './xml';

/** What reading inline content needs to know about where it is. */
export interface InlineContext {
  text: string;
  version: '1.2' | '2';
  /** The XLIFF namespace of the document. */
  ns: string;
  /** 2.x: the unit's `<originalData>`, by data id. */
  data: ReadonlyMap<string, string>;
}

/** Elements whose two tags enclose translatable text: the XML must keep them balanced. */
const ENCLOSING = { '1.2': new Set(['g', 'mrk']), '2': new Set(['pc', 'mrk']) } as const;

const ROLE: Record<string, CodeToken['role']> = { bpt: 'open', bx: 'open', sc: 'open', sm: 'open', ept: 'close', ex: 'close', ec: 'close', em: 'close' };

/** Whether a code is one tag of an enclosing element, so that writing it alone would break the XML. */
export function isEnclosingTag(token: CodeToken): boolean {
  return token.role !== 'standalone' && (token.element === 'g' || token.element === 'pc' || token.element === 'mrk');
}

function keyOf(element: XmlElement, name: string, markup: string): string {
  const id = attr(element, 'id');
  let key: string | null;
  switch (name) {
    case 'bpt':
    case 'ept':
      key = attr(element, 'rid') ?? id;
      return key === null ? `bpt:~${markup}` : `bpt:${key}`;
    case 'bx':
    case 'ex':
      key = attr(element, 'rid') ?? id;
      return key === null ? `bx:~${markup}` : `bx:${key}`;
    case 'ec':
      key = attr(element, 'startRef');
      return key === null ? `ec:${id ?? `~${markup}`}` : `sc:${key}`;
    case 'em':
      return `sm:${attr(element, 'startRef') ?? `~${markup}`}`;
    case 'cp':
      return `cp:${attr(element, 'hex') ?? `~${markup}`}`;
    default:
      return `${name}:${id ?? `~${markup}`}`;
  }
}

function labelOf(element: XmlElement, name: string, role: CodeToken['role'], ctx: InlineContext): string {
  const a = (local: string) => attr(element, local) || null;
  const data = (local: string) => {
    const ref = a(local);
    return ref === null ? null : (ctx.data.get(ref) ?? null);
  };
  let label: string | null;
  if (ctx.version === '1.2') {
    if (name === 'ph' || name === 'bpt' || name === 'ept' || name === 'it') label = a('equiv-text') ?? (textContent(element) || null);
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

function readNodes(out: Token[], nodes: readonly XmlNode[], ctx: InlineContext): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      pushText(out, node.text);
      continue;
    }
    const markup = ctx.text.slice(node.start, node.end);
    if (node.type !== 'element') {
      out.push({ type: 'code', element: `#${node.type}`, role: 'standalone', key: `~${markup}`, markup, label: markup });
      continue;
    }
    if (node.uri !== ctx.ns) {
      // An element of another namespace inside content: kept whole, as one protected code.
      out.push({ type: 'code', element: node.name, role: 'standalone', key: `~${markup}`, markup, label: node.name });
      continue;
    }
    const name = node.local;
    if (ENCLOSING[ctx.version].has(name) && !node.selfClosing) {
      const open = ctx.text.slice(node.start, node.openEnd);
      const key = keyOf(node, name, open);
      out.push({ type: 'code', element: name, role: 'open', key, markup: open, label: labelOf(node, name, 'open', ctx) });
      readNodes(out, node.children, ctx);
      out.push({ type: 'code', element: name, role: 'close', key, markup: ctx.text.slice(node.closeStart, node.end), label: labelOf(node, name, 'close', ctx) });
      continue;
    }
    const pos = name === 'it' ? attr(node, 'pos') : null;
    const role = pos === 'open' || pos === 'close' ? pos : (ROLE[name] ?? 'standalone');
    out.push({ type: 'code', element: name, role, key: keyOf(node, name, markup), markup, label: labelOf(node, name, role, ctx) });
  }
}

/** The content of a source, target or segment marker as text and inline codes. */
export function readContent(element: XmlElement, ctx: InlineContext): Content {
  const out: Token[] = [];
  readNodes(out, element.children, ctx);
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
