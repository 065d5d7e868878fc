import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { fromBase64Url, toBase64Url, toHex, utf8 } from './bytes';

/**
 * Keys as printable text (docs/batch-format.md, "Keys"): a prefix naming the algorithm and whether the
 * key is secret, then the 32 raw key bytes as unpadded base64url. The types carry the prefix, so a
 * secret key cannot be passed where a public one is expected.
 */
export type SigningPublicKey = `loupe-ed25519:${string}`;
export type SigningPrivateKey = `loupe-ed25519-secret:${string}`;
export type EncryptionPublicKey = `loupe-x25519:${string}`;
export type EncryptionPrivateKey = `loupe-x25519-secret:${string}`;
export type PublicKey = SigningPublicKey | EncryptionPublicKey;
export type PrivateKey = SigningPrivateKey | EncryptionPrivateKey;

export interface SigningKeyPair {
  publicKey: SigningPublicKey;
  privateKey: SigningPrivateKey;
}
export interface EncryptionKeyPair {
  publicKey: EncryptionPublicKey;
  privateKey: EncryptionPrivateKey;
}

const PREFIX = {
  ed25519Public: 'loupe-ed25519:',
  ed25519Secret: 'loupe-ed25519-secret:',
  x25519Public: 'loupe-x25519:',
  x25519Secret: 'loupe-x25519-secret:',
} as const;

export type KeyAlgorithm = 'ed25519' | 'x25519';

export interface DecodedKey {
  algorithm: KeyAlgorithm;
  secret: boolean;
  bytes: Uint8Array;
}

/** The algorithm, secrecy and raw bytes of a key's text, or null when it is not a well-formed key. */
export function decodeKey(text: string): DecodedKey | null {
  const t = text.trim();
  const match = (
    [
      [PREFIX.ed25519Secret, 'ed25519', true],
      [PREFIX.ed25519Public, 'ed25519', false],
      [PREFIX.x25519Secret, 'x25519', true],
      [PREFIX.x25519Public, 'x25519', false],
    ] as const
  ).find(([p]) => t.startsWith(p));
  if (!match) return null;
  const bytes = fromBase64Url(t.slice(match[0].length));
  if (!bytes || bytes.length !== 32) return null;
  if (match[1] === 'ed25519' && !match[2] && !validEd25519Public(bytes)) return null;
  return { algorithm: match[1], secret: match[2], bytes };
}

/** A point on the curve, canonically encoded, and not of small order (a key anyone could forge for). */
function validEd25519Public(bytes: Uint8Array): boolean {
  try {
    const point = ed25519.Point.fromBytes(bytes, false);
    return !point.isSmallOrder() && toHex(point.toBytes()) === toHex(bytes);
  } catch {
    return false;
  }
}

export function isSigningPublicKey(text: string): text is SigningPublicKey {
  const k = decodeKey(text);
  return k !== null && k.algorithm === 'ed25519' && !k.secret && text === text.trim();
}
export function isSigningPrivateKey(text: string): text is SigningPrivateKey {
  const k = decodeKey(text);
  return k !== null && k.algorithm === 'ed25519' && k.secret && text === text.trim();
}
export function isEncryptionPublicKey(text: string): text is EncryptionPublicKey {
  const k = decodeKey(text);
  return k !== null && k.algorithm === 'x25519' && !k.secret && text === text.trim();
}
export function isEncryptionPrivateKey(text: string): text is EncryptionPrivateKey {
  const k = decodeKey(text);
  return k !== null && k.algorithm === 'x25519' && k.secret && text === text.trim();
}

export function signingPublicKeyText(bytes: Uint8Array): SigningPublicKey {
  return `${PREFIX.ed25519Public}${toBase64Url(bytes)}`;
}
export function encryptionPublicKeyText(bytes: Uint8Array): EncryptionPublicKey {
  return `${PREFIX.x25519Public}${toBase64Url(bytes)}`;
}

