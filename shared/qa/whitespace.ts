import type { QaDraft, QaSpan } from './model';
import type { Prepared } from './segment';
import { spanOf, type QaText } from './text';

/**
 * White space: the target starts and ends with the same white space as the source (programs often
 * join strings, and a lost or added space shows), and has no run of spaces inside where the source has
 * none. An inline code is content: "⟨1/⟩ Save" starts with a code, not a space.
 */

const NAMES: Record<string, string> = {
  ' ': 'space',
  '\u00A0': 'no-break space',
  '\u202F': 'narrow no-break space',
  '\u2009': 'thin space',
  '\u3000': 'ideographic space',
  '\t': 'tab',
  '\n': 'line break',
  '\r': 'line break',
};

/** "2 spaces and a line break", "no white space". */
function describe(ws: string): string {
  const runs: Array<{ name: string; count: number }> = [];
  for (const c of ws.replaceAll('\r\n', '\n')) {
    const name = NAMES[c] ?? 'white-space character';
    const last = runs.at(-1);
    if (last?.name === name) last.count += 1;
    else runs.push({ name, count: 1 });
  }
  if (runs.length === 0) return 'no white space';
  return runs.map((r) => (r.count === 1 ? `${/^[aeiou]/u.test(r.name) ? 'an' : 'a'} ${r.name}` : `${r.count} ${r.name}s`)).join(' and ');
}

interface Edge {
  white: string;
  spans: QaSpan[];
}

function edge(text: QaText, at: 'start' | 'end'): Edge {
  const m = (at === 'start' ? /^\s*/u : /\s*$/u).exec(text.plain)!;
  return { white: m[0], spans: m[0] ? [spanOf(text, m.index, m.index + m[0].length)] : [] };
}

export function checkWhitespace(p: Prepared): QaDraft[] {
  const out: QaDraft[] = [];
  for (const at of ['start', 'end'] as const) {
    const source = edge(p.source, at);
    const target = edge(p.target, at);
    if (source.white === target.white) continue;
    out.push({
      rule: at === 'start' ? 'whitespace.leading' : 'whitespace.trailing',
      key: JSON.stringify(target.white),
      message: `The source ${at}s with ${describe(source.white)}, the target with ${describe(target.white)} — ${at === 'start' ? 'start' : 'end'} the target as the source does.`,
      target: target.spans,
      source: source.spans,
    });
  }
  return out;
}

const DOUBLE = /(?<=\S)\p{Zs}{2,}(?=\S)/gu;

export function checkDoubleSpaces(p: Prepared): QaDraft[] {
  // A source with runs of spaces inside means them (alignment, a layout): the target may keep them.
  if (p.source.plain.search(DOUBLE) !== -1) return [];
  const runs = [...p.target.plain.matchAll(DOUBLE)];
  if (runs.length === 0) return [];
  return [
    {
      rule: 'double-spaces',
      key: '',
      message: `The target has ${runs.length === 1 ? 'two or more spaces in a row' : `two or more spaces in a row in ${runs.length} places`} — make each one space.`,
      target: runs.map((m) => spanOf(p.target, m.index, m.index + m[0].length)),
      source: [],
    },
  ];
}
