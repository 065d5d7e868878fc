// Any batch or result written and read back is identical: plain, signed and encrypted (BRIEF 3.2).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Batch, FieldValue, Item, OutputField, ContextField, TaskSchema } from '../../shared/domain';
import {
  generateEncryptionKey,
  generateSigningKey,
  readBatchFile,
  readResultFile,
  writeBatchFile,
  writeResultFile,
  type EncryptionPublicKey,
  type ResultEvent,
  type ResultReview,
} from '../../shared/batch-file';
import { resolveLimits } from '../../shared/batch-file/limits';
import { readEntry, readZipDirectory } from '../../shared/batch-file/zip-read';
import { writeZip } from '../../shared/batch-file/zip-write';

const SEED = 20261125;
/** Property runs take a few seconds alone; give room for a busy two-core machine running every file at once. */
const SLOW = 90_000;

// ---- Arbitraries ----------------------------------------------------------------------------------

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/u);
/** Any Unicode, empty strings included; sometimes a lone surrogate, which JSON carries as an escape. */
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', 'שלום עולם', '😀👩‍👩‍👧', '\u0000', '\ud800', 'a\udc00b', '"quoted"\\') },
);
const nonEmpty = text.filter((t) => t.length > 0);
const number = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
const attachmentPath = fc.stringMatching(/^[a-z0-9é]{1,8}(\/[a-zA-Z0-9_ ]{1,8})?\.(png|jpg)$/u);

const outputField: fc.Arbitrary<OutputField> = fc.oneof(
  fc.record({ name, kind: fc.constantFrom('text' as const, 'longtext' as const, 'number' as const, 'boolean' as const) }),
  fc.record({ name, kind: fc.constantFrom('label' as const, 'labels' as const), options: fc.uniqueArray(nonEmpty, { minLength: 1, maxLength: 4 }) }),
  fc.record({ name, kind: fc.constant('longtext' as const), label: text, lang: fc.constantFrom('de', 'ar', 'pt-BR'), dir: fc.constantFrom('ltr' as const, 'rtl' as const, 'auto' as const) }),
);
const contextField: fc.Arbitrary<ContextField> = fc.record({ name, kind: fc.constantFrom('text' as const, 'longtext' as const, 'number' as const, 'image' as const, 'labels' as const) });

const schemaArb: fc.Arbitrary<TaskSchema> = fc.record({
  name: nonEmpty.map((t) => t.slice(0, 300)),
  fields: fc.uniqueArray(outputField, { minLength: 1, maxLength: 3, selector: (f) => f.name }),
  context: fc.uniqueArray(contextField, { maxLength: 3, selector: (f) => f.name }),
  instructions: fc.option(text, { nil: undefined }),
  reasonCodes: fc.array(fc.record({ code: nonEmpty.map((t) => t.slice(0, 100)), label: nonEmpty.map((t) => t.slice(0, 300)) }), { maxLength: 2 }),
  requireReasonOnOverride: fc.boolean(),
}).map((s) => {
  // `instructions: undefined` would not survive JSON; leave the key out instead.
  const { instructions, ...rest } = s;
  return instructions === undefined ? rest : { ...rest, instructions };
});

function valueFor(field: OutputField | ContextField, attachments: readonly string[]): fc.Arbitrary<FieldValue> {
  const options = 'options' in field && field.options ? field.options : undefined;
  switch (field.kind) {
    case 'text':
    case 'longtext':
      return fc.option(text, { nil: null });
    case 'number':
      return fc.option(number, { nil: null });
    case 'boolean':
      return fc.option(fc.boolean(), { nil: null });
    case 'label':
      return fc.option(options ? fc.constantFrom(...options) : text, { nil: null });
    case 'labels':
      return options ? fc.subarray(options) : fc.array(text, { maxLength: 3 });
    case 'image':
      return attachments.length > 0 ? fc.oneof(fc.constant(null), fc.constant('data:image/png;base64,iVBORw0KGgo='), fc.constantFrom(...attachments)) : fc.constantFrom(null, 'data:image/gif;base64,R0lGOD');
  }
}

