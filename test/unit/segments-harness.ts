// Shared set-up of the concordance and search-and-replace tests: small XLIFF files written here, stored as
// batches the way an import stores them. Not a test file itself.
import type { Batch, Item, TaskSchema } from '../../shared/domain';
import { readXliff, xliffBatch } from '../../shared/xliff';
import { storeBatch, type LoupeDatabase } from '../../renderer/storage';

export interface Unit {
  id: string;
  /** XLIFF 1.2 inline content: text with <g id="n">…</g> and <x id="n"/>. */
  source: string;
  target: string;
}

/** An XLIFF 1.2 document with one segment per unit. */
export function xliff12(units: readonly Unit[], languages = { source: 'en', target: 'de' }): string {
  const body = units.map((u) => `<trans-unit id="${u.id}"><source>${u.source}</source><target>${u.target}</target></trans-unit>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="app.properties" source-language="${languages.source}" target-language="${languages.target}" datatype="plaintext"><body>
${body}
</body></file></xliff>
`;
}

/** The id the batch gives a unit's segment (file, unit and segment: docs/xliff.md). */
export const segmentId = (unit: string) => `app.properties/${unit}/#1`;

/** Stores an XLIFF document as batch `batchId`, every segment pending. */
export async function storeXliff(db: LoupeDatabase, batchId: string, name: string, xml: string): Promise<{ batch: Batch; schema: TaskSchema; items: Item[] }> {
  const read = readXliff(new TextEncoder().encode(xml), `${name}.xlf`);
  if (!read.ok) throw new Error(read.error.message);
  const { schema, items: segments } = xliffBatch(read.document, { name });
  const items: Item[] = segments.map((s) => ({ ...s, batchId }));
  const batch: Batch = {
    id: batchId,
    name,
    schemaId: `schema-${batchId}`,
    createdAt: '2026-11-20T09:00:00.000Z',
    itemCount: items.length,
    source: { format: 'xliff', fileName: `${name}.xlf`, sha256: crypto.randomUUID() },
    revision: 1,
  };
  await storeBatch(db, { batch, schema: { id: batch.schemaId, schema, createdAt: batch.createdAt }, items });
  return { batch, schema, items };
}
