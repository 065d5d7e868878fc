import type { z } from 'zod';
import { ContextField, OutputField, ReasonCode, TaskSchema } from '../domain';
import { Problems, type ImportError } from './errors';
import { isObject, RESERVED_NAME } from './raw';
import { describe, LABELS_SEPARATOR } from './values';

export type SchemaFileResult = { ok: true; schema: TaskSchema } | { ok: false; errors: ImportError[] };

/** `fields[2].options`, as a person finds it in the file. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

const EXPECTED: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'an object' };

/** Messages for zod's generic issues; the schema's own messages (field names, options) take precedence. */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is missing' : `must be ${EXPECTED[issue.expected] ?? issue.expected}, but it is ${describe(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'must not be empty' : `needs at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `needs at least ${issue.minimum} entr${Number(issue.minimum) === 1 ? 'y' : 'ies'}`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must have at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} entries`;
      return `must be at most ${issue.maximum}`;
    default:
      return undefined;
  }
};

/** Points an editor at the JSON Schema (docs/schemas/task-schema.schema.json); ignored when reading. */
export const EDITOR_KEY = '$schema';

/**
 * Keys the format does not know are errors rather than ignored: a misspelt `requireReasonOnOverride`
 * must not silently turn a clinical safeguard off.
 */
function unknownKeys(value: unknown, problems: Problems): void {
  const check = (obj: unknown, known: readonly string[], what: string, path: (string | number)[]) => {
    if (!isObject(obj)) return;
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) problems.add(`${jsonPath([...path, key])}: unknown key — the keys of ${what} are ${known.join(', ')}`);
    }
  };
  check(value, [...Object.keys(TaskSchema.shape), EDITOR_KEY], 'a schema', []);
  if (!isObject(value)) return;
  const each = (list: unknown, known: readonly string[], what: string, key: string) => {
    if (Array.isArray(list)) list.forEach((item, i) => check(item, known, what, [key, i]));
  };
  each(value.fields, Object.keys(OutputField.shape), 'an output field', 'fields');
  each(value.context, Object.keys(ContextField.shape), 'a context field', 'context');
  each(value.reasonCodes, Object.keys(ReasonCode.shape), 'a reason code', 'reasonCodes');
}

/** Rules the zod schema leaves to the file format: they would make a field ambiguous to read or write. */
function fieldRules(schema: TaskSchema, problems: Problems): void {
  const reserved = (list: readonly { name: string }[], key: string) =>
    list.forEach((f, i) => {
      if (f.name === RESERVED_NAME) problems.add(`${key}[${i}].name: "${RESERVED_NAME}" cannot be a field name — choose another`);
    });
  reserved(schema.fields, 'fields');
  reserved(schema.context, 'context');
  schema.fields.forEach((f, i) => {
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) problems.add(`fields[${i}]: "min" (${f.min}) is above "max" (${f.max})`);
    const options = f.options ?? [];
    const repeated = options.find((o, j) => options.indexOf(o) !== j);
    if (repeated !== undefined) problems.add(`fields[${i}].options: ${JSON.stringify(repeated)} is listed twice — list each option once`);
    if (f.kind === 'labels') {
      const piped = options.find((o) => o.includes(LABELS_SEPARATOR));
      if (piped !== undefined) {
        problems.add(`fields[${i}].options: ${JSON.stringify(piped)} contains "${LABELS_SEPARATOR}", which separates the labels of a labels field in CSV files — leave it out of the option`);
      }
    }
  });
  const codes = schema.reasonCodes.map((r) => r.code);
  const repeated = codes.find((c, j) => codes.indexOf(c) !== j);
  if (repeated !== undefined) problems.add(`reasonCodes: the code ${JSON.stringify(repeated)} is listed twice — give each code once`);
}

/** Reads a schema file (format: docs/schema-format.md); errors name the JSON path of each problem. */
export function parseSchemaFile(text: string, fileName: string): SchemaFileResult {
  const problems = new Problems(fileName);
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    problems.add(`not valid JSON (${(e as Error).message}) — a schema file is one JSON object, see docs/schema-format.md`);
    return { ok: false, errors: problems.list() };
  }
  if (!isObject(value)) {
    problems.add(`a schema file is one JSON object with "name" and "fields", but this is ${describe(value)} — see docs/schema-format.md`);
    return { ok: false, errors: problems.list() };
  }
  unknownKeys(value, problems);
  const parsed = TaskSchema.safeParse(value, { error: errorMap });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.add(issue.path.length > 0 ? `${jsonPath(issue.path)}: ${issue.message}` : issue.message);
  } else {
    fieldRules(parsed.data, problems);
  }
  return parsed.success && problems.count === 0 ? { ok: true, schema: parsed.data } : { ok: false, errors: problems.list() };
}
