import { csvRows, detectDelimiter, normalizeNewlines } from './csv';
import { isObject } from './raw';

export type DetectedFormat = 'jsonl' | 'csv' | 'xliff' | 'loupe' | 'loupe-result' | 'schema' | 'unknown';

const BY_EXTENSION: ReadonlyArray<[string, DetectedFormat]> = [
  ['.loupe-result', 'loupe-result'],
  ['.loupe', 'loupe'],
  ['.schema.json', 'schema'],
  ['.jsonl', 'jsonl'],
  ['.ndjson', 'jsonl'],
  ['.csv', 'csv'],
  ['.tsv', 'csv'],
  ['.xlf', 'xliff'],
  ['.xliff', 'xliff'],
];

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function isZip(head: Uint8Array | string): boolean {
  return typeof head === 'string' ? head.startsWith('PK\x03\x04') : ZIP_MAGIC.every((b, i) => head[i] === b);
}

function looksLikeSchema(value: unknown): boolean {
  return isObject(value) && Array.isArray(value.fields) && !('output' in value);
}

/** Kind of a text file from its first bytes. */
function sniffText(text: string): DetectedFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return /<xliff[\s>]/.test(start) ? 'xliff' : 'unknown';
  if (start.startsWith('{')) {
    const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
    try {
      const value: unknown = JSON.parse(firstLine);
      return looksLikeSchema(value) ? 'schema' : isObject(value) ? 'jsonl' : 'unknown';
    } catch {
      // Not one object on its first line: a pretty-printed JSON document, which in Loupe is a schema.
      return /"fields"\s*:/.test(start) ? 'schema' : 'unknown';
    }
  }
  const normalized = normalizeNewlines(start);
  const header = csvRows(normalized, detectDelimiter(normalized)).next();
  return !header.done && header.value.cells.some((c) => c.trim() === 'id') ? 'csv' : 'unknown';
}

/**
 * The start of a file as text. UTF-16 is told by its byte-order mark, or by the zero byte beside the
 * `<` an XML file starts with; anything else is read as UTF-8 (XLIFF may be UTF-16, AI output is UTF-8).
 */
function headText(head: Uint8Array): string {
  const bytes = head.subarray(0, 64 * 1024);
  const [a, b] = bytes;
  const little = (a === 0xff && b === 0xfe) || (a === 0x3c && b === 0x00);
  const big = (a === 0xfe && b === 0xff) || (a === 0x00 && b === 0x3c);
  // A cut in the middle of a character only spoils that character: enough to tell the kind.
  return new TextDecoder(little ? 'utf-16le' : big ? 'utf-16be' : 'utf-8').decode(bytes);
}

/**
 * Which kind of file this is: by its extension when that says (`.jsonl`, `.csv`, `.xlf`, `.loupe`, …),
 * otherwise by its content — a zip is a `.loupe` batch, `<xliff` is XLIFF (UTF-8 or UTF-16), a first
 * line holding a JSON object is JSONL (or a schema, when it has `fields`), a header row with an `id`
 * column is CSV. `head` is the start of the file; a few kilobytes are enough.
 */
export function detectFormat(fileName: string, head: Uint8Array | string): DetectedFormat {
  const lower = fileName.toLowerCase();
  const known = BY_EXTENSION.find(([ext]) => lower.endsWith(ext));
  if (known) return known[1];
  if (isZip(head)) return 'loupe';
  return sniffText(typeof head === 'string' ? head : headText(head));
}
