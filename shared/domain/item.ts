import { z } from 'zod';
import { FieldValues } from './values';

/** One unit of review as the AI pipeline produced it (BRIEF 1, 3.1). */
export const Item = z.object({
  batchId: z.string().min(1),
  /** Stable id from the AI pipeline, unique within its batch. */
  id: z.string().min(1),
  /** Position in the batch, from 0, for ordering and "remember where I was". */
  seq: z.number().int().nonnegative(),
  context: FieldValues,
  output: FieldValues,
  confidence: z.record(z.string(), z.number().min(0).max(1)).optional(),
  rationale: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  model: z.string().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type Item = z.infer<typeof Item>;
