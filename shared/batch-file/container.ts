import type { z } from 'zod';
import { byteSize, decodeUtf8, fromBase64Url, sha256HexOf, toBase64Url, utf8 } from './bytes';
import { ADVICE, BatchFileWriteError, Refusal, fileError, refuse, type BatchFileError, type Speaker } from './errors';
import { isEnvelope, open as openEnvelope, seal, type EnvelopeContent } from './envelope';
import { canonicalJson, formatAdvice, parseJsonPart, shortError, zodProblem } from './json';
import {
  fingerprint,
  isSigningPrivateKey,
  isSigningPublicKey,
  publicKeyOf,
  signBytes,
  verifyBytes,
  type EncryptionPrivateKey,
  type EncryptionPublicKey,
  type SigningPrivateKey,
  type SigningPublicKey,
} from './keys';
import { MAX_SIGNATURE_BYTES, resolveLimits, type Limits } from './limits';
import { FORMAT_MAJOR, FORMAT_MINOR, FORMAT_VERSION, ManifestHead, PART, SignatureFile, knownKeys, type PartDigest } from './manifest';
import { pathProblem } from './paths';
import { readEntry, readZipDirectory, type ZipEntry } from './zip-read';
import { writeZip, type ZipPart } from './zip-write';

/** How far a file's origin is known: signed by a key you trust, signed by another key, or not signed. */
export type Trust = 'trusted' | 'unsigned' | 'unknown-signer';

export interface Signer {
  publicKey: SigningPublicKey;
  fingerprint: string;
}

export interface ReadOptions {
  /** Signing public keys (`loupe-ed25519:…`) whose signatures make a file `trusted`. */
  trustedKeys: readonly string[];
  /** Tighter or looser limits than the defaults (limits.ts). */
  limits?: Partial<Limits>;
  /** This device's encryption secret key(s), for encrypted files. */
  decryptWith?: EncryptionPrivateKey | readonly EncryptionPrivateKey[];
  /** How messages name the file, such as `batch.loupe`; a description of the kind otherwise. */
  fileName?: string;
}

export interface WriteSecurity {
  /** Sign the manifest with this Ed25519 secret key. */
  signingKey?: SigningPrivateKey;
  /** Encrypt the whole file to this X25519 public key. */
  encryptTo?: EncryptionPublicKey;
}

export interface ContainerSpec<M> {
  content: EnvelopeContent;
  format: string;
  /** How the file kind is named in messages: "a batch (.loupe)". */
  kindWords: string;
  otherFormat: string;
  otherKindWords: string;
  manifest: z.ZodType<M> & z.ZodObject;
  /** Parts of the current minor version, besides the manifest and signature. */
  knownParts: readonly string[];
  requiredParts: readonly string[];
  /** Entries listed by something other than the manifest (the attachment index), read from verified parts. */
  listMore?: (parts: Map<string, Uint8Array>, manifest: M, s: Speaker) => PartDigest[];
}

export interface Opened<M> {
  manifest: M;
  unknownFields: Record<string, unknown> | undefined;
  unknownParts: string[];
  parts: Map<string, Uint8Array>;
  trust: Trust;
  signer: Signer | undefined;
  encrypted: boolean;
}

function keysOf(option: ReadOptions['decryptWith']): readonly EncryptionPrivateKey[] {
  if (option === undefined) return [];
  return typeof option === 'string' ? [option] : option;
}

