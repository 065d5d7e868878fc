import { charEdits } from './char-edits';
import { hter } from './ter';

export { charEdits } from './char-edits';
export { hter, ter } from './ter';
export type { TerResult } from './ter';
export { tokenize } from './tokenize';

export interface FieldEffort {
  /** Levenshtein distance in code points. */
  charEdits: number;
  hter: number;
}

/** How much a reviewer changed one field: the AI output against what they kept. */
export function fieldEffort(aiOutput: string, finalText: string): FieldEffort {
  return { charEdits: charEdits(aiOutput, finalText), hter: hter(aiOutput, finalText) };
}