function valuesFor(fields: ReadonlyArray<OutputField | ContextField>, attachments: readonly string[]): fc.Arbitrary<Record<string, FieldValue>> {
  // Some fields left out entirely; none set to `undefined`, which JSON would not carry.
  return fc.record(Object.fromEntries(fields.map((f) => [f.name, valueFor(f, attachments)])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, FieldValue>>;
}

const meta = fc.dictionary(name, fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })), { maxKeys: 3 });

interface BatchCase {
  batch: Batch;
  schema: TaskSchema;
  items: Item[];
  attachments: Map<string, Uint8Array>;
  instructions: string | undefined;
  reviewers: Array<{ id: string; name: string }>;
}

const batchCase: fc.Arbitrary<BatchCase> = fc
  .record({
    schema: schemaArb,
    attachmentPaths: fc.uniqueArray(attachmentPath, { maxLength: 4, selector: (p) => p.toLowerCase() }),
    ids: fc.uniqueArray(nonEmpty, { maxLength: 12 }),
    batchId: nonEmpty,
  })
  .chain(({ schema, attachmentPaths, ids, batchId }) =>
    fc.record({
      schema: fc.constant(schema),
      batchId: fc.constant(batchId),
      attachments: fc.tuple(...attachmentPaths.map((p) => fc.tuple(fc.constant(p), fc.uint8Array({ maxLength: 300 })))).map((pairs) => new Map(pairs)),
      items: fc.tuple(
        ...ids.map((id, seq) =>
          fc.record(
            {
              id: fc.constant(id),
              seq: fc.constant(seq * 2),
              output: valuesFor(schema.fields, attachmentPaths),
              context: valuesFor(schema.context, attachmentPaths),
              confidence: fc.dictionary(name, fc.double({ min: 0, max: 1, noNaN: true }).map((n) => (Object.is(n, -0) ? 0 : n)), { maxKeys: 2 }),
              rationale: fc.oneof(text, fc.dictionary(name, text, { maxKeys: 2 })),
              model: text,
              meta,
            },
            { requiredKeys: ['id', 'seq', 'output', 'context'] },
          ),
        ),
      ),
      batch: fc.record(
        {
          name: nonEmpty,
          createdAt: fc.constant('2026-11-25T10:00:00.000Z'),
          dueDate: fc.constantFrom('2026-12-01', '2027-01-31T12:00:00+01:00'),
          revision: fc.integer({ min: 1, max: 9 }),
          instructions: text,
        },
        { requiredKeys: ['name', 'createdAt', 'revision'] },
      ),
      instructions: fc.option(text, { nil: undefined }),
      reviewers: fc.array(fc.record({ id: nonEmpty, name: text }), { maxLength: 3 }),
    }),
  )
  .map(({ schema, batchId, attachments, items, batch, instructions, reviewers }) => ({
    schema,
    attachments,
    instructions,
    reviewers,
    items: items.map((i) => ({ batchId, ...i })),
    batch: { id: batchId, schemaId: 'a'.repeat(64), itemCount: items.length, source: { format: 'jsonl' as const, fileName: 'out.jsonl', sha256: 'b'.repeat(64) }, ...batch },
  }));

function writeInput(c: BatchCase) {
  return { batch: c.batch, schema: c.schema, items: c.items, attachments: c.attachments, reviewers: c.reviewers, ...(c.instructions === undefined ? {} : { instructions: c.instructions }) };
}

async function expectSame(c: BatchCase, read: Awaited<ReturnType<typeof readBatchFile>>) {
  if (!read.ok) throw new Error(read.error.message);
  expect(read.batch).toEqual(c.batch);
  expect(read.schema).toEqual(c.schema);
  expect(read.items).toEqual(c.items);
  expect(read.attachments).toEqual(c.attachments);
  expect(read.manifest.reviewers).toEqual(c.reviewers);
  expect(read.manifest.instructions).toEqual(c.instructions);
}

// ---- Batches ----------------------------------------------------------------------------------------