function checkVersion(head: z.infer<typeof ManifestHead>, s: Speaker): number {
  const version = head.formatVersion;
  const m = typeof version === 'string' ? /^(\d{1,6})\.(\d{1,6})$/u.exec(version) : null;
  if (!m) {
    return refuse(fileError(s, 'schema', `${PART.manifest}: formatVersion must be "major.minor", such as "${FORMAT_VERSION}"`, formatAdvice(s), { part: PART.manifest }));
  }
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major > FORMAT_MAJOR) {
    const needed = typeof head.minLoupeVersion === 'string' && /^\d+\.\d+(\.\d+)?([-+][\w.-]*)?$/u.test(head.minLoupeVersion) ? `${head.minLoupeVersion} or later` : 'its newest version';
    return refuse(fileError(s, 'version', `made by a newer Loupe (format ${major}.${minor}); this Loupe reads format ${FORMAT_MAJOR}.x`, `update Loupe to ${needed}`, { part: PART.manifest }));
  }
  if (major < FORMAT_MAJOR) {
    return refuse(fileError(s, 'version', `is in format ${major}.${minor}, which no Loupe release reads (this one reads format ${FORMAT_MAJOR}.x)`, ADVICE.notLoupe(), { part: PART.manifest }));
  }
  return minor;
}

async function verifyParts(zip: Uint8Array, listed: readonly PartDigest[], entries: Map<string, ZipEntry>, parts: Map<string, Uint8Array>, s: Speaker): Promise<void> {
  for (const p of listed) {
    if (parts.has(p.path)) continue;
    const entry = entries.get(p.path)!;
    const data = readEntry(zip, entry, s);
    const digest = await sha256HexOf(data);
    if (digest !== p.sha256) {
      refuse(fileError(s, 'checksum', `${p.path} does not match its checksum in the manifest`, ADVICE.changed(s), { part: p.path }));
    }
    parts.set(p.path, data);
  }
}

function checkListed(listed: readonly PartDigest[], entries: Map<string, ZipEntry>, s: Speaker, listedBy: string): void {
  for (const p of listed) {
    const entry = entries.get(p.path);
    if (!entry) refuse(fileError(s, 'missing-part', `lacks ${p.path}, which ${listedBy} lists`, ADVICE.changed(s), { part: p.path }));
    else if (entry.size !== p.size) {
      refuse(fileError(s, 'checksum', `has ${p.path} of ${byteSize(entry.size)}, but ${listedBy} says ${byteSize(p.size)}`, ADVICE.changed(s), { part: p.path }));
    }
  }
}

async function checkSignature(zip: Uint8Array, entry: ZipEntry | undefined, manifestBytes: Uint8Array, trustedKeys: readonly string[], s: Speaker): Promise<{ trust: Trust; signer: Signer | undefined }> {
  if (!entry) return { trust: 'unsigned', signer: undefined };
  const part = PART.signature;
  const bad = (what: string) => refuse(fileError(s, 'signature', what, `do not use it; ask ${s.sender} for a new copy`, { part }));
  if (entry.size > MAX_SIGNATURE_BYTES) return bad(`${part} is ${byteSize(entry.size)}, far larger than a signature`);
  const text = decodeUtf8(readEntry(zip, entry, s));
  if (text === null) return bad(`${part} is not UTF-8 text`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return bad(`${part} is not JSON (${shortError(err)})`);
  }
  const parsed = SignatureFile.safeParse(json);
  if (!parsed.success) return bad(`${part} is not a valid signature (${zodProblem(parsed.error)})`);
  const publicKey = parsed.data.publicKey;
  const signature = fromBase64Url(parsed.data.signature);
  if (!isSigningPublicKey(publicKey) || !signature) return bad(`${part} names a signing key that is not a valid Ed25519 key`);
  const signer: Signer = { publicKey, fingerprint: fingerprint(publicKey) };
  if (!verifyBytes(signature, manifestBytes, publicKey)) {
    return bad(`its signature does not match: the file was changed after the key ${signer.fingerprint} signed it`);
  }
  const trusted = trustedKeys.some((k) => k.trim() === publicKey);
  return { trust: trusted ? 'trusted' : 'unknown-signer', signer };
}

/**
 * Steps 1–6 of reading (docs/batch-format.md, "Reading"): decrypt, check the zip's structure and
 * limits, read the manifest and its version, check every part against the manifest's sizes and
 * digests, then the signature. What is returned has been checked; its JSON lines have not.
 */
