import { readResultFile, type EncryptionPrivateKey } from '../../shared/batch-file';
import { storeResultFile, type LoupeDatabase } from '../storage';

export interface CollectFile {
  name: string;
  bytes: () => Promise<Uint8Array>;
}

/** The keys result files are read with: signing keys trusted, and this device's encryption key for files encrypted to it. */
export interface CollectKeys {
  trustedKeys: readonly string[];
  decryptWith: readonly EncryptionPrivateKey[];
}

/** What became of one result file: its events stored (some may have been here already), or refused. */
export type CollectReport =
  | { fileName: string; ok: true; reviewer: { id: string; name: string }; batchId: string; added: number; duplicates: number }
  | { fileName: string; ok: false; message: string };

/**
 * Reads and stores result files one by one, never stopping at a failure: each file is read without trust
 * (readResultFile) and stored whole or not at all (storeResultFile), and gets its own report. Results of
 * another batch are refused here, so that dropping the wrong reviewer's file on this desk says so. A file
 * encrypted to a key this device does not hold is refused with the reader's message, naming that key.
 */
export async function collectResults(
  db: LoupeDatabase,
  batch: { id: string; name: string },
  files: readonly CollectFile[],
  keys: CollectKeys,
  onProgress: (done: number, total: number, fileName: string) => void,
): Promise<CollectReport[]> {
  const reports: CollectReport[] = [];
  for (const [i, file] of files.entries()) {
    onProgress(i, files.length, file.name);
    reports.push(await collectOne(db, batch, file, keys));
  }
  onProgress(files.length, files.length, '');
  return reports;
}

async function collectOne(db: LoupeDatabase, batch: { id: string; name: string }, file: CollectFile, keys: CollectKeys): Promise<CollectReport> {
  const fileName = file.name;
  try {
    const read = await readResultFile(await file.bytes(), { trustedKeys: keys.trustedKeys, decryptWith: keys.decryptWith, fileName });
    if (!read.ok) return { fileName, ok: false, message: read.error.message };
    if (read.batchId !== batch.id) {
      return { fileName, ok: false, message: `${fileName}: results of ${read.reviewer.name || read.reviewer.id} for another batch (${read.batchId}), not “${batch.name}” — import them from the Import button, or open that batch’s desk` };
    }
    const stored = await storeResultFile(db, read, fileName);
    if (!stored.ok) return { fileName, ok: false, message: stored.message };
    return { fileName, ok: true, reviewer: stored.reviewer, batchId: stored.batchId, added: stored.added, duplicates: stored.duplicates };
  } catch (error) {
    // A file that cannot be read from disk, or a fault of the database: reported for this file, the others go on.
    return { fileName, ok: false, message: `${fileName}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
