import type { z } from 'zod';
import { concatBytes, decodeUtf8, utf8 } from './bytes';
import { fileError, refuse, type Speaker } from './errors';

/** Object keys sorted at every level, so equal values always give equal text (and equal digests). */
function sortKeys(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Compact canonical JSON written directly: the same text as `JSON.stringify(value, sortKeys)` for the
 * plain data of items and events, without building a sorted copy of every object (the hot path of
 * writing 100,000 items). Anything unusual (toJSON, typed arrays) takes the general path.
 */
function compact(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (compact(value[i]) ?? 'null');
    return out + ']';
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function' || ArrayBuffer.isView(value)) return JSON.stringify(value, sortKeys);
  const keys = Object.keys(value).sort(byCodeUnit);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const text = compact((value as Record<string, unknown>)[key]);
    if (text === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + text;
    first = false;
  }
  return out + '}';
}

export function canonicalJson(value: unknown, indent?: number): string {
  return indent === undefined ? (compact(value) as string) : JSON.stringify(value, sortKeys, indent);
}

/** JSONL: one canonical JSON value per line, each line ending in "\n". */
export function jsonlBytes(values: Iterable<unknown>): Uint8Array {
  const chunks: Uint8Array[] = [];
  let text = '';
  for (const v of values) {
    text += `${canonicalJson(v)}\n`;
    if (text.length > 1 << 20) {
      chunks.push(utf8(text));
      text = '';
    }
  }
  chunks.push(utf8(text));
  return chunks.length === 1 ? chunks[0]! : concatBytes(...chunks);
}

export function shortError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** Advice for content that passed its checksums yet breaks the format: made wrongly, or damaged before it was signed. */
export function formatAdvice(s: Speaker): string {
  return `the file is damaged or was not made by Loupe; ask ${s.sender} for a new copy`;
}

/** A whole JSON part (manifest.json, signature.json), refused with a typed error when it is not JSON. */
export function parseJsonPart(bytes: Uint8Array, part: string, s: Speaker): unknown {
  const text = decodeUtf8(bytes);
  if (text === null) return refuse(fileError(s, 'json', `${part} is not UTF-8 text`, formatAdvice(s), { part }));
  try {
    return JSON.parse(text);
  } catch (err) {
    return refuse(fileError(s, 'json', `${part} is not JSON (${shortError(err)})`, formatAdvice(s), { part }));
  }
}

/** Lines are decoded in runs of about this many bytes: one decoder call per run, not per line. */
const DECODE_RUN = 8 << 20;

/**
 * The lines of a JSONL part, each parsed, with its line number. The bytes are decoded in runs that end at
 * a line break, so a part larger than a JavaScript string can hold still reads; a run that is not UTF-8
 * is decoded again line by line to name the line at fault.
 */
export function* jsonLines(bytes: Uint8Array, part: string, s: Speaker): Generator<{ line: number; value: unknown }> {
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    let end = start + DECODE_RUN >= bytes.length ? bytes.length : bytes.indexOf(0x0a, start + DECODE_RUN);
    if (end < 0) end = bytes.length;
    const run = bytes.subarray(start, end);
    const text = decodeUtf8(run);
    const texts = text === null ? lineTexts(run, line, part, s) : text.split('\n');
    // A run ends before a line break, or at the end of the part (where a last "\n" leaves an empty tail).
    if (end === bytes.length && texts.length > 1 && texts[texts.length - 1] === '') texts.pop();
    for (const t of texts) {
      line += 1;
      if (t.length === 0) refuse(fileError(s, 'json', `${part} line ${line} is empty`, formatAdvice(s), { part, line }));
      let value: unknown;
      try {
        value = JSON.parse(t);
      } catch (err) {
        refuse(fileError(s, 'json', `${part} line ${line} is not JSON (${shortError(err)})`, formatAdvice(s), { part, line }));
      }
      yield { line, value };
    }
    start = end + 1;
  }
}

/** The lines of a run decoded one by one, refusing the first that is not UTF-8 (numbered after `before`). */
function lineTexts(run: Uint8Array, before: number, part: string, s: Speaker): string[] {
  const texts: string[] = [];
  let start = 0;
  while (start <= run.length) {
    let end = run.indexOf(0x0a, start);
    if (end < 0) end = run.length;
    const text = decodeUtf8(run.subarray(start, end));
    const line = before + texts.length + 1;
    if (text === null) refuse(fileError(s, 'json', `${part} line ${line} is not UTF-8 text`, formatAdvice(s), { part, line }));
    texts.push(text!);
    start = end + 1;
  }
  return texts;
}

/** The first problem zod found, as "path: message". */
export function zodProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'does not have the expected shape';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
