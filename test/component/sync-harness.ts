// A real sync server (Fastify over PGlite in a temp folder) for the app's component tests, reached the
// way the memory platform reaches a server: each request handed to Fastify's inject. Not a test file itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, prepareStore } from '../../server/http';
import { openPgliteStore } from '../../server/store';
import { IssuedToken, PROTOCOL_HEADER, PROTOCOL_VERSION, requestUrl, type ServerRequest, type ServerResponse } from '../../shared/sync';

export interface TestServer {
  url: string;
  coordinatorToken: string;
  /** Issues a token as a coordinator would (POST /v1/tokens). */
  issue(role: 'coordinator' | 'reviewer', reviewerId: string, name: string): Promise<string>;
  /** The memory platform's `server` option: answers the app's requests with this server. */
  answer(request: ServerRequest, connection: { url: string; token: string }): Promise<ServerResponse>;
  /** Calls the API directly, as a coordinator unless a token is given. */
  call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, token?: string): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-app-sync-'));
  const store = await openPgliteStore(dir);
  const { firstCoordinator } = await prepareStore(store);
  const app = createServer({ store, logger: false });
  const url = 'http://127.0.0.1:8787';
  const inject = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await app.inject({
      method: method as 'GET',
      url: path,
      headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: response.statusCode, body: response.body === '' ? null : (JSON.parse(response.body) as unknown) };
  };
  const coordinatorToken = firstCoordinator!.token;
  return {
    url,
    coordinatorToken,
    async issue(role, reviewerId, name) {
      const r = await inject('POST', '/v1/tokens', coordinatorToken, { role, reviewerId, name });
      return IssuedToken.parse(r.body).token;
    },
    async answer(request, connection) {
      const r = await inject(request.method, requestUrl('', request), connection.token, request.body);
      return { kind: 'answer', status: r.status, body: r.body };
    },
    call: (method, path, body, token = coordinatorToken) => inject(method, path, token, body),
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
