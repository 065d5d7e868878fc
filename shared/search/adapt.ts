import type { CodeRole } from './display';
import { escapeText, OPEN } from './text';

/** What a segment's placeholders stand for: the codes of its XLIFF segment (none for other items). */
export interface SegmentCodes {
  coded: boolean;
  codes: readonly { n: number; label: string; roles: readonly CodeRole[] }[];
}

const ATOM = /\u27E8(\u27E8|(\/?)([1-9][0-9]*)(\/?)\u27E9)/gu;

/**
 * A text of one segment, made fit for another's field. A placeholder means a code of ITS segment: `⟨1⟩` is
 * bold in one and a link in the next. So a code is kept only where the other segment has a code of that
 * number, role and label; the others are left out (`dropped`, as written) for the reviewer to place. A
 * "⟨" of the text stays a character either way.
 */
export function adaptText(raw: string, from: SegmentCodes, to: SegmentCodes): { text: string; dropped: string[] } {
  if (!from.coded) return { text: escapeText(raw, to.coded), dropped: [] };
  const dropped: string[] = [];
  let text = '';
  let done = 0;
  for (const m of raw.matchAll(ATOM)) {
    const [whole, inner, close, digits, alone] = m;
    if (close && alone) continue;
    text += escapeText(raw.slice(done, m.index), to.coded);
    done = m.index + whole.length;
    if (inner === OPEN) {
      text += escapeText(OPEN, to.coded);
      continue;
    }
    const n = Number(digits);
    const role: CodeRole = close ? 'close' : alone ? 'standalone' : 'open';
    const label = from.codes.find((c) => c.n === n)?.label;
    const same = to.coded && to.codes.some((c) => c.n === n && c.label === label && c.roles.includes(role));
    if (same) text += whole;
    else dropped.push(whole);
  }
  return { text: text + escapeText(raw.slice(done), to.coded), dropped };
}
