import type { z } from 'zod';
import { concatBytes, decodeUtf8, utf8 } from './bytes';
import { fileError, refuse, type Speaker } from './errors';

/** Object keys sorted at every level, so equal values always give equal text (and equal digests). */
function sortKeys(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

export function canonicalJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, sortKeys, indent);
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

/**
 * The lines of a JSONL part, each parsed, with its line number. Lines are split on bytes and decoded
 * one at a time, so a part larger than a JavaScript string can hold still reads.
 */
export function* jsonLines(bytes: Uint8Array, part: string, s: Speaker): Generator<{ line: number; value: unknown }> {
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    line += 1;
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const raw = bytes.subarray(start, end);
    start = end + 1;
    if (raw.length === 0) refuse(fileError(s, 'json', `${part} line ${line} is empty`, formatAdvice(s), { part, line }));
    const text = decodeUtf8(raw);
    if (text === null) refuse(fileError(s, 'json', `${part} line ${line} is not UTF-8 text`, formatAdvice(s), { part, line }));
    let value: unknown;
    try {
      value = JSON.parse(text!);
    } catch (err) {
      refuse(fileError(s, 'json', `${part} line ${line} is not JSON (${shortError(err)})`, formatAdvice(s), { part, line }));
    }
    yield { line, value };
  }
}

/** The first problem zod found, as "path: message". */
export function zodProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'does not have the expected shape';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
