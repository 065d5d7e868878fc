import type { ContextField, FieldValues, OutputField, TaskSchema } from '../domain';

/**
 * An item's values checked against its schema: every key is a field of the schema and every value has
 * the field's kind (`null` always means "no value"). The reason when not, or null.
 */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

function kindProblem(field: OutputField | ContextField, value: unknown, options: readonly string[] | undefined): string | null {
  if (value === null) return null;
  switch (field.kind) {
    case 'text':
    case 'longtext':
    case 'image':
      return typeof value === 'string' ? null : `must be text, but it is ${describe(value)}`;
    case 'number':
      return typeof value === 'number' ? null : `must be a number, but it is ${describe(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `must be true or false, but it is ${describe(value)}`;
    case 'label':
      if (typeof value !== 'string') return `must be one label, but it is ${describe(value)}`;
      return options && !options.includes(value) ? `is ${describe(value)}, which is not one of the field's options` : null;
    case 'labels': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return `must be a list of labels, but it is ${describe(value)}`;
      const stray = options ? value.find((v) => !options.includes(v)) : undefined;
      return stray === undefined ? null : `holds ${describe(stray)}, which is not one of the field's options`;
    }
  }
}

/**
 * A check of item values against the schema: what is wrong with an item's output or context values, or
 * null. Made once per batch, so that the field lookup is not rebuilt for each of 100,000 items.
 */
export function valuesChecker(schema: TaskSchema): (part: 'output' | 'context', values: FieldValues) => string | null {
  const byPart = {
    output: new Map<string, OutputField | ContextField>(schema.fields.map((f) => [f.name, f])),
    context: new Map<string, OutputField | ContextField>(schema.context.map((f) => [f.name, f])),
  };
  return (part, values) => {
    const byName = byPart[part];
    for (const name of Object.keys(values)) {
      const field = byName.get(name);
      if (!field) return `${part}.${name}: the schema has no ${part} field "${name}"`;
      const problem = kindProblem(field, values[name], part === 'output' ? (field as OutputField).options : undefined);
      if (problem) return `${part}.${name} ${problem}`;
    }
    return null;
  };
}

/**
 * The attachment an image context value refers to, or null when it refers to none: an empty value or
 * one with a URL scheme (`data:`, `blob:`, …) is not an attachment reference.
 */
export function attachmentReference(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  if (/^[a-z][a-z0-9+.-]*:/iu.test(value)) return null;
  return value;
}

export function imageReferences(schema: TaskSchema, context: FieldValues): Array<{ field: string; path: string }> {
  const refs: Array<{ field: string; path: string }> = [];
  for (const f of schema.context) {
    if (f.kind !== 'image') continue;
    const path = attachmentReference(context[f.name]);
    if (path !== null) refs.push({ field: f.name, path });
  }
  return refs;
}