describe('batch files round-trip', () => {
  it('any batch written and read back is identical, and writing is deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(batchCase, async (c) => {
        const bytes = await writeBatchFile(writeInput(c));
        const read = await readBatchFile(bytes, { trustedKeys: [] });
        await expectSame(c, read);
        expect(read.ok && read.trust).toBe('unsigned');
        expect(await writeBatchFile(writeInput(c))).toEqual(bytes);
      }),
      { numRuns: 150, seed: SEED },
    );
  }, SLOW);

  it('signed: trusted with the signer in the trusted keys, unknown-signer without; the bytes are stable', async () => {
    const key = generateSigningKey();
    const other = generateSigningKey();
    await fc.assert(
      fc.asyncProperty(batchCase, async (c) => {
        const bytes = await writeBatchFile({ ...writeInput(c), signingKey: key.privateKey });
        const trusted = await readBatchFile(bytes, { trustedKeys: [other.publicKey, key.publicKey] });
        await expectSame(c, trusted);
        expect(trusted.ok && trusted.trust).toBe('trusted');
        expect(trusted.ok && trusted.signer?.publicKey).toBe(key.publicKey);
        const unknown = await readBatchFile(bytes, { trustedKeys: [other.publicKey] });
        expect(unknown.ok && unknown.trust).toBe('unknown-signer');
        expect(await writeBatchFile({ ...writeInput(c), signingKey: key.privateKey })).toEqual(bytes);
      }),
      { numRuns: 40, seed: SEED + 1 },
    );
  }, SLOW);

  it('encrypted (and signed): opens with the recipient key only', async () => {
    const signer = generateSigningKey();
    const recipient = generateEncryptionKey();
    const stranger = generateEncryptionKey();
    await fc.assert(
      fc.asyncProperty(batchCase, async (c) => {
        const bytes = await writeBatchFile({ ...writeInput(c), signingKey: signer.privateKey, encryptTo: recipient.publicKey });
        const read = await readBatchFile(bytes, { trustedKeys: [signer.publicKey], decryptWith: [stranger.privateKey, recipient.privateKey] });
        await expectSame(c, read);
        expect(read.ok && read.encrypted).toBe(true);
        expect(read.ok && read.trust).toBe('trusted');
        const locked = await readBatchFile(bytes, { trustedKeys: [], decryptWith: stranger.privateKey });
        expect(locked.ok ? null : locked.error.kind).toBe('encrypted');
      }),
      { numRuns: 30, seed: SEED + 2 },
    );
  }, SLOW);
});

// ---- Results ----------------------------------------------------------------------------------------

const iso = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const fieldValue: fc.Arbitrary<FieldValue> = fc.oneof(text, number, fc.boolean(), fc.array(text, { maxLength: 3 }), fc.constant(null));
const status = fc.constantFrom('pending' as const, 'accepted' as const, 'corrected' as const, 'rejected' as const, 'flagged' as const);

const resultCase = fc.record({ batchId: nonEmpty, reviewerId: nonEmpty, reviewerName: text, revision: fc.integer({ min: 1, max: 5 }) }).chain(({ batchId, reviewerId, reviewerName, revision }) =>
  fc.record({
    batchId: fc.constant(batchId),
    revision: fc.constant(revision),
    reviewer: fc.constant({ id: reviewerId, name: reviewerName }),
    assignedAs: fc.option(fc.record({ id: nonEmpty, name: text }), { nil: undefined }),
    events: fc.uniqueArray(
      fc.record(
        {
          id: nonEmpty,
          batchId: fc.constant(batchId),
          itemId: nonEmpty,
          reviewerId: fc.constant(reviewerId),
          reviewerName: fc.constant(reviewerName),
          deviceId: nonEmpty,
          at: iso,
          action: fc.constantFrom('accept' as const, 'correct' as const, 'reject' as const, 'flag' as const, 'edit' as const, 'comment' as const, 'reopen' as const),
          status,
          changes: fc.array(fc.record({ field: nonEmpty, old: fieldValue, new: fieldValue }), { maxLength: 3 }),
          comment: fc.record({ old: text, new: text }),
          reason: fc.record({ old: fc.option(text, { nil: null }), new: fc.option(text, { nil: null }) }),
          timeSpentMs: fc.nat(),
          seen: fc.array(nonEmpty, { maxLength: 2 }),
        },
        { requiredKeys: ['id', 'batchId', 'itemId', 'reviewerId', 'reviewerName', 'deviceId', 'at', 'action', 'status', 'changes', 'timeSpentMs'] },
      ),
      { maxLength: 10, selector: (e) => e.id },
    ) as fc.Arbitrary<ResultEvent[]>,
    reviews: fc.uniqueArray(
      fc.record({
        batchId: fc.constant(batchId),
        itemId: nonEmpty,
        reviewerId: fc.constant(reviewerId),
        reviewerName: fc.constant(reviewerName),
        status,
        values: fc.dictionary(name, fieldValue, { maxKeys: 3 }),
        comment: text,
        reason: fc.option(text, { nil: null }),
        timeSpentMs: fc.nat(),
        reviewedAt: fc.option(iso, { nil: null }),
        updatedAt: fc.option(iso, { nil: null }),
        lastEventId: fc.option(nonEmpty, { nil: null }),
        eventCount: fc.nat(),
      }),
      { maxLength: 6, selector: (r) => r.itemId },
    ) as fc.Arbitrary<ResultReview[]>,
  }),
);

