import { z } from 'zod';
import { TaskSchema } from './task-schema';

export const SourceFormat = z.enum(['jsonl', 'csv', 'xliff', 'loupe', 'demo']);
export type SourceFormat = z.infer<typeof SourceFormat>;

/**
 * The file a batch was made from, kept to be written back in its own format (XLIFF: docs/xliff.md):
 * its bytes are the batch's attachment `path`, so they travel in every `.loupe` of the batch. Not part
 * of `source`: a batch opened from a `.loupe` has that file as its source.
 */
export const BatchOriginal = z
  .object({
    format: z.literal('xliff'),
    /** The file's name as it was imported: exports are named after it. */
    fileName: z.string().min(1),
    /** The attachment holding its bytes, such as `xliff/manual.xlf`. */
    path: z.string().min(1),
  })
  .describe('The file the batch was made from (XLIFF), kept byte for byte as the attachment `path` so that results can be written back into it.');
export type BatchOriginal = z.infer<typeof BatchOriginal>;

/** A named set of items of one schema (BRIEF 1). */
export const Batch = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Key of the batch's schema in the schema store (its content digest, so one schema is kept once). */
  schemaId: z.string().min(1),
  instructions: z.string().optional(),
  dueDate: z.string().optional(),
  createdAt: z.string(),
  itemCount: z.number().int().nonnegative(),
  /** Where it came from; the digest makes re-importing the same file a no-op. */
  source: z.object({
    format: SourceFormat,
    fileName: z.string(),
    sha256: z.string(),
  }),
  revision: z.number().int().positive().default(1),
  original: BatchOriginal.optional(),
});
export type Batch = z.infer<typeof Batch>;

/** A task schema as stored: keyed by the SHA-256 of its canonical JSON. */
export const StoredSchema = z.object({
  id: z.string().min(1),
  schema: TaskSchema,
  createdAt: z.string(),
});
export type StoredSchema = z.infer<typeof StoredSchema>;
