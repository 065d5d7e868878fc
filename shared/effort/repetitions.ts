import { countWords } from './words';
import type { SourceText } from './source';

/** One segment's source words, and whether the same source came earlier in the batch. */
export interface SegmentWords {
  words: number;
  repetition: boolean;
}

export interface WordTotals {
  segments: number;
  /** newWords + repetitionWords. */
  words: number;
  newWords: number;
  /** Words of segments whose source came earlier in the batch. */
  repetitionWords: number;
}

export interface WordCounts extends WordTotals {
  /** In the order the segments were given. */
  perSegment: SegmentWords[];
}

/**
 * What makes two sources the same segment, as CAT tools find repetitions: the same text once spacing is set
 * aside; case counts. Propagating a correction to identical segments uses it too.
 */
export const repetitionKey = (text: string) => text.trim().replace(/\s+/gu, ' ');

/**
 * Source word counts of a batch, segments in batch order: each segment's words (`countWords`), and a
 * segment whose normalised source appeared earlier is a repetition, its words repetition words rather than
 * new words. A segment of several texts repeats one with the same texts in the same order.
 */
export function wordCounts(segments: Iterable<string | readonly SourceText[]>): WordCounts {
  const seen = new Set<string>();
  const perSegment: SegmentWords[] = [];
  let newWords = 0;
  let repetitionWords = 0;
  for (const segment of segments) {
    const texts = typeof segment === 'string' ? [{ text: segment }] : segment;
    const key = texts.map((t) => repetitionKey(t.text)).join('\u0000');
    const words = texts.reduce((n, t) => n + countWords(t.text, t.lang), 0);
    const repetition = seen.has(key);
    seen.add(key);
    if (repetition) repetitionWords += words;
    else newWords += words;
    perSegment.push({ words, repetition });
  }
  return { segments: perSegment.length, words: newWords + repetitionWords, newWords, repetitionWords, perSegment };
}
