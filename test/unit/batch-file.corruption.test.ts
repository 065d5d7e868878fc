// Damaged and hostile files (BRIEF 3.2, the "Defences"): every one is refused with a typed error
// whose message names the problem — or, where the damage touches nothing that is read (a zip timestamp),
// accepted with contents identical to the undamaged file. Never an exception, never a partial result.
import { deflateSync, inflateSync as inflate } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch, Item, TaskSchema } from '../../shared/domain';
import {
  DEFAULT_LIMITS,
  generateSigningKey,
  readBatchFile,
  readResultFile,
  writeBatchFile,
  writeResultFile,
  type BatchFileContents,
  type BatchFileError,
  type BatchFileErrorKind,
  type ReadBatchResult,
  type ReadResultFileResult,
} from '../../shared/batch-file';

// ---- A batch worth damaging ------------------------------------------------------------------------

const schema: TaskSchema = {
  name: 'Chest X-ray triage',
  fields: [
    { name: 'code', kind: 'label', options: ['J18.9', 'J96.0', 'R91.8'] },
    { name: 'note', kind: 'longtext' },
  ],
  context: [
    { name: 'history', kind: 'longtext' },
    { name: 'scan', kind: 'image' },
  ],
  reasonCodes: [{ code: 'img', label: 'Image shows otherwise' }],
  requireReasonOnOverride: true,
  instructions: 'Confirm the code or pick another.',
};

const batch: Batch = {
  id: 'b-clinic-7',
  name: 'Ward 7 — week 48',
  schemaId: 'c'.repeat(64),
  createdAt: '2026-11-25T10:00:00.000Z',
  itemCount: 4,
  source: { format: 'jsonl', fileName: 'triage.jsonl', sha256: 'd'.repeat(64) },
  revision: 2,
};

const items: Item[] = [0, 1, 2, 3].map((i) => ({
  batchId: batch.id,
  id: `case-${i}`,
  seq: i,
  context: { history: `Patient ${i}: cough for ${i + 2} days, fever 38.${i} °C.`, scan: i < 2 ? `scans/case-${i}.png` : null },
  output: { code: ['J18.9', 'R91.8'][i % 2]!, note: i === 3 ? '' : `Opacity in the lower lobe (${i}).` },
  confidence: { code: 0.5 + i / 10 },
  model: 'cxr-triage 3.1',
}));

/** Deterministic bytes: a fixed linear congruential sequence, incompressible enough to be stored. */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const attachments = new Map<string, Uint8Array>([
  ['scans/case-0.png', noise(400, 1)],
  ['scans/case-1.png', new Uint8Array(600).fill(7)],
]);

// Fixed test-only keys, so the batch damaged below is the same bytes on every run (the encrypted copy
// still differs from run to run: encryption takes a fresh ephemeral key each time, by design).
const signer = { publicKey: 'loupe-ed25519:1vuQ37CDlwQXr5KxxfhQLfNu3wDC0UfEGMBib95JAvo', privateKey: 'loupe-ed25519-secret:g_aq4b4wqDVNDIB-oBuXt_BXJo43tZHCKGadkUUWGg8' } as const;
const recipient = { publicKey: 'loupe-x25519:nxZcIEO73AeMeuNFwLwIcpqdZrrNiCQ2qBRbam7luWA', privateKey: 'loupe-x25519-secret:XqkGyxEagQafjfGExQlVK-yoJ-W5BbbDVb1Si6YXcmg' } as const;
const READ = { trustedKeys: [signer.publicKey], fileName: 'ward7.loupe' };
/** Changes only when the format (or fflate's compression) does: then check the change was meant, and update it. */
const ORIGINAL_SHA256 = '21b91a87c4c2adae12b9bf9fd8af02edcb28a43d92d7f6e6cc23a71b91b787f6';

let original: Uint8Array;
let reference: BatchFileContents;
let encrypted: Uint8Array;
let results: Uint8Array;

