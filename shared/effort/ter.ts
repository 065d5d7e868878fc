import { terWords } from './tercom/ter-words';
import { tokenize } from './tokenize';

export interface TerResult {
  /** Insertions, deletions, substitutions and shifts. */
  edits: number;
  refWords: number;
  /** edits / refWords; with no reference words, 1 if there are edits and 0 if not (tercom's convention). */
  score: number;
}

/**
 * Translation Edit Rate as tercom 0.7.25 computes it by default: both texts lower-cased, split into words by
 * `tokenize`, then word edits with block shifts (see docs/effort.md).
 */
export function ter(hypothesis: string, reference: string): TerResult {
  // Locale-independent lower-casing: tercom uses the JVM's default locale, which would make a Turkish machine
  // fold "I" differently.
  const { edits, refWords } = terWords(tokenize(hypothesis.toLowerCase()), tokenize(reference.toLowerCase()));
  const score = refWords > 0 ? edits / refWords : edits > 0 ? 1 : 0;
  return { edits, refWords, score };
}

/** Human-targeted TER of the AI output against the final text, capped at 1. */
export function hter(aiOutput: string, finalText: string): number {
  return Math.min(1, ter(aiOutput, finalText).score);
}
