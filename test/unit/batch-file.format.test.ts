// Format rules beyond round-tripping: newer minor versions keep their unknown fields, the writer refuses
// input that would make a file the reader refuses, and more than 65,534 parts go through ZIP64.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/batch-file/json';
import type { Batch, Item, TaskSchema } from '../../shared/domain';
import {
  BatchFileWriteError,
  FORMAT_VERSION,
  PART,
  generateEncryptionKey,
  readBatchFile,
  readResultFile,
  writeBatchFile,
  writeResultFile,
  type EncryptionPrivateKey,
  type EncryptionPublicKey,
  type SigningPrivateKey,
} from '../../shared/batch-file';

const schema: TaskSchema = { name: 'Cases', fields: [{ name: 'text', kind: 'longtext' }], context: [{ name: 'scan', kind: 'image' }], reasonCodes: [], requireReasonOnOverride: false };
const batch: Batch = { id: 'b1', name: 'Cases', schemaId: 's', createdAt: '2026-11-25T00:00:00Z', itemCount: 1, source: { format: 'jsonl', fileName: 'x.jsonl', sha256: 'x' }, revision: 1 };
const item: Item = { batchId: 'b1', id: 'c1', seq: 0, context: { scan: 'scan.png' }, output: { text: 'hi' } };
const attachments = { 'scan.png': new Uint8Array([1, 2, 3]) };


describe('batch file format', () => {
  it('writes format 1.0 and names its parts', async () => {
    const read = await readBatchFile(await writeBatchFile({ batch, schema, items: [item], attachments }), { trustedKeys: [] });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.manifest.formatVersion).toBe(FORMAT_VERSION);
    expect(FORMAT_VERSION).toBe('1.0');
    expect(read.manifest.parts.map((p) => p.path)).toEqual([PART.items, PART.attachmentIndex]);
    expect(read.manifest.counts).toEqual({ items: 1, attachments: 1 });
  });

  it('keeps unknown manifest fields of a newer minor version when the batch is written again', async () => {
    const unknownFields = { priority: 'high', routing: { ward: 7, tags: ['a'] } };
    const bytes = await writeBatchFile({ batch, schema, items: [item], attachments, unknownFields });
    const read = await readBatchFile(bytes, { trustedKeys: [] });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.unknownFields).toEqual(unknownFields);
    const again = await writeBatchFile({ batch: read.batch, schema: read.schema, items: read.items, attachments: read.attachments, unknownFields: read.unknownFields! });
    expect(again).toEqual(bytes);
    // Unknown keys on item lines stay on the items.
    const extra = { ...item, priority: 3 } as Item;
    const withExtra = await readBatchFile(await writeBatchFile({ batch, schema, items: [extra], attachments }), { trustedKeys: [] });
    expect(withExtra.ok && withExtra.items[0]).toEqual(extra);
  });

  it('refuses to write what it could not read back', async () => {
    const bad: Array<[string, Parameters<typeof writeBatchFile>[0]]> = [
      ['belongs to batch "b2", not "b1"', { batch, schema, items: [{ ...item, batchId: 'b2' }], attachments }],
      ['two items have the id "c1"', { batch: { ...batch, itemCount: 2 }, schema, items: [item, { ...item, seq: 1 }], attachments }],
      ['batch.itemCount is 5, but 1 item was given', { batch: { ...batch, itemCount: 5 }, schema, items: [item], attachments }],
      ['refers to the attachment "scan.png", which is not among the attachments', { batch, schema, items: [item] }],
      ['it has an attachment named "\\.\\./x", which points outside the file', { batch, schema, items: [item], attachments: { ...attachments, '../x': new Uint8Array(1) } }],
      ['one file on many disks', { batch, schema, items: [item], attachments: { ...attachments, 'Scan.png': new Uint8Array(1) } }],
      ['no output field', { batch, schema, items: [{ ...item, output: { other: 'x' } }], attachments }],
      ['field the format knows', { batch, schema, items: [item], attachments, unknownFields: { batch: 1 } }],
      ['schema', { batch, schema: { ...schema, fields: [] }, items: [item], attachments }],
    ];
    for (const [pattern, input] of bad) {
      await expect(writeBatchFile(input), pattern).rejects.toThrow(BatchFileWriteError);
      await expect(writeBatchFile(input), pattern).rejects.toThrow(new RegExp(pattern, 'u'));
    }
  });

  it('answers a malformed key with a typed error or a write error, never a crash', async () => {
    const bytes = await writeBatchFile({ batch, schema, items: [item], attachments, encryptTo: generateEncryptionKey().publicKey });
    const read = await readBatchFile(bytes, { trustedKeys: ['not a key'], decryptWith: 'loupe-x25519-secret:nonsense' as EncryptionPrivateKey });
    expect(read.ok ? null : read.error.message).toMatch(/the key given is not an X25519 secret key/u);
    await expect(writeBatchFile({ batch, schema, items: [item], attachments, signingKey: 'loupe-ed25519-secret:x' as SigningPrivateKey })).rejects.toThrow(BatchFileWriteError);
    await expect(writeBatchFile({ batch, schema, items: [item], attachments, encryptTo: 'loupe-x25519:x' as EncryptionPublicKey })).rejects.toThrow(BatchFileWriteError);
  });

  it('stores more than 65,534 parts through ZIP64 and reads them back', async () => {
    const many = new Map<string, Uint8Array>();
    for (let i = 0; i < 65_540; i++) many.set(`a/${i}.bin`, new Uint8Array([i & 0xff, i >> 8]));
    const bytes = await writeBatchFile({ batch: { ...batch, itemCount: 0 }, schema, items: [], attachments: many });
    const read = await readBatchFile(bytes, { trustedKeys: [] });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.attachments.size).toBe(65_540);
    expect(read.attachments.get('a/65539.bin')).toEqual(new Uint8Array([65539 & 0xff, 65539 >> 8]));
    const limited = await readBatchFile(bytes, { trustedKeys: [], limits: { maxEntries: 65_000 } });
    expect(limited.ok ? null : limited.error.kind).toBe('limits');
  }, 120_000);

  it('stores an incompressible attachment as it is, and a huge repetitive part within the ratio limit', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    const bytes = await writeBatchFile({ batch, schema, items: [{ ...item, output: { text: big } }], attachments });
    const read = await readBatchFile(bytes, { trustedKeys: [] });
    expect(read.ok && read.items[0]!.output.text).toBe(big);
  });
});

