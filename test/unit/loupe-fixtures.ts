// Batch and result files built from the demo's real post-editing items (MLQE-PE en-de, CC0), for the
// storage and app tests of batch files. Not a test file itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeBatchFile, type EncryptionPublicKey, type SigningPrivateKey } from '../../shared/batch-file';
import type { Batch, Item, TaskSchema } from '../../shared/domain';
import { parseAiOutput, parseSchemaFile } from '../../shared/import';

export const BATCH_ID = 'b-ward7-en-de';
// From the project root, where vitest runs: the component project rewrites `new URL(…, import.meta.url)`.
const data = (name: string) => readFileSync(join(process.cwd(), 'renderer/demo/data', name), 'utf8');

/** The first `n` demo items as a coordinator's pipeline produced them. */
export async function demoItems(n = 6): Promise<{ schema: TaskSchema; items: Item[] }> {
  const schemaFile = parseSchemaFile(data('post-editing-en-de.schema.json'), 'post-editing-en-de.schema.json');
  if (!schemaFile.ok) throw new Error('demo schema does not read');
  const parsed = await parseAiOutput(data('post-editing-en-de.jsonl'), { fileName: 'post-editing-en-de.jsonl', format: 'jsonl', schema: schemaFile.schema });
  if (!parsed.ok) throw new Error('demo items do not read');
  return { schema: parsed.schema, items: parsed.records.slice(0, n).map((r, seq) => ({ ...r, seq, batchId: BATCH_ID })) };
}

export function batchRecord(items: readonly Item[], revision: number, name = 'Ward 7 — post-editing'): Batch {
  return {
    id: BATCH_ID,
    name,
    schemaId: 'post-editing-en-de',
    createdAt: `2026-11-2${revision}T10:00:00.000Z`,
    itemCount: items.length,
    source: { format: 'jsonl', fileName: 'post-editing-en-de.jsonl', sha256: 'ab'.repeat(32) },
    revision,
  };
}

export interface LoupeFileOptions {
  schema: TaskSchema;
  items: readonly Item[];
  revision?: number;
  signingKey?: SigningPrivateKey;
  encryptTo?: EncryptionPublicKey;
  /** The coordinator's key results go back encrypted to (manifest `returnTo`). */
  returnTo?: EncryptionPublicKey;
  attachments?: Record<string, Uint8Array>;
  instructions?: string;
  /** The manifest's reviewers; Ana alone unless given. */
  reviewers?: Array<{ id: string; name: string }>;
}

/** A `.loupe` file of these items, with the items renumbered in order. */
export function loupeFile(o: LoupeFileOptions): Promise<Uint8Array> {
  const items = o.items.map((item, seq) => ({ ...item, seq }));
  return writeBatchFile({
    batch: batchRecord(items, o.revision ?? 1),
    schema: o.schema,
    items,
    reviewers: o.reviewers ?? [{ id: 'r-ana', name: 'Ana' }],
    instructions: o.instructions ?? 'Post-edit as little as needed.',
    ...(o.attachments ? { attachments: o.attachments } : {}),
    ...(o.signingKey ? { signingKey: o.signingKey } : {}),
    ...(o.encryptTo ? { encryptTo: o.encryptTo } : {}),
    ...(o.returnTo ? { returnTo: o.returnTo } : {}),
  });
}

/** The items with the AI output of `id` replaced: what a re-run of the pipeline gives. */
export function withOutput(items: readonly Item[], id: string, text: string): Item[] {
  return items.map((item) => (item.id === id ? { ...item, output: { ...item.output, text } } : item));
}
