import { basename, dirname, join, resolve } from 'node:path';
import { BatchFileWriteError, writeBatchFile, type WriteSecurity } from '../../shared/batch-file';
import { handOutBatch, planSplit, reviewerBatch, reviewerFileName, type HandOutBatch, type SplitReviewer } from '../../shared/coordination';
import type { Batch, Item, TaskSchema } from '../../shared/domain';
import { buildBatch, detectFormat, parseSchemaFile, sha256Hex, type AiOutputInput, type ImportError } from '../../shared/import';
import { batchFromXliff } from '../../shared/xliff-batch';
import { encryptionRecipient, inputError, readBytes, readText, required, signingKey, text, texts, usageError, utf8Text, writeFile, helpHint, type Command, type Io } from '../shell';

/** Where one reviewer's file goes: next to --out, named after it without `.loupe` (reviewerFileName). */
function reviewerFilePath(out: string, reviewerId: string): string {
  return join(dirname(out), reviewerFileName(basename(out).replace(/\.loupe$/iu, ''), reviewerId));
}

/** The first problem, as one line, with how many more there are. */
function oneLine(errors: readonly ImportError[]): string {
  const [first] = errors;
  if (!first) return 'the input could not be read';
  const more = errors.length - 1;
  // The parser ends a long list with "… and N more", counted already in its own line.
  const last = errors.at(-1)?.message ?? '';
  const counted = /… and (\d+) more$/u.exec(last);
  const others = counted ? more - 1 + Number(counted[1]) : more;
  return others > 0 ? `${first.message} (and ${others} more problem${others === 1 ? '' : 's'})` : first.message;
}

type Input = { format: 'ai-output'; input: AiOutputInput } | { format: 'xliff'; path: string; bytes: Uint8Array };

async function readInput(path: string): Promise<Input> {
  const bytes = readBytes(path);
  // Told from the bytes: an XLIFF file may be UTF-16.
  const format = detectFormat(path, bytes.subarray(0, 64 * 1024));
  switch (format) {
    case 'jsonl':
    case 'csv':
      return { format: 'ai-output', input: { fileName: path, format, text: utf8Text(path, bytes), digest: await sha256Hex(bytes) } };
    case 'xliff':
      return { format: 'xliff', path, bytes };
    case 'schema':
      throw usageError(`${path}: a schema file — give it with --schema, and the AI output with --input`);
    default:
      // A file that is not UTF-8 at all is told so first: that is the likelier mistake.
      utf8Text(path, bytes);
      throw inputError(`${path}: not AI output as JSONL or CSV, nor XLIFF — see docs/import.md for the formats`);
  }
}

/** What every file written holds besides its items and reviewers. */
interface Made {
  batch: Batch;
  schema: TaskSchema;
  items: Item[];
  attachments: ReadonlyMap<string, Uint8Array>;
}

interface MakeOptions {
  schemaPath: string | undefined;
  name: string | undefined;
  createdAt: string;
}

/** The batch, and the notes said once the files are written (so that none stands before an error as if it were one). */
type Making = { made: Made; notes: () => void };

/** One batch of AI output (JSONL, CSV): one schema across the inputs, given or inferred from the first. */
async function fromAiOutput(io: Io, inputs: readonly Input[], options: MakeOptions): Promise<Making> {
  let schema: TaskSchema | undefined;
  if (options.schemaPath !== undefined) {
    const read = parseSchemaFile(readText(options.schemaPath), options.schemaPath);
    if (!read.ok) throw inputError(oneLine(read.errors));
    schema = read.schema;
  }
  const files = inputs.flatMap((i) => (i.format === 'ai-output' ? [i.input] : []));
  const progress = io.progress('reading');
  const built = await buildBatch(files, {
    createdAt: options.createdAt,
    ...(schema ? { schema } : {}),
    ...(options.name === undefined ? {} : { name: options.name }),
    onProgress: (index, done, total) => progress.update(index * total + done, files.length * total),
  });
  progress.end();
  for (const w of built.warnings) io.warn(`warning: ${w.message}`);
  if (!built.ok) throw inputError(oneLine(built.errors));
  const notes = () => {
    if (built.schemaInferred) io.note(`No --schema: the schema was inferred from ${files[0]!.fileName} (fields: ${built.schema.fields.map((f) => `${f.name} (${f.kind})`).join(', ')}).`);
  };
  return { made: { ...built, attachments: new Map() }, notes };
}

