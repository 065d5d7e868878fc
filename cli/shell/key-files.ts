import {
  isEncryptionPublicKey,
  type BatchFileError,
  isSigningPublicKey,
  readKeyFile,
  type EncryptionPrivateKey,
  type EncryptionPublicKey,
  type KeyFile,
  type SigningPrivateKey,
} from '../../shared/batch-file';
import { inputError, usageError } from './errors';
import { readText } from './files';

function keyFile(path: string): KeyFile {
  const read = readKeyFile(readText(path), path);
  if (!read.ok) throw inputError(read.message);
  return read.key;
}

/** `--sign KEYFILE`: the secret key of a signing key file. */
export function signingKey(path: string): SigningPrivateKey {
  const key = keyFile(path);
  if (key.algorithm !== 'ed25519') throw inputError(`${path}: an encryption key (x25519); batches are signed with a signing key — make one with "loupe keygen --out KEYFILE"`);
  return key.privateKey;
}

/** `--key KEYFILE`: the secret key of an encryption key file, to open files encrypted to it. */
export function decryptionKey(path: string): EncryptionPrivateKey {
  const key = keyFile(path);
  if (key.algorithm !== 'x25519') throw inputError(`${path}: a signing key (ed25519); encrypted files open with an encryption key — made by "loupe keygen --encryption --out KEYFILE"`);
  return key.privateKey;
}

/**
 * `--encrypt-to PUBLICKEY|KEYFILE` (or `--return-to`, named by `option`): a public encryption key, given as
 * text, a file holding it, or the owner's key file (of which only the public half is used).
 */
export function encryptionRecipient(value: string, option = '--encrypt-to'): EncryptionPublicKey {
  const given = value.trim();
  if (isEncryptionPublicKey(given)) return given;
  if (isSigningPublicKey(given)) throw usageError(`${option}: ${given.slice(0, 24)}… is a signing key; files are encrypted to an encryption key ("loupe-x25519:…", made by "loupe keygen --encryption")`);
  if (given.startsWith('loupe-')) throw usageError(`${option}: not a public encryption key — give a "loupe-x25519:…" key, or a file holding it`);
  const content = readText(value).trim();
  if (isEncryptionPublicKey(content)) return content;
  const key = keyFile(value);
  if (key.algorithm !== 'x25519') throw inputError(`${value}: a signing key (ed25519); files are encrypted to an encryption key — made by "loupe keygen --encryption --out KEYFILE"`);
  return key.publicKey;
}

/** A batch or result file's error as the command line says it: an encrypted file names the option that opens it. */
export function readProblem(error: BatchFileError, keyPath: string | undefined): string {
  return error.kind === 'encrypted' && keyPath === undefined ? `${error.message} (with loupe: --key KEYFILE)` : error.message;
}
