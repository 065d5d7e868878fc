import type { CodeToken, Content, SegmentCode, Token } from './model';

/**
 * Content as the one line of text a Loupe field holds. Each inline code becomes a numbered
 * placeholder — `⟨1⟩` opens a pair, `⟨/1⟩` closes it, `⟨2/⟩` stands alone — numbered as the segment's
 * codes are (`XliffSegment.codes`); a "⟨" of the text itself is doubled. Reading the text back gives
 * the codes again, so a reviewer's correction returns to the file with its original markup.
 */

const OPEN = '\u27E8';
const CLOSE = '\u27E9';

export function placeholder(n: number, role: CodeToken['role']): string {
  return role === 'open' ? `${OPEN}${n}${CLOSE}` : role === 'close' ? `${OPEN}/${n}${CLOSE}` : `${OPEN}${n}/${CLOSE}`;
}

export function contentToText(content: Content, codes: readonly SegmentCode[]): string {
  const numbers = new Map(codes.map((c) => [c.key, c.n]));
  return content
    .map((t) => {
      if (t.type === 'text') return t.text.replaceAll(OPEN, OPEN + OPEN);
      const n = numbers.get(t.key);
      if (n === undefined) throw new Error(`inline code ${t.key} is not among the segment's codes`);
      return placeholder(n, t.role);
    })
    .join('');
}

const PLACEHOLDER = new RegExp(`${OPEN}(${OPEN}|(/?)([1-9][0-9]*)(/?)${CLOSE})`, 'gu');

/**
 * The text of a field as content. A placeholder of a code the segment does not have in that role is
 * read as plain text, as is a lone "⟨": what a reviewer typed is never lost.
 */
export function textToContent(text: string, codes: readonly SegmentCode[]): Content {
  const byNumber = new Map(codes.map((c) => [c.n, c]));
  const out: Token[] = [];
  const pushText = (s: string) => {
    const last = out[out.length - 1];
    if (last?.type === 'text') last.text += s;
    else if (s !== '') out.push({ type: 'text', text: s });
  };
  let done = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const [whole, escaped, close, digits, alone] = m;
    const at = m.index;
    pushText(text.slice(done, at));
    done = at + whole.length;
    if (escaped === OPEN) {
      pushText(OPEN);
      continue;
    }
    const role: CodeToken['role'] | null = close && alone ? null : close ? 'close' : alone ? 'standalone' : 'open';
    const code = byNumber.get(Number(digits));
    const markup = role === null ? undefined : code?.markup[role];
    if (role === null || !code || markup === undefined) pushText(whole);
    else out.push({ type: 'code', element: code.element, role, key: code.key, markup, label: code.label });
  }
  pushText(text.slice(done));
  return out;
}
