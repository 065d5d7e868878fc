import {
  BATCH_MEDIA_TYPE,
  isEncryptionPrivateKey,
  isEncryptionPublicKey,
  isSigningPrivateKey,
  isSigningPublicKey,
  readKeyFile,
  writeBatchFile,
  type EncryptionPublicKey,
  type SigningPrivateKey,
} from '../../shared/batch-file';
import { handOutBatch, reviewerBatch, reviewerFileName, type Assignment, type HandOutBatch, type SplitPlan } from '../../shared/coordination';
import type { Batch, Item, TaskSchema } from '../../shared/domain';
import { safeFileName } from '../export/export-results';
import { GLOSSARY_FOLDER, type LoupeDatabase } from '../storage';
import type { DeskPlan } from './desk-data';

export interface HandOutFile {
  suggestedName: string;
  mimeType: string;
  data: Uint8Array;
}

export interface SigningKey {
  name: string;
  fingerprint: string;
  privateKey: SigningPrivateKey;
}

/**
 * A coordinator's signing key kept on this device, only when they ticked "remember on this device": in
 * the `kv` table under this key, like other small local state. Without the tick a key is used for one
 * export and dropped with the page.
 */
export const SIGNING_KEY = 'desk.signingKey';

export type KeyRead = { ok: true; key: SigningKey } | { ok: false; message: string };

/** A key file (`loupe keygen`) read for signing batches: an Ed25519 key pair, checked. */
export function signingKeyFrom(text: string, fileName: string): KeyRead {
  const read = readKeyFile(text, fileName);
  if (!read.ok) return read;
  if (read.key.algorithm !== 'ed25519') return { ok: false, message: `${fileName}: an encryption key (x25519); batches are signed with a signing key (ed25519) — make one with "loupe keygen"` };
  return { ok: true, key: { name: read.key.name ?? '', fingerprint: read.key.fingerprint, privateKey: read.key.privateKey } };
}

export async function rememberedKey(db: LoupeDatabase): Promise<SigningKey | null> {
  const value = (await db.kv.get(SIGNING_KEY))?.value as { text?: unknown } | undefined;
  if (typeof value?.text !== 'string') return null;
  const read = signingKeyFrom(value.text, 'remembered key');
  return read.ok ? read.key : null;
}

/** Keeps the key file's text as it was read, so it is checked again (readKeyFile) whenever it is used. */
export async function rememberKey(db: LoupeDatabase, text: string | null): Promise<void> {
  if (text === null) await db.kv.delete(SIGNING_KEY);
  else await db.kv.put({ key: SIGNING_KEY, value: { text } });
}

/** Why a reviewer's pasted encryption key cannot be used, or null when it is a public encryption key. */
export type EncryptionKeyProblem = 'secret' | 'signing' | 'invalid';

export function encryptionKeyProblem(text: string): EncryptionKeyProblem | null {
  const key = text.trim();
  if (isEncryptionPublicKey(key)) return null;
  if (isEncryptionPrivateKey(key) || isSigningPrivateKey(key) || /^loupe-[a-z0-9]+-secret:/u.test(key)) return 'secret';
  if (isSigningPublicKey(key)) return 'signing';
  return 'invalid';
}

/**
 * How a file handed out is protected: signed with the coordinator's key, encrypted to its reviewer's
 * public key (one recipient per file), and asking for results encrypted to the coordinator (`returnTo`).
 */
export interface HandOutSecurity {
  key: SigningKey | null;
  encryptTo?: EncryptionPublicKey | undefined;
  returnTo?: EncryptionPublicKey | undefined;
}

export interface HandOutSource {
  batch: Batch;
  schema: TaskSchema;
  items: readonly Item[];
  /** The batch's attachments (images its items refer to by path, the XLIFF file it was made from). */
  attachments: ReadonlyMap<string, Uint8Array>;
}

/**
 * What a file handed out carries: the attachments its items' image context fields refer to (data: URLs
 * travel inside the item), the XLIFF file the batch was made from, which every reviewer's export
 * writes back into, and the glossary the coordinator attached, which every reviewer's QA checks use.
 */
function attachmentsOf(source: HandOutSource, items: readonly Item[]): Map<string, Uint8Array> {
  const images = source.schema.context.filter((f) => f.kind === 'image').map((f) => f.name);
  const picked = new Map<string, Uint8Array>();
  const original = source.batch.original && source.attachments.get(source.batch.original.path);
  if (source.batch.original && original) picked.set(source.batch.original.path, original);
  for (const [path, bytes] of source.attachments) if (path.startsWith(GLOSSARY_FOLDER)) picked.set(path, bytes);
  if (images.length === 0) return picked;
  for (const item of items) {
    for (const name of images) {
      const value = item.context[name];
      if (typeof value !== 'string' || value.startsWith('data:')) continue;
      const bytes = source.attachments.get(value);
      if (bytes) picked.set(value, bytes);
    }
  }
  return picked;
}

export async function loadAttachments(db: LoupeDatabase, batchId: string): Promise<Map<string, Uint8Array>> {
  const rows = await db.attachments.where('[batchId+path]').between([batchId, ''], [batchId, '\uffff']).toArray();
  return new Map(rows.map((r) => [r.path, r.bytes]));
}

function batchFile(source: HandOutSource, parts: HandOutBatch, security: HandOutSecurity): Promise<Uint8Array> {
  return writeBatchFile({
    ...parts,
    schema: source.schema,
    attachments: attachmentsOf(source, parts.items),
    ...(security.key ? { signingKey: security.key.privateKey } : {}),
    ...(security.encryptTo ? { encryptTo: security.encryptTo } : {}),
  });
}

const MIME = BATCH_MEDIA_TYPE;

/** One reviewer's `.loupe` (reviewerBatch), with the attachments their items refer to; encrypted to them when `encryptTo` is given. */
export async function reviewerFile(source: HandOutSource, assignment: Assignment, security: HandOutSecurity): Promise<HandOutFile> {
  return {
    suggestedName: reviewerFileName(safeFileName(source.batch.name, source.batch.id), assignment.reviewer.id),
    mimeType: MIME,
    data: await batchFile(source, reviewerBatch(source.batch, source.items, assignment, { returnTo: security.returnTo }), security),
  };
}

/** The whole batch as one `.loupe`, naming every reviewer of the plan when there is one. Never encrypted: it has no one recipient. */
export async function wholeBatchFile(source: HandOutSource, reviewers: readonly { id: string; name: string }[], security: HandOutSecurity): Promise<HandOutFile> {
  return {
    suggestedName: `${safeFileName(source.batch.name, source.batch.id)}.loupe`,
    mimeType: MIME,
    data: await batchFile(source, handOutBatch(source.batch, source.items, reviewers, { returnTo: security.returnTo }), { key: security.key, returnTo: security.returnTo }),
  };
}

/** What is remembered of a plan once its files are written. */
export function planRecord(
  batch: Batch,
  plan: Extract<SplitPlan, { ok: true }>,
  request: { overlap: number; counts: number[] | null; encryptionKeys?: ReadonlyMap<string, EncryptionPublicKey> },
  now: Date,
): DeskPlan {
  return {
    revision: batch.revision,
    madeAt: now.toISOString(),
    overlap: request.overlap,
    counts: request.counts,
    reviewers: plan.assignments.map((a) => {
      const key = request.encryptionKeys?.get(a.reviewer.id);
      return { id: a.reviewer.id, name: a.reviewer.name, itemIds: a.itemIds, ...(key ? { encryptionKey: key } : {}) };
    }),
    overlapIds: plan.overlapIds,
  };
}
