import { byteSize, concatBytes, equalBytes, readU32, utf8, webCrypto, writeU32 } from './bytes';
import { ADVICE, BatchFileWriteError, fileError, refuse, type Speaker } from './errors';
import {
  decodeKey,
  encryptionPublicKeyText,
  fingerprint,
  isEncryptionPrivateKey,
  newEphemeralX25519,
  publicKeyOf,
  sharedSecret,
  type EncryptionPrivateKey,
  type EncryptionPublicKey,
} from './keys';
import type { Limits } from './limits';

/**
 * The encrypted outer layer (docs/batch-format.md, "Encryption"): a fixed header, then the whole zip
 * sealed with AES-256-GCM under a key agreed by X25519 between a fresh (ephemeral) key and the
 * recipient's key, through HKDF-SHA256. The header is the GCM's additional data, so no byte of the file
 * can change unnoticed.
 *
 *   0  8  magic  89 4C 4F 55 50 45 0D 0A  ("\x89LOUPE\r\n")
 *   8  1  envelope major version (1)     9  1  minor version (0)
 *  10  1  content: 1 batch, 2 results    11  1  algorithm: 1 = X25519-HKDF-SHA256-AES-256-GCM
 *  12 32  recipient's X25519 public key
 *  44 32  ephemeral X25519 public key
 *  76  8  length of the zip inside (uint64, little-endian)
 *  84  …  ciphertext, then the 16-byte GCM tag
 */
export const ENVELOPE_MAGIC = new Uint8Array([0x89, 0x4c, 0x4f, 0x55, 0x50, 0x45, 0x0d, 0x0a]);
export const ENVELOPE_HEADER = 84;
const TAG = 16;
const ALGORITHM = 1;
const INFO = utf8('loupe-envelope-v1 x25519-hkdf-sha256-aes-256-gcm');

export type EnvelopeContent = 'batch' | 'result';

const NO_WEBCRYPTO = 'the browser offers WebCrypto only to secure pages: open Loupe from the desktop app, https or 127.0.0.1';
const CONTENT_CODE: Record<EnvelopeContent, number> = { batch: 1, result: 2 };

export function isEnvelope(bytes: Uint8Array): boolean {
  return bytes.length >= ENVELOPE_MAGIC.length && equalBytes(bytes.subarray(0, ENVELOPE_MAGIC.length), ENVELOPE_MAGIC);
}

/** What an encrypted file says about itself without its key: its content and its recipient. */
export function envelopeInfo(bytes: Uint8Array): { content: EnvelopeContent | null; recipient: EncryptionPublicKey } | null {
  if (!isEnvelope(bytes) || bytes.length < ENVELOPE_HEADER) return null;
  const code = bytes[10];
  return { content: code === 1 ? 'batch' : code === 2 ? 'result' : null, recipient: encryptionPublicKeyText(bytes.slice(12, 44)) };
}

const ab = (u: Uint8Array) => u as Uint8Array<ArrayBuffer>;

async function sealingKey(subtle: SubtleCrypto, secret: Uint8Array, ephemeral: Uint8Array, recipient: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<{ key: CryptoKey; nonce: Uint8Array }> {
  const ikm = await subtle.importKey('raw', ab(secret), 'HKDF', false, ['deriveBits']);
  const okm = new Uint8Array(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: ab(concatBytes(ephemeral, recipient)), info: ab(INFO) }, ikm, 44 * 8));
  const key = await subtle.importKey('raw', ab(okm.slice(0, 32)), { name: 'AES-GCM' }, false, [usage]);
  return { key, nonce: okm.slice(32, 44) };
}

export async function seal(plain: Uint8Array, content: EnvelopeContent, to: EncryptionPublicKey): Promise<Uint8Array> {
  const recipient = decodeKey(to);
  if (!recipient || recipient.secret || recipient.algorithm !== 'x25519') {
    throw new BatchFileWriteError('encryptTo must be an X25519 public key such as "loupe-x25519:…"');
  }
  const subtle = webCrypto();
  if (!subtle) throw new BatchFileWriteError(NO_WEBCRYPTO);
  const eph = newEphemeralX25519();
  const secret = sharedSecret(eph.secret, recipient.bytes);
  if (!secret) throw new BatchFileWriteError('encryptTo is not a usable X25519 public key');
  const header = new Uint8Array(ENVELOPE_HEADER);
  header.set(ENVELOPE_MAGIC, 0);
  header[8] = 1;
  header[9] = 0;
  header[10] = CONTENT_CODE[content];
  header[11] = ALGORITHM;
  header.set(recipient.bytes, 12);
  header.set(eph.public, 44);
  writeU32(header, 76, plain.length % 2 ** 32);
  writeU32(header, 80, Math.floor(plain.length / 2 ** 32));
  const { key, nonce } = await sealingKey(subtle, secret, eph.public, recipient.bytes, 'encrypt');
  const sealed = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: ab(nonce), additionalData: ab(header), tagLength: 128 }, key, ab(plain)));
  return concatBytes(header, sealed);
}

