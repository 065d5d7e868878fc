// Runs the real `loupe` command line in a child process, as a coordinator's shell or a pipeline would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'cli/bin/loupe.js');

export const DEMO_JSONL = join(ROOT, 'renderer/demo/data/post-editing-en-de.jsonl');
export const DEMO_SCHEMA = join(ROOT, 'renderer/demo/data/post-editing-en-de.schema.json');
export const MLQE_EN_DE = join(ROOT, 'test/fixtures/mlqe-pe/en-de');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node cli/bin/loupe.js ARGS` in `cwd`. */
export function loupe(args: readonly string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LOUPE_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `node cli/bin/loupe.js ARGS` in `cwd`, its stdout as bytes: for output that is a document, not text. */
export function loupeBytes(args: readonly string[], cwd: string): { code: number | null; stdout: Uint8Array; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, LOUPE_DEBUG: '' } });
  return { code: r.status, stdout: new Uint8Array(r.stdout), stderr: r.stderr.toString('utf8') };
}

/** `npx loupe ARGS` from the project root: the package's own bin, as BRIEF 3.4 says it is run in a checkout. */
export function npxLoupe(args: readonly string[]): Run {
  const r = spawnSync('npx', ['--no-install', 'loupe', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stderr without npm's own warnings about the machine's npm configuration. */
export function ownLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn'));
}

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-cli-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A one-line error as a person sees it: a single line, naming what it should, and no stack trace. */
export function expectOneLine(run: Run): string {
  const lines = ownLines(run.stderr);
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got ${lines.length}:\n${run.stderr}`);
  if (/\n\s+at |(^|\n)\w*Error: /u.test(run.stderr)) throw new Error(`stack trace on stderr:\n${run.stderr}`);
  return lines[0]!;
}
