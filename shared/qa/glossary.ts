import { z } from 'zod';
import { csvRows, detectDelimiter, normalizeNewlines } from '../import/csv';

/**
 * A glossary the coordinator attaches (docs/qa.md, "Glossaries"): tab-separated text as OmegaT writes
 * its glossaries (source term, tab, target term, tab, note), with an optional fourth column, the
 * term's status; or CSV (RFC 4180, comma or semicolon) with the same columns. A first row naming the
 * columns (`source`, `target`, `note`, `status`) may put them in any order.
 */

/** TBX's administrative statuses, simplified: a preferred or admitted translation, or a forbidden one. */
export const GlossaryStatus = z.enum(['preferred', 'admitted', 'forbidden']);
export type GlossaryStatus = z.infer<typeof GlossaryStatus>;

export const GlossaryEntry = z
  .object({
    /** Empty only for a forbidden term, which is then forbidden in every target. */
    source: z.string(),
    target: z.string().min(1),
    status: GlossaryStatus,
    note: z.string(),
    /** Where it is in the file, for messages. */
    line: z.number().int().positive(),
  })
  .refine((e) => e.source !== '' || e.status === 'forbidden', 'only a forbidden term may have no source term');
export type GlossaryEntry = z.infer<typeof GlossaryEntry>;

export const Glossary = z.object({
  /** The file's name, as messages cite it. */
  name: z.string().min(1),
  entries: z.array(GlossaryEntry),
});
export type Glossary = z.infer<typeof Glossary>;

export interface GlossaryError {
  /** The line in the file, or null for the file as a whole. */
  line: number | null;
  /** Names the file and line and says what to do. */
  message: string;
}

export type ParseGlossaryResult = { ok: true; glossary: Glossary } | { ok: false; errors: GlossaryError[] };

type Column = 'source' | 'target' | 'note' | 'status';
const COLUMNS: readonly Column[] = ['source', 'target', 'note', 'status'];
const HEADER_NAMES: Record<string, Column> = { source: 'source', target: 'target', note: 'note', notes: 'note', comment: 'note', comments: 'note', status: 'status' };
const SEPARATOR_NAMES: Record<string, string> = { '\t': 'a tab', ',': 'a comma', ';': 'a semicolon' };
const STATUSES: Record<string, GlossaryStatus> = { '': 'preferred', preferred: 'preferred', admitted: 'admitted', forbidden: 'forbidden', deprecated: 'forbidden' };

interface Row {
  line: number;
  cells: string[];
}

function tabRows(text: string): Row[] {
  return text.split('\n').flatMap((cells, i) => (cells.trim() === '' || cells.startsWith('#') ? [] : [{ line: i + 1, cells: cells.split('\t') }]));
}

function isTabSeparated(fileName: string, text: string): boolean {
  const extension = /\.([^./\\]+)$/u.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'csv') return false;
  if (extension === 'tsv' || extension === 'tab' || extension === 'txt' || extension === 'utf8') return true;
  return text.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#'))?.includes('\t') ?? false;
}

/** Reads a glossary file's text; every line that cannot be read is reported, with what to do. */
export function parseGlossary(text: string, fileName: string): ParseGlossaryResult {
  const errors: GlossaryError[] = [];
  const fail = (line: number | null, message: string) => errors.push({ line, message: `${fileName}${line === null ? '' : ` line ${line}`}: ${message}` });
  const content = normalizeNewlines(text.replace(/^\uFEFF/u, ''));
  const tabs = isTabSeparated(fileName, content);
  const delimiter = tabs ? '\t' : detectDelimiter(content);
  const separator = SEPARATOR_NAMES[delimiter];
  let rows: Row[];
  if (tabs) rows = tabRows(content);
  else {
    rows = [];
    for (const row of csvRows(content, delimiter)) {
      if (row.fault) fail(row.line, `column ${row.fault.column}: ${row.fault.message}`);
      else if (row.cells.some((c) => c.trim() !== '')) rows.push(row);
    }
  }

  let columns: Array<Column | null> = [...COLUMNS];
  const first = rows[0]?.cells.map((c) => c.trim().toLowerCase()) ?? [];
  const header = first.includes('source') && first.includes('target');
  if (header) {
    const names = rows.shift()!;
    columns = first.map((name, i) => {
      if (name === '') return null;
      const column = HEADER_NAMES[name];
      if (!column) fail(names.line, `the column "${names.cells[i]?.trim()}" is not one Loupe reads — name it source, target, note or status, or remove it.`);
      else if (first.slice(0, i).some((n) => HEADER_NAMES[n] === column)) fail(names.line, `two columns are named ${column} — keep one.`);
      return column ?? null;
    });
  }
  const width = columns.length;
  const at = (column: Column) => columns.indexOf(column);

  const entries: GlossaryEntry[] = [];
  const seen = new Set<string>();
  for (const { line, cells } of rows) {
    const cell = (column: Column) => cells[at(column)]?.trim() ?? '';
    if (cells.slice(width).some((c) => c.trim() !== '')) {
      const fix = header ? 'name their columns in the first row' : 'name the columns in a first row';
      fail(line, `has ${cells.length} cells, but a glossary line has at most ${width} (${columns.filter(Boolean).join(', ')}) — remove the extra ones, or ${fix}.`);
      continue;
    }
    if (tabs && cells.length === 1) {
      fail(line, `has no tab — write the source term, a tab, then the target term (the file is read as tab-separated text).`);
      continue;
    }
    const status = STATUSES[cell('status').toLowerCase()];
    const source = cell('source').normalize('NFC');
    const target = cell('target').normalize('NFC');
    if (status === undefined) {
      fail(line, `the status "${cell('status')}" is not one Loupe knows — write preferred, admitted or forbidden (deprecated counts as forbidden), or leave it empty for preferred.`);
    } else if (target === '') {
      fail(line, `the target term is empty — write the translation ${header ? 'in the target column' : `after ${separator}`}, or delete the line.`);
    } else if (source === '' && status !== 'forbidden') {
      fail(line, `the source term is empty — write it ${header ? 'in the source column' : 'first on the line'}, or give the status forbidden to forbid "${target}" in every target.`);
    } else {
      const key = [source.toLowerCase(), target.toLowerCase(), status].join('\t');
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ source, target, status, note: cell('note'), line });
    }
  }
  if (errors.length === 0 && entries.length === 0) {
    fail(null, `has no terms — write one term a line: the source term, ${separator}, then the target term.`);
  }
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, glossary: { name: fileName, entries } };
}