beforeAll(async () => {
  original = await writeBatchFile({ batch, schema, items, attachments, reviewers: [{ id: 'r-ana', name: 'Dr Ana' }], instructions: 'By Friday.', signingKey: signer.privateKey });
  const read = await readBatchFile(original, READ);
  if (!read.ok) throw new Error(read.error.message);
  reference = read;
  encrypted = await writeBatchFile({ batch, schema, items, attachments, signingKey: signer.privateKey, encryptTo: recipient.publicKey });
  results = await writeResultFile({
    batchId: batch.id,
    revision: 2,
    reviewer: { id: 'r-ana', name: 'Dr Ana' },
    reviews: [],
    events: [0, 1, 2].map((i) => ({
      id: `ev-${i}`,
      batchId: batch.id,
      itemId: `case-${i}`,
      reviewerId: 'r-ana',
      reviewerName: 'Dr Ana',
      deviceId: 'laptop',
      at: `2026-11-26T09:0${i}:00.000Z`,
      action: 'accept' as const,
      status: 'accepted' as const,
      changes: [],
      timeSpentMs: 1000 * i,
    })),
  });
});

// ---- How every variant is judged -----------------------------------------------------------------

const tally = { variants: 0, refused: 0, accepted: 0 };
const kindsSeen = new Map<BatchFileErrorKind, number>();

