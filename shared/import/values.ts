import type { ContextKind, FieldKind, FieldValue } from '../domain';

/**
 * Separates the labels of a `labels` field in a CSV cell (`fever|cough`). A pipe, because commas and
 * semicolons occur in label names (ICD-10: "Pneumonia, unspecified organism") and can be CSV delimiters.
 */
export const LABELS_SEPARATOR = '|';

/** What reading one value needs to know about its field. */
export interface ValueSpec {
  name: string;
  kind: FieldKind | ContextKind;
  /** Only output fields have options; context labels are free text. */
  options?: readonly string[] | undefined;
  min?: number | undefined;
  max?: number | undefined;
}

export type ReadValue = { ok: true; value: FieldValue } | { ok: false; problem: string };

const CSV_TRUE = new Set(['true', 'yes', '1']);
const CSV_FALSE = new Set(['false', 'no', '0']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** How a person would name what they wrote, for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `text (${quote(value)})`;
  if (typeof value === 'number') return `a number (${value})`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}

function optionList(options: readonly string[]): string {
  const shown = options.slice(0, 8).map(quote).join(', ');
  return options.length > 8 ? `${shown}, … (${options.length} in all)` : shown;
}

const ok = (value: FieldValue): ReadValue => ({ ok: true, value });
const bad = (problem: string): ReadValue => ({ ok: false, problem });

function checkText(spec: ValueSpec, text: string): ReadValue {
  if (spec.kind === 'text' && text.includes('\n')) {
    return bad(`has a line break, but "${spec.name}" is a one-line text field — make it "longtext" in the schema file`);
  }
  return ok(text);
}

function checkNumber(spec: ValueSpec, n: number): ReadValue {
  if (spec.min !== undefined && n < spec.min) return bad(`${n} is below the minimum ${spec.min} of "${spec.name}"`);
  if (spec.max !== undefined && n > spec.max) return bad(`${n} is above the maximum ${spec.max} of "${spec.name}"`);
  return ok(n);
}

function checkLabel(spec: ValueSpec, label: string): string | null {
  if (!spec.options || spec.options.includes(label)) return null;
  return `${quote(label)} is not one of the options of "${spec.name}" (${optionList(spec.options)}) — use one of them exactly, or add it to the options in the schema file`;
}

function checkLabels(spec: ValueSpec, labels: readonly string[]): ReadValue {
  for (const label of labels) {
    const problem = checkLabel(spec, label);
    if (problem) return bad(problem);
  }
  return ok([...new Set(labels)]);
}

/** A JSON value as the field's kind asks; `null` always stands for "no value". */
export function readJsonValue(spec: ValueSpec, value: unknown): ReadValue {
  if (value === null) return ok(null);
  switch (spec.kind) {
    case 'text':
    case 'longtext':
      return typeof value === 'string' ? checkText(spec, value) : bad(`must be text, but it is ${describe(value)}`);
    case 'image':
      return typeof value === 'string' ? ok(value) : bad(`must be text (a data:image/ URL or an attachment path), but it is ${describe(value)}`);
    case 'number':
      return typeof value === 'number' ? checkNumber(spec, value) : bad(`must be a number, but it is ${describe(value)}`);
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : bad(`must be true or false, but it is ${describe(value)}`);
    case 'label': {
      if (typeof value !== 'string') return bad(`must be one label (text), but it is ${describe(value)}`);
      const problem = checkLabel(spec, value);
      return problem ? bad(problem) : ok(value);
    }
    case 'labels':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? checkLabels(spec, value)
        : bad(`must be a list of labels such as ["a", "b"], but it is ${describe(value)}`);
  }
}

/**
 * A CSV cell as the field's kind asks. An empty cell is empty text for text fields, no labels for a
 * `labels` field and no value (null) for the others.
 */
export function readCellValue(spec: ValueSpec, cell: string): ReadValue {
  switch (spec.kind) {
    case 'text':
    case 'longtext':
      return checkText(spec, cell);
    case 'image':
      return ok(cell);
    case 'number': {
      const t = cell.trim();
      if (t === '') return ok(null);
      return NUMBER.test(t) ? checkNumber(spec, Number(t)) : bad(`${quote(cell)} is not a number — write digits, with a dot for decimals, such as 2.5`);
    }
    case 'boolean': {
      const t = cell.trim().toLowerCase();
      if (t === '') return ok(null);
      if (CSV_TRUE.has(t)) return ok(true);
      if (CSV_FALSE.has(t)) return ok(false);
      return bad(`${quote(cell)} is not a yes/no value — write true, false, yes, no, 1 or 0`);
    }
    case 'label': {
      const t = cell.trim();
      if (t === '') return ok(null);
      const problem = checkLabel(spec, t);
      return problem ? bad(problem) : ok(t);
    }
    case 'labels':
      return checkLabels(
        spec,
        cell
          .split(LABELS_SEPARATOR)
          .map((l) => l.trim())
          .filter((l) => l !== ''),
      );
  }
}

/** A value as a CSV cell, the inverse of `readCellValue`. */
export function cellText(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(LABELS_SEPARATOR);
  return String(value);
}

/** A CSV cell holding a number as that number; anything else stays text, for `readConfidence` to refuse. */
export function cellNumber(cell: string): number | string {
  const t = cell.trim();
  return NUMBER.test(t) ? Number(t) : cell;
}

/** A confidence: a number in [0, 1]. */
export function readConfidence(value: unknown): { ok: true; value: number } | { ok: false; problem: string } {
  if (typeof value !== 'number') return { ok: false, problem: `must be a number between 0 and 1, but it is ${describe(value)}` };
  if (value < 0 || value > 1) return { ok: false, problem: `${value} is outside 0–1 — give a probability between 0 and 1 (write 0.85, not 85)` };
  return { ok: true, value };
}
