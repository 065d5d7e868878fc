import { placeholder, type XliffItemMeta } from '../../shared/xliff';

/**
 * Inline codes in the text of an XLIFF segment (docs/xliff.md): `⟨1⟩` opens a pair, `⟨/1⟩` closes it,
 * `⟨2/⟩` stands alone, and `⟨⟨` is a "⟨" of the text itself. These are the atoms of such a text: the
 * editor keeps each whole, the screen shows each code as one token, and the diff never splits one.
 */

export type CodeRole = 'open' | 'close' | 'standalone';

export interface InlineCode {
  n: number;
  role: CodeRole;
  /** What the file says the code is ("bold", "<br/>", "{name}"): its accessible name and tooltip. */
  label: string;
}

/** The placeholders a segment's text may hold, each with its code. Others are plain text, as on writing. */
export type CodeTable = ReadonlyMap<string, InlineCode>;

export function codeTable(codes: XliffItemMeta['codes']): CodeTable {
  const table = new Map<string, InlineCode>();
  for (const c of codes) for (const role of c.roles) table.set(placeholder(c.n, role), { n: c.n, role, label: c.label });
  return table;
}

export const OPEN = '\u27E8';
const OPEN_UNIT = OPEN.charCodeAt(0);
export const ESCAPED_OPEN = OPEN + OPEN;

// The syntax of shared/xliff/text.ts, read the same way from the left (a run of "⟨" pairs up first), with
// the number bounded: a code's number is small, and a bound keeps every scan below local.
const TOKEN = /\u27E8(?:\u27E8|\/?[1-9][0-9]{0,8}\/?\u27E9)/gu;
/** The longest text TOKEN matches (`⟨/123456789/⟩`). */
const LONGEST = 13;

/** A placeholder of the segment's codes (`code` set) or an escaped "⟨" (`code` null), as [start, end). */
export interface Atom {
  start: number;
  end: number;
  code: InlineCode | null;
}

function atomOf(match: RegExpExecArray, offset: number, codes: CodeTable): Atom | null {
  const [whole] = match;
  const start = offset + match.index;
  if (whole === ESCAPED_OPEN) return { start, end: start + 2, code: null };
  const code = codes.get(whole);
  return code ? { start, end: start + whole.length, code } : null;
}

/**
 * The atoms that touch [from, to] (end ≥ from and start ≤ to). Only a few characters around the range are
 * read, so this costs the same in a sentence and in a 5,000-word document.
 */
export function atomsNear(text: string, codes: CodeTable, from: number, to = from): Atom[] {
  let start = Math.max(0, from - LONGEST);
  // A run of "⟨" pairs up from its first character, so the scan starts there.
  while (start > 0 && text.charCodeAt(start - 1) === OPEN_UNIT) start--;
  const window = text.slice(start, Math.min(text.length, to + LONGEST + 1));
  const atoms: Atom[] = [];
  for (const m of window.matchAll(TOKEN)) {
    const atom = atomOf(m, start, codes);
    if (atom && atom.start > to) break;
    if (atom && atom.end >= from) atoms.push(atom);
  }
  return atoms;
}

/** The atom that `pos` falls strictly inside, if any. */
export function atomAround(text: string, codes: CodeTable, pos: number): Atom | undefined {
  return atomsNear(text, codes, pos).find((a) => a.start < pos && pos < a.end);
}

export function atomEndingAt(text: string, codes: CodeTable, pos: number): Atom | undefined {
  return atomsNear(text, codes, pos).find((a) => a.end === pos);
}

export function atomStartingAt(text: string, codes: CodeTable, pos: number): Atom | undefined {
  return atomsNear(text, codes, pos).find((a) => a.start === pos);
}

export type Towards = 'start' | 'end' | 'nearest';

/** `pos`, moved to an edge of the atom it falls inside (nearest: the closer one, the end on a tie). */
export function snap(text: string, codes: CodeTable, pos: number, towards: Towards = 'nearest'): number {
  const atom = atomAround(text, codes, pos);
  if (!atom) return pos;
  if (towards === 'start') return atom.start;
  if (towards === 'end') return atom.end;
  return pos - atom.start < atom.end - pos ? atom.start : atom.end;
}

/** [start, end) grown so that it cuts no atom: an atom it reaches into is taken whole. */
export function widen(text: string, codes: CodeTable, start: number, end: number): [number, number] {
  return [snap(text, codes, start, 'start'), snap(text, codes, end, 'end')];
}

/**
 * A text cut into plain text, codes and escaped "⟨" (`⟨⟨`, which is one character of the text), each piece
 * with the text it was written as: joined, the pieces give the text back.
 */
export type Piece = { kind: 'text'; text: string } | { kind: 'escape'; text: string } | { kind: 'code'; text: string; code: InlineCode };

export function pieces(text: string, codes: CodeTable): Piece[] {
  const out: Piece[] = [];
  let done = 0;
  for (const m of text.matchAll(TOKEN)) {
    const atom = atomOf(m, 0, codes);
    if (!atom) continue;
    if (atom.start > done) out.push({ kind: 'text', text: text.slice(done, atom.start) });
    out.push(atom.code ? { kind: 'code', text: m[0], code: atom.code } : { kind: 'escape', text: m[0] });
    done = atom.end;
  }
  if (done < text.length) out.push({ kind: 'text', text: text.slice(done) });
  return out;
}

/** The codes of `source` that `target` lacks, in the source's order (each placeholder counted as often as it occurs). */
export function missingCodes(source: string, target: string, codes: CodeTable): string[] {
  const have = new Map<string, number>();
  for (const p of pieces(target, codes)) if (p.kind === 'code') have.set(p.text, (have.get(p.text) ?? 0) + 1);
  const missing: string[] = [];
  for (const p of pieces(source, codes)) {
    if (p.kind !== 'code') continue;
    const left = have.get(p.text) ?? 0;
    if (left > 0) have.set(p.text, left - 1);
    else missing.push(p.text);
  }
  return missing;
}

/** The text without its codes, an escaped "⟨" as one character: what a length limit counts. */
export function plainText(text: string, codes: CodeTable): string {
  return pieces(text, codes)
    .map((p) => (p.kind === 'code' ? '' : p.kind === 'escape' ? OPEN : p.text))
    .join('');
}
