import type { TaskSchema } from '../domain';
import { Notices, Problems, type ImportError, type ImportWarning } from './errors';
import { readCsv } from './csv-records';
import { inferSchema } from './infer';
import { readJsonl } from './jsonl';
import type { OnProgress } from './progress';
import { CSV_DIALECT, JSONL_DIALECT, toRecords, type ParsedRecord } from './records';

export interface ParseOptions {
  /** Named in every message, and the name of an inferred schema. */
  fileName: string;
  format: 'jsonl' | 'csv';
  /** Without it, the schema is inferred from the values (`schemaInferred: true`). */
  schema?: TaskSchema;
  /** Lines read so far, of all lines in the file. */
  onProgress?: OnProgress;
}

export type ParseResult =
  | { ok: true; format: 'jsonl' | 'csv'; schema: TaskSchema; schemaInferred: boolean; records: ParsedRecord[]; warnings: ImportWarning[] }
  | { ok: false; errors: ImportError[]; warnings: ImportWarning[] };

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads AI output as BRIEF 3.1 describes (rules in docs/import.md). All or nothing: with any error, no
 * records are returned, and the errors (the first 20, then how many more) say where and what to do.
 */
export async function parseAiOutput(text: string, opts: ParseOptions): Promise<ParseResult> {
  const problems = new Problems(opts.fileName);
  const notices = new Notices(opts.fileName);
  const failed = (): ParseResult => ({ ok: false, errors: problems.list(), warnings: notices.list() });

  const source = withoutBom(text);
  const raws = opts.format === 'csv' ? await readCsv(source, problems, notices, opts.onProgress) : await readJsonl(source, problems, notices, opts.onProgress);
  if (raws.length === 0) {
    if (problems.count === 0) {
      problems.add(
        opts.format === 'csv' ? 'the file has no rows below its header — add one row per item' : 'the file holds no items — write one JSON object a line, such as {"id": "1", "output": "…"}',
      );
    }
    return failed();
  }

  const schema = opts.schema ?? inferSchema(raws, opts.fileName, problems);
  if (!schema) return failed();
  const records = await toRecords(raws, schema, opts.format === 'csv' ? CSV_DIALECT : JSONL_DIALECT, problems, notices);
  if (problems.count > 0) return failed();
  return { ok: true, format: opts.format, schema, schemaInferred: !opts.schema, records, warnings: notices.list() };
}
