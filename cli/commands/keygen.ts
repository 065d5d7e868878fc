import { existsSync, unlinkSync } from 'node:fs';
import { fingerprint, generateEncryptionKey, generateSigningKey, keyFileText } from '../../shared/batch-file';
import { flag, inputError, required, text, writeFile, type Command } from '../shell';

export const keygen: Command = {
  name: 'keygen',
  summary: 'make a key file: Ed25519 for signing batches, or X25519 (--encryption) for encrypted files',
  help: `Usage: loupe keygen --out KEYFILE [--encryption] [--name TEXT] [--force]

Makes a new key pair and writes it to KEYFILE (readable by you alone: mode 0600). The file holds the
SECRET key: keep it; share only the public key printed on stdout.

Options:
  --out KEYFILE   where to write the key file; an existing file is not replaced
  --encryption    an X25519 key that batch and result files can be encrypted to, instead of an
                  Ed25519 key that signs batches
  --name TEXT     whose key it is, kept in the file for people
  --force         replace KEYFILE if it exists (its old key is lost)

Example:
  loupe keygen --out coordinator.key --name "Coordinator, ward 7"`,
  options: {
    out: { type: 'string', short: 'o' },
    encryption: { type: 'boolean' },
    name: { type: 'string' },
    force: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  async run(args, io) {
    const out = required(args, this, 'out', 'KEYFILE (where to write the key)');
    const force = flag(args, 'force');
    if (!force && existsSync(out)) throw inputError(`${out}: already exists — a key file is not replaced, as its secret key would be lost; pick another name, or add --force`);
    const encryption = flag(args, 'encryption');
    const pair = encryption ? generateEncryptionKey() : generateSigningKey();
    const name = text(args, 'name');
    const fileText = keyFileText(pair, { createdAt: new Date().toISOString(), ...(name === undefined ? {} : { name }) });
    // Removed and created anew, so that the file gets mode 0600 even where it existed with another mode.
    if (force && existsSync(out)) unlinkSync(out);
    writeFile(out, fileText, { exclusive: true, mode: 0o600 });
    io.note(`Wrote ${out}: it holds the secret key, keep it to yourself.`);
    const how = encryption
      ? `Give the public key to whoever sends you Loupe files: they encrypt to it with "loupe batch create --encrypt-to ${pair.publicKey}", and you open the files with "--key ${out}".`
      : `Reviewers add the public key in Loupe under Settings → Trusted coordinator keys, after comparing its fingerprint with you by phone or in person; sign batches with "loupe batch create --sign ${out}".`;
    io.out(`Public key:  ${pair.publicKey}\nFingerprint: ${fingerprint(pair.publicKey)}\n${how}\n`);
  },
};
