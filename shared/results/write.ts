import { isTextKind, type TaskSchema } from '../domain';
import { cellText, csvLine } from '../import';
import type { ResultRecord } from './record';

/** One JSON object a line, `\n` endings, a newline after the last. */
export function toJsonl(records: Iterable<ResultRecord>): string {
  let out = '';
  for (const r of records) out += `${JSON.stringify(r)}\n`;
  return out;
}

interface Column {
  name: string;
  cell: (r: ResultRecord) => string;
}

function metaCell(value: unknown): string {
  return value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** Names in the order first met, across all records. */
function keysSeen(records: readonly ResultRecord[], keysOf: (r: ResultRecord) => readonly string[]): string[] {
  const seen = new Set<string>();
  for (const r of records) for (const k of keysOf(r)) seen.add(k);
  return [...seen];
}

/**
 * The columns of the CSV: verdict, then the item as the CSV import reads it (`input.<field>`,
 * `output.<field>`, `confidence.<field>`, `rationale`, `meta.<key>`), then the final values and the
 * effort, then `decides`, `assignedAs` and `qaOverrides` (as JSON). Confidence, rationale, meta, decides,
 * assignedAs and qaOverrides columns appear only when some record has them.
 */
function columns(records: readonly ResultRecord[], schema: TaskSchema): Column[] {
  const plain = (name: 'id' | 'batch' | 'reviewer' | 'reviewerName' | 'status' | 'reviewedAt' | 'timeSpentMs' | 'comment' | 'reason' | 'model'): Column => ({
    name,
    cell: (r) => cellText(r[name]),
  });
  const withConfidence = new Set(keysSeen(records, (r) => Object.keys(r.confidence ?? {})));
  const rationaleFields = new Set(keysSeen(records, (r) => (typeof r.rationale === 'object' && r.rationale !== null ? Object.keys(r.rationale) : [])));
  const anyRationaleText = records.some((r) => typeof r.rationale === 'string');
  return [
    ...(['id', 'batch', 'reviewer', 'reviewerName', 'status', 'reviewedAt', 'timeSpentMs', 'comment', 'reason', 'model'] as const).map(plain),
    ...schema.context.map((f) => ({ name: `input.${f.name}`, cell: (r: ResultRecord) => cellText(r.context[f.name]) })),
    ...schema.fields.map((f) => ({ name: `output.${f.name}`, cell: (r: ResultRecord) => cellText(r.output[f.name]) })),
    ...schema.fields.filter((f) => withConfidence.has(f.name)).map((f) => ({ name: `confidence.${f.name}`, cell: (r: ResultRecord) => cellText(r.confidence?.[f.name]) })),
    ...(anyRationaleText ? [{ name: 'rationale', cell: (r: ResultRecord) => (typeof r.rationale === 'string' ? r.rationale : '') }] : []),
    ...schema.fields
      .filter((f) => rationaleFields.has(f.name))
      .map((f) => ({ name: `rationale.${f.name}`, cell: (r: ResultRecord) => (typeof r.rationale === 'object' ? (r.rationale?.[f.name] ?? '') : '') })),
    ...keysSeen(records, (r) => Object.keys(r.meta ?? {})).map((k) => ({ name: `meta.${k}`, cell: (r: ResultRecord) => metaCell(r.meta?.[k]) })),
    ...schema.fields.map((f) => ({ name: `correction.${f.name}`, cell: (r: ResultRecord) => (r.correction ? cellText(r.correction[f.name]) : '') })),
    ...schema.fields
      .filter((f) => isTextKind(f.kind))
      .flatMap((f) => [
        { name: `effort.${f.name}.charEdits`, cell: (r: ResultRecord) => cellText(r.effort[f.name]?.charEdits) },
        { name: `effort.${f.name}.hter`, cell: (r: ResultRecord) => cellText(r.effort[f.name]?.hter) },
      ]),
    // Last, so that files without decisions keep their columns where they were.
    ...(records.some((r) => r.decides) ? [{ name: 'decides', cell: (r: ResultRecord) => (r.decides ?? []).join('|') }] : []),
    ...(records.some((r) => r.assignedAs !== undefined) ? [{ name: 'assignedAs', cell: (r: ResultRecord) => r.assignedAs ?? '' }] : []),
    ...(records.some((r) => r.qaOverrides) ? [{ name: 'qaOverrides', cell: (r: ResultRecord) => (r.qaOverrides ? JSON.stringify(r.qaOverrides) : '') }] : []),
  ];
}

/**
 * The records as RFC 4180 CSV (CRLF, no BOM), the same fields flattened (docs/results.md). Labels are
 * joined with the separator the CSV import reads, so a file with one row per item imports back as
 * the batch's AI output.
 */
export function toCsv(records: readonly ResultRecord[], schema: TaskSchema): string {
  const cols = columns(records, schema);
  let out = csvLine(cols.map((c) => c.name));
  for (const r of records) out += csvLine(cols.map((c) => c.cell(r)));
  return out;
}