/** A new Ed25519 key for signing batches (coordinators) or results (reviewers). */
export function generateSigningKey(): SigningKeyPair {
  const secret = ed25519.utils.randomSecretKey();
  return { publicKey: signingPublicKeyText(ed25519.getPublicKey(secret)), privateKey: `${PREFIX.ed25519Secret}${toBase64Url(secret)}` };
}

/** A new X25519 key that files can be encrypted to. */
export function generateEncryptionKey(): EncryptionKeyPair {
  const secret = x25519.utils.randomSecretKey();
  return { publicKey: encryptionPublicKeyText(x25519.getPublicKey(secret)), privateKey: `${PREFIX.x25519Secret}${toBase64Url(secret)}` };
}

function secretBytes(privateKey: string, algorithm: KeyAlgorithm): Uint8Array {
  const k = decodeKey(privateKey);
  if (!k || !k.secret || k.algorithm !== algorithm) {
    throw new TypeError(`not a Loupe ${algorithm} secret key (it should start with "loupe-${algorithm}-secret:")`);
  }
  return k.bytes;
}

export function publicKeyOf(privateKey: SigningPrivateKey): SigningPublicKey;
export function publicKeyOf(privateKey: EncryptionPrivateKey): EncryptionPublicKey;
export function publicKeyOf(privateKey: PrivateKey): PublicKey {
  if (privateKey.startsWith(PREFIX.ed25519Secret)) return signingPublicKeyText(ed25519.getPublicKey(secretBytes(privateKey, 'ed25519')));
  return encryptionPublicKeyText(x25519.getPublicKey(secretBytes(privateKey, 'x25519')));
}

/**
 * A short, speakable name for a public key: the first 16 bytes of the SHA-256 of its text, as eight
 * groups of four hex digits ("3f2a 9c01 …"). Compare it over the phone before trusting a key.
 */
export function fingerprint(publicKey: PublicKey): string {
  const hex = toHex(sha256(utf8(publicKey.trim())).subarray(0, 16));
  return hex.match(/.{4}/gu)!.join(' ');
}

// ---- Signing ------------------------------------------------------------------------------------

export function signBytes(message: Uint8Array, privateKey: SigningPrivateKey): Uint8Array {
  return ed25519.sign(message, secretBytes(privateKey, 'ed25519'));
}

/** Strict RFC 8032 verification (no ZIP-215 leniency); false for any malformed input. */
export function verifyBytes(signature: Uint8Array, message: Uint8Array, publicKey: SigningPublicKey): boolean {
  const k = decodeKey(publicKey);
  if (!k || k.secret || k.algorithm !== 'ed25519' || signature.length !== 64) return false;
  try {
    return ed25519.verify(signature, message, k.bytes, { zip215: false });
  } catch {
    return false;
  }
}

// ---- Key agreement --------------------------------------------------------------------------------

