// Several server processes on one database: PostgreSQL only. The embedded store serves one process,
// and says so when a second one tries (docs/server.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, prepareStore } from '../../server/http';
import { openPgliteStore, openPostgresStore, type Store } from '../../server/store';
import type { Change } from '../../shared/sync';
import { POSTGRES_URL, batchRequest, caller, clientId, freshPostgresDatabase, sayWhetherPostgresRuns, verdict } from './harness';

sayWhetherPostgresRuns('test/server/multi-process.test.ts');

describe('the embedded store (PGlite) serves one process', () => {
  it('refuses a second opening of the data folder, naming the process that holds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-server-'));
    const first = await openPgliteStore(dir);
    try {
      await expect(openPgliteStore(dir)).rejects.toThrow(/in use by another Loupe process|already open in this process/u);
    } finally {
      await first.close();
    }
    const again = await openPgliteStore(dir);
    await again.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

if (POSTGRES_URL) {
  const adminUrl = POSTGRES_URL;
  describe('two server processes sharing one PostgreSQL database', () => {
    let db: { url: string; drop(): Promise<void> };
    let stores: Store[];

    beforeAll(async () => {
      db = await freshPostgresDatabase(adminUrl);
      stores = await Promise.all([openPostgresStore(db.url), openPostgresStore(db.url)]);
    });
    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()));
      await db.drop();
    });

    it('migrate together, make one first coordinator, and serve the same data at-most-once', async () => {
      // Both start at the same moment: the advisory lock lets one migrate, the other finds it done.
      const prepared = await Promise.all(stores.map((s) => prepareStore(s)));
      expect(prepared.map((p) => p.migrations.length).sort()).toEqual([0, 1]);
      const tokens = prepared.map((p) => p.firstCoordinator?.token).filter(Boolean);
      expect(tokens).toHaveLength(1);
      const coordinator = tokens[0]!;
      const apps = stores.map((store) => createServer({ store, logger: false, version: 'test' }));
      await Promise.all(apps.map((a) => a.ready()));
      const [a, b] = apps.map((app) => caller(app, coordinator)) as [ReturnType<typeof caller>, ReturnType<typeof caller>];

      // A token issued through one is valid on the other; so is a revocation.
      const ana = (await a('POST', '/v1/tokens', { body: { reviewerId: 'r-ana', name: 'Ana' } })).body.token as string;
      expect((await b('GET', '/v1/me', { token: ana })).body.reviewerId).toBe('r-ana');
      const ben = (await a('POST', '/v1/tokens', { body: { reviewerId: 'r-ben', name: 'Ben' } })).body.token as string;
      expect((await b('POST', '/v1/batches', { body: batchRequest('b-shared', { n: 40, reviewers: [{ id: 'r-ana', name: 'Ana' }, { id: 'r-ben', name: 'Ben' }] }) })).status).toBe(200);

      // One client's pushes alternate between the processes; a repeat reaches the other one.
      const client = clientId();
      const first = [verdict('b-shared', 'case-1', 'r-ana', null)];
      expect((await a('POST', '/v1/events', { token: ana, body: { clientId: client, seq: 1, events: first } })).body.accepted).toBe(1);
      expect((await b('POST', '/v1/events', { token: ana, body: { clientId: client, seq: 1, events: first } })).body.repeat).toBe(true);
      expect((await b('POST', '/v1/events', { token: ana, body: { clientId: client, seq: 2, events: [verdict('b-shared', 'case-2', 'r-ana', null)] } })).body.accepted).toBe(1);

      // Many clients at once, through both processes, each push sent twice concurrently.
      const pushes = Array.from({ length: 20 }, (_, i) => {
        const reviewer = i % 2 === 0 ? { id: 'r-ana', token: ana } : { id: 'r-ben', token: ben };
        const events = Array.from({ length: 5 }, (_, j) => verdict('b-shared', `case-${((i * 5 + j) % 40) + 1}`, reviewer.id, j % 2 ? 'R91.8' : null));
        return { token: reviewer.token, body: { clientId: clientId(), seq: 1, events } };
      });
      const answers = await Promise.all(pushes.flatMap((p) => [a('POST', '/v1/events', p), b('POST', '/v1/events', p)]));
      for (const res of answers) expect(res.status).toBe(200);
      for (let i = 0; i < pushes.length; i++) {
        const pair = [answers[2 * i]!.body, answers[2 * i + 1]!.body];
        expect(pair.map((r) => r.repeat).sort()).toEqual([false, true]);
        expect(pair[0].accepted).toBe(5);
      }
      const expected = 2 + pushes.length * 5;
      const [{ n }] = (await stores[0]!.query<{ n: string }>('SELECT count(*) AS n FROM events')) as [{ n: string }];
      expect(Number(n)).toBe(expected);

      // Pulling in pages alternately from both gives every change once, in one order.
      const got: Change[] = [];
      let cursor: string | undefined;
      for (let page = 0; ; page++) {
        const call = page % 2 ? a : b;
        const res = await call('GET', `/v1/changes?limit=9${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        got.push(...res.body.changes);
        cursor = res.body.cursor;
        if (!res.body.hasMore) break;
      }
      const eventIds = got.flatMap((c) => (c.kind === 'event' ? [c.event.id] : []));
      expect(eventIds).toHaveLength(expected);
      expect(new Set(eventIds).size).toBe(expected);
      await Promise.all(apps.map((app) => app.close()));
    }, 60_000);
  });
}
