import { z } from 'zod';
import type { OutputField } from './task-schema';

/** One field's value: text, a label, several labels, a number, a yes/no, or nothing. */
export const FieldValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export type FieldValue = z.infer<typeof FieldValue>;

export const FieldValues = z.record(z.string(), FieldValue);
export type FieldValues = z.infer<typeof FieldValues>;

export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const sa = [...a].sort();
    const sb = [...b].sort();
    return sa.every((v, i) => v === sb[i]);
  }
  return (a ?? null) === (b ?? null);
}

export function sameValues(fields: readonly OutputField[], a: FieldValues, b: FieldValues): boolean {
  return fields.every((f) => sameValue(a[f.name], b[f.name]));
}

/** The fields whose values differ, in schema order. */
export function changedFields(fields: readonly OutputField[], before: FieldValues, after: FieldValues): string[] {
  return fields.filter((f) => !sameValue(before[f.name], after[f.name])).map((f) => f.name);
}
