import { describe } from './values';
import type { Problems } from './errors';

/**
 * One record as read from the file, before the schema is known: values are JSON values (JSONL) or cell
 * texts (CSV), read by kind once the schema is given or inferred.
 */
export interface RawRecord {
  /** Physical line where the record starts. */
  line: number;
  id: string;
  output: Record<string, unknown>;
  input: Record<string, unknown>;
  /** One number for every output field, or one per field. */
  confidence?: number | Record<string, number>;
  rationale?: string | Record<string, string>;
  model?: string;
  meta?: Record<string, unknown>;
  /** `output` / `input` was one value, standing for the field named `text`. */
  outputIsText: boolean;
  inputIsText: boolean;
}

/** The field a single `output` or `input` value fills (BRIEF 3.1). */
export const TEXT_FIELD = 'text';

/**
 * `__proto__` would set an object's prototype where code assigns `values[name]`, so a hostile file could
 * hide a field that way; it is refused as a field name.
 */
export const RESERVED_NAME = '__proto__';

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where a value sits, as a JSON path, which is also its CSV column name. */
export function valuePath(section: 'output' | 'input', name: string, single: boolean): string {
  return single ? section : `${section}.${name}`;
}

/** Checks that each id appears once in the file. */
export class IdRegistry {
  private readonly lines = new Map<string, number>();

  /** Registers `id`, reporting a repeat; true when it is new. */
  claim(id: string, line: number, problems: Problems, noun: 'line' | 'row'): boolean {
    const first = this.lines.get(id);
    if (first !== undefined) {
      problems.add(`id ${JSON.stringify(id)} is already used on line ${first} — every ${noun} needs its own id`, line, 'id');
      return false;
    }
    this.lines.set(id, line);
    return true;
  }
}

/** Checks a rationale: text, or text per field. */
export function readRationale(value: unknown): { ok: true; value: string | Record<string, string> } | { ok: false; problem: string } {
  if (typeof value === 'string') return { ok: true, value };
  if (isObject(value) && Object.values(value).every((v) => typeof v === 'string')) return { ok: true, value: value as Record<string, string> };
  return { ok: false, problem: `must be text, or an object of texts per output field, but it is ${describe(value)}` };
}
