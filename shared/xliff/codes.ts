import type { Candidate, Content, SegmentCode } from './model';

/** The segment's code of that key; segments have few codes, so a search beats a map. */
function find(codes: readonly SegmentCode[], key: string): SegmentCode | undefined {
  for (const code of codes) if (code.key === key) return code;
  return undefined;
}

/**
 * Numbers the inline codes of a segment from 1, in order of appearance in the source, then the target,
 * then the candidates; the two ends of a pair share a number. The markup kept for each role is the
 * target's own when it has the code, else the source's, else a candidate's: written back, a code
 * looks as it did in the target.
 */
export function numberCodes(source: Content, target: Content | null, candidates: readonly Candidate[]): SegmentCode[] {
  const codes: SegmentCode[] = [];
  const number = (content: Content) => {
    for (const token of content) {
      if (token.type === 'code' && !find(codes, token.key)) codes.push({ n: codes.length + 1, key: token.key, element: token.element, label: token.label, markup: {} });
    }
  };
  const keep = (content: Content) => {
    for (const token of content) {
      if (token.type !== 'code') continue;
      const code = find(codes, token.key);
      if (code) code.markup[token.role] ??= token.markup;
    }
  };
  number(source);
  if (target) number(target);
  for (const c of candidates) number(c.target);
  if (codes.length === 0) return codes;
  if (target) keep(target);
  keep(source);
  for (const c of candidates) keep(c.target);
  return codes;
}
