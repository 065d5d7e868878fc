// `loupe batch create` and `loupe batch inspect`, run as the real command on the demo's MLQE-PE batch.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBatchFile, type BatchFileContents } from '../../shared/batch-file';
import { sha256Hex } from '../../shared/import';
import { DEMO_JSONL, DEMO_SCHEMA, expectOneLine, loupe, npxLoupe, ownLines, ROOT, tempDir } from './run';

const demoLines = readFileSync(DEMO_JSONL, 'utf8').split('\n').filter((l) => l.trim() !== '');
const demoIds = demoLines.map((l) => (JSON.parse(l) as { id: string }).id);

let t: ReturnType<typeof tempDir>;
const at = (name: string) => join(t.dir, name);

async function readBatch(name: string): Promise<BatchFileContents> {
  const read = await readBatchFile(new Uint8Array(readFileSync(at(name))), { trustedKeys: [], fileName: name });
  if (!read.ok) throw new Error(read.error.message);
  return read;
}

beforeAll(() => {
  t = tempDir();
});
afterAll(() => t.remove());

describe('batch create → batch inspect', () => {
  it('makes one batch of the demo JSONL, and inspect shows its 40 items', async () => {
    const made = loupe(['batch', 'create', '--input', DEMO_JSONL, '--schema', DEMO_SCHEMA, '--out', 'pe.loupe'], t.dir);
    expect(made.code).toBe(0);
    expect(made.stdout).toBe('pe.loupe: 40 items, for everyone\n');

    const inspected = loupe(['batch', 'inspect', 'pe.loupe'], t.dir);
    expect(inspected.code).toBe(0);
    expect(inspected.stdout).toMatch(/^items: +40$/mu);
    expect(inspected.stdout).toMatch(/^name: +post-editing-en-de$/mu);
    expect(inspected.stdout).toMatch(/^ +output fields: text \(longtext\)$/mu);
    expect(inspected.stdout).toMatch(/^signed: +no \(unsigned\)$/mu);
    expect(inspected.stdout).toMatch(/^reviewers: +none named \(for everyone\)$/mu);

    // The batch is the one the app makes when it imports the same file: its id comes from the file's digest.
    const digest = await sha256Hex(new Uint8Array(readFileSync(DEMO_JSONL)));
    const json = loupe(['batch', 'inspect', 'pe.loupe', '--json'], t.dir);
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      id: `b-${digest.slice(0, 16)}`,
      revision: 1,
      formatVersion: '1.0',
      items: 40,
      reviewers: [],
      signedBy: null,
      encrypted: false,
      schema: { fields: [{ name: 'text', kind: 'longtext' }], context: [{ name: 'source', kind: 'longtext' }] },
    });
    const read = await readBatch('pe.loupe');
    expect(read.items.map((i) => i.id)).toEqual(demoIds);
    expect(read.items[1]!.output).toEqual({ text: 'Er beginnt auch eine Affäre mit Veronica Harrington , die ihn rettet .' });
  });

  it('with two reviewers and an overlap of 2, writes one file each, covering the batch, the overlap in both', async () => {
    const made = loupe(['batch', 'create', '--input', DEMO_JSONL, '--schema', DEMO_SCHEMA, '--out', 'split.loupe', '--reviewers', 'ana,ben', '--overlap', '2'], t.dir);
    expect(made.code).toBe(0);
    expect(existsSync(at('split.ana.loupe')) && existsSync(at('split.ben.loupe'))).toBe(true);

    const whole = await readBatch('split.loupe');
    const ana = await readBatch('split.ana.loupe');
    const ben = await readBatch('split.ben.loupe');
    expect(whole.items).toHaveLength(40);
    for (const part of [ana, ben]) {
      expect(part.batch.id).toBe(whole.batch.id);
      expect(part.batch.revision).toBe(whole.batch.revision);
      expect(part.items.map((i) => i.seq)).toEqual(part.items.map((_, n) => n));
    }
    expect(ana.manifest.reviewers).toEqual([{ id: 'ana', name: 'ana' }]);
    expect(ben.manifest.reviewers).toEqual([{ id: 'ben', name: 'ben' }]);
    expect(whole.manifest.reviewers.map((r) => r.id)).toEqual(['ana', 'ben']);

    const anaIds = ana.items.map((i) => i.id);
    const benIds = ben.items.map((i) => i.id);
    const both = anaIds.filter((id) => benIds.includes(id));
    expect(both).toHaveLength(2);
    expect(new Set([...anaIds, ...benIds])).toEqual(new Set(demoIds));
    expect(anaIds.length + benIds.length).toBe(42);
    // Items keep their AI output in each reviewer's file.
    const overlapItem = whole.items.find((i) => i.id === both[0])!;
    expect(ana.items.find((i) => i.id === both[0])!.output).toEqual(overlapItem.output);

    const inspected = loupe(['batch', 'inspect', 'split.ben.loupe'], t.dir);
    expect(inspected.stdout).toMatch(/^items: +21$/mu);
    expect(inspected.stdout).toMatch(/^reviewers: +ben$/mu);
  });

  it('signs with a keygen key, and inspect names the key by its fingerprint', () => {
    const key = loupe(['keygen', '--out', 'coordinator.key'], t.dir);
    expect(key.code).toBe(0);
    const publicKey = /^Public key: +(\S+)$/mu.exec(key.stdout)?.[1];
    const fp = /^Fingerprint: +(.+)$/mu.exec(key.stdout)?.[1];
    expect(publicKey).toMatch(/^loupe-ed25519:/u);

    expect(loupe(['batch', 'create', '--input', DEMO_JSONL, '--out', 'signed.loupe', '--sign', 'coordinator.key'], t.dir).code).toBe(0);
    const inspected = loupe(['batch', 'inspect', 'signed.loupe'], t.dir);
    expect(inspected.code).toBe(0);
    expect(inspected.stdout).toContain(`signed:`);
    expect(inspected.stdout).toContain(`by the key with fingerprint ${fp}`);
    const json = JSON.parse(loupe(['batch', 'inspect', 'signed.loupe', '--json'], t.dir).stdout) as { signedBy: unknown };
    expect(json.signedBy).toEqual({ publicKey, fingerprint: fp });
  });

  it('encrypts to an encryption key; inspect opens it only with --key', () => {
    expect(loupe(['keygen', '--encryption', '--out', 'reviewer.key'], t.dir).code).toBe(0);
    expect(loupe(['batch', 'create', '--input', DEMO_JSONL, '--out', 'sealed.loupe', '--encrypt-to', 'reviewer.key'], t.dir).code).toBe(0);

    const without = loupe(['batch', 'inspect', 'sealed.loupe'], t.dir);
    expect(without.code).toBe(1);
    expect(expectOneLine(without)).toMatch(/^sealed\.loupe: is encrypted to the key .*--key KEYFILE/u);

    const opened = loupe(['batch', 'inspect', 'sealed.loupe', '--key', 'reviewer.key'], t.dir);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toMatch(/^encrypted: +yes$/mu);
    expect(opened.stdout).toMatch(/^items: +40$/mu);
  });

  it('--return-to puts the coordinator\'s public key in every file written, and inspect shows its fingerprint', async () => {
    expect(loupe(['keygen', '--encryption', '--out', 'coordinator-x.key'], t.dir).code).toBe(0);
    const key = JSON.parse(readFileSync(at('coordinator-x.key'), 'utf8')) as { publicKey: string; fingerprint: string };
    const made = loupe(['batch', 'create', '--input', DEMO_JSONL, '--out', 'back.loupe', '--reviewers', 'ana,ben', '--return-to', 'coordinator-x.key'], t.dir);
    expect(made.code).toBe(0);
    for (const name of ['back.loupe', 'back.ana.loupe', 'back.ben.loupe']) {
      const read = await readBatch(name);
      expect(read.returnTo).toBe(key.publicKey);
      // Only the public half of the key file goes in the batch.
      expect(readFileSync(at(name)).toString('latin1')).not.toContain('secret');
    }
    const inspected = loupe(['batch', 'inspect', 'back.ana.loupe'], t.dir);
    expect(inspected.code).toBe(0);
    expect(inspected.stdout).toMatch(new RegExp(`^results to: +encrypted to the key with fingerprint ${key.fingerprint} \\(${key.publicKey}\\)$`, 'mu'));
    const json = JSON.parse(loupe(['batch', 'inspect', 'back.loupe', '--json'], t.dir).stdout) as { returnTo: unknown };
    expect(json.returnTo).toEqual({ publicKey: key.publicKey, fingerprint: key.fingerprint });
    expect(loupe(['batch', 'inspect', 'pe.loupe'], t.dir).stdout).toMatch(/^results to: +not encrypted \(the batch names no key to return them to\)$/mu);

    // The key as text works too; a signing key or a secret key does not, and nothing is written.
    expect(loupe(['batch', 'create', '--input', DEMO_JSONL, '--out', 'text.loupe', '--return-to', key.publicKey], t.dir).code).toBe(0);
    expect((await readBatch('text.loupe')).returnTo).toBe(key.publicKey);
    const secret = (JSON.parse(readFileSync(at('coordinator-x.key'), 'utf8')) as { privateKey: string }).privateKey;
    const refused = loupe(['batch', 'create', '--input', DEMO_JSONL, '--out', 'never.loupe', '--return-to', secret], t.dir);
    expect(refused.code).toBe(2);
    expect(expectOneLine(refused)).toMatch(/^--return-to: not a public encryption key/u);
    expect(refused.stderr).not.toContain(secret);
    expect(loupe(['keygen', '--out', 'signing-x.key'], t.dir).code).toBe(0);
    const signing = loupe(['batch', 'create', '--input', DEMO_JSONL, '--out', 'never.loupe', '--return-to', 'signing-x.key'], t.dir);
    expect(signing.code).toBe(1);
    expect(expectOneLine(signing)).toMatch(/signing-x\.key: a signing key \(ed25519\)/u);
    expect(existsSync(at('never.loupe'))).toBe(false);
  });

  it('takes several inputs as one batch, and names the file and line of an id used twice', async () => {
    writeFileSync(at('first.jsonl'), `${demoLines.slice(0, 25).join('\n')}\n`);
    writeFileSync(at('second.jsonl'), `${demoLines.slice(25).join('\n')}\n`);
    const made = loupe(['batch', 'create', '--input', 'first.jsonl', 'second.jsonl', '--schema', DEMO_SCHEMA, '--out', 'two.loupe'], t.dir);
    expect(made.code).toBe(0);
    expect((await readBatch('two.loupe')).items.map((i) => i.id)).toEqual(demoIds);

    // The blank line makes the repeated item's line (3) differ from its position (1).
    writeFileSync(at('again.jsonl'), `${demoLines[30]}\n\n${demoLines[3]}\n`);
    const clash = loupe(['batch', 'create', '--input', 'first.jsonl', '--input', 'again.jsonl', '--out', 'clash.loupe'], t.dir);
    expect(clash.code).toBe(1);
    expect(expectOneLine(clash)).toBe(
      `again.jsonl line 3: id "${demoIds[3]}" is already used in first.jsonl line 4 — item ids must be unique across all inputs of a batch; rename one, or make separate batches`,
    );
    expect(existsSync(at('clash.loupe'))).toBe(false);

    // Without --schema, the first input's inferred schema is the batch's: the others must fit it.
    writeFileSync(at('other.jsonl'), '{"id":"x-1","output":{"text":"Hallo","label":"greeting"}}\n');
    const misfit = loupe(['batch', 'create', '--input', 'first.jsonl', 'other.jsonl', '--out', 'misfit.loupe'], t.dir);
    expect(misfit.code).toBe(1);
    expect(expectOneLine(misfit)).toMatch(/^other\.jsonl line 1: output\.label: the schema has no output field "label" .*inferred from first\.jsonl, the first input/u);

    const same = loupe(['batch', 'create', '--input', 'first.jsonl', join(t.dir, 'first.jsonl'), '--out', 'same.loupe'], t.dir);
    expect(same.code).toBe(2);
    expect(expectOneLine(same)).toMatch(/is given twice as --input/u);
  });
});

