import { displayDiff } from '../../shared/diff';
import { pieces, type CodeTable } from './inline-codes';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

const space = /\s/u;

// A number, with the separators inside it ("1,234.5", "10:30", "٣٫٥").
const NUMBER = /(?<!\p{Nd})\p{Nd}+(?:[.,:\u066B\u066C]\p{Nd}+)*/gu;
const PRIVATE_USE_FIRST = 0xe000;
const PRIVATE_USE_LAST = 0xf8ff;
const PRIVATE_USE = /[\uE000-\uF8FF]/gu;

/**
 * Numbers and inline codes (with escaped "⟨"), each as one character of the private use area, so that the diff
 * takes them whole: a changed number shows as the old number and the new one, never as a few digits, and a code
 * is never split. `decode` gives the written text back.
 */
function atomize(a: string, b: string, codes: CodeTable | null): { a: string; b: string; decode: (s: string) => string } | null {
  const toChar = new Map<string, string>();
  const fromChar = new Map<string, string>();
  // Characters of the area the texts use themselves are not taken.
  const used = new Set([...(a + b).matchAll(PRIVATE_USE)].map((m) => m[0]));
  let next = PRIVATE_USE_FIRST;
  const charFor = (atom: string): string => {
    const known = toChar.get(atom);
    if (known !== undefined) return known;
    while (next <= PRIVATE_USE_LAST && used.has(String.fromCharCode(next))) next++;
    // Out of characters (thousands of distinct numbers): the rest stay as they are, which costs only their wholeness.
    if (next > PRIVATE_USE_LAST) return atom;
    const c = String.fromCharCode(next++);
    toChar.set(atom, c);
    fromChar.set(c, atom);
    return c;
  };
  const encode = (s: string) =>
    (codes ? pieces(s, codes) : [{ kind: 'text' as const, text: s }]).map((p) => (p.kind === 'text' ? p.text.replace(NUMBER, charFor) : charFor(p.text))).join('');
  const encodedA = encode(a);
  const encodedB = encode(b);
  if (fromChar.size === 0) return null;
  return { a: encodedA, b: encodedB, decode: (s) => s.replace(PRIVATE_USE, (c) => fromChar.get(c) ?? c) };
}

/**
 * The difference between the AI's text and the correction, for display. Typing changes one place of a long
 * document, so the common start and end (cut back to a whitespace boundary, so no word is split) are
 * taken off before `displayDiff` runs: the diff of a 5,000-word document costs what the edited stretch
 * costs, not what the document costs. Numbers and the inline `codes` of an XLIFF text are never split.
 */
export function diffParts(before: string, after: string, lang?: string, codes: CodeTable | null = null): DiffPart[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  while (p > 0 && !space.test(before[p - 1]!)) p--;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  while (s > 0 && !space.test(before[before.length - s]!)) s--;

  const parts: DiffPart[] = [];
  const push = (part: DiffPart) => {
    if (!part.text) return;
    const last = parts[parts.length - 1];
    if (last && last.kind === part.kind) last.text += part.text;
    else parts.push({ ...part });
  };
  push({ kind: 'same', text: before.slice(0, p) });
  const a = before.slice(p, before.length - s);
  const b = after.slice(p, after.length - s);
  const atoms = atomize(a, b, codes);
  const middle = displayDiff(atoms?.a ?? a, atoms?.b ?? b, { granularity: 'auto', lang });
  for (const part of middle) push(atoms ? { kind: part.kind, text: atoms.decode(part.text) } : part);
  push({ kind: 'same', text: before.slice(before.length - s) });
  return parts;
}

/** How much unchanged text a long document's diff keeps on each side of a change. */
export const DIFF_CONTEXT_CHARS = 160;

/**
 * Long unchanged stretches of a document, cut to their ends next to the changes (at whitespace), so the
 * diff of a long document shows the changes with some context instead of the whole text again.
 */
export function elide(text: string, where: 'start' | 'middle' | 'end', keep = DIFF_CONTEXT_CHARS): { head: string; tail: string } | null {
  if (text.length <= keep * 2 + 40) return null;
  const cutAfter = (from: number) => {
    const i = text.indexOf(' ', from);
    return i < 0 || i > from + 40 ? from : i + 1;
  };
  const cutBefore = (from: number) => {
    const i = text.lastIndexOf(' ', from);
    return i < 0 || i < from - 40 ? from : i;
  };
  const head = where === 'start' ? '' : text.slice(0, cutBefore(keep));
  const tail = where === 'end' ? '' : text.slice(cutAfter(text.length - keep));
  return { head, tail };
}
