// `loupe server`, `loupe token` and `loupe server backup|restore` as a person runs them.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, expectOneLine, loupe, npxLoupe, tempDir } from '../cli/run';

const BIN = join(ROOT, 'cli/bin/loupe.js');

/** Starts `loupe server` on a free port; resolves once it says where it listens. */
function startServer(dataDir: string, cwd: string) {
  const child = spawn(process.execPath, [BIN, 'server', '--data', dataDir, '--port', '0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const listening = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/u.exec(stderr)?.[1];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`loupe server exited with ${code} before listening:\n${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

describe('loupe server and loupe token', () => {
  const t = tempDir();
  const data = join(t.dir, 'loupe-data');
  let coordinator = '';

  afterAll(() => t.remove());

  it('npx loupe server --help describes its options', () => {
    const run = npxLoupe(['server', '--help']);
    expect(run.code).toBe(0);
    for (const option of ['--data DIR', '--database URL', '--host H', '--port N', '--cert FILE', '--key FILE']) expect(run.stdout).toContain(option);
  });

  it('starts on a free port with a temp data folder, answers /health, prints the first coordinator token once, and stops', async () => {
    const server = startServer(data, t.dir);
    const url = await server.listening;
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    coordinator = /\n {4}(loupe_[A-Za-z0-9_-]{43})\n/u.exec(server.output().stderr)?.[1] ?? '';
    expect(coordinator).not.toBe('');
    const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${coordinator}`, 'loupe-protocol': '1' } });
    expect(await me.json()).toMatchObject({ role: 'coordinator' });
    // Structured logs: JSON lines on stdout.
    const first = server.output().stdout.split('\n')[0]!;
    expect(JSON.parse(first)).toMatchObject({ level: expect.any(Number), msg: expect.stringMatching(/listening/u) });
    // The embedded store is one process's: token administration waits for the server to stop.
    const busy = loupe(['token', 'list', '--data', data], t.dir);
    expect(busy.code).toBe(1);
    expect(expectOneLine(busy)).toMatch(/in use by another Loupe process/u);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(existsSync(join(data, 'loupe-server.lock'))).toBe(false);
  }, 60_000);

  it('issues, lists and revokes tokens on the stopped server\'s data folder', () => {
    const issued = loupe(['token', 'issue', '--reviewer', 'r-ana', '--name', 'Ana', '--data', data], t.dir);
    expect(issued.code).toBe(0);
    expect(issued.stdout).toMatch(/^loupe_[A-Za-z0-9_-]{43}\n$/u);
    const list = loupe(['token', 'list', '--data', data], t.dir);
    expect(list.stdout).not.toContain('loupe_');
    const ana = list.stdout.split('\n').find((l) => l.includes('r-ana'))!;
    expect(ana).toMatch(/\treviewer\tr-ana\tAna\t.*\tactive$/u);
    const id = ana.split('\t')[0]!;
    expect(loupe(['token', 'revoke', id, '--data', data], t.dir).code).toBe(0);
    expect(loupe(['token', 'list', '--data', data], t.dir).stdout).toMatch(new RegExp(`^${id}\\t.*\\t\\d{4}-\\d\\d-\\d\\dT[^\\t]*$`, 'mu'));
    expect(expectOneLine(loupe(['token', 'revoke', 'tok_nope', '--data', data], t.dir))).toMatch(/no token "tok_nope"/u);
    expect(expectOneLine(loupe(['token', 'issue', '--name', 'X', '--data', data], t.dir))).toMatch(/--reviewer ID/u);
  }, 60_000);

  it('backs the embedded store up to one file and restores it into a new folder', () => {
    const backup = join(t.dir, 'loupe.backup.tar.gz');
    expect(loupe(['server', 'backup', '--data', data, '--out', backup], t.dir).code).toBe(0);
    expect(expectOneLine(loupe(['server', 'backup', '--data', data, '--out', backup], t.dir))).toMatch(/already exists/u);
    const restored = join(t.dir, 'restored');
    expect(loupe(['server', 'restore', '--from', backup, '--data', restored], t.dir).code).toBe(0);
    expect(expectOneLine(loupe(['server', 'restore', '--from', backup, '--data', restored], t.dir))).toMatch(/not empty/u);
    const list = loupe(['token', 'list', '--data', restored], t.dir);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/\tcoordinator\tcoordinator\t/u);
    expect(list.stdout).toMatch(/\treviewer\tr-ana\t/u);
  }, 120_000);

  it('answers a bad port and half an HTTPS setup in one line', () => {
    expect(expectOneLine(loupe(['server', '--port', 'http'], t.dir))).toMatch(/--port must be a number/u);
    expect(expectOneLine(loupe(['server', '--cert', join(ROOT, 'package.json'), '--data', data], t.dir))).toMatch(/both --cert and --key/u);
  });
});