const KIND_WORD: Record<EnvelopeContent, string> = { batch: 'a batch (.loupe)', result: 'results (.loupe-result)' };

/** The zip inside an encrypted file; refuses (typed) when it cannot be opened with the keys given. */
export async function open(bytes: Uint8Array, expected: EnvelopeContent, keys: readonly EncryptionPrivateKey[], s: Speaker, limits: Limits): Promise<Uint8Array> {
  if (bytes.length < ENVELOPE_HEADER + TAG) {
    return refuse(fileError(s, 'truncated', `ends early: it has ${byteSize(bytes.length)}, less than an encrypted Loupe file's header`, ADVICE.damaged(s)));
  }
  if (bytes[8] !== 1) {
    return refuse(fileError(s, 'version', `is encrypted by a newer Loupe (envelope version ${bytes[8]}.${bytes[9]}); this Loupe opens version 1.x`, 'update Loupe to the newest version'));
  }
  const code = bytes[10];
  const content: EnvelopeContent | null = code === 1 ? 'batch' : code === 2 ? 'result' : null;
  if (content === null) return refuse(fileError(s, 'damaged', 'is an encrypted Loupe file of an unknown kind', ADVICE.damaged(s)));
  if (content !== expected) {
    return refuse(fileError(s, 'wrong-kind', `holds ${KIND_WORD[content]}, not ${KIND_WORD[expected]}`, `open it as ${content === 'batch' ? 'a batch' : 'results'}`));
  }
  if (bytes[11] !== ALGORITHM) {
    return refuse(fileError(s, 'unsupported', `is encrypted with an algorithm this Loupe does not know (${bytes[11]})`, 'update Loupe to the newest version'));
  }
  const length = readU32(bytes, 76) + readU32(bytes, 80) * 2 ** 32;
  if (length > limits.maxFileBytes) {
    return refuse(fileError(s, 'limits', `would decrypt to ${byteSize(length)}, more than the ${byteSize(limits.maxFileBytes)} Loupe accepts`, ADVICE.hostile(s)));
  }
  if (bytes.length !== ENVELOPE_HEADER + length + TAG) {
    const kind = bytes.length < ENVELOPE_HEADER + length + TAG ? 'truncated' : 'damaged';
    const what = kind === 'truncated' ? 'ends early: the copy was cut short' : 'has bytes after its end';
    return refuse(fileError(s, kind, `${what} (${byteSize(bytes.length)} instead of ${byteSize(ENVELOPE_HEADER + length + TAG)})`, ADVICE.damaged(s)));
  }
  const recipient = bytes.slice(12, 44);
  const recipientText = encryptionPublicKeyText(recipient);
  const usable = keys.filter(isEncryptionPrivateKey);
  const mine = usable.find((k) => publicKeyOf(k) === recipientText);
  if (!mine) {
    const yours =
      usable.length > 0
        ? `this device's key${usable.length > 1 ? 's are' : ' is'} ${usable.map((k) => fingerprint(publicKeyOf(k))).join(', ')}`
        : keys.length > 0
          ? 'the key given is not an X25519 secret key'
          : 'no encryption key was given';
    return refuse(fileError(s, 'encrypted', `is encrypted to the key ${fingerprint(recipientText)}, and ${yours}`, `open it where that key is kept, or ask ${s.sender} for a copy encrypted to your key`));
  }
  const secret = sharedSecret(decodeKey(mine)!.bytes, bytes.subarray(44, 76));
  if (!secret) return refuse(fileError(s, 'damaged', 'has an unusable key in its encryption header', ADVICE.changed(s)));
  const subtle = webCrypto();
  if (!subtle) return refuse(fileError(s, 'unsupported', 'is encrypted, and this page cannot decrypt', NO_WEBCRYPTO));
  const { key, nonce } = await sealingKey(subtle, secret, bytes.slice(44, 76), recipient, 'decrypt');
  try {
    const plain = await subtle.decrypt({ name: 'AES-GCM', iv: ab(nonce), additionalData: ab(bytes.slice(0, ENVELOPE_HEADER)), tagLength: 128 }, key, ab(bytes.subarray(ENVELOPE_HEADER)));
    return new Uint8Array(plain);
  } catch {
    return refuse(fileError(s, 'checksum', 'does not decrypt: its content does not match its encryption tag', ADVICE.changed(s)));
  }
}

