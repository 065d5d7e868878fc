// `loupe token issue|list|revoke --server URL`: the real command against a running `loupe server`, through
// its API, with the same output as on the data folder, and one line naming what to do when it cannot.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLine, loupe, ownLines, tempDir } from '../cli/run';
import { runLoupe, startLoupeServer, type LoupeServer } from './loupe-process';

/** An address of this machine that is not loopback, when it has one: plain HTTP to it crosses a network. */
const EXTERNAL = Object.values(networkInterfaces())
  .flat()
  .find((a) => a?.family === 'IPv4' && !a.internal)?.address;

/** A server that answers like a Loupe sync server speaking only `protocol` (a newer one). */
async function standIn(protocol: number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'protocol', message: `this Loupe is too old for the server: it speaks sync protocol 1, the server ${protocol} — update Loupe; nothing was changed`, supported: { min: protocol, max: protocol } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('loupe token --server: through a running server', () => {
  const t = tempDir();
  const data = join(t.dir, 'data');
  let server: LoupeServer;
  let url: string;
  let coordinator: string;
  const asCoordinator = () => ({ LOUPE_TOKEN: coordinator });

  beforeAll(async () => {
    // On every interface, so that the warning about plain HTTP to another machine can be seen for real.
    server = await startLoupeServer(['--data', data, '--port', '0', '--host', EXTERNAL ? '0.0.0.0' : '127.0.0.1'], t.dir);
    url = `http://127.0.0.1:${new URL(server.url).port}`;
    coordinator = server.coordinator;
  });
  afterAll(async () => {
    await server.stop();
    t.remove();
  });

  it('issues a token that works at once, lists it, and revokes it', async () => {
    const issued = await runLoupe(['token', 'issue', '--server', url, '--reviewer', 'r-ana', '--name', 'Dr Ana Ruiz'], t.dir, asCoordinator());
    expect(issued.code).toBe(0);
    expect(issued.stdout).toMatch(/^loupe_[A-Za-z0-9_-]{43}\n$/u);
    expect(ownLines(issued.stderr)).toEqual([expect.stringMatching(/^Issued (tok_\S+), a reviewer token for Dr Ana Ruiz \(r-ana\)\. It is shown this once; revoke it with "loupe token revoke \1"\.$/u)]);
    const ana = issued.stdout.trim();
    const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${ana}`, 'loupe-protocol': '1' } });
    expect(await me.json()).toMatchObject({ role: 'reviewer', reviewerId: 'r-ana', name: 'Dr Ana Ruiz' });

    // --token works as well as LOUPE_TOKEN.
    const coordinatorToo = await runLoupe(['token', 'issue', '--server', url, '--token', coordinator, '--role', 'coordinator', '--reviewer', 'c-lee', '--name', 'Lee'], t.dir);
    expect(coordinatorToo.code).toBe(0);

    const list = await runLoupe(['token', 'list', '--server', `${url}/`], t.dir, asCoordinator());
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain('loupe_');
    const rows = list.stdout.trim().split('\n').map((l) => l.split('\t'));
    expect(rows.map((r) => r.slice(1, 4))).toEqual([
      ['coordinator', 'coordinator', 'Coordinator (first start)'],
      ['reviewer', 'r-ana', 'Dr Ana Ruiz'],
      ['coordinator', 'c-lee', 'Lee'],
    ]);
    expect(list.stderr.trim()).toBe('3 tokens, 3 active');

    const id = rows[1]![0]!;
    const revoked = await runLoupe(['token', 'revoke', id, '--server', url], t.dir, asCoordinator());
    expect(revoked.code).toBe(0);
    expect(revoked.stderr.trim()).toBe(`Revoked ${id} (Dr Ana Ruiz).`);
    expect((await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${ana}`, 'loupe-protocol': '1' } })).status).toBe(401);
    expect(expectOneLine(await runLoupe(['token', 'revoke', 'tok_nope', '--server', url], t.dir, asCoordinator()))).toBe(
      'loupe token revoke: no token "tok_nope" — "loupe token list" shows them',
    );

    const after = await runLoupe(['token', 'list', '--server', url], t.dir, asCoordinator());
    expect(after.stdout).toMatch(new RegExp(`^${id}\\treviewer\\tr-ana\\tDr Ana Ruiz\\t\\S+\\t\\d{4}-\\d\\d-\\d\\dT\\S+Z$`, 'mu'));
  }, 60_000);

  it('refuses in one line that says what to do: no token, a wrong token, a reviewer\'s token', async () => {
    const none = await runLoupe(['token', 'list', '--server', url], t.dir);
    expect(none.code).toBe(2);
    expect(expectOneLine(none)).toMatch(/--server needs a coordinator's token — set LOUPE_TOKEN \(or give --token\)/u);

    const wrong = await runLoupe(['token', 'list', '--server', url], t.dir, { LOUPE_TOKEN: 'loupe_mistyped' });
    expect(wrong.code).toBe(1);
    expect(expectOneLine(wrong)).toMatch(/^loupe token list: the server refused the token .* — give a coordinator's token in LOUPE_TOKEN or with --token$/u);

    const reviewer = (await runLoupe(['token', 'issue', '--server', url, '--reviewer', 'r-ben', '--name', 'Ben'], t.dir, asCoordinator())).stdout.trim();
    const forbidden = await runLoupe(['token', 'issue', '--server', url, '--reviewer', 'r-eve', '--name', 'Eve'], t.dir, { LOUPE_TOKEN: reviewer });
    expect(forbidden.code).toBe(1);
    expect(forbidden.stdout).toBe('');
    expect(expectOneLine(forbidden)).toMatch(/^loupe token issue: the server refused: only a coordinator may issue tokens; this token is reviewer r-ben's — use a coordinator's token/u);
  }, 60_000);

  it('says so in one line when nothing answers, and when the server speaks another protocol', async () => {
    const port = await closedPort();
    const unreachable = await runLoupe(['token', 'list', '--server', `http://127.0.0.1:${port}`], t.dir, asCoordinator());
    expect(unreachable.code).toBe(1);
    expect(expectOneLine(unreachable)).toBe(
      `loupe token list: nothing answers at http://127.0.0.1:${port} (connection refused) — check the address and port, and that "loupe server" runs there`,
    );

    const newer = await standIn(2);
    try {
      const old = await runLoupe(['token', 'list', '--server', newer.url], t.dir, asCoordinator());
      expect(old.code).toBe(1);
      expect(expectOneLine(old)).toBe('loupe token list: this loupe speaks sync protocol 1, the server 2 — update this Loupe');
    } finally {
      await newer.close();
    }

    const notAnAddress = await runLoupe(['token', 'list', '--server', 'loupe.example.org'], t.dir, asCoordinator());
    expect(notAnAddress.code).toBe(2);
    expect(expectOneLine(notAnAddress)).toMatch(/--server must be the server's address, such as https:\/\/loupe\.example\.org/u);
    expect(expectOneLine(await runLoupe(['token', 'list', '--server', url, '--data', data], t.dir, asCoordinator()))).toMatch(/give one of --server, --data or --database/u);
  }, 60_000);

  it('sends the token over plain HTTP to loopback without a word', async () => {
    const local = await runLoupe(['token', 'list', '--server', url], t.dir, asCoordinator());
    expect(local.stderr).not.toMatch(/Warning/u);
  });

  if (EXTERNAL) {
    it('warns on stderr before sending the token over plain HTTP to another address, and still does what was asked', async () => {
      const remote = await runLoupe(['token', 'list', '--server', `http://${EXTERNAL}:${new URL(url).port}`], t.dir, asCoordinator());
      expect(remote.code).toBe(0);
      expect(remote.stdout).toMatch(/\tcoordinator\tcoordinator\t/u);
      expect(ownLines(remote.stderr)[0]).toBe(
        `Warning: sending the token over plain HTTP to ${EXTERNAL}:${new URL(url).port} — anyone on the network between can read it and use it; serve HTTPS (docs/server.md) and use https://`,
      );
    });
  } else {
    console.warn('test/server/token-server.test.ts: this machine has no address but loopback, so the warning about plain HTTP to another machine was NOT tried.');
  }

  it('lists the very lines the stopped server\'s data folder lists', async () => {
    const remote = await runLoupe(['token', 'list', '--server', url], t.dir, asCoordinator());
    expect(remote.code).toBe(0);
    expect(await server.stop()).toBe(0);
    const local = loupe(['token', 'list', '--data', data], t.dir);
    expect(local.code).toBe(0);
    expect(local.stdout).toBe(remote.stdout);
    expect(local.stderr).toBe(remote.stderr);
  }, 60_000);
});
