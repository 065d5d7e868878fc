// docs/schemas/batch-*.schema.json and result-*.schema.json are generated from the zod schemas the reader
// uses, so the documented format and the code cannot drift. After changing a format: `npm run gen:schemas`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BATCH_FILE_JSON_SCHEMAS, jsonSchemaText } from '../../shared/batch-file';

describe('docs/schemas for batch and result files', () => {
  it.each(BATCH_FILE_JSON_SCHEMAS)('$file is what the zod schema generates', ({ file, schema }) => {
    const path = new URL(`../../docs/schemas/${file}`, import.meta.url);
    const generated = jsonSchemaText(schema());
    expect(readFileSync(path, 'utf8'), `docs/schemas/${file} is out of date: regenerate it with npm run gen:schemas`).toBe(generated);
  });

  it('names every part of the format', () => {
    expect(BATCH_FILE_JSON_SCHEMAS.map((s) => s.file).sort()).toEqual([
      'batch-attachment.schema.json',
      'batch-item.schema.json',
      'batch-key-file.schema.json',
      'batch-manifest.schema.json',
      'batch-signature.schema.json',
      'result-event.schema.json',
      'result-manifest.schema.json',
      'result-review.schema.json',
    ]);
    for (const { schema } of BATCH_FILE_JSON_SCHEMAS) expect(schema().title).toMatch(/^Loupe /u);
  });
});