/** A batch of an XLIFF file (docs/xliff.md), which keeps the file to write the results back into. */
async function fromXliff(io: Io, input: Extract<Input, { format: 'xliff' }>, inputCount: number, options: MakeOptions): Promise<Making> {
  if (inputCount > 1) throw usageError(`loupe batch create: ${input.path} is XLIFF, which makes a batch of its own — give it as the only --input (one batch per XLIFF file)`);
  if (options.schemaPath !== undefined) throw usageError(`loupe batch create: --schema does not apply to XLIFF (${input.path}): its batch has the fields docs/xliff.md describes — leave --schema out`);
  const busy = io.busy(`reading ${input.path}`);
  const built = await batchFromXliff(input.bytes, input.path, { createdAt: options.createdAt, ...(options.name === undefined ? {} : { name: options.name }) });
  busy.end();
  if (!built.ok) throw inputError(built.error.message);
  for (const w of built.warnings) io.warn(`warning: ${w.message}`);
  const hidden = built.notForReview.length;
  const notes = () => {
    if (hidden > 0) io.note(`${hidden} segment${hidden === 1 ? ' is' : 's are'} marked translate="no": kept in the file, not offered for review.`);
  };
  return { made: built, notes };
}

function reviewerList(values: readonly string[]): SplitReviewer[] {
  return values
    .flatMap((v) => v.split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '')
    .map((id) => ({ id, name: id }));
}

function overlapOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/u.test(value.trim())) throw usageError(`loupe batch create: --overlap must be a whole number of items, 0 or more (got ${JSON.stringify(value)}) — ${helpHint(batchCreate)}`);
  return Number(value);
}

async function writeOne(io: Io, path: string, parts: HandOutBatch, made: Made, security: WriteSecurity): Promise<void> {
  let bytes: Uint8Array;
  const busy = io.busy(`writing ${path}`);
  try {
    // Every reviewer's file too: the XLIFF file a batch was made from is what their export writes into.
    bytes = await writeBatchFile({ ...parts, schema: made.schema, attachments: made.attachments, ...security });
  } catch (err) {
    if (err instanceof BatchFileWriteError) throw inputError(`${path}: ${err.message}`);
    throw err;
  } finally {
    busy.end();
  }
  writeFile(path, bytes);
  const { reviewers } = parts;
  const forWhom = reviewers.length === 1 ? `for ${reviewers[0]!.id}` : reviewers.length === 0 ? 'for everyone' : `for ${reviewers.length} reviewers (the whole batch)`;
  io.out(`${path}: ${parts.items.length} item${parts.items.length === 1 ? '' : 's'}, ${forWhom}\n`);
}