export async function openContainer<M>(bytes: Uint8Array, spec: ContainerSpec<M>, opts: ReadOptions, s: Speaker): Promise<Opened<M>> {
  const limits = resolveLimits(opts.limits);
  const encrypted = isEnvelope(bytes);
  const zip = encrypted ? await openEnvelope(bytes, spec.content, keysOf(opts.decryptWith), s, limits) : bytes;
  const list = readZipDirectory(zip, s, limits);
  const entries = new Map(list.map((e) => [e.name, e]));

  const manifestEntry = entries.get(PART.manifest);
  if (!manifestEntry) return refuse(fileError(s, 'missing-part', `has no ${PART.manifest}, so it is not a Loupe file`, ADVICE.notLoupe(), { part: PART.manifest }));
  if (manifestEntry.size > limits.maxManifestBytes) {
    return refuse(fileError(s, 'limits', `has a ${PART.manifest} of ${byteSize(manifestEntry.size)}, more than the ${byteSize(limits.maxManifestBytes)} Loupe accepts`, ADVICE.hostile(s), { part: PART.manifest }));
  }
  const manifestBytes = readEntry(zip, manifestEntry, s);
  const json = parseJsonPart(manifestBytes, PART.manifest, s);
  const head = ManifestHead.safeParse(json);
  if (!head.success || typeof json !== 'object' || json === null || Array.isArray(json)) {
    return refuse(fileError(s, 'schema', `${PART.manifest} does not say which kind of Loupe file this is`, ADVICE.notLoupe(), { part: PART.manifest }));
  }
  if (head.data.format !== spec.format) {
    if (head.data.format === spec.otherFormat) {
      return refuse(fileError(s, 'wrong-kind', `holds ${spec.otherKindWords}, not ${spec.kindWords}`, `open it as ${spec.otherKindWords}`, { part: PART.manifest }));
    }
    return refuse(fileError(s, 'schema', `${PART.manifest} says it is ${JSON.stringify(head.data.format).slice(0, 80)}, not ${spec.kindWords}`, ADVICE.notLoupe(), { part: PART.manifest }));
  }
  const minor = checkVersion(head.data, s);
  const parsed = spec.manifest.safeParse(json);
  if (!parsed.success) {
    return refuse(fileError(s, 'schema', `${PART.manifest}: ${zodProblem(parsed.error)}`, formatAdvice(s), { part: PART.manifest }));
  }
  const manifest = parsed.data as M & { parts: PartDigest[] };
  const known = knownKeys(spec.manifest);
  const unknownEntries = Object.entries(json).filter(([k]) => !known.has(k));
  const unknownFields = unknownEntries.length > 0 ? Object.fromEntries(unknownEntries) : undefined;

  // The manifest's own list of parts.
  const unknownParts: string[] = [];
  const listedPaths = new Set<string>();
  for (const p of manifest.parts) {
    const problem = pathProblem(p.path, 'a part');
    if (problem) refuse(fileError(s, 'path', `${PART.manifest} ${problem}`, ADVICE.hostile(s), { part: PART.manifest }));
    if (p.path === PART.manifest || p.path === PART.signature) {
      refuse(fileError(s, 'schema', `${PART.manifest} lists ${p.path} among its parts, which it never does`, formatAdvice(s), { part: PART.manifest }));
    }
    if (listedPaths.has(p.path)) refuse(fileError(s, 'schema', `${PART.manifest} lists ${p.path} twice`, formatAdvice(s), { part: PART.manifest }));
    listedPaths.add(p.path);
    if (!spec.knownParts.includes(p.path)) {
      if (minor <= FORMAT_MINOR) {
        refuse(fileError(s, 'schema', `${PART.manifest} lists ${p.path}, which format ${FORMAT_MAJOR}.${minor} does not have`, formatAdvice(s), { part: PART.manifest }));
      }
      unknownParts.push(p.path);
    }
  }
  for (const required of spec.requiredParts) {
    if (!listedPaths.has(required)) refuse(fileError(s, 'missing-part', `${PART.manifest} does not list ${required}`, formatAdvice(s), { part: PART.manifest }));
  }
  checkListed(manifest.parts, entries, s, 'the manifest');

  // Parts that list further parts (the attachment index) are verified first, then what they list.
  const parts = new Map<string, Uint8Array>();
  const indexParts = manifest.parts.filter((p) => p.path === PART.attachmentIndex);
  await verifyParts(zip, indexParts, entries, parts, s);
  const more = spec.listMore ? spec.listMore(parts, manifest, s) : [];
  checkListed(more, entries, s, PART.attachmentIndex);
  const accounted = new Set<string>([PART.manifest, PART.signature, ...listedPaths, ...more.map((p) => p.path)]);
  for (const e of list) {
    if (!accounted.has(e.name)) refuse(fileError(s, 'extra-part', `holds ${e.name}, which its manifest does not list`, ADVICE.changed(s), { part: e.name }));
  }
  await verifyParts(zip, manifest.parts, entries, parts, s);
  await verifyParts(zip, more, entries, parts, s);

  const { trust, signer } = await checkSignature(zip, entries.get(PART.signature), manifestBytes, opts.trustedKeys, s);
  return { manifest, unknownFields, unknownParts, parts, trust, signer, encrypted };
}

