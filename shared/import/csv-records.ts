import { countNewlines, csvRows, detectDelimiter, normalizeNewlines, type CsvDelimiter } from './csv';
import type { Notices, Problems } from './errors';
import { PAUSE_EVERY, pause, type OnProgress } from './progress';
import { IdRegistry, RESERVED_NAME, TEXT_FIELD, type RawRecord } from './raw';
import { cellNumber, readConfidence } from './values';

/** What a header names: a part of the record (BRIEF 3.1), or nothing we know. */
type Column =
  | { role: 'id' | 'model' | 'ignored' }
  | { role: 'output' | 'input'; field: string; single: boolean }
  | { role: 'confidence' | 'rationale'; field: string | null }
  | { role: 'meta'; key: string };

function classify(name: string): Column {
  if (name === 'id' || name === 'model') return { role: name };
  const dot = name.indexOf('.');
  const head = dot === -1 ? name : name.slice(0, dot);
  const rest = dot === -1 ? null : name.slice(dot + 1);
  switch (head) {
    case 'output':
    case 'input':
      return rest === null ? { role: head, field: TEXT_FIELD, single: true } : { role: head, field: rest, single: false };
    case 'confidence':
    case 'rationale':
      return { role: head, field: rest };
    case 'meta':
      return rest ? { role: 'meta', key: rest } : { role: 'ignored' };
    default:
      return { role: 'ignored' };
  }
}

const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** The columns of a header row, or null when the header cannot be used (problems reported). */
function readHeader(cells: string[], line: number, problems: Problems, notices: Notices): Column[] | null {
  const names = cells.map((c) => c.trim());
  const found = `found: ${names.map((n) => JSON.stringify(n)).join(', ')}`;
  const columns = names.map(classify);
  const before = problems.count;
  if (!names.includes('id')) problems.add(`no "id" column — the header row needs a column named "id" (${found})`, line);
  if (!columns.some((c) => c.role === 'output')) problems.add(`no output column — the header row needs "output" or "output.<field>" columns (${found})`, line);
  const seen = new Map<string, number>();
  columns.forEach((c, i) => {
    if (c.role === 'ignored') return;
    const key = c.role === 'output' || c.role === 'input' ? `${c.role}.${c.field}` : names[i]!;
    const first = seen.get(key);
    if (first !== undefined) problems.add(`columns ${first + 1} ("${names[first]}") and ${i + 1} ("${names[i]}") are the same column — keep one`, line);
    else seen.set(key, i);
  });
  if (names.includes('rationale') && columns.some((c) => c.role === 'rationale' && c.field !== null)) {
    problems.add('both a "rationale" column and "rationale.<field>" columns — use one or the other', line);
  }
  columns.forEach((c, i) => {
    if ((c.role === 'output' || c.role === 'input' || c.role === 'confidence' || c.role === 'rationale') && c.field === RESERVED_NAME) {
      problems.add(`column ${i + 1} ("${names[i]}"): "${RESERVED_NAME}" cannot be a field name — rename the column`, line);
    }
    if (c.role === 'meta' && c.key === RESERVED_NAME) problems.add(`column ${i + 1} ("${names[i]}"): "${RESERVED_NAME}" cannot be a meta key — rename the column`, line);
  });
  const ignored = names.filter((_, i) => columns[i]!.role === 'ignored');
  if (ignored.length > 0) {
    notices.add('columns', `column${ignored.length > 1 ? 's' : ''} ${ignored.map((n) => JSON.stringify(n)).join(', ')} ${ignored.length > 1 ? 'are' : 'is'} not part of the import format and ${ignored.length > 1 ? 'were' : 'was'} ignored`, line);
  }
  return problems.count > before ? null : columns;
}