describe('bad input: one line, the right exit code, no stack trace', () => {
  it('a broken JSONL line names the file and the line', () => {
    const lines = [...demoLines];
    lines[4] = lines[4]!.slice(0, 40);
    writeFileSync(at('broken.jsonl'), `${lines.join('\n')}\n`);
    const run = loupe(['batch', 'create', '--input', 'broken.jsonl', '--out', 'broken.loupe'], t.dir);
    expect(run.code).toBe(1);
    expect(expectOneLine(run)).toMatch(/^broken\.jsonl line 5: this line is not valid JSON .* — each line must be one complete JSON object$/u);
    expect(existsSync(at('broken.loupe'))).toBe(false);
  });

  it('a truncated .loupe is refused by inspect', () => {
    expect(loupe(['batch', 'create', '--input', DEMO_JSONL, '--out', 'whole.loupe'], t.dir).code).toBe(0);
    const bytes = readFileSync(at('whole.loupe'));
    writeFileSync(at('cut.loupe'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const run = loupe(['batch', 'inspect', 'cut.loupe'], t.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(expectOneLine(run)).toMatch(/^cut\.loupe: is cut short/u);
  });

  it('a missing file is named', () => {
    const inspect = loupe(['batch', 'inspect', 'nowhere.loupe'], t.dir);
    expect(inspect.code).toBe(1);
    expect(expectOneLine(inspect)).toBe('nowhere.loupe: no such file — check the name and the folder');
    const create = loupe(['batch', 'create', '--input', 'nowhere.jsonl', '--out', 'x.loupe'], t.dir);
    expect(create.code).toBe(1);
    expect(expectOneLine(create)).toBe('nowhere.jsonl: no such file — check the name and the folder');
  });

  it('an unknown option or command, or a missing one, is a usage error (exit 2) pointing to --help', () => {
    const option = loupe(['batch', 'create', '--input', DEMO_JSONL, '--out', 'x.loupe', '--frobnicate'], t.dir);
    expect(option.code).toBe(2);
    expect(expectOneLine(option)).toBe('loupe batch create: unknown option --frobnicate — see "loupe batch create --help"');

    const command = loupe(['batch', 'delete'], t.dir);
    expect(command.code).toBe(2);
    expect(expectOneLine(command)).toMatch(/^loupe batch: unknown command "delete";.*see "loupe --help"$/u);

    const out = loupe(['batch', 'create', '--input', DEMO_JSONL], t.dir);
    expect(out.code).toBe(2);
    expect(expectOneLine(out)).toMatch(/--out FILE .* is missing/u);

    const overlap = loupe(['batch', 'create', '--input', DEMO_JSONL, '--out', 'x.loupe', '--overlap', '2'], t.dir);
    expect(overlap.code).toBe(2);
    expect(expectOneLine(overlap)).toMatch(/--overlap needs --reviewers/u);

    const tooMuch = loupe(['batch', 'create', '--input', DEMO_JSONL, '--out', 'x.loupe', '--reviewers', 'ana,ben', '--overlap', '41'], t.dir);
    expect(tooMuch.code).toBe(2);
    expect(expectOneLine(tooMuch)).toBe('loupe batch create: --overlap: the overlap of 41 items is more than the batch has (40)');
    expect(existsSync(at('x.loupe'))).toBe(false);
  });

  // The server itself is tested in test/server/cli.test.ts.
  it('loupe server takes --data or --database, not both: one line, exit 2', () => {
    const run = loupe(['server', '--data', 'x', '--database', 'postgres://localhost/loupe'], t.dir);
    expect(run.code).toBe(2);
    expect(expectOneLine(run)).toMatch(/^loupe server: give --data or --database, not both/u);
  });
});

describe('help and version', () => {
  it('npx loupe --help, from the project root, lists every command', () => {
    const run = npxLoupe(['--help']);
    expect(run.code).toBe(0);
    expect(ownLines(run.stderr)).toEqual([]);
    for (const name of ['batch create', 'batch inspect', 'results export', 'effort', 'keygen', 'server']) expect(run.stdout).toMatch(new RegExp(`^  ${name} `, 'mu'));
  });

  it('every command has --help, and --version is the package version', () => {
    for (const name of ['batch create', 'batch inspect', 'results export', 'effort', 'keygen', 'server', 'server backup', 'token issue', 'token revoke']) {
      const run = loupe([...name.split(' '), '--help'], t.dir);
      expect(run.code, name).toBe(0);
      expect(run.stdout, name).toContain(`Usage: loupe ${name}`);
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(loupe(['--version'], t.dir).stdout).toBe(`${pkg.version}\n`);
  });

  it('a group of commands given --help lists its commands', () => {
    const run = loupe(['token', '--help'], t.dir);
    expect(run.code).toBe(0);
    for (const name of ['token issue', 'token list', 'token revoke']) expect(run.stdout).toMatch(new RegExp(`^  ${name} `, 'mu'));
  });
});
