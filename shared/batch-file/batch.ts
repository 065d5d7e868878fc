import { Batch, Item, TaskSchema } from '../domain';
import { count, sha256HexOf, utf8 } from './bytes';
import { containerBytes, guarded, openContainer, type ContainerSpec, type ReadOptions, type Signer, type Trust, type WritePart, type WriteSecurity } from './container';
import { ADVICE, BatchFileWriteError, fileError, refuse, type BatchFileError, type Speaker } from './errors';
import { formatAdvice, jsonLines, jsonlBytes, zodProblem } from './json';
import { isEncryptionPublicKey, type EncryptionPublicKey } from './keys';
import { resolveLimits, type Limits } from './limits';
import {
  AttachmentLine,
  BATCH_FORMAT,
  BatchManifest,
  FORMAT_VERSION,
  ItemLine,
  MIN_LOUPE_VERSION,
  PART,
  RESULT_FORMAT,
  knownKeys,
  type ManifestReviewer,
  type PartDigest,
} from './manifest';
import { pathKey, pathProblem } from './paths';
import { imageReferences, valuesChecker } from './values';

export interface BatchFileInput extends WriteSecurity {
  batch: Batch;
  schema: TaskSchema;
  /** In order; each item's `batchId` must be the batch's id. */
  items: readonly Item[];
  /** Files the items refer to (images of clinical cases), keyed by the path an image context value gives. */
  attachments?: ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>;
  reviewers?: readonly ManifestReviewer[];
  instructions?: string;
  /**
   * The coordinator's public encryption key (manifest `returnTo`): the reviewer's Loupe encrypts the
   * results of this batch to it. Not to be confused with `encryptTo`, which encrypts this file.
   */
  returnTo?: EncryptionPublicKey;
  /** Top-level manifest fields this Loupe does not know (from a newer minor version), written back as they were. */
  unknownFields?: Readonly<Record<string, unknown>>;
  /** The compression rule follows the reader's ratio limit, so a file written always reads. */
  limits?: Partial<Limits>;
}

export interface BatchFileContents {
  ok: true;
  manifest: BatchManifest;
  batch: Batch;
  schema: TaskSchema;
  items: Item[];
  attachments: Map<string, Uint8Array>;
  trust: Trust;
  signer?: Signer;
  /** Top-level manifest fields this Loupe does not know, kept so that writing the batch again keeps them. */
  unknownFields?: Record<string, unknown>;
  /** Parts of a newer minor version that this Loupe verified but does not read. */
  unknownParts?: string[];
  /** Whether the file came encrypted. */
  encrypted: boolean;
  /** The coordinator's public encryption key that results of this batch are to be encrypted to (manifest `returnTo`). */
  returnTo?: EncryptionPublicKey;
}

export type ReadBatchResult = BatchFileContents | { ok: false; error: BatchFileError };

const MANIFEST_KEYS = knownKeys(BatchManifest);
const ATTACHMENTS = PART.attachmentsFolder;

function speaker(opts: { fileName?: string }): Speaker {
  return { file: opts.fileName ?? 'batch file', sender: 'the coordinator' };
}

function attachmentMap(input: BatchFileInput['attachments']): Map<string, Uint8Array> {
  if (!input) return new Map();
  if (input instanceof Map) return new Map(input);
  return new Map(Object.entries(input as Record<string, Uint8Array>));
}

/** What is wrong with an attachment path, or null; the same rule for writing and reading. */
function attachmentPathProblem(path: string, limits: Limits): string | null {
  const problem = pathProblem(path, 'an attachment');
  if (problem) return problem;
  if (utf8(ATTACHMENTS + path).length > limits.maxNameBytes) return `has an attachment path longer than ${limits.maxNameBytes} bytes`;
  return null;
}

const BATCH_SPEC: ContainerSpec<BatchManifest> = {
  content: 'batch',
  format: BATCH_FORMAT,
  kindWords: 'a batch (.loupe)',
  otherFormat: RESULT_FORMAT,
  otherKindWords: 'results (.loupe-result)',
  manifest: BatchManifest,
  knownParts: [PART.items, PART.attachmentIndex],
  requiredParts: [PART.items],
  listMore: (parts, _manifest, s) => {
    const index = parts.get(PART.attachmentIndex);
    if (!index) return [];
    const listed: PartDigest[] = [];
    const seen = new Map<string, number>();
    for (const { line, value } of jsonLines(index, PART.attachmentIndex, s)) {
      const parsed = AttachmentLine.safeParse(value);
      const at = { part: PART.attachmentIndex, line };
      if (!parsed.success) refuse(fileError(s, 'schema', `${PART.attachmentIndex} line ${line}: ${zodProblem(parsed.error)}`, formatAdvice(s), at));
      const a = parsed.data!;
      const problem = pathProblem(a.path, 'an attachment');
      if (problem) refuse(fileError(s, 'path', `${PART.attachmentIndex} line ${line} ${problem}`, ADVICE.hostile(s), at));
      const key = pathKey(a.path);
      const first = seen.get(key);
      if (first !== undefined) refuse(fileError(s, 'duplicate-id', `${PART.attachmentIndex} lines ${first} and ${line} both list the attachment ${JSON.stringify(a.path)}`, formatAdvice(s), at));
      seen.set(key, line);
      listed.push({ path: ATTACHMENTS + a.path, size: a.size, sha256: a.sha256 });
    }
    return listed;
  },
};

