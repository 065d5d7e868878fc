import { diffArrays } from 'diff';
import { uniqueAnchors } from './anchors';
import { commonEnds } from './ends';
import { isMostlyUnspaced, isUnspacedLanguage } from './scripts';
import { charTokens, wordTokens } from './tokens';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export type DiffGranularity = 'word' | 'char' | 'auto';

export interface DisplayDiffOptions {
  /** Default 'auto': characters for text mostly in scripts written without spaces, or for such a `lang`. */
  granularity?: DiffGranularity;
  /** BCP 47 tag of the text's language. */
  lang?: string;
}

/**
 * Myers' diff costs length × edits. Above this many tokens the changed stretch is first cut at anchors (words
 * found once in each text) and each piece between them diffed on its own, as patience diff does.
 */
const ANCHOR_ABOVE_TOKENS = 2000;

/**
 * Edit budget, in tokens, of one Myers diff: beyond it the two stretches are too different for a useful diff,
 * and the whole of one is shown removed and the whole of the other added.
 */
const MAX_EDIT_TOKENS = 400;

/**
 * The difference between the AI output (`before`) and the correction (`after`), for display. Whitespace is
 * kept exactly: the 'same' and 'removed' parts concatenate to `before`, the 'same' and 'added' parts to `after`.
 * Within a changed stretch the removed part comes before the added one.
 */
export function displayDiff(before: string, after: string, opts: DisplayDiffOptions = {}): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ kind: 'same', text: before }];
  const tokenize = usesChars(before, after, opts) ? charTokens : wordTokens;

  // Myers' diff pays for every token it walks, and tokenising a long text costs too: the unchanged ends, most
  // of a document being corrected, are cut off first as text, then as tokens.
  const ends = commonEnds(before, after);
  const a = tokenize(before.slice(ends.head, before.length - ends.tail));
  const b = tokenize(after.slice(ends.head, after.length - ends.tail));

  const parts: DiffPart[] = [];
  push(parts, 'same', before.slice(0, ends.head));
  if (a.length + b.length <= ANCHOR_ABOVE_TOKENS) {
    diffStretch(parts, a, b);
  } else {
    let fromA = 0;
    let fromB = 0;
    for (const [ia, ib] of uniqueAnchors(a, b)) {
      diffStretch(parts, a.slice(fromA, ia), b.slice(fromB, ib));
      push(parts, 'same', a[ia]!);
      fromA = ia + 1;
      fromB = ib + 1;
    }
    diffStretch(parts, a.slice(fromA), b.slice(fromB));
  }
  push(parts, 'same', before.slice(before.length - ends.tail));
  return parts;
}

/** Diffs one stretch between anchors; most stretches of a long document are unchanged or barely changed. */
function diffStretch(parts: DiffPart[], a: string[], b: string[]): void {
  const [head, tail] = commonTokenEnds(a, b);
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  push(parts, 'same', a.slice(0, head).join(''));
  const changes = midA.length > 0 && midB.length > 0 ? diffArrays(midA, midB, { maxEditLength: MAX_EDIT_TOKENS }) : undefined;
  if (changes !== undefined) {
    for (const change of changes) {
      push(parts, change.removed ? 'removed' : change.added ? 'added' : 'same', change.value.join(''));
    }
  } else {
    push(parts, 'removed', midA.join(''));
    push(parts, 'added', midB.join(''));
  }
  push(parts, 'same', a.slice(a.length - tail).join(''));
}

function commonTokenEnds(a: readonly string[], b: readonly string[]): [number, number] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return [head, tail];
}

function usesChars(before: string, after: string, { granularity = 'auto', lang }: DisplayDiffOptions): boolean {
  if (granularity !== 'auto') return granularity === 'char';
  if (lang !== undefined && isUnspacedLanguage(lang)) return true;
  return isMostlyUnspaced(before + after);
}

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last !== undefined && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}
