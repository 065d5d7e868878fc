/**
 * Writes the JSON Schemas of Loupe's file formats into docs/schemas/ from the zod schemas they are
 * generated from. Run after changing a format: `npm run gen:schemas`. A unit test
 * (test/unit/import.schema.test.ts) fails while a committed file differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BATCH_FILE_JSON_SCHEMAS, jsonSchemaText } from '../shared/batch-file';
import { taskSchemaJsonSchema } from '../shared/import';

export const JSON_SCHEMAS: ReadonlyArray<{ file: string; schema: () => unknown }> = [{ file: 'task-schema.schema.json', schema: taskSchemaJsonSchema }, ...BATCH_FILE_JSON_SCHEMAS];

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const { file, schema } of JSON_SCHEMAS) {
    const path = fileURLToPath(new URL(`../docs/schemas/${file}`, import.meta.url));
    writeFileSync(path, jsonSchemaText(schema()));
    console.log(`wrote ${path}`);
  }
}
