import { isTextKind, sameValue, type FieldValue, type FieldValues, type OutputField } from '../domain';
import { charEdits } from './char-edits';
import { hter } from './ter';

export interface FieldEffort {
  /** Levenshtein distance in code points. */
  charEdits: number;
  hter: number;
}

const NO_EFFORT: FieldEffort = { charEdits: 0, hter: 0 };

/** How much a reviewer changed one field: the AI output against what they kept. */
export function fieldEffort(aiOutput: string, finalText: string): FieldEffort {
  return { charEdits: charEdits(aiOutput, finalText), hter: hter(aiOutput, finalText) };
}

/** A field's value as text for effort: a missing or non-text value counts as empty text. */
export function effortText(value: FieldValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The effort of every text and longtext field of an item, keyed by field name: what the results export
 * records and the totals add up. An unchanged value costs nothing, without computing anything.
 */
export function textFieldsEffort(fields: readonly OutputField[], output: FieldValues, final: FieldValues): Record<string, FieldEffort> {
  const effort: Record<string, FieldEffort> = {};
  for (const f of fields) {
    if (!isTextKind(f.kind)) continue;
    const before = output[f.name] ?? null;
    const after = final[f.name] ?? null;
    effort[f.name] = sameValue(before, after) ? NO_EFFORT : fieldEffort(effortText(before), effortText(after));
  }
  return effort;
}