describe('result files round-trip', () => {
  it('any results written and read back are identical, plain, signed or encrypted', async () => {
    const signer = generateSigningKey();
    const recipient = generateEncryptionKey();
    await fc.assert(
      fc.asyncProperty(resultCase, fc.boolean(), fc.boolean(), async (c, sign, encrypt) => {
        const bytes = await writeResultFile({ ...c, ...(sign ? { signingKey: signer.privateKey } : {}), ...(encrypt ? { encryptTo: recipient.publicKey } : {}) });
        const read = await readResultFile(bytes, { trustedKeys: [signer.publicKey], decryptWith: recipient.privateKey });
        if (!read.ok) throw new Error(read.error.message);
        expect(read.batchId).toBe(c.batchId);
        expect(read.revision).toBe(c.revision);
        expect(read.reviewer).toEqual(c.reviewer);
        expect(read.assignedAs).toEqual(c.assignedAs);
        expect(read.events).toEqual(c.events);
        expect(read.reviews).toEqual(c.reviews);
        expect(read.trust).toBe(sign ? 'trusted' : 'unsigned');
        expect(read.encrypted).toBe(encrypt);
        if (!encrypt) expect(await writeResultFile({ ...c, ...(sign ? { signingKey: signer.privateKey } : {}) })).toEqual(bytes);
      }),
      { numRuns: 80, seed: SEED + 3 },
    );
  }, SLOW);
});

describe('assignedAs in result files', () => {
  const base = { batchId: 'b1', revision: 1, reviewer: { id: '6f1c2b9e-0000-4000-8000-000000000001', name: 'Ana R.' }, reviews: [], events: [] };

  it('round-trips the reviewer the batch file was handed out to, kept apart from the reviewer who did the work', async () => {
    const read = await readResultFile(await writeResultFile({ ...base, assignedAs: { id: 'r-ana', name: 'Ana Ruiz' } }), { trustedKeys: [] });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.assignedAs).toEqual({ id: 'r-ana', name: 'Ana Ruiz' });
    expect(read.manifest.assignedAs).toEqual({ id: 'r-ana', name: 'Ana Ruiz' });
    expect(read.reviewer).toEqual(base.reviewer);
    expect(read.unknownFields).toBeUndefined();
  });

  it('a file without it reads as before', async () => {
    const bytes = await writeResultFile(base);
    const read = await readResultFile(bytes, { trustedKeys: [] });
    if (!read.ok) throw new Error(read.error.message);
    expect(read).not.toHaveProperty('assignedAs');
    expect(read.manifest).not.toHaveProperty('assignedAs');
  });

  it('refuses an assignedAs without an id', async () => {
    await expect(writeResultFile({ ...base, assignedAs: { id: '', name: 'Nobody' } })).rejects.toThrow(/manifest: .*assignedAs/);
  });
});