function readRow(cells: string[], line: number, columns: Column[], names: string[], ids: IdRegistry, problems: Problems): RawRecord | null {
  const before = problems.count;
  const record: RawRecord = { line, id: '', output: {}, input: {}, outputIsText: false, inputIsText: false };
  let confidence: Record<string, number> | undefined;
  let rationale: Record<string, string> | undefined;
  let meta: Record<string, string> | undefined;
  for (let i = 0; i < columns.length; i += 1) {
    const column = columns[i] as Column;
    const cell = cells[i] as string;
    switch (column.role) {
      case 'id': {
        const id = cell.trim();
        if (id === '') problems.add(`column "id": the id is empty — every row needs a unique id`, line, 'id');
        else if (ids.claim(id, line, problems, 'row')) record.id = id;
        break;
      }
      case 'output':
      case 'input':
        record[column.role][column.field] = cell;
        if (column.single) record[column.role === 'output' ? 'outputIsText' : 'inputIsText'] = true;
        break;
      case 'confidence': {
        if (cell.trim() === '') break;
        const read = readConfidence(cellNumber(cell));
        if (!read.ok) problems.add(`column "${names[i]}": ${read.problem}`, line, names[i]);
        else if (column.field === null) record.confidence = read.value;
        else (confidence ??= {})[column.field] = read.value;
        break;
      }
      case 'rationale':
        if (cell === '') break;
        if (column.field === null) record.rationale = cell;
        else (rationale ??= {})[column.field] = cell;
        break;
      case 'model':
        if (cell !== '') record.model = cell;
        break;
      case 'meta':
        if (cell !== '') (meta ??= {})[column.key] = cell;
        break;
      case 'ignored':
        break;
    }
  }
  if (problems.count > before) return null;
  // A single `confidence` column is the default of every field; `confidence.<field>` columns say more.
  if (confidence) record.confidence = typeof record.confidence === 'number' ? { ...perField(record, record.confidence), ...confidence } : confidence;
  if (rationale) record.rationale = rationale;
  if (meta) record.meta = meta;
  return record;
}

function perField(record: RawRecord, value: number): Record<string, number> {
  return Object.fromEntries(Object.keys(record.output).map((f) => [f, value]));
}

/**
 * The records of a CSV text (BOM already removed), with a header row as BRIEF 3.1 describes; the
 * delimiter (comma, semicolon or tab) is the one the header row uses.
 */
export async function readCsv(source: string, problems: Problems, notices: Notices, onProgress?: OnProgress): Promise<RawRecord[]> {
  const text = normalizeNewlines(source);
  const delimiter = detectDelimiter(text);
  const totalLines = countNewlines(text) + 1;
  const ids = new IdRegistry();
  const records: RawRecord[] = [];
  let columns: Column[] | null = null;
  let names: string[] = [];
  let rowCount = 0;
  for (const row of csvRows(text, delimiter)) {
    rowCount += 1;
    if (rowCount % PAUSE_EVERY === 0) {
      onProgress?.(row.line, totalLines);
      await pause();
    }
    if (row.fault) {
      const name = names[row.fault.column - 1];
      problems.add(`column ${row.fault.column}${name ? ` ("${name}")` : ''}: ${row.fault.message}`, row.line);
      if (!columns) return [];
      continue;
    }
    if (row.cells.length === 1 && (row.cells[0] as string).trim() === '') continue;
    if (!columns) {
      names = row.cells.map((c) => c.trim());
      columns = readHeader(row.cells, row.line, problems, notices);
      if (!columns) return [];
      continue;
    }
    if (row.cells.length !== columns.length) {
      const hint =
        row.cells.length > columns.length
          ? `look for a ${DELIMITER_NAMES[delimiter]} inside a cell that is not in quotes`
          : `give every column a cell, an empty one being nothing between two ${DELIMITER_NAMES[delimiter]}s`;
      problems.add(`this row has ${row.cells.length} cells but the header has ${columns.length} columns — ${hint}`, row.line);
      continue;
    }
    const record = readRow(row.cells, row.line, columns, names, ids, problems);
    if (record) records.push(record);
  }
  if (!columns && problems.count === 0) problems.add('the file is empty — a CSV file needs a header row with "id" and "output" columns, then one row per item');
  onProgress?.(totalLines, totalLines);
  return records;
}
