import type { Content, SegmentCode } from './model';

/**
 * Numbers the inline codes of a segment from 1, in order of appearance in the source, then the target,
 * then the candidates; the two ends of a pair share a number. The markup kept for each role is the
 * target's own when it has the code, else the source's, else a candidate's: written back, a code
 * looks as it did in the target.
 */
export function numberCodes(source: Content, target: Content | null, candidates: readonly Content[]): SegmentCode[] {
  const byKey = new Map<string, SegmentCode>();
  for (const content of [source, target ?? [], ...candidates]) {
    for (const token of content) {
      if (token.type === 'code' && !byKey.has(token.key)) {
        byKey.set(token.key, { n: byKey.size + 1, key: token.key, element: token.element, label: token.label, markup: {} });
      }
    }
  }
  for (const content of [target ?? [], source, ...candidates]) {
    for (const token of content) {
      if (token.type !== 'code') continue;
      const code = byKey.get(token.key);
      if (code) code.markup[token.role] ??= token.markup;
    }
  }
  return [...byKey.values()];
}
