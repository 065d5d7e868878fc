import { fingerprint, readBatchFile, type BatchFileContents } from '../../shared/batch-file';
import { decryptionKey, readProblem, flag, inputError, readBytes, text, type Command } from '../shell';

/** What `--json` prints: the summary as data. */
interface BatchSummary {
  file: string;
  name: string;
  id: string;
  revision: number;
  format: string;
  formatVersion: string;
  createdAt: string;
  source: { format: string; fileName: string };
  schema: { name: string; fields: { name: string; kind: string }[]; context: { name: string; kind: string }[] };
  instructions: string | null;
  items: number;
  attachments: number;
  reviewers: { id: string; name: string }[];
  /** Null when unsigned. Loupe's command line trusts no key: the fingerprint is for people to compare. */
  signedBy: { publicKey: string; fingerprint: string } | null;
  encrypted: boolean;
  /** The coordinator's public encryption key results are to be encrypted to (manifest `returnTo`); null when none. */
  returnTo: { publicKey: string; fingerprint: string } | null;
}

function summary(file: string, read: BatchFileContents): BatchSummary {
  const { manifest, batch, schema } = read;
  const fields = (list: readonly { name: string; kind: string }[]) => list.map((f) => ({ name: f.name, kind: f.kind }));
  return {
    file,
    name: batch.name,
    id: batch.id,
    revision: batch.revision,
    format: manifest.format,
    formatVersion: manifest.formatVersion,
    createdAt: batch.createdAt,
    source: { format: batch.source.format, fileName: batch.source.fileName },
    schema: { name: schema.name, fields: fields(schema.fields), context: fields(schema.context) },
    instructions: manifest.instructions ?? batch.instructions ?? null,
    items: read.items.length,
    attachments: read.attachments.size,
    reviewers: manifest.reviewers.map((r) => ({ id: r.id, name: r.name })),
    signedBy: read.signer ? { publicKey: read.signer.publicKey, fingerprint: read.signer.fingerprint } : null,
    encrypted: read.encrypted,
    returnTo: read.returnTo ? { publicKey: read.returnTo, fingerprint: fingerprint(read.returnTo) } : null,
  };
}

function listed(list: readonly { name: string; kind: string }[]): string {
  return list.length === 0 ? 'none' : list.map((f) => `${f.name} (${f.kind})`).join(', ');
}

function humanText(s: BatchSummary): string {
  const rows: [string, string][] = [
    ['name', s.name],
    ['id', s.id],
    ['revision', String(s.revision)],
    ['format', `${s.format} ${s.formatVersion}`],
    ['created', s.createdAt],
    ['made from', `${s.source.fileName} (${s.source.format})`],
    ['schema', s.schema.name || '(unnamed)'],
    ['  output fields', listed(s.schema.fields)],
    ['  context', listed(s.schema.context)],
    ['items', String(s.items)],
    ['attachments', String(s.attachments)],
    ['reviewers', s.reviewers.length === 0 ? 'none named (for everyone)' : s.reviewers.map((r) => (r.name && r.name !== r.id ? `${r.id} (${r.name})` : r.id)).join(', ')],
    ['signed', s.signedBy ? `by the key with fingerprint ${s.signedBy.fingerprint} (${s.signedBy.publicKey}); the signature matches — compare the fingerprint with the coordinator's` : 'no (unsigned)'],
    ['encrypted', s.encrypted ? 'yes' : 'no'],
    ['results to', s.returnTo ? `encrypted to the key with fingerprint ${s.returnTo.fingerprint} (${s.returnTo.publicKey})` : 'not encrypted (the batch names no key to return them to)'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return rows.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}\n`).join('');
}

export const batchInspect: Command = {
  name: 'batch inspect',
  summary: 'check a .loupe batch file and print what it holds',
  help: `Usage: loupe batch inspect FILE [--json] [--key KEYFILE]

Reads a batch file with every check Loupe makes on import (docs/batch-format.md, "Reading") and prints
its name, id, revision, format version, schema fields, item count, reviewers, who signed it, whether
it was encrypted, and the key results are to be encrypted to (--return-to of "loupe batch create"). Exits 1, with the reason on stderr, when the file is not a valid batch.

Options:
  --json          print the summary as one JSON object
  --key KEYFILE   an encryption key file ("loupe keygen --encryption") to open an encrypted batch

Example:
  loupe batch inspect week48.loupe`,
  options: {
    json: { type: 'boolean' },
    key: { type: 'string', short: 'k' },
  },
  positionals: { min: 1, max: 1 },
  async run(args, io) {
    const file = args.positionals[0]!;
    const keyPath = text(args, 'key');
    const decryptWith = keyPath === undefined ? [] : [decryptionKey(keyPath)];
    const bytes = readBytes(file);
    const busy = io.busy(`checking ${file}`);
    const read = await readBatchFile(bytes, { trustedKeys: [], decryptWith, fileName: file });
    busy.end();
    if (!read.ok) throw inputError(readProblem(read.error, keyPath));
    const s = summary(file, read);
    io.out(flag(args, 'json') ? `${JSON.stringify(s, null, 2)}\n` : humanText(s));
  },
};