/**
 * Reads a `.loupe` file without trusting it (docs/batch-format.md, "Reading"). Never throws: a file that
 * fails any check gives `{ ok: false, error }` with a message a person can act on, and nothing has been
 * stored — the caller stores the returned contents in one transaction, or not at all.
 */
export async function readBatchFile(bytes: Uint8Array, opts: ReadOptions): Promise<ReadBatchResult> {
  const s = speaker(opts);
  return guarded(s, async () => {
    const opened = await openContainer(bytes, BATCH_SPEC, opts, s);
    const { manifest, parts } = opened;
    const batch = manifest.batch;
    const schema = manifest.schema;

    // Attachments are what the index lists; a part a newer minor version lists in the manifest is not one.
    const manifestParts = new Set(manifest.parts.map((p) => p.path));
    const attachments = new Map<string, Uint8Array>();
    for (const [path, data] of parts) {
      if (path.startsWith(ATTACHMENTS) && !manifestParts.has(path)) attachments.set(path.slice(ATTACHMENTS.length), data);
    }

    const items: Item[] = [];
    const ids = new Map<string, number>();
    const valuesProblem = valuesChecker(schema);
    for (const { line, value } of jsonLines(parts.get(PART.items)!, PART.items, s)) {
      const at = { part: PART.items, line };
      const parsed = ItemLine.safeParse(value);
      if (!parsed.success) refuse(fileError(s, 'schema', `${PART.items} line ${line}: ${zodProblem(parsed.error)}`, formatAdvice(s), at));
      const item = { ...parsed.data!, batchId: batch.id } as Item;
      const problem = valuesProblem('output', item.output) ?? valuesProblem('context', item.context);
      if (problem) refuse(fileError(s, 'schema', `${PART.items} line ${line}: ${problem}`, formatAdvice(s), at));
      for (const ref of imageReferences(schema, item.context)) {
        if (!attachments.has(ref.path)) {
          refuse(fileError(s, 'missing-part', `${PART.items} line ${line}: context.${ref.field} refers to the attachment ${JSON.stringify(ref.path)}, which the file does not hold`, formatAdvice(s), at));
        }
      }
      const first = ids.get(item.id);
      if (first !== undefined) refuse(fileError(s, 'duplicate-id', `${PART.items} lines ${first} and ${line} both have the id ${JSON.stringify(item.id)}`, formatAdvice(s), at));
      ids.set(item.id, line);
      items.push(item);
    }
    if (manifest.counts.items !== items.length || batch.itemCount !== items.length) {
      refuse(fileError(s, 'schema', `${PART.manifest} says the batch has ${count(manifest.counts.items)} items, but ${PART.items} holds ${count(items.length)}`, formatAdvice(s), { part: PART.items }));
    }
    if (batch.original && !attachments.has(batch.original.path)) {
      refuse(fileError(s, 'missing-part', `${PART.manifest}: batch.original refers to the attachment ${JSON.stringify(batch.original.path)}, which the file does not hold`, formatAdvice(s), { part: PART.manifest }));
    }
    if (manifest.counts.attachments !== attachments.size) {
      refuse(fileError(s, 'schema', `${PART.manifest} says the batch has ${count(manifest.counts.attachments)} attachments, but the file holds ${count(attachments.size)}`, formatAdvice(s), { part: PART.attachmentIndex }));
    }
    const result: BatchFileContents = {
      ok: true,
      manifest,
      batch,
      schema,
      items,
      attachments,
      trust: opened.trust,
      encrypted: opened.encrypted,
      ...(manifest.returnTo !== undefined && isEncryptionPublicKey(manifest.returnTo) ? { returnTo: manifest.returnTo } : {}),
      ...(opened.signer ? { signer: opened.signer } : {}),
      ...(opened.unknownFields ? { unknownFields: opened.unknownFields } : {}),
      ...(opened.unknownParts.length > 0 ? { unknownParts: opened.unknownParts } : {}),
    };
    return result;
  });
}

function invalid(what: string): never {
  throw new BatchFileWriteError(`cannot write the batch: ${what}`);
}

