/**
 * RFC 4180 reading and writing. Kept here rather than taken from a library because import errors must
 * name the physical line where a record starts, also when quoted cells span several lines.
 */

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvFault {
  /** 1-based position of the cell in its row. */
  column: number;
  message: string;
}

export interface CsvRow {
  /** Physical line (1-based) where the record starts. */
  line: number;
  cells: string[];
  fault?: CsvFault;
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/** Line breaks as `\n` only, so that cells and line numbers do not depend on the writer's platform. */
export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** The delimiter used most in the header line (outside quotes); a comma when there is none. */
export function detectDelimiter(text: string): CsvDelimiter {
  const end = text.indexOf('\n');
  const header = (end === -1 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t'] as const) {
    const count = header.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

export function countNewlines(text: string, from = 0, to = text.length): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

/**
 * The records of `text` (newlines already normalized) one by one. A row with a fault is still yielded,
 * so that every bad row can be reported; an unclosed quote swallows the rest of the file, so it ends
 * the reading.
 */
export function* csvRows(text: string, delimiter: CsvDelimiter): Generator<CsvRow> {
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let fault: CsvFault | undefined;
    for (;;) {
      const column = cells.length + 1;
      if (text.charCodeAt(i) === QUOTE) {
        let cell = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) {
            yield {
              line: start,
              cells,
              fault: { column, message: 'a quoted cell starts here and is never closed — a cell that starts with " must end with ", and a " inside it is written ""' },
            };
            return;
          }
          cell += text.slice(j, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            cell += '"';
            j = q + 2;
            continue;
          }
          line += countNewlines(text, i, q);
          i = q + 1;
          break;
        }
        if (i < n && text.charCodeAt(i) !== d && text.charCodeAt(i) !== NEWLINE) {
          fault ??= { column, message: 'text follows the closing quote of a quoted cell — put the whole cell in quotes and write a " inside it as ""' };
          while (i < n && text.charCodeAt(i) !== d && text.charCodeAt(i) !== NEWLINE) i += 1;
        }
        cells.push(cell);
      } else {
        let j = i;
        for (; j < n; j += 1) {
          const c = text.charCodeAt(j);
          if (c === d || c === NEWLINE) break;
          if (c === QUOTE) fault ??= { column, message: 'a " inside a cell that is not quoted — put the whole cell in quotes and write the " as ""' };
        }
        cells.push(text.slice(i, j));
        i = j;
      }
      if (i >= n) break;
      if (text.charCodeAt(i) === d) {
        i += 1;
        continue;
      }
      i += 1;
      line += 1;
      break;
    }
    yield fault ? { line: start, cells, fault } : { line: start, cells };
  }
}

const NEEDS_QUOTES = /[",\n\r;\t]/;

/** One cell as RFC 4180 writes it: quoted when it holds a delimiter, a quote or a line break. */
export function csvCell(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its CRLF ending, as RFC 4180 asks. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
