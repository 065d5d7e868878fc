import type { QaSpan } from './model';

/** Stands for an inline code in `plain`: neither a letter, a digit nor a space, so it ends words and numbers. */
export const CODE_MARK = '\uFFFC';

/** An inline code's placeholder (docs/xliff.md: `⟨1⟩`, `⟨/1⟩`, `⟨2/⟩`) where it stands in the field's text. */
export interface CodeMark {
  n: number;
  role: 'open' | 'close' | 'standalone';
  /** The placeholder as written, such as "⟨/1⟩". */
  text: string;
  start: number;
  end: number;
}

/**
 * A field's text read for checking. `plain` is the text a reader sees, each code one CODE_MARK and "⟨⟨"
 * one "⟨"; `at` maps it back: `at[i]` is where plain's unit i starts in `raw`, `at[plain.length]` is
 * `raw.length`. Spans found in `plain` are reported in `raw`, where the editor works.
 */
export interface QaText {
  raw: string;
  plain: string;
  at: number[];
  codes: CodeMark[];
}

// The same syntax as shared/xliff/text.ts reads; both slashes at once is no placeholder, but text.
const PLACEHOLDER = /\u27E8(\u27E8|(\/?)([1-9][0-9]*)(\/?)\u27E9)/gu;

export function readText(raw: string): QaText {
  let plain = '';
  const at: number[] = [];
  const codes: CodeMark[] = [];
  const addText = (from: number, to: number) => {
    for (let i = from; i < to; i += 1) at.push(i);
    plain += raw.slice(from, to);
  };
  let done = 0;
  for (const m of raw.matchAll(PLACEHOLDER)) {
    const [whole, inner, close, digits, alone] = m;
    addText(done, m.index);
    done = m.index + whole.length;
    if (inner === '\u27E8') {
      at.push(m.index);
      plain += '\u27E8';
      continue;
    }
    if (close && alone) {
      addText(m.index, done);
      continue;
    }
    at.push(m.index);
    plain += CODE_MARK;
    codes.push({ n: Number(digits), role: close ? 'close' : alone ? 'standalone' : 'open', text: whole, start: m.index, end: done });
  }
  addText(done, raw.length);
  at.push(raw.length);
  return { raw, plain, at, codes };
}

/** A range of `plain` as a span of the raw text. */
export function spanOf(text: QaText, from: number, to: number): QaSpan {
  return { start: text.at[from] ?? text.raw.length, end: text.at[to] ?? text.raw.length };
}

/** True when the text holds nothing but white space and codes: nothing a reader would read. */
export function isBlank(text: QaText): boolean {
  return /^[\s\uFFFC]*$/u.test(text.plain);
}

/** The text without its codes, white space collapsed, in NFC: what two texts are compared by. */
export function wordsOnly(text: QaText): string {
  return text.plain.replaceAll(CODE_MARK, '').replace(/\s+/gu, ' ').trim().normalize('NFC');
}
