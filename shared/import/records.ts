import type { FieldValues, Item, TaskSchema } from '../domain';
import type { Notices, Problems } from './errors';
import { PAUSE_EVERY, pause } from './progress';
import { TEXT_FIELD, valuePath, type RawRecord } from './raw';
import { readCellValue, readJsonValue, type ReadValue, type ValueSpec } from './values';

/** An item as read from a file, before it joins a batch; `seq` is its position in the file, from 0. */
export type ParsedRecord = Omit<Item, 'batchId'>;

/** How values are read and placed in messages: JSON values at a JSON path, or cells under a column. */
export interface Dialect {
  read(spec: ValueSpec, raw: unknown): ReadValue;
  at(path: string): string;
  /** How to give several output fields instead of one `output` text. */
  namedOutputs: string;
}

export const JSONL_DIALECT: Dialect = { read: readJsonValue, at: (path) => path, namedOutputs: 'give "output" as an object of those fields' };
export const CSV_DIALECT: Dialect = {
  read: (spec, raw) => readCellValue(spec, raw as string),
  at: (path) => `column "${path}"`,
  namedOutputs: 'name the output columns "output.<field>" after those fields',
};

function names(list: readonly { name: string }[]): string {
  return list.map((f) => JSON.stringify(f.name)).join(', ');
}

/**
 * One raw record checked against the schema and read into an item. Output fields a record does not
 * give are null (the AI gave nothing to review there); so are context fields.
 */
function toRecord(r: RawRecord, seq: number, schema: TaskSchema, fieldNames: ReadonlySet<string>, contextNames: ReadonlySet<string>, dialect: Dialect, problems: Problems, notices: Notices): ParsedRecord | null {
  const before = problems.count;

  for (const name of Object.keys(r.output)) {
    if (fieldNames.has(name)) continue;
    const path = valuePath('output', name, r.outputIsText);
    const problem = r.outputIsText
      ? `${dialect.at(path)}: a single output fills an output field named "${TEXT_FIELD}", but the schema has none (its fields: ${names(schema.fields)}) — ${dialect.namedOutputs}`
      : `${dialect.at(path)}: the schema has no output field "${name}" (its fields: ${names(schema.fields)}) — remove it, or add it to the schema file`;
    problems.add(problem, r.line, path);
  }

  const output: FieldValues = {};
  for (const f of schema.fields) {
    if (!Object.hasOwn(r.output, f.name)) {
      output[f.name] = null;
      continue;
    }
    const read = dialect.read(f, r.output[f.name]);
    if (read.ok) output[f.name] = read.value;
    else {
      const path = valuePath('output', f.name, r.outputIsText);
      problems.add(`${dialect.at(path)}: ${read.problem}`, r.line, path);
    }
  }

  const context: FieldValues = {};
  for (const name of Object.keys(r.input)) {
    if (!contextNames.has(name)) {
      const path = valuePath('input', name, r.inputIsText);
      notices.add(`input:${name}`, `${dialect.at(path)} is not a context field of the schema (its context: ${names(schema.context) || 'none'}) and was ignored`, r.line, path);
    }
  }
  for (const f of schema.context) {
    if (!Object.hasOwn(r.input, f.name)) {
      context[f.name] = null;
      continue;
    }
    const read = dialect.read(f, r.input[f.name]);
    if (read.ok) context[f.name] = read.value;
    else {
      const path = valuePath('input', f.name, r.inputIsText);
      problems.add(`${dialect.at(path)}: ${read.problem}`, r.line, path);
    }
  }

  const perField = (part: 'confidence' | 'rationale', value: object) => {
    for (const name of Object.keys(value)) {
      if (!fieldNames.has(name)) {
        problems.add(`${dialect.at(`${part}.${name}`)}: the schema has no output field "${name}" (its fields: ${names(schema.fields)})`, r.line, `${part}.${name}`);
      }
    }
  };
  if (typeof r.confidence === 'object') perField('confidence', r.confidence);
  if (typeof r.rationale === 'object') perField('rationale', r.rationale);

  if (problems.count > before) return null;
  const record: ParsedRecord = { id: r.id, seq, context, output };
  if (typeof r.confidence === 'number') {
    const confidence: Record<string, number> = {};
    for (const f of schema.fields) confidence[f.name] = r.confidence;
    record.confidence = confidence;
  } else if (r.confidence !== undefined) record.confidence = r.confidence;
  if (r.rationale !== undefined) record.rationale = r.rationale;
  if (r.model !== undefined) record.model = r.model;
  if (r.meta !== undefined) record.meta = r.meta;
  return record;
}

/** Every raw record read as the schema says; records with problems are left out (and reported). */
export async function toRecords(raws: readonly RawRecord[], schema: TaskSchema, dialect: Dialect, problems: Problems, notices: Notices): Promise<ParsedRecord[]> {
  const fieldNames = new Set(schema.fields.map((f) => f.name));
  const contextNames = new Set(schema.context.map((f) => f.name));
  const records: ParsedRecord[] = [];
  for (let i = 0; i < raws.length; i += 1) {
    if (i > 0 && i % PAUSE_EVERY === 0) await pause();
    const record = toRecord(raws[i] as RawRecord, i, schema, fieldNames, contextNames, dialect, problems, notices);
    if (record) records.push(record);
  }
  return records;
}
