import { readBatchFile, readResultFile, type BatchFileError, type EncryptionPrivateKey, type Signer } from '../../shared/batch-file';
import { storeBatchFile, storeResultFile, type LoupeDatabase } from '../storage';
import type { FileReport, ImportPhase } from './import-files';

/** What the reviewer is asked before a batch opens whose origin is not vouched for by a trusted key. */
export interface TrustQuestion {
  fileName: string;
  batchName: string;
  revision: number;
  trust: 'unsigned' | 'unknown-signer';
  /** Who signed it, when someone did. */
  signer?: Signer;
}

/** `trust`: open it, and trust the signer's key from now on (the caller keeps it in the settings). */
export type TrustAnswer = 'open' | 'trust' | 'cancel';

export interface BatchFileKeys {
  /** Coordinators' signing public keys (`loupe-ed25519:…`) whose batches open without a question. */
  trustedKeys: readonly string[];
  /** This device's encryption secret keys, for files encrypted to it. */
  decryptWith: readonly EncryptionPrivateKey[];
  confirm: (question: TrustQuestion) => Promise<TrustAnswer>;
}

export interface LoupeFile {
  fileName: string;
  format: 'loupe' | 'loupe-result';
  bytes: Uint8Array;
}

type Progress = (phase: ImportPhase, done: number, total: number) => void;

function failed(file: LoupeFile, message: string): FileReport {
  return { outcome: 'failed', fileName: file.fileName, format: file.format, errors: [{ file: file.fileName, message }] };
}

const refusal = (file: LoupeFile, error: BatchFileError) => failed(file, error.message);

/**
 * Reads a `.loupe` or `.loupe-result` file without trusting it, asks about its origin when a batch is not
 * signed by a trusted key, and stores it whole, or reports why nothing was stored (the reader's message
 * names the file, part and line). A file whose manifest says it is the other kind is read as that kind.
 * `trusted` grows when the reviewer trusts a signer, for the files after it in the same import.
 */
export async function importLoupeFile(db: LoupeDatabase, file: LoupeFile, keys: BatchFileKeys, trusted: Set<string>, now: () => Date, progress: Progress): Promise<FileReport> {
  const options = { trustedKeys: [...trusted], fileName: file.fileName, decryptWith: keys.decryptWith };
  progress('checking', 0, 0);
  if (file.format === 'loupe-result') {
    const read = await readResultFile(file.bytes, options);
    if (read.ok) return importResults(db, file, read);
    if (read.error.kind !== 'wrong-kind') return refusal(file, read.error);
  }
  const read = await readBatchFile(file.bytes, options);
  if (!read.ok) {
    if (read.error.kind !== 'wrong-kind' || file.format === 'loupe-result') return refusal(file, read.error);
    const results = await readResultFile(file.bytes, options);
    return results.ok ? importResults(db, { ...file, format: 'loupe-result' }, results) : refusal(file, results.error);
  }

  // Asked only when storing could change something: a revision already here is found unchanged or
  // refused without a question.
  const known = await db.batches.get(read.batch.id);
  if (read.trust !== 'trusted' && (!known || known.revision < read.batch.revision)) {
    const answer = await keys.confirm({
      fileName: file.fileName,
      batchName: read.batch.name,
      revision: read.batch.revision,
      trust: read.trust,
      ...(read.signer ? { signer: read.signer } : {}),
    });
    if (answer === 'cancel') return { outcome: 'cancelled', fileName: file.fileName, format: 'loupe' };
    if (answer === 'trust' && read.signer) trusted.add(read.signer.publicKey);
  }

  progress('saving', 0, read.items.length);
  const stored = await storeBatchFile(db, read, file.fileName, now);
  const base = { outcome: 'batch-file', fileName: file.fileName, format: 'loupe', schema: read.schema, trust: read.trust, ...(read.signer ? { signer: read.signer } : {}) } as const;
  switch (stored.status) {
    case 'refused':
      return failed(file, stored.message);
    case 'stored':
      return { ...base, status: 'stored', batch: stored.batch, firstItemId: stored.firstItemId };
    case 'unchanged':
      return { ...base, status: 'unchanged', batch: stored.batch };
    case 'updated': {
      const { status: _status, batch, ...update } = stored;
      return { ...base, status: 'updated', batch, update };
    }
  }
}

async function importResults(db: LoupeDatabase, file: LoupeFile, read: Parameters<typeof storeResultFile>[1]): Promise<FileReport> {
  const stored = await storeResultFile(db, read, file.fileName);
  if (!stored.ok) return failed(file, stored.message);
  const batch = await db.batches.get(stored.batchId);
  if (!batch) return failed(file, `${file.fileName}: the batch ${stored.batchId} went from this machine while its results were stored`);
  return {
    outcome: 'results',
    fileName: file.fileName,
    format: 'loupe-result',
    batch,
    reviewer: stored.reviewer,
    added: stored.added,
    duplicates: stored.duplicates,
    ...(read.revision === batch.revision ? {} : { madeOnRevision: read.revision }),
  };
}
