// `loupe server --cert --key` over real TLS, with the test-only certificates of test/fixtures/tls
// (their README says how they were made).
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, expectOneLine, tempDir } from '../cli/run';
import { runLoupe, startLoupeServer, type LoupeServer } from './loupe-process';

const TLS = join(ROOT, 'test/fixtures/tls');
const CA = readFileSync(join(TLS, 'ca.pem'), 'utf8');

/** A GET over HTTPS, trusting `ca` when given and only the system's authorities otherwise. */
function get(url: string, opts: { ca?: string; token?: string; servername?: string } = {}): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'loupe-protocol': '1' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const req = request(url, { headers, ...(opts.ca ? { ca: opts.ca } : {}), ...(opts.servername ? { servername: opts.servername } : {}) }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('loupe server --cert --key: HTTPS', () => {
  const t = tempDir();
  let server: LoupeServer;

  beforeAll(async () => {
    server = await startLoupeServer(['--data', join(t.dir, 'data'), '--port', '0', '--cert', join(TLS, 'server.pem'), '--key', join(TLS, 'server-key.pem')], t.dir);
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
    t.remove();
  });

  it('says it serves https, and answers /health and an authenticated route to a client that trusts its CA', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/u);
    // Local and HTTPS: no warning about tokens travelling readable.
    expect(server.output().stderr).not.toMatch(/plain HTTP/u);
    expect(await get(`${server.url}/health`, { ca: CA })).toMatchObject({ status: 200, body: { ok: true, protocol: { min: 1, max: 1 } } });
    expect(await get(`${server.url}/v1/me`, { ca: CA, token: server.coordinator })).toMatchObject({ status: 200, body: { role: 'coordinator' } });
    expect(await get(`${server.url}/v1/me`, { ca: CA, token: 'loupe_wrong' })).toMatchObject({ status: 401 });
    // The certificate names localhost too, and no other name.
    expect((await get(`${server.url}/health`, { ca: CA, servername: 'localhost' })).status).toBe(200);
    await expect(get(`${server.url}/health`, { ca: CA, servername: 'loupe.example.org' })).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('is refused by a client that does not trust the CA: no answer, no token sent', async () => {
    const refused = await get(`${server.url}/v1/me`, { token: server.coordinator }).then(
      () => null,
      (err: NodeJS.ErrnoException) => err.code,
    );
    expect(refused).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER/u);
  });

  it('loupe token list --server https://… works when the CA is trusted, and otherwise says how to trust it', async () => {
    const trusted = await runLoupe(['token', 'list', '--server', server.url], t.dir, { LOUPE_TOKEN: server.coordinator, NODE_EXTRA_CA_CERTS: join(TLS, 'ca.pem') });
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toMatch(/^tok_\S+\tcoordinator\tcoordinator\t/u);
    const untrusted = await runLoupe(['token', 'list', '--server', server.url], t.dir, { LOUPE_TOKEN: server.coordinator, NODE_EXTRA_CA_CERTS: undefined });
    expect(untrusted.code).toBe(1);
    expect(expectOneLine(untrusted)).toMatch(/certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted .* NODE_EXTRA_CA_CERTS=/u);
  });
});