describe('result file format', () => {
  it('refuses a results file given as a batch and the other way round', async () => {
    const results = await writeResultFile({ batchId: 'b1', revision: 1, reviewer: { id: 'r', name: 'R' }, reviews: [], events: [] });
    const batchBytes = await writeBatchFile({ batch, schema, items: [item], attachments });
    const asBatch = await readBatchFile(results, { trustedKeys: [], fileName: 'r.loupe' });
    const asResults = await readResultFile(batchBytes, { trustedKeys: [], fileName: 'b.loupe-result' });
    expect(asBatch.ok ? null : asBatch.error.message).toBe('r.loupe: holds results (.loupe-result), not a batch (.loupe) — open it as results (.loupe-result)');
    expect(asResults.ok ? null : asResults.error.kind).toBe('wrong-kind');
  });

  it('refuses to write events of another reviewer or batch', async () => {
    const e = { id: 'e1', batchId: 'b1', itemId: 'c1', reviewerId: 'r2', reviewerName: 'R2', deviceId: 'd', at: '2026-11-25T00:00:00Z', action: 'accept' as const, status: 'accepted' as const, changes: [], timeSpentMs: 0 };
    await expect(writeResultFile({ batchId: 'b1', revision: 1, reviewer: { id: 'r', name: 'R' }, reviews: [], events: [e] })).rejects.toThrow(/by reviewer "r2"/u);
    await expect(writeResultFile({ batchId: 'b9', revision: 1, reviewer: { id: 'r2', name: 'R' }, reviews: [], events: [e] })).rejects.toThrow(/for batch "b1"/u);
    await expect(writeResultFile({ batchId: 'b1', revision: 1, reviewer: { id: 'r2', name: 'R' }, reviews: [], events: [e, e] })).rejects.toThrow(/two events/u);
  });
});

describe('canonical JSON', () => {
  it('reads back as the same value, and does not depend on the order keys were added in', () => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reversed) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.keys(value).reverse().map((k) => [k, reversed((value as Record<string, unknown>)[k])])) : value;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(reversed(value))).toBe(text);
      }),
    );
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' }, '10': 0, '9': 0 })).toBe('{"10":0,"9":0,"a":{"c":"x","d":[true,null]},"b":1}');
  });
});