/** X25519; null when the other key is of small order (the shared secret would be all zeros). */
export function sharedSecret(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array | null {
  try {
    const s = x25519.getSharedSecret(privateKey, publicKey);
    return s.some((b) => b !== 0) ? s : null;
  } catch {
    return null;
  }
}

export function newEphemeralX25519(): { secret: Uint8Array; public: Uint8Array } {
  const secret = x25519.utils.randomSecretKey();
  return { secret, public: x25519.getPublicKey(secret) };
}

export function encryptionSecretBytes(privateKey: EncryptionPrivateKey): Uint8Array {
  return secretBytes(privateKey, 'x25519');
}

// ---- Key files ------------------------------------------------------------------------------------

const keyOf = <K extends string>(is: (t: string) => t is K, what: string) => z.custom<K>((v) => typeof v === 'string' && is(v), what);
const signingPublic = keyOf(isSigningPublicKey, 'must be an Ed25519 public key such as "loupe-ed25519:…"');
const signingPrivate = keyOf(isSigningPrivateKey, 'must be an Ed25519 secret key such as "loupe-ed25519-secret:…"');
const encryptionPublic = keyOf(isEncryptionPublicKey, 'must be an X25519 public key such as "loupe-x25519:…"');
const encryptionPrivate = keyOf(isEncryptionPrivateKey, 'must be an X25519 secret key such as "loupe-x25519-secret:…"');

const keyFileCommon = {
  format: z.literal('loupe-key').describe('Always "loupe-key".'),
  formatVersion: z.string().regex(/^\d+\.\d+$/u).describe('major.minor; this Loupe reads 1.x.'),
  fingerprint: z.string().describe('fingerprint(publicKey), for people to compare; checked on reading.'),
  name: z.string().max(200).optional().describe('Whose key this is, for people.'),
  createdAt: z.string().optional().describe('ISO 8601.'),
};

/**
 * A key file (`loupe keygen --out KEYFILE`): JSON holding one key pair. It holds the SECRET key, so it
 * stays on its owner's machine; share only `publicKey`.
 */
export const KeyFile = z.discriminatedUnion('algorithm', [
  z.object({ ...keyFileCommon, algorithm: z.literal('ed25519'), publicKey: signingPublic, privateKey: signingPrivate }).loose(),
  z.object({ ...keyFileCommon, algorithm: z.literal('x25519'), publicKey: encryptionPublic, privateKey: encryptionPrivate }).loose(),
]);
export type KeyFile = z.infer<typeof KeyFile>;

/** The schema as a JSON Schema document can express it (the key checks are code). */
export const KeyFileShape = z.discriminatedUnion('algorithm', [
  z.object({ ...keyFileCommon, algorithm: z.literal('ed25519'), publicKey: z.string().regex(/^loupe-ed25519:[A-Za-z0-9_-]{43}$/u), privateKey: z.string().regex(/^loupe-ed25519-secret:[A-Za-z0-9_-]{43}$/u) }).loose(),
  z.object({ ...keyFileCommon, algorithm: z.literal('x25519'), publicKey: z.string().regex(/^loupe-x25519:[A-Za-z0-9_-]{43}$/u), privateKey: z.string().regex(/^loupe-x25519-secret:[A-Za-z0-9_-]{43}$/u) }).loose(),
]);

export function keyFileText(pair: SigningKeyPair | EncryptionKeyPair, about: { name?: string; createdAt?: string } = {}): string {
  const algorithm: KeyAlgorithm = pair.publicKey.startsWith(PREFIX.ed25519Public) ? 'ed25519' : 'x25519';
  const file = {
    format: 'loupe-key',
    formatVersion: '1.0',
    algorithm,
    ...(about.name === undefined ? {} : { name: about.name }),
    ...(about.createdAt === undefined ? {} : { createdAt: about.createdAt }),
    publicKey: pair.publicKey,
    fingerprint: fingerprint(pair.publicKey),
    privateKey: pair.privateKey,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type KeyFileResult = { ok: true; key: KeyFile } | { ok: false; message: string };

/** A key file read and checked: its public key and fingerprint must belong to its secret key. */
export function readKeyFile(text: string, fileName = 'key file'): KeyFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `${fileName}: not JSON (${err instanceof Error ? err.message : String(err)}) — a key file is what "loupe keygen" writes` };
  }
  const head = z.object({ format: z.literal('loupe-key'), formatVersion: z.string() }).safeParse(json);
  if (!head.success) return { ok: false, message: `${fileName}: not a Loupe key file — a key file is what "loupe keygen" writes` };
  if (!head.data.formatVersion.startsWith('1.')) {
    return { ok: false, message: `${fileName}: made by a newer Loupe (key format ${head.data.formatVersion}); this Loupe reads key format 1.x — update Loupe` };
  }
  const parsed = KeyFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${fileName}: ${issue ? `${issue.path.join('.') || 'the file'}: ${issue.message}` : 'not a valid key file'} — a key file is what "loupe keygen" writes` };
  }
  const key = parsed.data;
  const derived = key.algorithm === 'ed25519' ? publicKeyOf(key.privateKey) : publicKeyOf(key.privateKey);
  if (derived !== key.publicKey) return { ok: false, message: `${fileName}: its public key does not belong to its secret key — the file was changed; make a new key` };
  if (key.fingerprint !== fingerprint(key.publicKey)) {
    return { ok: false, message: `${fileName}: its fingerprint does not match its public key — the file was changed; make a new key` };
  }
  return { ok: true, key };
}
