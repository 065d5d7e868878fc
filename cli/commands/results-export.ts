import { mergeResults, readBatchFile, readResultFile, type BatchFileContents, type MergeOutcome, type ResultFileContents } from '../../shared/batch-file';
import { conflictLines } from '../../shared/coordination';
import { assignedAsOf, resultRecords, toCsv, toJsonl } from '../../shared/results';
import { mergedXliff, originalOf, type XliffOriginal } from '../../shared/xliff-batch';
import { decryptionKey, readProblem, flag, helpHint, inputError, readBytes, text, texts, usageError, writeFile, type Command, type Io } from '../shell';

const FORMATS = ['jsonl', 'csv', 'xliff'] as const;
type Format = (typeof FORMATS)[number];

function formatOf(value: string | undefined): Format {
  const format = (value ?? 'jsonl').toLowerCase();
  if (!(FORMATS as readonly string[]).includes(format)) throw usageError(`loupe results export: --format must be jsonl, csv or xliff (got ${JSON.stringify(value)}) — ${helpHint(resultsExport)}`);
  return format as Format;
}

function itemList(ids: readonly string[]): string {
  return ids.length <= 10 ? ids.join(', ') : `${ids.slice(0, 10).join(', ')} and ${ids.length - 10} more`;
}

/** What is written, and how the summary names it. */
interface Output {
  data: string | Uint8Array;
  what: string;
}

/** One row per item and reviewer with a verdict (docs/results.md). */
function rowsOf(format: Format, read: BatchFileContents, merge: MergeOutcome, sources: readonly ResultFileContents[], all: boolean): Output {
  const records = resultRecords({
    batch: read.batch,
    schema: read.schema,
    items: read.items,
    reviews: merge.reviews,
    all,
    decisions: merge.settled.map((s) => ({ itemId: s.conflict.itemId, reviewerId: s.decision.reviewerId, decides: s.conflict.reviews.map((r) => r.reviewerId) })),
    // Whom each file was handed out to, as the desk links it (docs/coordinating.md).
    assignedAs: assignedAsOf(sources),
  });
  return { data: format === 'csv' ? toCsv(records, read.schema) : toJsonl(records), what: `${records.length} row${records.length === 1 ? '' : 's'}` };
}

/** The XLIFF file the batch was made from, with the verdict that stands for each segment written into it. */
function xliffOf(io: Io, original: XliffOriginal, read: BatchFileContents, merge: MergeOutcome): Output {
  const written = mergedXliff(original, { items: read.items, reviews: merge.reviews, merge });
  if (!written.ok) throw inputError(written.error.message);
  for (const w of written.warnings) io.warn(`warning: ${w.message}`);
  const n = written.changed.length;
  return { data: written.bytes, what: `${original.fileName}: ${n} segment${n === 1 ? '' : 's'} changed` };
}

