// The real `loupe` command in child processes, for the server tests: `loupe server` kept running while
// other commands talk to it. Not a test file itself.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, type Run } from '../cli/run';

const BIN = join(ROOT, 'cli/bin/loupe.js');

export interface LoupeServer {
  /** Where it says it listens, e.g. https://127.0.0.1:40123. */
  url: string;
  /** The coordinator token printed at the first start ('' when this was not the first). */
  coordinator: string;
  output(): { stdout: string; stderr: string };
  /** SIGTERM; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `loupe server ARGS` (add --port 0); resolves once it says where it listens. */
export async function startLoupeServer(args: readonly string[], cwd: string): Promise<LoupeServer> {
  const child = spawn(process.execPath, [BIN, 'server', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const found = /listening on (https?:\/\/\S+:\d+)/u.exec(stderr)?.[1];
      if (found) resolve(found);
    });
    void exited.then((code) => reject(new Error(`loupe server exited with ${code} before listening:\n${stderr}`)));
  });
  return {
    url,
    coordinator: /\n {4}(loupe_[A-Za-z0-9_-]{43})\n/u.exec(stderr)?.[1] ?? '',
    output: () => ({ stdout, stderr }),
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * `loupe ARGS` with these environment variables set (or, undefined, removed), without blocking: a server
 * in this very process (a stand-in) must go on answering while the command runs.
 */
export function runLoupe(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  const merged: NodeJS.ProcessEnv = { ...process.env, LOUPE_DEBUG: undefined, LOUPE_TOKEN: undefined, ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
