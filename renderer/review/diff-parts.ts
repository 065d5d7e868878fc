import { displayDiff } from '../../shared/diff';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

const space = /\s/u;

/**
 * The difference between the AI's text and the correction, for display. Typing changes one place of a long
 * document, so the common start and end (cut back to a whitespace boundary, so no word is split) are
 * taken off before `displayDiff` runs: the diff of a 5,000-word document costs what the edited stretch
 * costs, not what the document costs.
 */
export function diffParts(before: string, after: string, lang?: string): DiffPart[] {
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
  const middle = displayDiff(before.slice(p, before.length - s), after.slice(p, after.length - s), { granularity: 'auto', lang });
  for (const part of middle) push(part);
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
