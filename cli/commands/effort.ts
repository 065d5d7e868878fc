import { fieldEffort } from '../../shared/effort';
import { inputError, readText, usageError, type Command } from '../shell';

/** A text file as lines: `\n` or `\r\n` endings, the newline after the last line not counting as another line. */
function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

const XLIFF = /\.(xlf|xliff)$/iu;

export const effort: Command = {
  name: 'effort',
  summary: 'HTER and character edits of two line-aligned text files',
  help: `Usage: loupe effort BEFORE AFTER [--quiet]

Compares two line-aligned text files, line by line: BEFORE is the AI output (say, machine translation),
AFTER the final text (its post-edit). Prints one JSON line per line pair on stdout:
  {"line":1,"hter":0.25,"charEdits":7}
and a summary (lines, mean HTER, total character edits) on stderr. HTER is TER as tercom computes it by
default (case-insensitive, capped at 1), character edits the Levenshtein distance in Unicode code points
(docs/effort.md).

Options:
  -q, --quiet   no progress and no summary on stderr

Example:
  loupe effort dev.mt dev.pe > effort.jsonl`,
  options: {},
  positionals: { min: 2, max: 2 },
  quiet: true,
  async run(args, io) {
    const [beforePath, afterPath] = args.positionals as [string, string];
    const xliff = [beforePath, afterPath].find((p) => XLIFF.test(p));
    if (xliff) throw usageError(`loupe effort: ${xliff} is XLIFF — comparing XLIFF files unit by unit is not supported yet; give two line-aligned text files`);
    const before = linesOf(readText(beforePath));
    const after = linesOf(readText(afterPath));
    if (before.length !== after.length) {
      throw inputError(`${beforePath} has ${before.length} line${before.length === 1 ? '' : 's'} and ${afterPath} has ${after.length} — the files must be line-aligned, line N of one being line N of the other`);
    }
    const progress = io.progress('comparing');
    let out = '';
    let hterSum = 0;
    let charSum = 0;
    for (let i = 0; i < before.length; i++) {
      const e = fieldEffort(before[i]!, after[i]!);
      out += `${JSON.stringify({ line: i + 1, hter: e.hter, charEdits: e.charEdits })}\n`;
      hterSum += e.hter;
      charSum += e.charEdits;
      if (i % 256 === 0) progress.update(i, before.length);
    }
    progress.end();
    io.out(out);
    const mean = before.length === 0 ? 0 : hterSum / before.length;
    io.note(`${before.length} line${before.length === 1 ? '' : 's'}, mean HTER ${mean.toFixed(4)}, ${charSum} character edits`);
  },
};