/**
 * Writes a `.loupe` file. The same inputs always give the same bytes (canonical JSON, fixed zip
 * timestamps), unless `encryptTo` is given: encryption uses a fresh key each time. The input is checked
 * by the rules the reader applies, so a file written always reads; bad input throws BatchFileWriteError.
 */
export async function writeBatchFile(input: BatchFileInput): Promise<Uint8Array> {
  const limits = resolveLimits(input.limits);
  const batch = Batch.safeParse(input.batch);
  if (!batch.success) invalid(`batch: ${zodProblem(batch.error)}`);
  const schema = TaskSchema.safeParse(input.schema);
  if (!schema.success) invalid(`schema: ${zodProblem(schema.error)}`);
  const attachments = attachmentMap(input.attachments);
  const paths = [...attachments.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const seenPaths = new Map<string, string>();
  for (const path of paths) {
    const problem = attachmentPathProblem(path, limits);
    if (problem) invalid(`it ${problem}`);
    const other = seenPaths.get(pathKey(path));
    if (other !== undefined) invalid(`the attachments ${JSON.stringify(other)} and ${JSON.stringify(path)} would be one file on many disks`);
    seenPaths.set(pathKey(path), path);
  }

  const ids = new Set<string>();
  const lines: unknown[] = [];
  const valuesProblem = valuesChecker(schema.data);
  input.items.forEach((item, i) => {
    if (item.batchId !== input.batch.id) invalid(`item ${i + 1} (${JSON.stringify(item.id)}) belongs to batch ${JSON.stringify(item.batchId)}, not ${JSON.stringify(input.batch.id)}`);
    const { batchId: _omit, ...line } = item;
    const parsed = ItemLine.safeParse(line);
    if (!parsed.success) invalid(`item ${i + 1}: ${zodProblem(parsed.error)}`);
    lines.push(parsed.data);
    const problem = valuesProblem('output', item.output) ?? valuesProblem('context', item.context);
    if (problem) invalid(`item ${i + 1} (${JSON.stringify(item.id)}): ${problem}`);
    for (const ref of imageReferences(schema.data, item.context)) {
      if (!attachments.has(ref.path)) invalid(`item ${i + 1} (${JSON.stringify(item.id)}): context.${ref.field} refers to the attachment ${JSON.stringify(ref.path)}, which is not among the attachments`);
    }
    if (ids.has(item.id)) invalid(`two items have the id ${JSON.stringify(item.id)}`);
    ids.add(item.id);
  });
  if (input.batch.original && !attachments.has(input.batch.original.path)) invalid(`batch.original refers to the attachment ${JSON.stringify(input.batch.original.path)}, which is not among the attachments`);
  if (input.batch.itemCount !== input.items.length) invalid(`batch.itemCount is ${input.batch.itemCount}, but ${count(input.items.length)} item${input.items.length === 1 ? ' was' : 's were'} given`);
  if (input.returnTo !== undefined && !isEncryptionPublicKey(input.returnTo)) {
    // Never echoed: a secret key pasted by mistake must not end up in a message or a log.
    const secret = String(input.returnTo).trim().startsWith('loupe-x25519-secret:');
    invalid(`returnTo must be the coordinator's public encryption key such as "loupe-x25519:…"${secret ? ' — this is the secret half, which never leaves the coordinator\'s device' : ''}`);
  }
  for (const key of Object.keys(input.unknownFields ?? {})) {
    if (MANIFEST_KEYS.has(key)) invalid(`unknownFields has "${key}", which is a field the format knows`);
  }

  const listed: WritePart[] = [{ path: PART.items, data: jsonlBytes(lines) }];
  const unlisted: WritePart[] = [];
  if (paths.length > 0) {
    const index: unknown[] = [];
    for (const path of paths) {
      const data = attachments.get(path)!;
      index.push({ path, size: data.length, sha256: await sha256HexOf(data) });
      unlisted.push({ path: ATTACHMENTS + path, data });
    }
    listed.push({ path: PART.attachmentIndex, data: jsonlBytes(index) });
  }
  const manifest = {
    ...(input.unknownFields ?? {}),
    format: BATCH_FORMAT,
    formatVersion: FORMAT_VERSION,
    minLoupeVersion: MIN_LOUPE_VERSION,
    batch: batch.data,
    schema: schema.data,
    ...(input.instructions === undefined ? {} : { instructions: input.instructions }),
    reviewers: (input.reviewers ?? []).map((r) => ({ id: r.id, name: r.name })),
    ...(input.returnTo === undefined ? {} : { returnTo: input.returnTo }),
    counts: { items: input.items.length, attachments: paths.length },
  };
  const check = BatchManifest.safeParse({ ...manifest, parts: [] });
  if (!check.success) invalid(`manifest: ${zodProblem(check.error)}`);
  return containerBytes(manifest, listed, unlisted, input, 'batch', limits);
}
