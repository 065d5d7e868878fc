import type { Range } from './display';
import type { TextMatch } from './find';
import type { Matcher } from './query';
import { CODE_MARK, escapeText, type SearchText } from './text';

/**
 * A replacement made, or refused because it would break an inline code: a match that takes a code along would
 * delete it, and a `$` reference that copies one would write it twice. `code` names the code ("⟨1⟩") when the
 * match holds it; `match` is the text matched, codes written as placeholders.
 */
export type ReplaceOutcome = { ok: true; text: string; count: number; inserted: Range[] } | { ok: false; code: string | null; match: string };

/** `$` references of a replacement, as `String.prototype.replace` reads them (ECMA-262 GetSubstitution). */
export function expandReplacement(template: string, m: Pick<TextMatch, 'from' | 'to' | 'groups' | 'named'>, plain: string): string {
  return template.replace(/\$(\$|&|`|'|(\d\d?)|<([^>]*)>)/gu, (whole: string, what: string, digits: string | undefined, name: string | undefined) => {
    if (what === '$') return '$';
    if (what === '&') return m.groups[0] ?? '';
    if (what === '`') return plain.slice(0, m.from);
    if (what === "'") return plain.slice(m.to);
    if (digits !== undefined) {
      const groups = m.groups.length - 1;
      const two = Number(digits);
      if (digits.length === 2 && two >= 1 && two <= groups) return m.groups[two] ?? '';
      const one = Number(digits[0]);
      if (one >= 1 && one <= groups) return (m.groups[one] ?? '') + digits.slice(1);
      return whole;
    }
    if (m.named === undefined) return whole;
    return m.named[name ?? ''] ?? '';
  });
}

/**
 * `text` with every match replaced by `replacement` (its `$` references expanded for a regular expression),
 * and where the replacements are in it; or the refusal of the first match that would break a code. `text` must be read with codes marked. What is
 * written is literal text: in a coded field a "⟨" of the replacement is doubled, so it can never make a code.
 */
export function replaceMatches(text: SearchText, matches: readonly TextMatch[], replacement: string, matcher: Matcher): ReplaceOutcome {
  let out = '';
  let done = 0;
  const inserted: Range[] = [];
  for (const m of matches) {
    const match = text.raw.slice(m.start, m.end);
    for (const [at, code] of text.codes) {
      if (at >= m.from && at < m.to) return { ok: false, code, match };
    }
    const written = matcher.template ? expandReplacement(replacement, m, text.plain) : replacement;
    if (text.codes.size > 0 && written.includes(CODE_MARK)) return { ok: false, code: null, match };
    out += text.raw.slice(done, m.start);
    const start = out.length;
    out += escapeText(written, text.coded);
    inserted.push({ start, end: out.length });
    done = m.end;
  }
  return { ok: true, text: out + text.raw.slice(done), count: matches.length, inserted };
}
