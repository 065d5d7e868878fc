import { isTextKind, type TaskSchema } from '../domain';
import { TARGET_FIELD } from '../xliff';

/** The context field that holds a segment's source, in batches made from XLIFF and in the demo. */
export const SOURCE_FIELD = 'source';

/** Where a batch keeps the text translated and its translation. */
export interface SegmentFields {
  /** A context field, or null when the batch shows no text to translate from. */
  source: string | null;
  /** An output field: the one the reviewer corrects. */
  target: string;
}

/**
 * The fields that make a batch's items segments: the output field `target` (XLIFF), else the first text
 * output field; the context field `source`, else the first text context field. Null when no output field is
 * text: such a batch has nothing to search for or replace in.
 */
export function segmentFields(schema: TaskSchema): SegmentFields | null {
  const outputs = schema.fields.filter((f) => isTextKind(f.kind));
  const contexts = schema.context.filter((f) => isTextKind(f.kind));
  const target = outputs.find((f) => f.name === TARGET_FIELD) ?? outputs[0];
  if (!target) return null;
  const source = contexts.find((f) => f.name === SOURCE_FIELD) ?? contexts[0];
  return { source: source?.name ?? null, target: target.name };
}