describe('returnTo in batch files: the key results go back encrypted to', () => {
  const schema: TaskSchema = { name: 'Codes', fields: [{ name: 'code', kind: 'text' }], context: [], reasonCodes: [], requireReasonOnOverride: false };
  const batch: Batch = {
    id: 'b-return',
    name: 'Return',
    schemaId: 's',
    createdAt: '2026-11-25T10:00:00.000Z',
    itemCount: 1,
    source: { format: 'jsonl', fileName: 'codes.jsonl', sha256: 'ab'.repeat(32) },
    revision: 1,
  };
  const items: Item[] = [{ id: 'i1', batchId: batch.id, seq: 0, context: {}, output: { code: 'J18.9' } }];
  const coordinator = generateEncryptionKey();

  it('round-trips, plain and in an encrypted file, and is kept apart from the file\'s own recipient', async () => {
    const plain = await readBatchFile(await writeBatchFile({ batch, schema, items, returnTo: coordinator.publicKey }), { trustedKeys: [] });
    if (!plain.ok) throw new Error(plain.error.message);
    expect(plain.returnTo).toBe(coordinator.publicKey);
    expect(plain.manifest.returnTo).toBe(coordinator.publicKey);
    expect(plain.unknownFields).toBeUndefined();

    const reviewer = generateEncryptionKey();
    const sealed = await readBatchFile(await writeBatchFile({ batch, schema, items, returnTo: coordinator.publicKey, encryptTo: reviewer.publicKey }), { trustedKeys: [], decryptWith: reviewer.privateKey });
    if (!sealed.ok) throw new Error(sealed.error.message);
    expect(sealed.encrypted).toBe(true);
    expect(sealed.returnTo).toBe(coordinator.publicKey);
    // The same content with the same key gives the same bytes; returnTo is part of the manifest.
    expect(await writeBatchFile({ batch, schema, items, returnTo: coordinator.publicKey })).toEqual(await writeBatchFile({ batch, schema, items, returnTo: coordinator.publicKey }));
  });

  it('a file without it reads as before', async () => {
    const read = await readBatchFile(await writeBatchFile({ batch, schema, items }), { trustedKeys: [] });
    if (!read.ok) throw new Error(read.error.message);
    expect(read).not.toHaveProperty('returnTo');
    expect(read.manifest).not.toHaveProperty('returnTo');
  });

  it('refuses to write a returnTo that is not a public encryption key, never echoing a secret one', async () => {
    const signer = generateSigningKey();
    for (const bad of ['loupe-x25519:short', 'hello', signer.publicKey, ` ${coordinator.publicKey}`]) {
      await expect(writeBatchFile({ batch, schema, items, returnTo: bad as EncryptionPublicKey })).rejects.toThrow(/returnTo must be the coordinator's public encryption key/);
    }
    const secret = writeBatchFile({ batch, schema, items, returnTo: coordinator.privateKey as unknown as EncryptionPublicKey });
    await expect(secret).rejects.toThrow(/secret half/);
    await expect(secret).rejects.not.toThrow(coordinator.privateKey.slice(20));
    await expect(writeBatchFile({ batch, schema, items, unknownFields: { returnTo: coordinator.publicKey } })).rejects.toThrow(/unknownFields has "returnTo"/);
  });

  it('refuses to read a file whose returnTo is not a public encryption key', async () => {
    const good = await writeBatchFile({ batch, schema, items, returnTo: coordinator.publicKey });
    const s = { file: 'x.loupe', sender: 'the coordinator' };
    const limits = resolveLimits(undefined);
    for (const bad of ['loupe-x25519:nope', generateSigningKey().publicKey, coordinator.privateKey, 42]) {
      const parts = readZipDirectory(good, s, limits).map((e) => {
        const data = readEntry(good, e, s);
        if (e.name !== 'manifest.json') return { name: e.name, data };
        const manifest = JSON.parse(new TextDecoder().decode(data)) as Record<string, unknown>;
        return { name: e.name, data: new TextEncoder().encode(JSON.stringify({ ...manifest, returnTo: bad })) };
      });
      const read = await readBatchFile(writeZip(parts, { maxRatio: limits.maxRatio, ratioFreeBytes: limits.ratioFreeBytes }), { trustedKeys: [], fileName: 'x.loupe' });
      expect(read.ok ? 'opened' : read.error.kind).toBe('schema');
      expect(read.ok ? '' : read.error.message).toMatch(/^x\.loupe: manifest\.json: .*returnTo/);
    }
  });
});
