// Shared helpers of the import tests: a parser for one file name and format, and the two outcomes a test
// expects, of AI output and of XLIFF files. Not a test file itself.
import { expect } from 'vitest';
import type { TaskSchema } from '../../shared/domain';
import { parseAiOutput, type ParseResult } from '../../shared/import';
import type { BatchFromXliff } from '../../shared/xliff-batch';

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

/** A batch made from an XLIFF file, or the test fails with the reader's message. */
export function madeFromXliff(result: BatchFromXliff) {
  if (!result.ok) throw new Error(`expected a batch, got: ${result.error.message}`);
  return result;
}

/** The one error of an XLIFF file that made no batch. */
export function refusedXliff(result: BatchFromXliff) {
  if (result.ok) throw new Error('expected an error, got a batch');
  expect(result).not.toHaveProperty('batch');
  return result.error;
}
