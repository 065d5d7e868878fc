import type { Batch, Item, SourceFormat, TaskSchema } from '../domain';
import { readCsv } from './csv-records';
import { schemaId, sha256Hex } from './digest';
import { Notices, Problems, type ImportError, type ImportWarning } from './errors';
import { readJsonl } from './jsonl';
import { parseAiOutput } from './parse';
import type { OnProgress } from './progress';

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/u).pop() ?? fileName;
}

/** The name a batch gets from its file: without the folder and the extension. */
export function batchNameFromFile(fileName: string): string {
  const base = baseName(fileName);
  const stem = base.replace(/\.(jsonl|ndjson|csv|tsv|json|xlf|xliff)$/iu, '');
  return stem || base;
}

export interface NewBatch {
  /** SHA-256 (hex) of what the batch was made from: the id is made from it, so the same source gives the same batch. */
  digest: string;
  name: string;
  schemaId: string;
  createdAt: string;
  itemCount: number;
  source: { format: SourceFormat; fileName: string };
  instructions?: string;
}

/** A batch as the app makes it on import: revision 1, its id `b-` and the first 16 hex digits of the digest. */
export function newBatch(b: NewBatch): Batch {
  return {
    id: `b-${b.digest.slice(0, 16)}`,
    name: b.name,
    schemaId: b.schemaId,
    createdAt: b.createdAt,
    itemCount: b.itemCount,
    source: { format: b.source.format, fileName: b.source.fileName, sha256: b.digest },
    revision: 1,
    ...(b.instructions ? { instructions: b.instructions } : {}),
  };
}

/** One file of AI output, already read as text. */
export interface AiOutputInput {
  fileName: string;
  format: 'jsonl' | 'csv';
  text: string;
  /** SHA-256 (hex) of the file's bytes. */
  digest: string;
}

export interface BuildBatchOptions {
  /** Without it, the schema is inferred from the first input and every other input must fit it. */
  schema?: TaskSchema;
  /** Without it, the batch is named after its first input. */
  name?: string;
  createdAt: string;
  /** Lines read so far of the input being parsed, with its index. */
  onProgress?: (input: number, ...progress: Parameters<OnProgress>) => void;
}

export type BuildBatchResult =
  | { ok: true; batch: Batch; schema: TaskSchema; schemaInferred: boolean; items: Item[]; warnings: ImportWarning[] }
  | { ok: false; errors: ImportError[]; warnings: ImportWarning[] };

/** The physical line where each record of a parsed text starts, as parseAiOutput reads it. */
async function recordLines(input: AiOutputInput): Promise<number[]> {
  const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  const problems = new Problems(input.fileName);
  const notices = new Notices(input.fileName);
  const raws = input.format === 'csv' ? await readCsv(text, problems, notices) : await readJsonl(text, problems, notices);
  return raws.map((r) => r.line);
}

/**
 * One batch from one or more files of AI output, all of one schema (the command line's `batch create`).
 * All or nothing, like an import: any error in any file gives no batch. Item ids must be unique across
 * the files; positions run on from one file to the next. With one input the batch is the one the app
 * makes when it imports that file; with several, its digest is that of the inputs' digests in order.
 */
export async function buildBatch(inputs: readonly AiOutputInput[], opts: BuildBatchOptions): Promise<BuildBatchResult> {
  const first = inputs[0];
  if (!first) return { ok: false, errors: [{ file: '', message: 'no input was given — name at least one file of AI output' }], warnings: [] };
  const warnings: ImportWarning[] = [];
  let schema = opts.schema;
  const records: Omit<Item, 'batchId'>[] = [];
  const seen = new Map<string, { input: AiOutputInput; seq: number }>();

  for (const [index, input] of inputs.entries()) {
    const parsed = await parseAiOutput(input.text, {
      fileName: input.fileName,
      format: input.format,
      ...(schema ? { schema } : {}),
      ...(opts.onProgress ? { onProgress: (done: number, total: number) => opts.onProgress?.(index, done, total) } : {}),
    });
    warnings.push(...parsed.warnings);
    if (!parsed.ok) {
      const [problem, ...rest] = parsed.errors;
      if (index > 0 && !opts.schema && problem) {
        // Said with the first problem, which is the one shown when there is room for one line only.
        const why = `${problem.message} (every input of a batch has one schema, here the one inferred from ${first.fileName}, the first input; give a schema file, or make separate batches)`;
        return { ok: false, errors: [{ ...problem, message: why }, ...rest], warnings };
      }
      return { ok: false, errors: parsed.errors, warnings };
    }
    schema = parsed.schema;
    for (const record of parsed.records) {
      const earlier = seen.get(record.id);
      if (earlier) {
        const [line, firstLine] = await Promise.all([recordLines(input).then((l) => l[record.seq]), recordLines(earlier.input).then((l) => l[earlier.seq])]);
        const message = `${input.fileName} line ${line ?? '?'}: id ${JSON.stringify(record.id)} is already used in ${earlier.input.fileName} line ${firstLine ?? '?'} — item ids must be unique across all inputs of a batch; rename one, or make separate batches`;
        return { ok: false, errors: [{ file: input.fileName, ...(line === undefined ? {} : { line }), field: 'id', message }], warnings };
      }
      seen.set(record.id, { input, seq: record.seq });
      records.push({ ...record, seq: records.length });
    }
  }

  const finalSchema = schema!;
  const digest = inputs.length === 1 ? first.digest : await sha256Hex(inputs.map((i) => i.digest).join('\n'));
  const batch = newBatch({
    digest,
    name: opts.name ?? batchNameFromFile(first.fileName),
    schemaId: await schemaId(finalSchema),
    createdAt: opts.createdAt,
    itemCount: records.length,
    source: { format: first.format, fileName: inputs.map((i) => baseName(i.fileName)).join(', ') },
    ...(finalSchema.instructions ? { instructions: finalSchema.instructions } : {}),
  });
  const items = records.map((r) => ({ ...r, batchId: batch.id }));
  return { ok: true, batch, schema: finalSchema, schemaInferred: !opts.schema, items, warnings };
}
