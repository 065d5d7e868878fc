// What the server tests stand on: the databases they run against, a server over each, and requests.
// Not a test file itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { createServer, prepareStore } from '../../server/http';
import { openPgliteStore, openPostgresStore, type Store } from '../../server/store';
import type { ReviewEvent, TaskSchema } from '../../shared/domain';
import type { ItemLine } from '../../shared/batch-file';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PublishBatchRequest } from '../../shared/sync';

/** A real PostgreSQL, when one is named (.ci/run sets it); its tests register only then. */
export const POSTGRES_URL = process.env.LOUPE_TEST_POSTGRES_URL || null;

export function sayWhetherPostgresRuns(file: string): void {
  if (!POSTGRES_URL) {
    console.warn(`${file}: the PostgreSQL part did NOT run — set LOUPE_TEST_POSTGRES_URL=postgres://user:password@host:port/db (a role that may CREATE DATABASE) to run it; .ci/run does.`);
  }
}

export interface Target {
  name: string;
  /** A fresh, empty store; `dispose` removes every trace of it. */
  open(): Promise<{ store: Store; dispose(): Promise<void>; url?: string }>;
}

export const PGLITE: Target = {
  name: 'PGlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-server-'));
    const store = await openPgliteStore(dir);
    return {
      store,
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** A database of its own on the PostgreSQL server, made for one test file and dropped after it. */
export async function freshPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `loupe_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export const POSTGRES: Target | null = POSTGRES_URL
  ? {
      name: 'PostgreSQL',
      async open() {
        const db = await freshPostgresDatabase(POSTGRES_URL);
        const store = await openPostgresStore(db.url);
        return {
          store,
          url: db.url,
          async dispose() {
            await store.close();
            await db.drop();
          },
        };
      },
    }
  : null;

export const TARGETS: Target[] = [PGLITE, ...(POSTGRES ? [POSTGRES] : [])];

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  coordinator: string;
  // The answer's body is `any`: the assertions check its shape, field by field, not the compiler.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(method: string, url: string, opts?: { token?: string | null; body?: unknown; protocol?: string | null; headers?: Record<string, string>; from?: string }): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
}

/** A migrated store and a server over it (not listening: requests go through Fastify's inject). */
export async function serverOn(store: Store): Promise<TestServer & { firstCoordinator: string }> {
  const prepared = await prepareStore(store);
  const app = createServer({ store, logger: false, version: 'test' });
  await app.ready();
  const coordinator = prepared.firstCoordinator?.token ?? '';
  return { app, store, coordinator, firstCoordinator: coordinator, call: caller(app, coordinator) };
}

export function caller(app: FastifyInstance, defaultToken: string): TestServer['call'] {
  return async (method, url, opts = {}) => {
    const token = opts.token === undefined ? defaultToken : opts.token;
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const protocol = opts.protocol === undefined ? String(PROTOCOL_VERSION) : opts.protocol;
    if (protocol !== null) headers[PROTOCOL_HEADER] = protocol;
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(opts.from === undefined ? {} : { remoteAddress: opts.from }),
      ...(opts.body === undefined ? {} : { payload: opts.body as object }),
    });
    let body: unknown = res.body;
    try {
      body = res.json();
    } catch {
      // not JSON: kept as text for the assertion to show
    }
    return { status: res.statusCode, body, headers: res.headers };
  };
}

// ---- a small batch --------------------------------------------------------------------------------

export const SCHEMA: TaskSchema = {
  name: 'Triage',
  fields: [
    { name: 'code', kind: 'label', options: ['J18.9', 'R91.8', 'Z00.0'] },
    { name: 'note', kind: 'text' },
  ],
  context: [{ name: 'history', kind: 'longtext' }],
  reasonCodes: [],
  requireReasonOnOverride: false,
};

export function items(n: number): ItemLine[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `case-${i + 1}`,
    seq: i,
    context: { history: `History of case ${i + 1}.` },
    output: { code: 'J18.9', note: `note ${i + 1}` },
  }));
}

export function batchRequest(id: string, opts: { n?: number; revision?: number; reviewers?: PublishBatchRequest['reviewers'] } = {}): PublishBatchRequest {
  const list = items(opts.n ?? 4);
  return {
    batch: {
      id,
      name: `Batch ${id}`,
      schemaId: 'triage',
      createdAt: '2026-11-25T10:00:00.000Z',
      itemCount: list.length,
      source: { format: 'jsonl', fileName: 'triage.jsonl', sha256: 'ab'.repeat(32) },
      revision: opts.revision ?? 1,
    },
    schema: SCHEMA,
    reviewers: opts.reviewers ?? [
      { id: 'r-ana', name: 'Ana' },
      { id: 'r-ben', name: 'Ben', itemIds: ['case-1', 'case-2'] },
    ],
    items: list,
  };
}

let eventCounter = 0;

/** A verdict event: `accept` keeps the AI's code, anything else sets `code`. */
export function verdict(batchId: string, itemId: string, reviewerId: string, code: string | null, at = '2026-11-26T10:00:00.000Z', id?: string): ReviewEvent {
  eventCounter += 1;
  const accept = code === null;
  return {
    id: id ?? `ev-${reviewerId}-${itemId}-${eventCounter}-${randomBytes(3).toString('hex')}`,
    batchId,
    itemId,
    reviewerId,
    reviewerName: reviewerId,
    deviceId: `dev-${reviewerId}`,
    at,
    action: accept ? 'accept' : 'correct',
    status: accept ? 'accepted' : 'corrected',
    changes: accept ? [] : [{ field: 'code', old: 'J18.9', new: code }],
    timeSpentMs: 1000,
  };
}

export function clientId(): string {
  return `client-${randomBytes(8).toString('hex')}`;
}