/** Runs a reader, turning every refusal — and any fault of Loupe's own — into a typed result. */
export async function guarded<T>(s: Speaker, read: () => Promise<T>): Promise<T | { ok: false; error: BatchFileError }> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, error: err.error };
    if (err instanceof RangeError && /alloc|array buffer|array length|memory/iu.test(err.message)) {
      return { ok: false, error: fileError(s, 'limits', `is too large to read on this device (${shortError(err)})`, 'free some memory, or ask for the work to be split into smaller batches') };
    }
    return { ok: false, error: fileError(s, 'internal', `could not be read because of a fault in Loupe (${shortError(err)})`, 'nothing was stored; please report this with the file') };
  }
}

// ---- Writing ----------------------------------------------------------------------------------------

export interface WritePart {
  path: string;
  data: Uint8Array;
}

/** The zip parts for a manifest (with its digests filled in), an optional signature and the parts. */
export async function containerBytes(
  manifestWithoutParts: Record<string, unknown>,
  listed: readonly WritePart[],
  unlisted: readonly WritePart[],
  security: WriteSecurity,
  content: EnvelopeContent,
  limits: Limits,
): Promise<Uint8Array> {
  const digests: PartDigest[] = [];
  for (const p of listed) digests.push({ path: p.path, size: p.data.length, sha256: await sha256HexOf(p.data) });
  const manifest = { ...manifestWithoutParts, parts: digests };
  const manifestBytes = utf8(`${canonicalJson(manifest, 2)}\n`);
  const zipParts: ZipPart[] = [{ name: PART.manifest, data: manifestBytes }];
  if (security.signingKey !== undefined && !isSigningPrivateKey(security.signingKey)) {
    throw new BatchFileWriteError('signingKey must be an Ed25519 secret key such as "loupe-ed25519-secret:…"');
  }
  if (security.signingKey) {
    const signature = {
      algorithm: 'ed25519',
      signs: PART.manifest,
      publicKey: publicKeyOf(security.signingKey),
      signature: toBase64Url(signBytes(manifestBytes, security.signingKey)),
    };
    zipParts.push({ name: PART.signature, data: utf8(`${canonicalJson(signature, 2)}\n`) });
  }
  for (const p of [...listed, ...unlisted]) zipParts.push({ name: p.path, data: p.data });
  const zip = writeZip(zipParts, { maxRatio: limits.maxRatio, ratioFreeBytes: limits.ratioFreeBytes });
  return security.encryptTo ? seal(zip, content, security.encryptTo) : zip;
}
