// Shared helpers of the import tests: a parser for one file name and format, and the two outcomes a test
// expects. Not a test file itself.
import { expect } from 'vitest';
import type { TaskSchema } from '../../shared/domain';
import { parseAiOutput, type ParseResult } from '../../shared/import';

type Format = Parameters<typeof parseAiOutput>[1]['format'];

/** `parse(text, schema?)` for files named `fileName` in `format`. */
export const parserFor = (fileName: string, format: Format) => (text: string, schema?: TaskSchema) =>
  parseAiOutput(text, { fileName, format, ...(schema ? { schema } : {}) });

export function ok(result: ParseResult) {
  if (!result.ok) throw new Error(`expected success, got:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result;
}

export function failed(result: ParseResult) {
  if (result.ok) throw new Error('expected errors, got success');
  expect(result).not.toHaveProperty('records');
  return result.errors;
}
