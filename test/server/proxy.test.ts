// Behind a reverse proxy (docs/server.md): with the proxy named (`loupe server --trust-proxy 127.0.0.1`)
// the client's address is the one the proxy added to X-Forwarded-For, so what a client writes there
// itself cannot take it out from under the slowing down of bad tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { THROTTLE } from '../../server/auth';
import { createServer, prepareStore } from '../../server/http';
import { PGLITE } from './harness';

describe('behind a reverse proxy on this machine (--trust-proxy 127.0.0.1)', () => {
  let app: FastifyInstance;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const opened = await PGLITE.open();
    dispose = opened.dispose;
    await prepareStore(opened.store);
    // What `loupe server --trust-proxy 127.0.0.1` passes on.
    app = createServer({ store: opened.store, logger: false, version: 'test', trustProxy: ['127.0.0.1'] });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await dispose();
  });

  /** A bad token from `client`, through the proxy, which appends the client's address as nginx and Caddy do. */
  const viaProxy = (client: string, forged?: string) =>
    app.inject({
      method: 'GET',
      url: '/v1/me',
      remoteAddress: '127.0.0.1',
      headers: { authorization: 'Bearer loupe_guess', 'loupe-protocol': '1', 'x-forwarded-for': forged ? `${forged}, ${client}` : client },
    });

  it('slows down the client the proxy names, whatever the client writes in X-Forwarded-For itself', async () => {
    for (let i = 0; i <= THROTTLE.freeFailures; i++) expect((await viaProxy('203.0.113.7', `10.9.9.${i}`)).statusCode).toBe(401);
    expect((await viaProxy('203.0.113.7', '10.9.9.99')).statusCode).toBe(429);
    expect((await viaProxy('203.0.113.7')).statusCode).toBe(429);
    // Another client behind the same proxy is not slowed down with it.
    expect((await viaProxy('203.0.113.8')).statusCode).toBe(401);
  });

  it('does not believe X-Forwarded-For from anyone but the proxy', async () => {
    const direct = (forged: string) =>
      app.inject({ method: 'GET', url: '/v1/me', remoteAddress: '198.51.100.20', headers: { authorization: 'Bearer loupe_guess', 'loupe-protocol': '1', 'x-forwarded-for': forged } });
    for (let i = 0; i <= THROTTLE.freeFailures; i++) expect((await direct(`10.8.8.${i}`)).statusCode).toBe(401);
    expect((await direct('10.8.8.99')).statusCode).toBe(429);
  });
});
