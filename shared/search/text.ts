/**
 * A field's text as search sees it. In a segment made from XLIFF (`coded`), inline codes are placeholders —
 * `⟨1⟩`, `⟨/1⟩`, `⟨2/⟩` — and "⟨⟨" is one "⟨" of the text (shared/xliff/text.ts); elsewhere every character
 * is text. Search runs on `plain`, what a reader reads, and `at` maps it back to `raw`, where edits happen.
 */

/** Stands for an inline code in `plain` when codes are marked: neither a letter, a digit nor a space. */
export const CODE_MARK = '\uFFFC';

export const OPEN = '\u27E8';
const OPEN_UNIT = OPEN.charCodeAt(0);

export interface SearchText {
  raw: string;
  /** The text a reader reads: codes marked with CODE_MARK (or left out), "⟨⟨" as one "⟨". */
  plain: string;
  /** `at[i]` is where plain's unit i starts in `raw`; `at[plain.length]` is `raw.length`. Null when plain is raw. */
  at: readonly number[] | null;
  /** The marked codes as written in raw, by their index in `plain` (none when codes are left out). */
  codes: ReadonlyMap<number, string>;
  marked: boolean;
  /** Read with inline codes (a segment made from XLIFF). */
  coded: boolean;
}

// Any placeholder syntax counts as a code, whether or not the segment has that code: search must never
// take something that looks like a code for text it may change. Both slashes at once is text, as on reading.
const PLACEHOLDER = /\u27E8(\u27E8|(\/?)([1-9][0-9]*)(\/?)\u27E9)/gu;

/**
 * Reads `raw` for searching. `codes: 'mark'` keeps each code as one CODE_MARK, so a match can tell that it
 * would take a code along (replacing); `'skip'` leaves codes out, so a phrase split by a code is still found
 * (concordance).
 */
export function searchText(raw: string, coded: boolean, codes: 'mark' | 'skip' = 'mark'): SearchText {
  const marked = codes === 'mark';
  if (!coded || !raw.includes(OPEN)) return { raw, plain: raw, at: null, codes: new Map(), marked, coded };
  let plain = '';
  const at: number[] = [];
  const found = new Map<number, string>();
  const addText = (from: number, to: number) => {
    for (let i = from; i < to; i += 1) at.push(i);
    plain += raw.slice(from, to);
  };
  let done = 0;
  for (const m of raw.matchAll(PLACEHOLDER)) {
    const [whole, inner, close, , alone] = m;
    addText(done, m.index);
    done = m.index + whole.length;
    if (inner === OPEN) {
      at.push(m.index);
      plain += OPEN;
    } else if (close && alone) {
      addText(m.index, done);
    } else if (marked) {
      found.set(plain.length, whole);
      at.push(m.index);
      plain += CODE_MARK;
    }
  }
  addText(done, raw.length);
  at.push(raw.length);
  return { raw, plain, at, codes: found, marked, coded };
}

/** Where plain's unit `i` starts in raw. */
export function rawStart(text: SearchText, i: number): number {
  return text.at ? (text.at[i] ?? text.raw.length) : i;
}

/** Where plain's unit `i - 1` ends in raw: a range of plain that ends before a left-out code ends before it too. */
export function rawEnd(text: SearchText, i: number): number {
  if (!text.at || i === 0) return rawStart(text, i);
  const start = text.at[i - 1] ?? text.raw.length;
  const code = text.marked ? text.codes.get(i - 1) : undefined;
  if (code !== undefined) return start + code.length;
  // A "⟨" of the text is written "⟨⟨"; a lone "⟨" (never followed by another) is itself.
  return start + (text.raw.charCodeAt(start) === OPEN_UNIT && text.raw.charCodeAt(start + 1) === OPEN_UNIT ? 2 : 1);
}

/** Literal text as a coded field holds it: each "⟨" doubled, so it can never start a code. */
export function escapeText(text: string, coded: boolean): string {
  return coded ? text.replaceAll(OPEN, OPEN + OPEN) : text;
}
