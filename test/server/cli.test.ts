// `loupe server`, `loupe token` and `loupe server backup|restore` as a person runs them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, expectOneLine, loupe, npxLoupe, tempDir } from '../cli/run';
import { startLoupeServer } from './loupe-process';

describe('loupe server and loupe token', () => {
  const t = tempDir();
  const data = join(t.dir, 'loupe-data');

  afterAll(() => t.remove());

  it('npx loupe server --help describes its options', () => {
    const run = npxLoupe(['server', '--help']);
    expect(run.code).toBe(0);
    for (const option of ['--data DIR', '--database URL', '--host H', '--port N', '--cert FILE', '--key FILE', '--trust-proxy A']) expect(run.stdout).toContain(option);
  });

  it('starts on a free port with a temp data folder, answers /health, prints the first coordinator token once, and stops', async () => {
    const server = await startLoupeServer(['--data', data, '--port', '0'], t.dir);
    const url = server.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    const coordinator = server.coordinator;
    expect(coordinator).not.toBe('');
    const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${coordinator}`, 'loupe-protocol': '1' } });
    expect(await me.json()).toMatchObject({ role: 'coordinator' });
    // Structured logs: JSON lines on stdout.
    const first = server.output().stdout.split('\n')[0]!;
    expect(JSON.parse(first)).toMatchObject({ level: expect.any(Number), msg: expect.stringMatching(/listening/u) });
    // The embedded store is one process's: token administration on the folder waits for the server to stop.
    const busy = loupe(['token', 'list', '--data', data], t.dir);
    expect(busy.code).toBe(1);
    expect(expectOneLine(busy)).toMatch(/in use by another Loupe process.*use --server URL/u);
    expect(await server.stop()).toBe(0);
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

  it('answers a bad port, half an HTTPS setup and a proxy that is not an address in one line', () => {
    expect(expectOneLine(loupe(['server', '--port', 'http'], t.dir))).toMatch(/--port must be a number/u);
    expect(expectOneLine(loupe(['server', '--cert', join(ROOT, 'package.json'), '--data', data], t.dir))).toMatch(/both --cert and --key/u);
    expect(expectOneLine(loupe(['server', '--trust-proxy'], t.dir))).toMatch(/--trust-proxy needs a value/u);
    for (const bad of ['yes', '10.0.0.0/33', '127.0.0.1,proxy.example.org']) {
      expect(expectOneLine(loupe(['server', '--trust-proxy', bad, '--data', data], t.dir))).toMatch(/--trust-proxy takes the proxies' addresses or subnets/u);
    }
  });
});
