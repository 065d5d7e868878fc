import { encryptedFileInfo, type Signer, type Trust } from '../../shared/batch-file';
import type { Batch, SourceFormat, TaskSchema } from '../../shared/domain';
import { batchNameFromFile, detectFormat, newBatch, parseAiOutput, parseSchemaFile, schemaId, sha256Hex, type DetectedFormat, type ImportError, type ImportWarning } from '../../shared/import';
import { storeBatch, type LoupeDatabase } from '../storage';
import { importLoupeFile, type BatchFileKeys } from './loupe-files';
import { importXliffFile } from './xliff-files';

/** What can be given to Import: a browser `File` is one. */
export interface FileLike {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type AiOutputFormat = 'jsonl' | 'csv';
/** What a batch can be made of on import: AI output, or a translator's XLIFF file. */
export type SourceFileFormat = AiOutputFormat | 'xliff';

/** What a newer revision of a batch file changed. */
export interface RevisionUpdate {
  fromRevision: number;
  added: number;
  changed: number;
  stale: number;
  withdrawn: number;
}

/** What happened to one file; the UI words it, tests read it. */
export type FileReport =
  | {
      outcome: 'imported';
      fileName: string;
      format: SourceFileFormat;
      batch: Batch;
      schema: TaskSchema;
      schemaInferred: boolean;
      /** The schema file used, when one came with the data. */
      schemaFile?: string;
      /** Of an XLIFF file: how many segments are marked translate="no" (kept in the file, not offered). */
      xliff?: { notForReview: number };
      warnings: ImportWarning[];
      firstItemId: string;
    }
  | { outcome: 'unchanged'; fileName: string; format: SourceFileFormat; batch: Batch }
  /** A `.loupe` batch file, stored new, found unchanged, or updated to a newer revision. */
  | {
      outcome: 'batch-file';
      fileName: string;
      format: 'loupe';
      status: 'stored' | 'unchanged' | 'updated';
      batch: Batch;
      schema: TaskSchema;
      trust: Trust;
      signer?: Signer;
      firstItemId?: string;
      update?: RevisionUpdate;
    }
  /** The reviewer chose Cancel at the warning about who signed the batch: nothing was stored. */
  | { outcome: 'cancelled'; fileName: string; format: 'loupe' }
  /** A `.loupe-result` file stored for the coordinator. */
  | {
      outcome: 'results';
      fileName: string;
      format: 'loupe-result';
      batch: Batch;
      reviewer: { id: string; name: string };
      added: number;
      duplicates: number;
      /** The batch revision the results were made on, when it is not the one stored here. */
      madeOnRevision?: number;
    }
  | { outcome: 'failed'; fileName: string; format: DetectedFormat; errors: ImportError[] }
  | { outcome: 'schema'; fileName: string; usedBy: string[] }
  | { outcome: 'unknown'; fileName: string };

export type ImportPhase = 'reading' | 'checking' | 'parsing' | 'saving';

export interface ImportProgress {
  fileName: string;
  fileIndex: number;
  fileCount: number;
  phase: ImportPhase;
  /** Lines read so far while parsing. */
  done: number;
  total: number;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  now?: () => Date;
  /** Keys for batch and result files, and the question asked before an unsigned or unknown batch opens. */
  batchFiles?: BatchFileKeys;
}

/** Enough of the start of a file to tell its kind. */
const HEAD_CHARS = 64 * 1024;

export { batchNameFromFile };

/** `contract.schema.json` goes with `contract.jsonl` or `contract.csv`. */
function schemaStem(fileName: string): string {
  return fileName.replace(/(\.schema)?\.json$/iu, '').toLowerCase();
}

interface Loaded {
  fileName: string;
  format: DetectedFormat;
  bytes: Uint8Array;
  text: string | null;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Batch and result files are told by their content (a zip, or Loupe's encrypted envelope), whatever their name. */
function loupeKind(fileName: string, bytes: Uint8Array): 'loupe' | 'loupe-result' | null {
  const sealed = encryptedFileInfo(bytes);
  if (sealed) return sealed.content === 'result' ? 'loupe-result' : 'loupe';
  if (!ZIP_MAGIC.every((b, i) => bytes[i] === b)) return null;
  // Inside a zip, the manifest says which kind it is; reading follows it when the name says otherwise.
  return fileName.toLowerCase().endsWith('.loupe-result') ? 'loupe-result' : 'loupe';
}

async function load(file: FileLike): Promise<Loaded> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = loupeKind(file.name, bytes);
  if (kind) return { fileName: file.name, format: kind, bytes, text: null };
  let text: string | null;
  try {
    // `fatal`: a file that is not UTF-8 is reported, not imported with replacement characters.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = null;
  }
  const format = detectFormat(file.name, text === null ? bytes.subarray(0, HEAD_CHARS) : text.slice(0, HEAD_CHARS));
  return { fileName: file.name, format, bytes, text };
}

interface AiOutputSource {
  fileName: string;
  format: AiOutputFormat;
  text: string;
  /** Of the file's bytes: the batch's identity, so that the same file imported again changes nothing. */
  digest: string;
  schema?: { schema: TaskSchema; fileName: string };
  name: string;
  sourceFormat: SourceFormat;
}

/** Parses AI output, builds its batch and stores it whole, or reports why nothing was stored. */
async function importAiOutput(db: LoupeDatabase, source: AiOutputSource, now: () => Date, progress: (phase: ImportPhase, done: number, total: number) => void): Promise<FileReport> {
  const { fileName, format } = source;
  const known = await db.batches.where('source.sha256').equals(source.digest).first();
  if (known) return { outcome: 'unchanged', fileName, format, batch: known };

  progress('parsing', 0, 0);
  const parsed = await parseAiOutput(source.text, {
    fileName,
    format,
    ...(source.schema ? { schema: source.schema.schema } : {}),
    onProgress: (done, total) => progress('parsing', done, total),
  });
  if (!parsed.ok) return { outcome: 'failed', fileName, format, errors: parsed.errors };

  progress('saving', 0, parsed.records.length);
  const createdAt = now().toISOString();
  const sid = await schemaId(parsed.schema);
  const batch = newBatch({
    digest: source.digest,
    name: source.name,
    schemaId: sid,
    createdAt,
    itemCount: parsed.records.length,
    source: { format: source.sourceFormat, fileName },
    ...(parsed.schema.instructions ? { instructions: parsed.schema.instructions } : {}),
  });
  const items = parsed.records.map((r) => ({ ...r, batchId: batch.id }));
  const stored = await storeBatch(db, { batch, schema: { id: sid, schema: parsed.schema, createdAt }, items }, (done, total) =>
    progress('saving', done, total),
  );
  if (stored.status === 'unchanged') {
    // Another window imported the same file meanwhile: report what is stored, not what was parsed.
    const existing = await db.batches.get(stored.batchId);
    if (existing) return { outcome: 'unchanged', fileName, format, batch: existing };
  }
  return {
    outcome: 'imported',
    fileName,
    format,
    batch,
    schema: parsed.schema,
    schemaInferred: parsed.schemaInferred,
    ...(source.schema ? { schemaFile: source.schema.fileName } : {}),
    warnings: parsed.warnings,
    firstItemId: parsed.records[0]?.id ?? '',
  };
}

type SchemaChoice = { schema: TaskSchema; fileName: string } | { errors: ImportError[] } | undefined;

/**
 * Imports what the user chose or dropped, one file after another. Schema files apply to the AI output
 * given with them: by name (`x.schema.json` with `x.jsonl`), or the only one to all. Every file gets a
 * report; a file with any error stores nothing.
 */
export async function importFiles(db: LoupeDatabase, files: readonly FileLike[], options: ImportOptions = {}): Promise<FileReport[]> {
  const now = options.now ?? (() => new Date());
  const report = (p: ImportProgress) => options.onProgress?.(p);
  // Without a way to ask, an unsigned or unknown batch is not opened.
  const keys: BatchFileKeys = options.batchFiles ?? { trustedKeys: [], decryptWith: [], confirm: async () => 'cancel' };
  const trusted = new Set(keys.trustedKeys);

  const loaded: Loaded[] = [];
  for (const [fileIndex, file] of files.entries()) {
    report({ fileName: file.name, fileIndex, fileCount: files.length, phase: 'reading', done: 0, total: 0 });
    loaded.push(await load(file));
  }

  const schemas = new Map<string, { fileName: string; result: ReturnType<typeof parseSchemaFile> }>();
  for (const f of loaded) {
    if (f.format === 'schema' && f.text !== null) schemas.set(schemaStem(f.fileName), { fileName: f.fileName, result: parseSchemaFile(f.text, f.fileName) });
  }
  const usedBy = new Map<string, string[]>();

  const schemaFor = (fileName: string): SchemaChoice => {
    const match = schemas.get(batchNameFromFile(fileName).toLowerCase()) ?? (schemas.size === 1 ? [...schemas.values()][0] : undefined);
    if (!match) {
      if (schemas.size === 0) return undefined;
      const message = `${fileName}: several schema files were given and none is named after this file — name it like "${batchNameFromFile(fileName)}.schema.json", or import the files one pair at a time`;
      return { errors: [{ file: fileName, message }] };
    }
    usedBy.set(match.fileName, [...(usedBy.get(match.fileName) ?? []), fileName]);
    if (!match.result.ok) {
      return { errors: [{ file: fileName, message: `${fileName}: not imported because its schema file ${match.fileName} has errors (listed with it)` }] };
    }
    return { schema: match.result.schema, fileName: match.fileName };
  };

  const reports: FileReport[] = [];
  for (const [fileIndex, f] of loaded.entries()) {
    const { fileName, format } = f;
    if (format === 'schema') continue;
    // XLIFF may be UTF-16; its reader says which bytes it cannot read.
    if (f.text === null && format !== 'loupe' && format !== 'loupe-result' && format !== 'xliff') {
      reports.push({ outcome: 'failed', fileName, format, errors: [{ file: fileName, message: `${fileName}: not UTF-8 text — save it with UTF-8 encoding and import it again` }] });
      continue;
    }
    switch (format) {
      case 'jsonl':
      case 'csv': {
        const schema = schemaFor(fileName);
        if (schema && 'errors' in schema) {
          reports.push({ outcome: 'failed', fileName, format, errors: schema.errors });
          continue;
        }
        const progress = (phase: ImportPhase, done: number, total: number) => report({ fileName, fileIndex, fileCount: loaded.length, phase, done, total });
        const source: AiOutputSource = {
          fileName,
          format,
          text: f.text ?? '',
          digest: await sha256Hex(f.bytes),
          name: batchNameFromFile(fileName),
          sourceFormat: format,
          ...(schema ? { schema } : {}),
        };
        reports.push(await importAiOutput(db, source, now, progress));
        break;
      }
      case 'loupe':
      case 'loupe-result': {
        const progress = (phase: ImportPhase, done: number, total: number) => report({ fileName, fileIndex, fileCount: loaded.length, phase, done, total });
        reports.push(await importLoupeFile(db, { fileName, format, bytes: f.bytes }, keys, trusted, now, progress));
        break;
      }
      case 'xliff': {
        const progress = (phase: ImportPhase, done: number, total: number) => report({ fileName, fileIndex, fileCount: loaded.length, phase, done, total });
        reports.push(await importXliffFile(db, { fileName, bytes: f.bytes }, now, progress));
        break;
      }
      case 'unknown':
        reports.push({ outcome: 'unknown', fileName });
        break;
    }
  }

  // Schema files are reported after the data, with what they were used for or what is wrong with them.
  for (const { fileName, result } of schemas.values()) {
    if (!result.ok) reports.push({ outcome: 'failed', fileName, format: 'schema', errors: result.errors });
    else reports.push({ outcome: 'schema', fileName, usedBy: usedBy.get(fileName) ?? [] });
  }
  for (const f of loaded) {
    if (f.format === 'schema' && f.text === null) {
      reports.push({ outcome: 'failed', fileName: f.fileName, format: 'schema', errors: [{ file: f.fileName, message: `${f.fileName}: not UTF-8 text — save it with UTF-8 encoding and import it again` }] });
    }
  }
  return reports;
}

/** AI output given as text rather than as a file: the demo batches, through the same path as Import. */
export interface TextSource {
  fileName: string;
  text: string;
  schemaText?: string;
  name: string;
}

export async function importText(db: LoupeDatabase, source: TextSource, options: { now?: () => Date; sourceFormat?: SourceFormat } = {}): Promise<FileReport> {
  const { fileName, text } = source;
  const format = detectFormat(fileName, text.slice(0, HEAD_CHARS));
  if (format !== 'jsonl' && format !== 'csv') {
    return { outcome: 'failed', fileName, format, errors: [{ file: fileName, message: `${fileName}: not AI output as JSONL or CSV` }] };
  }
  let schema: AiOutputSource['schema'];
  if (source.schemaText !== undefined) {
    const schemaFile = `${batchNameFromFile(fileName)}.schema.json`;
    const read = parseSchemaFile(source.schemaText, schemaFile);
    if (!read.ok) return { outcome: 'failed', fileName, format, errors: read.errors };
    schema = { schema: read.schema, fileName: schemaFile };
  }
  return importAiOutput(
    db,
    { fileName, format, text, digest: await sha256Hex(text), name: source.name, sourceFormat: options.sourceFormat ?? format, ...(schema ? { schema } : {}) },
    options.now ?? (() => new Date()),
    () => undefined,
  );
}
