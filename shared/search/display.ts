import { OPEN } from './text';

export type CodeRole = 'open' | 'close' | 'standalone';

/** A stretch of a text to show: text (a "⟨⟨" shown as "⟨"), or an inline code as written; `marked` inside a match. */
export type DisplayPiece = { kind: 'text'; text: string; marked: boolean } | { kind: 'code'; text: string; n: number; role: CodeRole; marked: boolean };

export interface Range {
  start: number;
  end: number;
}

const ATOM = /\u27E8(\u27E8|(\/?)([1-9][0-9]*)(\/?)\u27E9)/gu;

/**
 * `raw` cut into the pieces a screen shows, with the ranges (of raw, not cutting a code, as matches give them)
 * marked. Pieces are data: the screen renders them as text and spans, never as markup.
 */
export function displayPieces(raw: string, coded: boolean, ranges: readonly Range[]): DisplayPiece[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const inRange = (pos: number) => sorted.some((r) => r.start <= pos && pos < r.end);
  const out: DisplayPiece[] = [];
  const pushText = (from: number, to: number) => {
    const cuts = new Set([from, to]);
    for (const r of sorted) for (const p of [r.start, r.end]) if (p > from && p < to) cuts.add(p);
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [a, b] = [points[i] as number, points[i + 1] as number];
      out.push({ kind: 'text', text: raw.slice(a, b), marked: inRange(a) });
    }
  };
  let done = 0;
  if (coded) {
    for (const m of raw.matchAll(ATOM)) {
      const [whole, inner, close, digits, alone] = m;
      if (close && alone) continue;
      pushText(done, m.index);
      done = m.index + whole.length;
      if (inner === OPEN) out.push({ kind: 'text', text: OPEN, marked: inRange(m.index) });
      else out.push({ kind: 'code', text: whole, n: Number(digits), role: close ? 'close' : alone ? 'standalone' : 'open', marked: inRange(m.index) });
    }
  }
  pushText(done, raw.length);
  return out;
}