export const resultsExport: Command = {
  name: 'results export',
  summary: 'merge .loupe-result files into result rows (JSONL or CSV) or the XLIFF file, conflicts counted',
  help: `Usage: loupe results export --batch FILE [RESULT…] [--format jsonl|csv|xliff] [--all] [--out FILE]
                            [--conflicts FILE] [--key KEYFILE]

Merges reviewers' result files (.loupe-result) into the batch they were made on and writes one row per
item and reviewer with a verdict (docs/results.md), to stdout or --out. A result file given twice, or
two exports of the same reviewer, count once. Rows of a reviewer whose file was handed out to another
id carry that id as "assignedAs". For a batch made from XLIFF, --format xliff writes that file instead,
each segment's verdict in it (docs/xliff.md).

Options:
  --batch FILE       the batch (.loupe) the results were made on; needed, since result files hold the
                     reviewers' work but not the AI output it was done on
  --format F         jsonl (the default), csv, or xliff for a batch made from XLIFF: the original
                     file with only the reviewed targets and their states changed — byte for byte the
                     original without result files. A decided conflict takes the decision; a segment
                     whose conflict is open stays as it was, with a warning
  --all              also a row for every item nobody has given a verdict on ("status": "pending")
  --out FILE         write the rows (or the XLIFF file) here instead of stdout
  --conflicts FILE   write the open conflicts here, one JSON line per item (its AI output, every verdict
                     involved and the fields that differ); they are always counted on stderr
  --key KEYFILE      an encryption key file ("loupe keygen --encryption") for encrypted files: result
                     files come encrypted to the key a batch named with "batch create --return-to".
                     May be given more than once
  -q, --quiet        no progress and no notes on stderr (warnings and conflicts are still said)

Examples:
  loupe results export --batch week48.loupe ana.loupe-result ben.loupe-result --out week48.jsonl --conflicts conflicts.jsonl
  loupe results export --batch manual.loupe ana.loupe-result --format xliff --out manual.reviewed.xlf`,
  options: {
    batch: { type: 'string', short: 'b' },
    format: { type: 'string', short: 'f' },
    all: { type: 'boolean' },
    out: { type: 'string', short: 'o' },
    conflicts: { type: 'string' },
    key: { type: 'string', short: 'k', multiple: true },
  },
  positionals: { min: 0, max: Number.POSITIVE_INFINITY },
  quiet: true,
  async run(args, io) {
    const format = formatOf(text(args, 'format'));
    const batchPath = text(args, 'batch');
    if (batchPath === undefined) {
      throw usageError(`loupe results export: --batch FILE is missing — result files hold the reviewers' work but not the AI output it was done on; give the .loupe they were made on`);
    }
    const keyPaths = texts(args, 'key');
    const keyPath = keyPaths[0];
    const decryptWith = keyPaths.map(decryptionKey);

    const busy = io.busy(`checking ${batchPath}`);
    const read = await readBatchFile(readBytes(batchPath), { trustedKeys: [], decryptWith, fileName: batchPath });
    busy.end();
    if (!read.ok) throw inputError(readProblem(read.error, keyPath));
    const original = originalOf(read.batch, read.attachments);
    if (format === 'xliff' && !original) {
      throw usageError(`loupe results export: --format xliff needs a batch made from XLIFF, and ${batchPath} was made from ${read.batch.source.format.toUpperCase()} — use --format jsonl or csv`);
    }

    const sources: ResultFileContents[] = [];
    const progress = io.progress('reading results');
    for (const [i, path] of args.positionals.entries()) {
      const result = await readResultFile(readBytes(path), { trustedKeys: [], decryptWith, fileName: path });
      if (!result.ok) throw inputError(readProblem(result.error, keyPath));
      sources.push(result);
      progress.update(i + 1, args.positionals.length);
    }
    progress.end();

    const merge = mergeResults(read.batch, read.items, sources);
    for (const p of merge.problems) io.warn(`warning: ${p.message}`);
    const made = format === 'xliff' && original ? xliffOf(io, original, read, merge) : rowsOf(format, read, merge, sources, flag(args, 'all'));
    const out = text(args, 'out');
    if (out === undefined) io.out(made.data);
    else writeFile(out, made.data);

    const conflictsPath = text(args, 'conflicts');
    if (conflictsPath !== undefined) {
      writeFile(conflictsPath, conflictLines(merge.conflicts, read.items, read.schema).map((l) => `${JSON.stringify(l)}\n`).join(''));
    }
    const n = merge.conflicts.length;
    if (n > 0) {
      const where = conflictsPath === undefined ? 'see --conflicts' : `written to ${conflictsPath}`;
      io.warn(`${n} conflict${n === 1 ? '' : 's'}: item${n === 1 ? '' : 's'} ${itemList(merge.conflicts.map((c) => c.itemId))} — ${where}`);
    }
    io.note(
      `${made.what} from ${sources.length} result file${sources.length === 1 ? '' : 's'} (${merge.stats.events} events, ${merge.stats.duplicates} duplicate${merge.stats.duplicates === 1 ? '' : 's'} counted once)` +
        `${merge.settled.length > 0 ? `, ${merge.settled.length} conflict${merge.settled.length === 1 ? '' : 's'} decided` : ''}${out === undefined ? '' : `; written to ${out}`}.`,
    );
  },
};
