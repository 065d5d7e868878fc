// `loupe effort` on the MLQE-PE post-editing data, and `loupe keygen`.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, readKeyFile } from '../../shared/batch-file';
import { charEdits, hter } from '../../shared/effort';
import { expectOneLine, loupe, MLQE_EN_DE, tempDir } from './run';

let t: ReturnType<typeof tempDir>;
const at = (name: string) => join(t.dir, name);
beforeAll(() => {
  t = tempDir();
});
afterAll(() => t.remove());

const fixture = (name: string) => readFileSync(join(MLQE_EN_DE, name), 'utf8').split('\n').slice(0, -1);

describe('effort', () => {
  it('gives one JSONL line per line pair with the HTER shared/effort computes, which MLQE-PE published', () => {
    const mt = fixture('dev.mt');
    const pe = fixture('dev.pe');
    const published = fixture('dev.hter').map(Number);
    const run = loupe(['effort', join(MLQE_EN_DE, 'dev.mt'), join(MLQE_EN_DE, 'dev.pe')], t.dir);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').slice(0, -1).map((l) => JSON.parse(l) as { line: number; hter: number; charEdits: number });
    expect(lines).toHaveLength(1000);
    lines.forEach((l, i) => {
      expect(l).toEqual({ line: i + 1, hter: hter(mt[i]!, pe[i]!), charEdits: charEdits(mt[i]!, pe[i]!) });
      expect(Math.abs(l.hter - published[i]!)).toBeLessThan(0.001);
    });
    // A known pair: line 1 of the en-de development set.
    expect(lines[0]!.hter).toBeCloseTo(published[0]!, 6);
    expect(lines[0]!.hter).toBeGreaterThan(0);

    const mean = lines.reduce((s, l) => s + l.hter, 0) / lines.length;
    const edits = lines.reduce((s, l) => s + l.charEdits, 0);
    expect(run.stderr).toBe(`1000 lines, mean HTER ${mean.toFixed(4)}, ${edits} character edits\n`);
  });

  it('refuses files of different line counts, and XLIFF against a text file', () => {
    writeFileSync(at('before.txt'), 'eins zwei drei\nvier fünf\n');
    writeFileSync(at('after.txt'), 'eins zwei drei\r\n');
    const run = loupe(['effort', 'before.txt', 'after.txt'], t.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(expectOneLine(run)).toBe('before.txt has 2 lines and after.txt has 1 — the files must be line-aligned, line N of one being line N of the other');

    writeFileSync(at('a.xlf'), '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>\n');
    const xliff = loupe(['effort', 'a.xlf', 'after.txt'], t.dir);
    expect(xliff.code).toBe(2);
    expect(expectOneLine(xliff)).toBe('loupe effort: a.xlf is XLIFF and after.txt is not — give two text files, or two XLIFF files');
  });
});

describe('keygen', () => {
  it('writes a signing key file only its owner may read, and prints its public key and fingerprint', () => {
    const run = loupe(['keygen', '--out', 'me.key', '--name', 'Coordinator, ward 7'], t.dir);
    expect(run.code).toBe(0);
    expect(statSync(at('me.key')).mode & 0o777).toBe(0o600);
    const read = readKeyFile(readFileSync(at('me.key'), 'utf8'), 'me.key');
    if (!read.ok) throw new Error(read.message);
    expect(read.key).toMatchObject({ algorithm: 'ed25519', name: 'Coordinator, ward 7' });
    expect(run.stdout).toContain(`Public key:  ${read.key.publicKey}\nFingerprint: ${fingerprint(read.key.publicKey)}\n`);
    expect(run.stdout).toMatch(/Settings → Trusted coordinator keys/u);
    expect(run.stdout).not.toContain(read.key.privateKey);
  });

  it('does not replace a key file unless --force', () => {
    const before = readFileSync(at('me.key'), 'utf8');
    const again = loupe(['keygen', '--out', 'me.key'], t.dir);
    expect(again.code).toBe(1);
    expect(expectOneLine(again)).toMatch(/^me\.key: already exists — .*add --force$/u);
    expect(readFileSync(at('me.key'), 'utf8')).toBe(before);

    const forced = loupe(['keygen', '--out', 'me.key', '--force', '--encryption'], t.dir);
    expect(forced.code).toBe(0);
    const read = readKeyFile(readFileSync(at('me.key'), 'utf8'));
    expect(read.ok && read.key.algorithm).toBe('x25519');
    expect(statSync(at('me.key')).mode & 0o777).toBe(0o600);
  });

  it('needs --out', () => {
    const run = loupe(['keygen'], t.dir);
    expect(run.code).toBe(2);
    expect(expectOneLine(run)).toBe('loupe keygen: --out KEYFILE (where to write the key) is missing — see "loupe keygen --help"');
  });
});