function expectClearRefusal(result: ReadBatchResult | ReadResultFileResult, fileName: string, label: string): BatchFileError {
  if (result.ok) throw new Error(`${label}: accepted, but it should be refused`);
  // Nothing but the error comes back: no partial contents to store.
  expect(Object.keys(result).sort(), label).toEqual(['error', 'ok']);
  const { error } = result;
  expect(error.kind, `${label}: ${error.message}`).not.toBe('internal');
  expect(error.message.startsWith(`${fileName}: `), `${label}: ${error.message}`).toBe(true);
  expect(error.message, label).toMatch(/ — \S/u);
  expect(error.message, label).not.toMatch(/undefined|\[object|NaN/u);
  kindsSeen.set(error.kind, (kindsSeen.get(error.kind) ?? 0) + 1);
  return error;
}

function sameAsReference(read: BatchFileContents): void {
  expect(read.batch).toEqual(reference.batch);
  expect(read.schema).toEqual(reference.schema);
  expect(read.items).toEqual(reference.items);
  expect(read.attachments).toEqual(reference.attachments);
  expect(read.manifest).toEqual(reference.manifest);
  expect(read.trust).toBe(reference.trust);
}

async function judgeBatch(bytes: Uint8Array, label: string, allowAccept: (read: BatchFileContents) => boolean): Promise<'refused' | 'accepted'> {
  tally.variants += 1;
  const result = await readBatchFile(bytes, { ...READ, decryptWith: recipient.privateKey });
  if (result.ok) {
    expect(allowAccept(result), `${label} was accepted`).toBe(true);
    sameAsReference(result);
    tally.accepted += 1;
    return 'accepted';
  }
  expectClearRefusal(result, READ.fileName, label);
  tally.refused += 1;
  return 'refused';
}

// ---- The zip structure, read independently of the code under test --------------------------------

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/** Byte offsets a reader need not look at (timestamps, versions, attributes) and the compressed data ranges. */
function zipLayout(bytes: Uint8Array): { unread: Set<number>; data: Array<[number, number]> } {
  const unread = new Set<number>();
  const data: Array<[number, number]> = [];
  const end = bytes.length - 22;
  const entries = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const add = (from: number, n: number) => {
    for (let i = 0; i < n; i++) unread.add(from + i);
  };
  for (let i = 0; i < entries; i++) {
    add(at + 4, 4); // version made by, version needed
    add(at + 8, 2); // flags: only the encryption and data-descriptor bits are read; contents are compared anyway
    add(at + 12, 4); // time, date
    add(at + 34, 8); // disk start, internal and external attributes
    const local = u32(bytes, at + 42);
    add(local + 4, 4); // version needed, flags (the central directory's flags are the ones read)
    add(local + 10, 4); // time, date
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    data.push([start, start + u32(bytes, at + 20)]);
    at += 46 + u16(bytes, at + 28) + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return { unread, data };
}

// ---- Crafting zips by hand ---------------------------------------------------------------------------

interface RawEntry {
  name: string | Uint8Array;
  data?: Uint8Array;
  /** Compressed bytes as stored; defaults to deflate of data (method 8) or data (method 0). */
  body?: Uint8Array;
  method?: number;
  flags?: number;
  crc?: number;
  size?: number;
  compressedSize?: number;
  /** Point the central entry at another entry's local header. */
  headerOf?: number;
  localName?: string;
}

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

const enc = new TextEncoder();
const bytesOf = (n: string | Uint8Array) => (typeof n === 'string' ? enc.encode(n) : n);

function put16(out: number[], v: number) {
  out.push(v & 0xff, (v >>> 8) & 0xff);
}
function put32(out: number[], v: number) {
  out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
}

/** The fields a local header and a central-directory record share: flags to the extra-field length. */
function putEntryHeader(out: number[], p: { e: RawEntry; method: number; crc: number; csize: number; size: number }, name: Uint8Array) {
  put16(out, p.e.flags ?? 0x0800);
  put16(out, p.method);
  put16(out, 0);
  put16(out, 0x21);
  put32(out, p.crc);
  put32(out, p.csize);
  put32(out, p.size);
  put16(out, name.length);
  put16(out, 0);
}

/** A zip from raw entries, each field overridable; `end` tweaks the end record. */
function rawZip(entries: RawEntry[], end: { entries?: number; zip64Entries?: number; disk?: number; trailing?: number[]; garbage?: number[] } = {}): Uint8Array {
  const out: number[] = [];
  const offsets: number[] = [];
  const prepared = entries.map((e) => {
    const data = e.data ?? new Uint8Array(0);
    const method = e.method ?? 8;
    const body = e.body ?? (method === 8 ? deflateSync(data) : data);
    return { e, name: bytesOf(e.name), localName: e.localName === undefined ? bytesOf(e.name) : bytesOf(e.localName), method, body, crc: e.crc ?? crc32(data), size: e.size ?? data.length, csize: e.compressedSize ?? body.length };
  });
  for (const p of prepared) {
    offsets.push(out.length);
    put32(out, 0x04034b50);
    put16(out, 20);
    putEntryHeader(out, p, p.localName);
    out.push(...p.localName, ...p.body);
  }
  const cd = out.length;
  prepared.forEach((p, i) => {
    put32(out, 0x02014b50);
    put16(out, 20);
    put16(out, 20);
    putEntryHeader(out, p, p.name);
    put16(out, 0);
    put16(out, 0);
    put16(out, 0);
    put32(out, 0);
    put32(out, offsets[p.e.headerOf ?? i]!);
    out.push(...p.name);
  });
  const cdSize = out.length - cd;
  if (end.zip64Entries !== undefined) {
    const rec = out.length;
    put32(out, 0x06064b50);
    put32(out, 44);
    put32(out, 0);
    put16(out, 45);
    put16(out, 45);
    put32(out, 0);
    put32(out, 0);
    put32(out, end.zip64Entries);
    put32(out, 0);
    put32(out, end.zip64Entries);
    put32(out, 0);
    put32(out, cdSize);
    put32(out, 0);
    put32(out, cd);
    put32(out, 0);
    put32(out, 0x07064b50);
    put32(out, 0);
    put32(out, rec);
    put32(out, 0);
    put32(out, 1);
  }
  put32(out, 0x06054b50);
  put16(out, end.disk ?? 0);
  put16(out, 0);
  const n = end.zip64Entries !== undefined ? 0xffff : (end.entries ?? entries.length);
  put16(out, n);
  put16(out, n);
  put32(out, cdSize);
  put32(out, cd);
  put16(out, end.trailing?.length ?? 0);
  out.push(...(end.trailing ?? []), ...(end.garbage ?? []));
  return new Uint8Array(out);
}

/** The entries of a real file, to rebuild it with changes. */
function entriesOf(bytes: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const end = bytes.length - 22;
  let at = u32(bytes, end + 16);
  for (let i = 0; i < u16(bytes, end + 10); i++) {
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + u16(bytes, at + 28)));
    const local = u32(bytes, at + 42);
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    const body = bytes.subarray(start, start + u32(bytes, at + 20));
    out.set(name, u16(bytes, at + 10) === 8 ? inflate(body) : body.slice());
    at += 46 + u16(bytes, at + 28) + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return out;
}


async function sha256(data: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Rebuild a file from (changed) entries; `fixDigests` recomputes the manifest's part digests (and drops the signature). */
async function rebuild(parts: Map<string, Uint8Array>, opts: { fixDigests?: boolean; manifest?: (m: Record<string, unknown>) => void } = {}): Promise<Uint8Array> {
  const copy = new Map(parts);
  if (opts.fixDigests || opts.manifest) {
    const manifest = JSON.parse(new TextDecoder().decode(copy.get('manifest.json')!)) as Record<string, unknown> & { parts: Array<{ path: string; size: number; sha256: string }> };
    if (opts.fixDigests) {
      for (const p of manifest.parts) {
        const data = copy.get(p.path);
        if (data) {
          p.size = data.length;
          p.sha256 = await sha256(data);
        }
      }
      copy.delete('signature.json');
    }
    opts.manifest?.(manifest);
    copy.set('manifest.json', enc.encode(JSON.stringify(manifest)));
  }
  return rawZip([...copy].map(([name, data]) => ({ name, data })));
}

function text(s: string): Uint8Array {
  return enc.encode(s);
}

// ---- The tests -------------------------------------------------------------------------------------

/** Thousands of reads in one test: seconds alone, more on a busy machine running every file at once. */
const SLOW = 90_000;

describe('damaged batch files', { timeout: SLOW }, () => {
  it('the undamaged file reads, signed and trusted, and is the same bytes on every run', async () => {
    expect(reference.trust).toBe('trusted');
    expect(await sha256(original)).toBe(ORIGINAL_SHA256);
    expect(reference.items).toHaveLength(4);
    expect(original.length).toBeGreaterThan(1000);
  });

  it('is refused when cut short at any offset', async () => {
    for (let n = 0; n < original.length; n++) {
      const result = await readBatchFile(original.subarray(0, n), READ);
      tally.variants += 1;
      const error = expectClearRefusal(result, READ.fileName, `cut at ${n}`);
      expect(['truncated', 'not-a-zip'], `cut at ${n}: ${error.message}`).toContain(error.kind);
      tally.refused += 1;
    }
  });

  it('is refused, or accepted unchanged when only unread bytes changed, with any byte flipped', async () => {
    const { unread, data } = zipLayout(original);
    const inData = (at: number) => data.some(([a, b]) => at >= a && at < b);
    const acceptedAt: number[] = [];
    for (let at = 0; at < original.length; at++) {
      for (const mask of at % 4 === 0 ? [0x01, 0xff] : [0x01]) {
        const damaged = original.slice();
        damaged[at]! ^= mask;
        const outcome = await judgeBatch(damaged, `byte ${at} ^ 0x${mask.toString(16)}`, () => unread.has(at) || inData(at));
        if (outcome === 'accepted') acceptedAt.push(at);
      }
    }
    // Every timestamp, version and attribute byte is among them: damage there changes nothing read.
    expect(acceptedAt.filter((a) => unread.has(a)).length).toBeGreaterThan(20);
  });

  it('is refused when bytes are inserted or removed in the middle', async () => {
    for (let at = 5; at < original.length; at += 97) {
      const removed = new Uint8Array([...original.subarray(0, at), ...original.subarray(at + 3)]);
      const inserted = new Uint8Array([...original.subarray(0, at), 0x50, 0x4b, 0, ...original.subarray(at)]);
      await judgeBatch(removed, `3 bytes removed at ${at}`, () => false);
      await judgeBatch(inserted, `3 bytes inserted at ${at}`, () => false);
    }
  });

  it('encrypted: any flipped byte or cut is refused', async () => {
    for (let at = 0; at < encrypted.length; at += 7) {
      const damaged = encrypted.slice();
      damaged[at]! ^= 0x10;
      await judgeBatch(damaged, `encrypted byte ${at}`, () => false);
    }
    for (let n = 0; n < encrypted.length; n += 41) {
      await judgeBatch(encrypted.subarray(0, n), `encrypted cut at ${n}`, () => false);
    }
  });
});

describe('damaged result files', { timeout: SLOW }, () => {
  it('any flipped byte or cut is refused, or changes nothing read', async () => {
    const reference = await readResultFile(results, { trustedKeys: [] });
    if (!reference.ok) throw new Error(reference.error.message);
    const { unread, data } = zipLayout(results);
    for (let at = 0; at < results.length; at += 3) {
      const damaged = results.slice();
      damaged[at]! ^= 0x04;
      const read = await readResultFile(damaged, { trustedKeys: [], fileName: 'ana.loupe-result' });
      tally.variants += 1;
      if (read.ok) {
        expect(unread.has(at) || data.some(([a, b]) => at >= a && at < b), `result byte ${at}`).toBe(true);
        expect(read.events).toEqual(reference.events);
        expect(read.manifest).toEqual(reference.manifest);
        tally.accepted += 1;
      } else {
        expectClearRefusal(read, 'ana.loupe-result', `result byte ${at}`);
        tally.refused += 1;
      }
    }
    for (let n = 0; n < results.length; n += 13) {
      tally.variants += 1;
      expectClearRefusal(await readResultFile(results.subarray(0, n), { trustedKeys: [], fileName: 'ana.loupe-result' }), 'ana.loupe-result', `result cut at ${n}`);
      tally.refused += 1;
    }
  });
});

describe('hostile and wrong files', { timeout: SLOW }, () => {
  async function refusedAs(bytes: Uint8Array, kind: BatchFileErrorKind, pattern?: RegExp, limits?: Partial<typeof DEFAULT_LIMITS>): Promise<BatchFileError> {
    tally.variants += 1;
    const result = await readBatchFile(bytes, { ...READ, ...(limits ? { limits } : {}) });
    const error = expectClearRefusal(result, READ.fileName, `${kind} ${pattern ?? ''}`);
    expect(error.kind, error.message).toBe(kind);
    if (pattern) expect(error.message).toMatch(pattern);
    tally.refused += 1;
    return error;
  }

  const manifestOnly = () => ({ name: 'manifest.json', data: entriesOf(original).get('manifest.json')! });

  it('refuses what is not a zip at all', async () => {
    await refusedAs(new Uint8Array(0), 'truncated', /is empty/u);
    await refusedAs(text('{"id": "1", "output": "hello"}\n'), 'not-a-zip', /not a Loupe file .*not a zip/u);
    await refusedAs(text('<?xml version="1.0"?><xliff version="1.2"></xliff>'), 'not-a-zip');
    await refusedAs(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...noise(200, 3)]), 'not-a-zip');
    await refusedAs(new Uint8Array([0x1f, 0x8b, 8, 0, ...noise(100, 4)]), 'not-a-zip');
    await refusedAs(text('%PDF-1.7\n'), 'not-a-zip');
    await refusedAs(noise(5000, 5), 'not-a-zip');
    await refusedAs(text('PK'), 'truncated');
    for (let seed = 10; seed < 60; seed++) {
      const bytes = noise(64 + seed * 13, seed);
      bytes[0] = 0x50;
      bytes[1] = 0x4b;
      const error = await refusedAs(bytes, 'truncated');
      expect(error.message).toMatch(/cut short/u);
    }
  });

  it('refuses entry names that are absolute, climb out, or use drive letters or backslashes', async () => {
    const names = ['../evil', '/abs', 'C:\\x', 'C:/x', 'c:evil', 'a\\b', 'attachments/../../evil', './manifest.json', 'a//b', 'attachments/', 'a:b', 'nul\u0000byte', 'tab\there', '\\\\server\\share', '..', 'attachments/./x'];
    for (const name of names) {
      const error = await refusedAs(rawZip([manifestOnly(), { name, data: text('x') }]), 'path');
      expect(error.message, name).toContain('entry');
    }
    await refusedAs(rawZip([manifestOnly(), { name: new Uint8Array([0x61, 0xff, 0xfe]), data: text('x') }]), 'path', /not UTF-8/u);
    await refusedAs(rawZip([manifestOnly(), { name: 'a'.repeat(600), data: text('x') }]), 'path', /longer than/u);
  });

  it('refuses duplicate entries, also when only case or Unicode form differs', async () => {
    await refusedAs(rawZip([manifestOnly(), { name: 'items.jsonl', data: text('{}') }, { name: 'items.jsonl', data: text('{}') }]), 'path', /two entries named "items\.jsonl"/u);
    await refusedAs(rawZip([manifestOnly(), manifestOnly()]), 'path');
    await refusedAs(rawZip([manifestOnly(), { name: 'Items.jsonl', data: text('{}') }, { name: 'items.jsonl', data: text('{}') }]), 'path', /one file on many disks/u);
    await refusedAs(rawZip([manifestOnly(), { name: 'attachments/caf\u00e9.png', data: text('x') }, { name: 'attachments/cafe\u0301.png', data: text('x') }]), 'path');
  });

  it('refuses zip bombs: a high ratio, a lying size, a huge total, overlapping entries', async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const bomb = deflateSync(zeros);
    // Honest header, 4 MiB from a few KiB: refused from the directory alone.
    await refusedAs(rawZip([manifestOnly(), { name: 'items.jsonl', data: zeros }]), 'limits', /times.*zip bomb/u);
    // A lying header: claims 1,000 bytes, inflates to 4 MiB; stopped as soon as it passes 1,000.
    await refusedAs(rawZip([{ name: 'manifest.json', body: bomb, size: 1000, crc: 0 }]), 'limits', /more than the 1,000 bytes its header declares/u);
    const parts = entriesOf(original);
    const itemsSize = parts.get('items.jsonl')!.length;
    const lying = rawZip([...parts].map(([name, data]) => (name === 'items.jsonl' ? { name, body: bomb, size: itemsSize, crc: 0 } : { name, data })));
    await refusedAs(lying, 'limits', /has items\.jsonl, which unpacks to more than the .* its header declares/u);
    // Claimed sizes adding up past 2 GiB.
    await refusedAs(rawZip([manifestOnly(), { name: 'a', body: noise(10, 1), size: 0x7fff_0000, compressedSize: 0x7fff_0000 / 100 }, { name: 'b', body: noise(10, 2), size: 0x7fff_0000, compressedSize: 0x7fff_0000 / 100 }]), 'limits', /2 GiB/u);
    // Two entries sharing one stretch of bytes (a quoted-overlap bomb).
    await refusedAs(rawZip([manifestOnly(), { name: 'items.jsonl', data: text('{}\n') }, { name: 'attachments/x', data: text('{}\n'), headerOf: 1 }]), 'damaged');
    // A stated limit of the caller's is kept too.
    await refusedAs(original, 'limits', /entries, more than the 3/u, { maxEntries: 3 });
    await refusedAs(original, 'limits', /manifest\.json of .* more than/u, { maxManifestBytes: 100 });
    await refusedAs(original, 'limits', /larger than/u, { maxFileBytes: 1000 });
  });

  it('refuses entry counts beyond the limit before reading the directory', async () => {
    await refusedAs(rawZip([manifestOnly()], { zip64Entries: 200_000 }), 'limits', /claims 200,000 entries, more than the 100,005/u);
    await refusedAs(rawZip([manifestOnly()], { entries: 60_000 }), 'damaged', /too small to hold them/u);
    await refusedAs(rawZip([manifestOnly()], { disk: 1 }), 'unsupported', /several disks/u);
  });

  it('refuses zip features Loupe never writes', async () => {
    await refusedAs(rawZip([{ ...manifestOnly(), flags: 0x0801 }]), 'unsupported', /zip encryption/u);
    await refusedAs(rawZip([{ ...manifestOnly(), method: 12, body: noise(30, 9) }]), 'unsupported', /method 12/u);
    await refusedAs(rawZip([{ ...manifestOnly(), size: 0xffffffff }]), 'unsupported', /ZIP64/u);
    await refusedAs(rawZip([{ ...manifestOnly(), localName: 'other.json' }]), 'damaged', /different names/u);
    await refusedAs(rawZip([manifestOnly()], { garbage: [1, 2, 3] }), 'damaged', /3 bytes after the end of its zip directory/u);
    await refusedAs(rawZip([manifestOnly()], { trailing: [1, 2, 3] }).subarray(0, -2), 'truncated', /cut short/u);
  });

  it('refuses a file whose parts do not match the manifest', async () => {
    const parts = entriesOf(original);
    const items = new TextDecoder().decode(parts.get('items.jsonl')!);
    // A part changed, the manifest not: checksum.
    await refusedAs(await rebuild(new Map(parts).set('items.jsonl', text(items.replace('J18.9', 'J96.0')))), 'checksum', /items\.jsonl does not match its checksum/u);
    // Same size, different bytes in an attachment.
    const scan = parts.get('attachments/scans/case-0.png')!.slice();
    scan[10]! ^= 1;
    await refusedAs(await rebuild(new Map(parts).set('attachments/scans/case-0.png', scan)), 'checksum', /case-0\.png does not match/u);
    // An entry nobody listed, and a listed entry gone.
    await refusedAs(await rebuild(new Map(parts).set('attachments/extra.png', text('x'))), 'extra-part', /extra\.png, which its manifest does not list/u);
    const without = new Map(parts);
    without.delete('attachments/scans/case-1.png');
    await refusedAs(await rebuild(without), 'missing-part', /case-1\.png/u);
    const noManifest = new Map(parts);
    noManifest.delete('manifest.json');
    await refusedAs(await rebuild(noManifest), 'missing-part', /no manifest\.json/u);
  });

  it('refuses a signed file changed after signing, and a broken signature', async () => {
    const parts = entriesOf(original);
    const items = new TextDecoder().decode(parts.get('items.jsonl')!);
    // Items changed and the manifest's digests updated to match — but the signature is of the old manifest.
    const changed = new Map(parts).set('items.jsonl', text(items.replace('J18.9', 'J96.0')));
    const tampered = await rebuild(changed, { fixDigests: true });
    const keepSignature = await rebuild(new Map(entriesOf(tampered)).set('signature.json', parts.get('signature.json')!));
    await refusedAs(keepSignature, 'signature', /signature does not match: the file was changed after the key [0-9a-f ]+ signed it/u);
    const sig = JSON.parse(new TextDecoder().decode(parts.get('signature.json')!)) as Record<string, string>;
    const other = generateSigningKey();
    await refusedAs(await rebuild(new Map(parts).set('signature.json', text(JSON.stringify({ ...sig, publicKey: other.publicKey })))), 'signature');
    await refusedAs(await rebuild(new Map(parts).set('signature.json', text('{"algorithm": "ed25519"'))), 'signature', /not JSON/u);
    await refusedAs(await rebuild(new Map(parts).set('signature.json', text(JSON.stringify({ ...sig, signature: 'A'.repeat(86) })))), 'signature');
    await refusedAs(await rebuild(new Map(parts).set('signature.json', text(JSON.stringify({ ...sig, algorithm: 'rsa' })))), 'signature');
    // Signature removed: the file opens, but only as unsigned — the app warns before opening it.
    const unsigned = new Map(parts);
    unsigned.delete('signature.json');
    const read = await readBatchFile(await rebuild(unsigned), READ);
    expect(read.ok && read.trust).toBe('unsigned');
  });

  it('refuses a newer major version, naming the Loupe needed; a newer minor opens', async () => {
    const parts = entriesOf(original);
    const error = await refusedAs(await rebuild(parts, { fixDigests: true, manifest: (m) => Object.assign(m, { formatVersion: '2.0', minLoupeVersion: '0.7.0', batch: 'changed' }) }), 'version');
    expect(error.message).toBe('ward7.loupe: made by a newer Loupe (format 2.0); this Loupe reads format 1.x — update Loupe to 0.7.0 or later');
    await refusedAs(await rebuild(parts, { fixDigests: true, manifest: (m) => Object.assign(m, { formatVersion: '0.9' }) }), 'version');
    await refusedAs(await rebuild(parts, { fixDigests: true, manifest: (m) => Object.assign(m, { formatVersion: 'one' }) }), 'schema');
    const minor = await readBatchFile(await rebuild(parts, { fixDigests: true, manifest: (m) => Object.assign(m, { formatVersion: '1.7', priority: { level: 'high' } }) }), READ);
    if (!minor.ok) throw new Error(minor.error.message);
    expect(minor.unknownFields).toEqual({ priority: { level: 'high' } });
    expect(minor.items).toEqual(reference.items);
  });

  it('refuses lines that are not JSON, naming the part and line', async () => {
    const parts = entriesOf(original);
    const lines = new TextDecoder().decode(parts.get('items.jsonl')!).split('\n');
    const broken = [...lines];
    broken[2] = broken[2]!.slice(0, 20);
    const error = await refusedAs(await rebuild(new Map(parts).set('items.jsonl', text(broken.join('\n'))), { fixDigests: true }), 'json');
    expect(error).toMatchObject({ part: 'items.jsonl', line: 3 });
    expect(error.message).toMatch(/^ward7\.loupe: items\.jsonl line 3 is not JSON \(.+\) — the file is damaged or was not made by Loupe; ask the coordinator for a new copy$/u);
    const blank = [...lines];
    blank.splice(1, 0, '');
    await refusedAs(await rebuild(new Map(parts).set('items.jsonl', text(blank.join('\n'))), { fixDigests: true }), 'json', /line 2 is empty/u);
    await refusedAs(await rebuild(new Map(parts).set('items.jsonl', new Uint8Array([0x7b, 0xc3, 0x28, 0x7d, 0x0a])), { fixDigests: true }), 'json', /line 1 is not UTF-8/u);
    await refusedAs(await rebuild(new Map(parts).set('manifest.json', text('{"format": "loupe-batch",'))), 'json', /manifest\.json is not JSON/u);
  });

  it('refuses duplicate item ids, naming both lines', async () => {
    const parts = entriesOf(original);
    const lines = new TextDecoder().decode(parts.get('items.jsonl')!).split('\n');
    const dup = [...lines];
    dup[3] = dup[3]!.replace('"case-3"', '"case-1"');
    const error = await refusedAs(await rebuild(new Map(parts).set('items.jsonl', text(dup.join('\n'))), { fixDigests: true }), 'duplicate-id', /items\.jsonl lines 2 and 4 both have the id "case-1"/u);
    expect(error.line).toBe(4);
  });

  it('refuses a wrong schema: items that do not fit it, a schema that is not one, a wrong kind of file', async () => {
    const parts = entriesOf(original);
    const lines = new TextDecoder().decode(parts.get('items.jsonl')!).split('\n');
    const withLines = (f: (l: string[]) => void) => {
      const copy = [...lines];
      f(copy);
      return rebuild(new Map(parts).set('items.jsonl', text(copy.join('\n'))), { fixDigests: true });
    };
    await refusedAs(await withLines((l) => (l[0] = l[0]!.replace('"J18.9"', '"Z99"'))), 'schema', /line 1: output\.code .*not one of the field's options/u);
    await refusedAs(await withLines((l) => (l[0] = l[0]!.replace('"output":{', '"output":{"extra":1,'))), 'schema', /no output field "extra"/u);
    await refusedAs(await withLines((l) => (l[1] = l[1]!.replace('"seq":1', '"seq":-1'))), 'schema', /line 2: seq/u);
    await refusedAs(await withLines((l) => (l[0] = l[0]!.replace('scans/case-0.png', 'scans/missing.png'))), 'missing-part', /refers to the attachment "scans\/missing\.png"/u);
    await refusedAs(await withLines((l) => l.splice(3, 1)), 'schema', /says the batch has 4 items, but items\.jsonl holds 3/u);
    await refusedAs(await rebuild(parts, { fixDigests: true, manifest: (m) => Object.assign(m, { schema: { name: 'x', fields: [] } }) }), 'schema', /manifest\.json: schema\.fields/u);
    await refusedAs(await rebuild(parts, { fixDigests: true, manifest: (m) => Object.assign(m, { format: 'something-else' }) }), 'schema', /not a batch/u);
    await refusedAs(results, 'wrong-kind', /holds results \(\.loupe-result\), not a batch/u);
    await refusedAs(await rebuild(parts, { fixDigests: true, manifest: (m) => Object.assign(m, { parts: [...(m.parts as object[]), { path: '../x', size: 1, sha256: 'a'.repeat(64) }] }) }), 'path');
  });

  it('refuses an encrypted file without the key, saying which key it needs', async () => {
    const error = await refusedAs(encrypted, 'encrypted', /encrypted to the key [0-9a-f ]{39}, and no encryption key was given/u);
    expect(error.message).toContain('ask the coordinator for a copy encrypted to your key');
    const read = await readResultFile(encrypted, { trustedKeys: [], decryptWith: recipient.privateKey, fileName: 'x' });
    expect(read.ok ? null : read.error.kind).toBe('wrong-kind');
  });

  it('judged at least 1,000 damaged variants, with no exception escaping', () => {
    expect(tally.variants).toBeGreaterThanOrEqual(1000);
    expect(tally.refused + tally.accepted).toBe(tally.variants);
    for (const kind of ['truncated', 'not-a-zip', 'damaged', 'checksum', 'signature', 'version', 'path', 'limits', 'json', 'schema', 'duplicate-id', 'encrypted', 'unsupported', 'missing-part', 'extra-part', 'wrong-kind'] as const) {
      expect(kindsSeen.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
    console.info(`batch-file corruption: ${tally.variants} variants, ${tally.refused} refused, ${tally.accepted} accepted unchanged; kinds ${JSON.stringify(Object.fromEntries(kindsSeen))}`);
  });
});
