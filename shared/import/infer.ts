import { TaskSchema, type ContextField, type OutputField, type TaskSchemaInput } from '../domain';
import type { Problems } from './errors';
import type { RawRecord } from './raw';
import { RESERVED_NAME, valuePath } from './raw';
import { describe } from './values';

/** Longest value of a one-line `text` field; longer, or with a line break, and it is `longtext`. */
const TEXT_MAX_CHARS = 200;

type Shape = 'text' | 'a number' | 'true/false' | 'a list of texts';

const FIELD_NAME = /^[^.\s][^\s]*$/u;

/** What the values of one field looked like across the file. */
class FieldStats {
  readonly firstLine = new Map<Shape, number>();
  readonly options = new Set<string>();
  single = false;
  longText = false;
  allImages = true;
  strings = 0;

  constructor(readonly path: string) {}

  see(value: unknown, line: number): string | null {
    let shape: Shape;
    if (value === null) return null;
    if (typeof value === 'string') {
      shape = 'text';
      this.strings += 1;
      if (value.length > TEXT_MAX_CHARS || value.includes('\n')) this.longText = true;
      if (!value.startsWith('data:image/')) this.allImages = false;
    } else if (typeof value === 'number') shape = 'a number';
    else if (typeof value === 'boolean') shape = 'true/false';
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      shape = 'a list of texts';
      for (const v of value) this.options.add(v);
    } else return `${this.path} holds ${describe(value)} — a value is text, a number, true/false or a list of texts`;
    if (!this.firstLine.has(shape)) this.firstLine.set(shape, line);
    return null;
  }
}

function collect(records: readonly RawRecord[], section: 'output' | 'input', problems: Problems): Map<string, FieldStats> {
  const stats = new Map<string, FieldStats>();
  const single = section === 'output' ? 'outputIsText' : 'inputIsText';
  for (const r of records) {
    for (const [name, value] of Object.entries(r[section])) {
      let s = stats.get(name);
      if (!s) {
        s = new FieldStats(valuePath(section, name, r[single]));
        stats.set(name, s);
        if (!FIELD_NAME.test(name) || name.length > 200 || name === RESERVED_NAME) {
          problems.add(`the ${section} field name ${JSON.stringify(name)} cannot be used: a field name has no spaces, does not start with a dot, has at most 200 characters and is not ${RESERVED_NAME} — rename it`, r.line, s.path);
        }
      }
      if (r[single]) s.single = true;
      const problem = s.see(value, r.line);
      if (problem) problems.add(problem, r.line, s.path);
    }
  }
  return stats;
}

/** The one shape of a field, or null when it holds several (reported). */
function shapeOf(s: FieldStats, problems: Problems): Shape | null {
  const shapes = [...s.firstLine.entries()].sort((a, b) => a[1] - b[1]);
  if (shapes.length <= 1) return shapes[0]?.[0] ?? 'text';
  const [[firstShape, firstLine], [otherShape, otherLine]] = shapes as [[Shape, number], [Shape, number]];
  problems.add(
    `${s.path} holds ${otherShape} here but ${firstShape} on line ${firstLine} — a field holds one kind of value: fix the lines, or give a schema file that says what the field is (see docs/schema-format.md)`,
    otherLine,
    s.path,
  );
  return null;
}

function outputField(name: string, s: FieldStats, problems: Problems): OutputField | null {
  switch (shapeOf(s, problems)) {
    case null:
      return null;
    case 'text':
      return { name, kind: s.single || s.longText ? 'longtext' : 'text' };
    case 'a number':
      return { name, kind: 'number' };
    case 'true/false':
      return { name, kind: 'boolean' };
    case 'a list of texts':
      if (s.options.size === 0) {
        problems.add(`${s.path} is an empty list on every line, so its options cannot be inferred — give a schema file that lists them`, s.firstLine.get('a list of texts'), s.path);
        return null;
      }
      return { name, kind: 'labels', options: [...s.options].sort() };
  }
}

function contextField(name: string, s: FieldStats, problems: Problems): ContextField | null {
  switch (shapeOf(s, problems)) {
    case null:
      return null;
    case 'text':
      if (s.strings > 0 && s.allImages) return { name, kind: 'image' };
      return { name, kind: s.single || s.longText ? 'longtext' : 'text' };
    case 'a number':
      return { name, kind: 'number' };
    case 'true/false':
      return { name, kind: 'boolean' };
    case 'a list of texts':
      return { name, kind: 'labels' };
  }
}

/** The file's name without folders and extension, as the name of a schema inferred from it. */
export function schemaNameFor(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).slice(0, 300) || 'Imported';
}

/**
 * A schema from the values seen (docs/import.md): text → `text` when every value is one short line,
 * else `longtext`; numbers, true/false, lists of texts → `number`, `boolean`, `labels` with the labels
 * seen as options. Text is never guessed to be a `label`: a schema file says so. Returns null when the
 * values do not allow it (problems reported).
 */
export function inferSchema(records: readonly RawRecord[], fileName: string, problems: Problems): TaskSchema | null {
  const before = problems.count;
  const outputs = collect(records, 'output', problems);
  const inputs = collect(records, 'input', problems);
  const fields = [...outputs].map(([name, s]) => outputField(name, s, problems));
  const context = [...inputs].map(([name, s]) => contextField(name, s, problems));
  if (problems.count > before) return null;
  const input: TaskSchemaInput = { name: schemaNameFor(fileName), fields: fields as OutputField[], context: context as ContextField[] };
  const parsed = TaskSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.add(`the inferred schema is not valid (${issue.path.join('.')}: ${issue.message}) — give a schema file`);
    return null;
  }
  return parsed.data;
}
