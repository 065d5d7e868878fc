import { z } from 'zod';
import { KeyFileShape } from './keys';
import { AttachmentLine, BatchManifest, ItemLine, ResultEvent, ResultManifest, ResultReview, SignatureFile } from './manifest';

type Json = Record<string, unknown>;

function generate(schema: z.ZodType, title: string): Json {
  const generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  const { $schema, ...rest } = generated;
  return { $schema, title, ...rest };
}

/**
 * The JSON Schemas of every JSON part of `.loupe` and `.loupe-result` files (docs/schemas/), generated
 * from the zod schemas the code reads them with; test/unit/batch-file.schemas.test.ts fails while a
 * committed file differs from what this gives.
 */
export const BATCH_FILE_JSON_SCHEMAS: ReadonlyArray<{ file: string; schema: () => Json }> = [
  { file: 'batch-manifest.schema.json', schema: () => generate(BatchManifest, 'Loupe batch file: manifest.json') },
  { file: 'batch-item.schema.json', schema: () => generate(ItemLine, 'Loupe batch file: one line of items.jsonl') },
  { file: 'batch-attachment.schema.json', schema: () => generate(AttachmentLine, 'Loupe batch file: one line of attachments.jsonl') },
  { file: 'batch-signature.schema.json', schema: () => generate(SignatureFile, 'Loupe batch and result files: signature.json') },
  { file: 'batch-key-file.schema.json', schema: () => generate(KeyFileShape, 'Loupe key file') },
  { file: 'result-manifest.schema.json', schema: () => generate(ResultManifest, 'Loupe result file: manifest.json') },
  { file: 'result-review.schema.json', schema: () => generate(ResultReview, 'Loupe result file: one line of reviews.jsonl') },
  { file: 'result-event.schema.json', schema: () => generate(ResultEvent, 'Loupe result file: one line of events.jsonl') },
];

export function jsonSchemaText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
