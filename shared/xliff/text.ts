import type { CodeToken, Content, SegmentCode, Token } from './model';

/**
 * Content as the one line of text a Loupe field holds. Each inline code becomes a numbered
 * placeholder — `⟨1⟩` opens a pair, `⟨/1⟩` closes it, `⟨2/⟩` stands alone — numbered as the segment's
 * codes are (`XliffSegment.codes`); a "⟨" of the text itself is doubled. Reading the text back gives
 * the codes again, so a reviewer's correction returns to the file with its original markup.
 */

const OPEN = '\u27E8';
const CLOSE = '\u27E9';

// Made once: the same few placeholders are written for segment after segment.
const PLACEHOLDERS: Record<CodeToken['role'], string[]> = { open: [], close: [], standalone: [] };

export function placeholder(n: number, role: CodeToken['role']): string {
  const made = PLACEHOLDERS[role];
  let text = made[n];
  if (text === undefined) {
    text = role === 'open' ? `${OPEN}${n}${CLOSE}` : role === 'close' ? `${OPEN}/${n}${CLOSE}` : `${OPEN}${n}/${CLOSE}`;
    if (n < 1000) made[n] = text;
  }
  return text;
}

export function contentToText(content: Content, codes: readonly SegmentCode[]): string {
  let out = '';
  for (const t of content) {
    if (t.type === 'text') {
      out += t.text.includes(OPEN) ? t.text.replaceAll(OPEN, OPEN + OPEN) : t.text;
      continue;
    }
    const code = codes.find((c) => c.key === t.key);
    if (code === undefined) throw new Error(`inline code ${t.key} is not among the segment's codes`);
    out += placeholder(code.n, t.role);
  }
  return out;
}

// A placeholder at `at` (its "⟨"): "/"? digits "/"? "⟩", the digits not starting with 0.
const PLACEHOLDER = new RegExp(`${OPEN}(/?)([1-9][0-9]*)(/?)${CLOSE}`, 'uy');

/**
 * The text of a field as content. A placeholder of a code the segment does not have in that role is
 * read as plain text, as is a lone "⟨": what a reviewer typed is never lost.
 */
export function textToContent(text: string, codes: readonly SegmentCode[]): Content {
  const out: Token[] = [];
  const pushText = (s: string) => {
    const last = out[out.length - 1];
    if (last?.type === 'text') last.text += s;
    else if (s !== '') out.push({ type: 'text', text: s });
  };
  let done = 0;
  for (let at = text.indexOf(OPEN); at !== -1; at = text.indexOf(OPEN, done)) {
    if (text.startsWith(OPEN, at + 1)) {
      // "⟨⟨" is a "⟨" of the text.
      pushText(text.slice(done, at + 1));
      done = at + 2;
      continue;
    }
    PLACEHOLDER.lastIndex = at;
    const m = PLACEHOLDER.exec(text);
    if (!m) {
      pushText(text.slice(done, at + 1));
      done = at + 1;
      continue;
    }
    const [whole, close, digits, alone] = m;
    pushText(text.slice(done, at));
    done = at + whole.length;
    const role: CodeToken['role'] | null = close && alone ? null : close ? 'close' : alone ? 'standalone' : 'open';
    const n = Number(digits);
    const code = codes.find((c) => c.n === n);
    const markup = role === null ? undefined : code?.markup[role];
    if (role === null || !code || markup === undefined) pushText(whole);
    else out.push({ type: 'code', element: code.element, role, key: code.key, markup, label: code.label });
  }
  pushText(text.slice(done));
  return out;
}
