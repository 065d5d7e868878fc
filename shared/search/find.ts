import type { Matcher } from './query';
import { rawEnd, rawStart, type SearchText } from './text';
import { isWordBoundary } from './words';

/** One match: where it is in plain (`from`, `to`) and in raw (`start`, `end`), with what the pattern captured. */
export interface TextMatch {
  from: number;
  to: number;
  start: number;
  end: number;
  /** The match and its groups, as `RegExp.exec` gives them: what `$&`, `$1`… stand for. */
  groups: readonly (string | undefined)[];
  named: Readonly<Record<string, string | undefined>> | undefined;
}

/** One code point further than `i`: an empty or refused match must not stop the search, nor split a pair. */
function advance(s: string, i: number): number {
  const cp = s.codePointAt(i);
  return i + (cp !== undefined && cp > 0xffff ? 2 : 1);
}

/**
 * The matches of `matcher` in `plain`, left to right, none overlapping, at most `limit`. Empty matches are
 * skipped: a pattern such as `a*` would otherwise "match" between every two characters.
 */
function findInPlain(plain: string, matcher: Matcher, limit = Infinity): Omit<TextMatch, 'start' | 'end'>[] {
  const found: Omit<TextMatch, 'start' | 'end'>[] = [];
  const re = matcher.pattern;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (found.length < limit && (m = re.exec(plain)) !== null) {
    const from = m.index;
    const to = from + m[0].length;
    if (to === from || (matcher.wholeWord && !(isWordBoundary(plain, from) && isWordBoundary(plain, to)))) {
      // Try again one character on: a refused match may hide an accepted one that overlaps it.
      re.lastIndex = advance(plain, from);
      if (re.lastIndex > plain.length) break;
      continue;
    }
    found.push({ from, to, groups: [...m], named: m.groups ? { ...m.groups } : undefined });
  }
  return found;
}

/** Whether `plain` holds at least one match. */
export function hasMatch(plain: string, matcher: Matcher): boolean {
  return findInPlain(plain, matcher, 1).length > 0;
}

/** The matches of `matcher` in a text, with their place in raw. */
export function findMatches(text: SearchText, matcher: Matcher, limit = Infinity): TextMatch[] {
  return findInPlain(text.plain, matcher, limit).map((m) => ({ ...m, start: rawStart(text, m.from), end: rawEnd(text, m.to) }));
}
