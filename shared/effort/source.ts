import { isTextKind, type Item, type TaskSchema } from '../domain';
import { effortText } from './field-effort';

/** One text of an item's source, in its language where the schema names one. */
export interface SourceText {
  text: string;
  lang?: string;
}

/** Where an item's source is, by the schema (docs/effort.md, "Which text is the source"). */
export interface SourceFields {
  from: 'context' | 'output';
  fields: ReadonlyArray<{ name: string; lang?: string }>;
}

/**
 * The fields a schema's items keep their source in: the text context field named `source` (the demo,
 * MLQE-PE and XLIFF batches), else the first text context field (a one-column `input` is the field `text`);
 * without text context, the AI output's text fields, the only text the reviewer reads; else none.
 */
export function sourceFields(schema: TaskSchema): SourceFields {
  const context = schema.context.filter((f) => isTextKind(f.kind));
  const chosen = context.find((f) => f.name === 'source') ?? context[0];
  const pick = (f: { name: string; lang?: string | undefined }) => (f.lang ? { name: f.name, lang: f.lang } : { name: f.name });
  if (chosen) return { from: 'context', fields: [pick(chosen)] };
  return { from: 'output', fields: schema.fields.filter((f) => isTextKind(f.kind)).map(pick) };
}

/** An item's source texts; a missing or non-text value is empty text. */
export function sourceTexts(source: SourceFields, item: Pick<Item, 'context' | 'output'>): SourceText[] {
  const values = source.from === 'context' ? item.context : item.output;
  return source.fields.map((f) => ({ text: effortText(values[f.name]), ...(f.lang ? { lang: f.lang } : {}) }));
}
