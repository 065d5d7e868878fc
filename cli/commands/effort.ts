import { fieldEffort } from '../../shared/effort';
import { detectFormat } from '../../shared/import';
import { readXliff, type XliffDocument } from '../../shared/xliff';
import { xliffEffort } from '../../shared/xliff-batch';
import { inputError, readBytes, utf8Text, usageError, type Command, type Io } from '../shell';

/** A text file as lines: `\n` or `\r\n` endings, the newline after the last line not counting as another line. */
function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** One JSON line per pair on stdout, and the summary on stderr. */
interface Pair {
  key: Record<string, string | number>;
  hter: number;
  charEdits: number;
}

function report(io: Io, pairs: readonly Pair[], noun: string): void {
  io.out(pairs.map((p) => `${JSON.stringify({ ...p.key, hter: p.hter, charEdits: p.charEdits })}\n`).join(''));
  const hter = pairs.reduce((sum, p) => sum + p.hter, 0);
  const chars = pairs.reduce((sum, p) => sum + p.charEdits, 0);
  const mean = pairs.length === 0 ? 0 : hter / pairs.length;
  io.note(`${pairs.length} ${noun}${pairs.length === 1 ? '' : 's'}, mean HTER ${mean.toFixed(4)}, ${chars} character edits`);
}

function load(path: string): { path: string; bytes: Uint8Array; xliff: boolean } {
  const bytes = readBytes(path);
  // Told from the bytes too: an XLIFF file may be UTF-16, or named .xml.
  return { path, bytes, xliff: detectFormat(path, bytes.subarray(0, 64 * 1024)) === 'xliff' };
}

function xliffDocument(path: string, bytes: Uint8Array): XliffDocument {
  const read = readXliff(bytes, path);
  if (!read.ok) throw inputError(read.error.message);
  return read.document;
}

function textPairs(io: Io, beforePath: string, before: string[], afterPath: string, after: string[]): Pair[] {
  if (before.length !== after.length) {
    throw inputError(`${beforePath} has ${before.length} line${before.length === 1 ? '' : 's'} and ${afterPath} has ${after.length} — the files must be line-aligned, line N of one being line N of the other`);
  }
  const progress = io.progress('comparing');
  const pairs: Pair[] = [];
  for (let i = 0; i < before.length; i++) {
    pairs.push({ key: { line: i + 1 }, ...fieldEffort(before[i]!, after[i]!) });
    if (i % 256 === 0) progress.update(i, before.length);
  }
  progress.end();
  return pairs;
}

export const effort: Command = {
  name: 'effort',
  summary: 'HTER and character edits of two line-aligned text files, or of two XLIFF files',
  help: `Usage: loupe effort BEFORE AFTER [--quiet]

Compares two line-aligned text files, line by line: BEFORE is the AI output (say, machine translation),
AFTER the final text (its post-edit). Prints one JSON line per line pair on stdout:
  {"line":1,"hter":0.25,"charEdits":7}
and a summary (lines, mean HTER, total character edits) on stderr. HTER is TER as tercom computes it by
default (case-insensitive, capped at 1), character edits the Levenshtein distance in Unicode code points
(docs/effort.md).

Two XLIFF files (two versions of one document, before and after post-editing) are compared segment by
segment, matched by id: the text each offers (its target, else its best candidate), one line per
segment, {"id":"f1/u1/1","hter":0.25,"charEdits":7} (docs/xliff.md).

Options:
  -q, --quiet   no progress and no summary on stderr

Examples:
  loupe effort dev.mt dev.pe > effort.jsonl
  loupe effort manual.xlf manual.reviewed.xlf > effort.jsonl`,
  options: {},
  positionals: { min: 2, max: 2 },
  quiet: true,
  async run(args, io) {
    const [beforePath, afterPath] = args.positionals as [string, string];
    const before = load(beforePath);
    const after = load(afterPath);
    if (before.xliff !== after.xliff) {
      const [xliff, other] = before.xliff ? [before, after] : [after, before];
      throw usageError(`loupe effort: ${xliff.path} is XLIFF and ${other.path} is not — give two text files, or two XLIFF files`);
    }
    if (before.xliff) {
      const compared = xliffEffort(xliffDocument(before.path, before.bytes), xliffDocument(after.path, after.bytes));
      if (!compared.ok) throw inputError(compared.message);
      report(io, compared.segments.map((s) => ({ key: { id: s.id }, hter: s.hter, charEdits: s.charEdits })), 'segment');
      return;
    }
    report(io, textPairs(io, before.path, linesOf(utf8Text(before.path, before.bytes)), after.path, linesOf(utf8Text(after.path, after.bytes))), 'line');
  },
};