export const batchCreate: Command = {
  name: 'batch create',
  summary: 'make a .loupe batch from AI output (JSONL, CSV) or XLIFF, one file per reviewer with --reviewers',
  help: `Usage: loupe batch create --input FILE… --out FILE [--schema FILE] [--name TEXT]
                          [--reviewers ID,ID…] [--overlap N] [--sign KEYFILE] [--encrypt-to KEY]
                          [--return-to KEY]

Reads AI output (JSONL or CSV, docs/import.md) or a translator's XLIFF file (docs/xliff.md) and writes
a batch file (.loupe) for reviewers. A batch of XLIFF holds the file itself, which
"loupe results export --format xliff" writes the reviewers' work back into.

Options:
  --input FILE…        the AI output; more files may follow, or repeat --input. All share one schema,
                       and item ids must be unique across them. An XLIFF file is the only input of
                       its batch
  --out FILE           the batch file to write (the whole batch)
  --schema FILE        the task schema (docs/schema-format.md); without it, it is inferred from the
                       first input and the others must fit it. Not for XLIFF
  --name TEXT          the batch's name; without it, the first input's file name
  --reviewers ID,ID…   also write one file per reviewer, with only their items: OUT-STEM.ID.loupe next
                       to --out (OUT-STEM is --out without ".loupe"). --out keeps the whole batch,
                       which the reviewers' results merge into
  --overlap N          with --reviewers: N items every reviewer gets, spread through the batch, so
                       that their agreement can be measured
  --sign KEYFILE       sign with a key file from "loupe keygen"
  --encrypt-to KEY     encrypt to a public encryption key ("loupe-x25519:…"), a file holding it, or
                       a key file from "loupe keygen --encryption"
  --return-to KEY      ask for results encrypted to your public encryption key (the same forms as
                       --encrypt-to; given your key file, only its public key goes in the batch):
                       reviewers' Loupe then encrypts their .loupe-result to it, and
                       "loupe results export --key KEYFILE" opens them
  -q, --quiet          no progress and no notes on stderr

Examples:
  loupe batch create --input mt.jsonl --schema mt.schema.json --out week48.loupe --sign coordinator.key
  loupe batch create --input a.csv b.csv --out week48.loupe --reviewers ana,ben --overlap 20
  loupe batch create --input manual.xlf --out manual.loupe --reviewers ana,ben`,
  options: {
    input: { type: 'string', short: 'i', multiple: true },
    out: { type: 'string', short: 'o' },
    schema: { type: 'string' },
    name: { type: 'string' },
    reviewers: { type: 'string', multiple: true },
    overlap: { type: 'string' },
    sign: { type: 'string' },
    'encrypt-to': { type: 'string' },
    'return-to': { type: 'string' },
  },
  // Files after `--input a.jsonl` (`--input a.jsonl b.jsonl`) arrive as positionals: they are inputs too.
  positionals: { min: 0, max: Number.POSITIVE_INFINITY },
  quiet: true,
  async run(args, io) {
    const inputPaths = [...texts(args, 'input'), ...args.positionals];
    if (inputPaths.length === 0) throw usageError(`loupe batch create: --input FILE (the AI output) is missing — ${helpHint(this)}`);
    const twice = inputPaths.find((p, i) => inputPaths.findIndex((q) => resolve(q) === resolve(p)) !== i);
    if (twice !== undefined) throw usageError(`loupe batch create: ${twice} is given twice as --input — give each file once`);
    const out = required(args, this, 'out', 'FILE (the batch file to write)');
    const reviewers = reviewerList(texts(args, 'reviewers'));
    const overlap = overlapOf(text(args, 'overlap'));
    if (overlap !== undefined && reviewers.length === 0) throw usageError(`loupe batch create: --overlap needs --reviewers to share the batch among — ${helpHint(this)}`);
    if (texts(args, 'reviewers').length > 0 && reviewers.length === 0) throw usageError(`loupe batch create: --reviewers names no reviewer — give their ids, separated by commas`);

    const signPath = text(args, 'sign');
    const encryptTo = text(args, 'encrypt-to');
    const security: WriteSecurity = {
      ...(signPath === undefined ? {} : { signingKey: signingKey(signPath) }),
      ...(encryptTo === undefined ? {} : { encryptTo: encryptionRecipient(encryptTo) }),
    };
    const returnToText = text(args, 'return-to');
    const returnTo = { returnTo: returnToText === undefined ? undefined : encryptionRecipient(returnToText, '--return-to') };

    const inputs: Input[] = [];
    for (const path of inputPaths) inputs.push(await readInput(path));
    const options = { schemaPath: text(args, 'schema'), name: text(args, 'name'), createdAt: new Date().toISOString() };
    const xliff = inputs.find((i) => i.format === 'xliff');
    const { made, notes } = xliff ? await fromXliff(io, xliff, inputs.length, options) : await fromAiOutput(io, inputs, options);

    if (reviewers.length === 0) {
      await writeOne(io, out, handOutBatch(made.batch, made.items, [], returnTo), made, security);
      notes();
      return;
    }
    const plan = planSplit(
      made.items.map((i) => i.id),
      { reviewers, ...(overlap === undefined ? {} : { overlap }) },
    );
    if (!plan.ok) throw usageError(`loupe batch create: --${plan.field}: ${plan.message}`);
    await writeOne(io, out, handOutBatch(made.batch, made.items, reviewers, returnTo), made, security);
    for (const a of plan.assignments) await writeOne(io, reviewerFilePath(out, a.reviewer.id), reviewerBatch(made.batch, made.items, a, returnTo), made, security);
    notes();
    if (plan.overlapIds.length > 0) io.note(`Every reviewer has the ${plan.overlapIds.length} overlap item${plan.overlapIds.length === 1 ? '' : 's'}: ${plan.overlapIds.slice(0, 10).join(', ')}${plan.overlapIds.length > 10 ? ', …' : ''}.`);
  },
};
