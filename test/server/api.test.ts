// The sync server over its HTTP API, on embedded PGlite always and on PostgreSQL when one is named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../server/http';
import { hashToken } from '../../server/auth';
import { THROTTLE } from '../../server/auth';
import { MAX_PAGE, type Change } from '../../shared/sync';
import { TARGETS, batchRequest, clientId, sayWhetherPostgresRuns, serverOn, verdict, type TestServer } from './harness';

sayWhetherPostgresRuns('test/server/api.test.ts');

for (const target of TARGETS) {
  describe(`sync server on ${target.name}`, () => {
    let s: TestServer & { firstCoordinator: string };
    let dispose: () => Promise<void>;
    let ana: string;
    let ben: string;
    let revoked: string;

    beforeAll(async () => {
      const opened = await target.open();
      dispose = opened.dispose;
      s = await serverOn(opened.store);
      const issue = async (reviewerId: string) => (await s.call('POST', '/v1/tokens', { body: { reviewerId, name: reviewerId } })).body.token as string;
      ana = await issue('r-ana');
      ben = await issue('r-ben');
      revoked = await issue('r-gone');
      const list = await s.call('GET', '/v1/tokens');
      const gone = list.body.tokens.find((t: { reviewerId: string }) => t.reviewerId === 'r-gone');
      expect((await s.call('DELETE', `/v1/tokens/${gone.id}`)).status).toBe(200);
      expect((await s.call('POST', '/v1/batches', { body: batchRequest('b-main') })).body.outcome).toBe('created');
      // Only Ana's: Ben must not see or change it.
      expect((await s.call('POST', '/v1/batches', { body: batchRequest('b-private', { reviewers: [{ id: 'r-ana', name: 'Ana' }] }) })).status).toBe(200);
    }, 60_000);

    afterAll(async () => {
      await s.app.close();
      await dispose();
    });

    it('answers /health and describes every route at /openapi.json', async () => {
      const health = await s.call('GET', '/health', { token: null, protocol: null });
      expect(health).toMatchObject({ status: 200, body: { ok: true, protocol: { min: 1, max: 1 } } });
      const doc = (await s.call('GET', '/openapi.json', { token: null, protocol: null })).body;
      expect(doc.openapi).toBe('3.1.0');
      for (const r of routes('test')) {
        const op = doc.paths[r.url.replace(/:(\w+)/gu, '{$1}')]?.[r.method.toLowerCase()];
        expect(op, `${r.method} ${r.url}`).toBeDefined();
        expect(Object.values(op.responses).length).toBeGreaterThan(0);
      }
      expect(doc.paths['/v1/events'].post.requestBody.content['application/json'].schema.properties.seq.type).toBe('integer');
    });

    it('made one coordinator credential at the first start, and only then', async () => {
      expect(s.firstCoordinator).toMatch(/^loupe_[A-Za-z0-9_-]{43}$/u);
      expect((await s.call('GET', '/v1/me')).body).toMatchObject({ role: 'coordinator', reviewerId: 'coordinator' });
      const again = await serverOn(s.store);
      expect(again.firstCoordinator).toBe('');
      await again.app.close();
    });

    it('keeps tokens hashed at rest, lists them without secrets, and revokes them', async () => {
      const rows = await s.store.query<{ hash: string }>('SELECT * FROM tokens');
      const text = JSON.stringify(rows);
      for (const token of [s.coordinator, ana, ben, revoked]) {
        expect(text).not.toContain(token);
        expect(rows.map((r) => r.hash)).toContain(hashToken(token));
      }
      const list = (await s.call('GET', '/v1/tokens')).body.tokens as { reviewerId: string; revokedAt: string | null }[];
      expect(JSON.stringify(list)).not.toContain('loupe_');
      expect(list.find((t) => t.reviewerId === 'r-gone')?.revokedAt).toEqual(expect.any(String));
      expect((await s.call('GET', '/v1/me', { token: revoked })).status).toBe(401);
      expect((await s.call('DELETE', '/v1/tokens/tok_nope')).status).toBe(404);
    });

    describe('authorization: every route with no token, a revoked token and another reviewer\'s token', () => {
      // One real request per route; the first test fails when a route is added without one here.
      const samples: Record<string, { url: string; body?: () => unknown }> = {
        'GET /v1/me': { url: '/v1/me' },
        'POST /v1/tokens': { url: '/v1/tokens', body: () => ({ reviewerId: 'r-x', name: 'X' }) },
        'GET /v1/tokens': { url: '/v1/tokens' },
        'DELETE /v1/tokens/:id': { url: '/v1/tokens/tok_whatever' },
        'POST /v1/batches': { url: '/v1/batches', body: () => batchRequest('b-sneaky') },
        'GET /v1/batches': { url: '/v1/batches' },
        'GET /v1/batches/:id': { url: '/v1/batches/b-private' },
        'GET /v1/batches/:id/items': { url: '/v1/batches/b-private/items' },
        'GET /v1/batches/:id/progress': { url: '/v1/batches/b-private/progress' },
        'GET /v1/batches/:id/conflicts': { url: '/v1/batches/b-private/conflicts' },
        'POST /v1/events': { url: '/v1/events', body: () => ({ clientId: clientId(), seq: 1, events: [verdict('b-private', 'case-1', 'r-ben', 'R91.8')] }) },
        'GET /v1/changes': { url: '/v1/changes' },
      };
      const guarded = routes('test').filter((r) => r.access !== 'public');
      // Bad tokens come from an address of their own per route, so that slowing them down (tested below)
      // does not answer these with 429.
      let address = 0;

      it('has a sample request for every guarded route', () => {
        expect(guarded.map((r) => `${r.method} ${r.url}`).sort()).toEqual(Object.keys(samples).sort());
      });

      for (const r of guarded) {
        const key = `${r.method} ${r.url}`;
        it(`${key}: 401 without a token and with a revoked one`, async () => {
          const sample = samples[key]!;
          const from = `198.51.100.${(address += 1)}`;
          for (const token of [null, revoked, 'loupe_not-a-token']) {
            const res = await s.call(r.method, sample.url, { token, body: sample.body?.(), from });
            expect(res.status, `${key} with ${token ?? 'no token'}`).toBe(401);
            expect(res.body.message).toMatch(/token/u);
          }
        });

        it(`${key}: another reviewer's token sees and changes nothing of Ana's`, async () => {
          const sample = samples[key]!;
          const res = await s.call(r.method, sample.url, { token: ben, body: sample.body?.() });
          if (r.access === 'coordinator') {
            expect(res.status).toBe(403);
            // Says what only a coordinator may do, in words, and whose token this is.
            expect(res.body.message).toMatch(/^only a coordinator may (issue|list|revoke|publish|see) [a-z' ]+; this token is reviewer r-ben's$/u);
          } else if (r.url.startsWith('/v1/batches/:id')) {
            expect(res.status).toBe(404);
          } else if (r.method === 'POST') {
            expect(res.status).toBe(403);
          } else {
            expect(res.status).toBe(200);
            expect(JSON.stringify(res.body)).not.toContain('b-private');
          }
        });
      }

      it("refuses a reviewer's push of another reviewer's events, or of an item not theirs, as a whole", async () => {
        const forged = await s.call('POST', '/v1/events', { token: ben, body: { clientId: clientId(), seq: 1, events: [verdict('b-main', 'case-1', 'r-ana', null)] } });
        expect(forged.status).toBe(403);
        const notTheirs = await s.call('POST', '/v1/events', {
          token: ben,
          body: { clientId: clientId(), seq: 1, events: [verdict('b-main', 'case-1', 'r-ben', null), verdict('b-main', 'case-3', 'r-ben', null)] },
        });
        expect(notTheirs.status).toBe(403);
        expect(notTheirs.body.message).toMatch(/case-3.*nothing of this push was taken/u);
        expect(await s.store.query("SELECT id FROM events WHERE reviewer_id = 'r-ben'")).toEqual([]);
      });

      it("gives a reviewer with a share only their items", async () => {
        const page = await s.call('GET', '/v1/batches/b-main/items', { token: ben });
        expect(page.body.items.map((i: { id: string }) => i.id)).toEqual(['case-1', 'case-2']);
        const all = await s.call('GET', '/v1/batches/b-main/items', { token: ana });
        expect(all.body.items).toHaveLength(4);
      });
    });

    describe('push takes effect at most once', () => {
      it('acknowledges the same push again without effect, and counts an event seen before once', async () => {
        const client = clientId();
        const events = [verdict('b-main', 'case-1', 'r-ana', null), verdict('b-main', 'case-2', 'r-ana', 'R91.8')];
        const first = await s.call('POST', '/v1/events', { token: ana, body: { clientId: client, seq: 1, events } });
        expect(first.body).toMatchObject({ seq: 1, repeat: false, accepted: 2, duplicates: 0, clashes: [] });
        const again = await s.call('POST', '/v1/events', { token: ana, body: { clientId: client, seq: 1, events } });
        expect(again.status).toBe(200);
        expect(again.body).toEqual({ ...first.body, repeat: true });
        // The same events in a new push (another device, or results that came by file): duplicates.
        const other = await s.call('POST', '/v1/events', { token: ana, body: { clientId: clientId(), seq: 1, events: [...events].reverse() } });
        expect(other.body).toMatchObject({ accepted: 0, duplicates: 2 });
        const rows = await s.store.query<{ n: number | string }>('SELECT count(*) AS n FROM events WHERE id = ANY($1)', [events.map((e) => e.id)]);
        expect(Number(rows[0]!.n)).toBe(2);
        const changes = await s.store.query<{ n: number | string }>("SELECT count(*) AS n FROM changes WHERE event_id = ANY($1)", [events.map((e) => e.id)]);
        expect(Number(changes[0]!.n)).toBe(2);
      });

      it('refuses a push out of order with the number it expects, and takes it once sent in order', async () => {
        const client = clientId();
        const e1 = verdict('b-main', 'case-3', 'r-ana', null);
        const e2 = verdict('b-main', 'case-4', 'r-ana', null);
        const early = await s.call('POST', '/v1/events', { token: ana, body: { clientId: client, seq: 2, events: [e2] } });
        expect(early.status).toBe(409);
        expect(early.body).toMatchObject({ error: 'conflict', expectedSeq: 1 });
        expect((await s.call('POST', '/v1/events', { token: ana, body: { clientId: client, seq: 1, events: [e1] } })).body.accepted).toBe(1);
        expect((await s.call('POST', '/v1/events', { token: ana, body: { clientId: client, seq: 2, events: [e2] } })).body.accepted).toBe(1);
        // Push 1 late, after push 2: acknowledged as the repeat it is.
        expect((await s.call('POST', '/v1/events', { token: ana, body: { clientId: client, seq: 1, events: [e1] } })).body.repeat).toBe(true);
      });

      it('refuses a push number reused for other events, and a client id of another reviewer', async () => {
        const client = clientId();
        await s.call('POST', '/v1/events', { token: ana, body: { clientId: client, seq: 1, events: [verdict('b-main', 'case-1', 'r-ana', 'Z00.0')] } });
        const reused = await s.call('POST', '/v1/events', { token: ana, body: { clientId: client, seq: 1, events: [verdict('b-main', 'case-2', 'r-ana', 'Z00.0')] } });
        expect(reused).toMatchObject({ status: 409, body: { expectedSeq: 2 } });
        const stolen = await s.call('POST', '/v1/events', { token: ben, body: { clientId: client, seq: 2, events: [verdict('b-main', 'case-1', 'r-ben', null)] } });
        expect(stolen.status).toBe(403);
      });

      it('keeps the first of two different events under one id and names the clash', async () => {
        const e = verdict('b-main', 'case-2', 'r-ana', 'Z00.0');
        await s.call('POST', '/v1/events', { token: ana, body: { clientId: clientId(), seq: 1, events: [e] } });
        const res = await s.call('POST', '/v1/events', { token: ana, body: { clientId: clientId(), seq: 1, events: [{ ...e, comment: { old: '', new: 'changed' } }] } });
        expect(res.body).toMatchObject({ accepted: 0, clashes: [e.id] });
        const [row] = await s.store.query<{ event: string }>('SELECT event FROM events WHERE id = $1', [e.id]);
        expect(JSON.parse(row!.event).comment).toBeUndefined();
      });
    });

    describe('pull by cursor', () => {
      it('pages through every change until none is left, in order, each once', async () => {
        await s.call('POST', '/v1/batches', { body: batchRequest('b-pull', { n: 30, reviewers: [{ id: 'r-cy', name: 'Cy' }] }) });
        const cy = (await s.call('POST', '/v1/tokens', { body: { reviewerId: 'r-cy', name: 'Cy' } })).body.token as string;
        const client = clientId();
        const pushed: string[] = [];
        for (let seq = 1; seq <= 5; seq++) {
          const events = Array.from({ length: 6 }, (_, i) => verdict('b-pull', `case-${(seq - 1) * 6 + i + 1}`, 'r-cy', null));
          pushed.push(...events.map((e) => e.id));
          expect((await s.call('POST', '/v1/events', { token: cy, body: { clientId: client, seq, events } })).body.accepted).toBe(6);
        }
        const got: Change[] = [];
        let cursor: string | undefined;
        let pages = 0;
        for (;;) {
          const res = await s.call('GET', `/v1/changes?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: cy });
          expect(res.status).toBe(200);
          got.push(...res.body.changes);
          cursor = res.body.cursor;
          pages += 1;
          if (!res.body.hasMore) break;
        }
        expect(pages).toBe(5); // 31 changes: the batch and 30 events
        expect(got[0]).toMatchObject({ kind: 'batch', batchId: 'b-pull', revision: 1 });
        expect(got.slice(1).map((c) => (c.kind === 'event' ? c.event.id : ''))).toEqual(pushed);
        for (const c of got.slice(1)) expect(c.kind === 'event' && c.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT/u);
        const after = await s.call('GET', `/v1/changes?cursor=${encodeURIComponent(cursor!)}`, { token: cy });
        expect(after.body).toEqual({ changes: [], cursor, hasMore: false });
        // A reviewer sees no one else's events; the coordinator sees them all.
        const anaView = await s.call('GET', `/v1/changes?limit=${MAX_PAGE}`, { token: ana });
        expect(JSON.stringify(anaView.body)).not.toContain('r-cy');
        expect(JSON.stringify(anaView.body)).not.toContain('"r-ben"');
      });

      it('refuses a cursor it did not make, and a limit out of range', async () => {
        expect((await s.call('GET', '/v1/changes?cursor=bm9wZQ')).body.message).toMatch(/cursor was not made by this server/u);
        expect((await s.call('GET', `/v1/changes?limit=${MAX_PAGE + 1}`)).status).toBe(400);
      });
    });

    it('answers a client too old, too new, or silent about its protocol with 426 and changes nothing', async () => {
      const body = { clientId: clientId(), seq: 1, events: [verdict('b-main', 'case-4', 'r-ana', 'Z00.0')] };
      for (const [protocol, words] of [['0', /too old/u], ['2', /newer than the server/u], [null, /did not say/u], ['x', /did not say/u]] as const) {
        const res = await s.call('POST', '/v1/events', { token: ana, body, protocol });
        expect(res.status, String(protocol)).toBe(426);
        expect(res.body).toMatchObject({ error: 'protocol', supported: { min: 1, max: 1 } });
        expect(res.body.message).toMatch(words);
      }
      expect(await s.store.query('SELECT id FROM events WHERE id = $1', [body.events[0]!.id])).toEqual([]);
    });

    it('answers bodies too large, not JSON or not valid with a message a person can act on', async () => {
      const huge = { clientId: clientId(), seq: 1, events: [{ ...verdict('b-main', 'case-1', 'r-ana', null), comment: { old: '', new: 'x'.repeat(5 * 1024 * 1024) } }] };
      const tooLarge = await s.call('POST', '/v1/events', { token: ana, body: huge });
      expect(tooLarge).toMatchObject({ status: 413, body: { error: 'too-large' } });
      const notJson = await s.call('POST', '/v1/events', { token: ana, body: '{"clientId":', headers: { 'content-type': 'application/json' } });
      expect(notJson).toMatchObject({ status: 400, body: { error: 'invalid' } });
      expect(notJson.body.message).toMatch(/not valid JSON/u);
      const invalid = await s.call('POST', '/v1/events', { token: ana, body: { clientId: 'x', seq: 0, events: [] } });
      expect(invalid.status).toBe(400);
      expect(invalid.body.message).toMatch(/^the body at clientId: a client id is 8 to 100/u);
      expect(invalid.body.issues.map((i: { path: string }) => i.path)).toEqual(['clientId', 'seq', 'events']);
      const badEvent = await s.call('POST', '/v1/events', { token: ana, body: { clientId: clientId(), seq: 1, events: [{ ...verdict('b-main', 'case-1', 'r-ana', null), status: 'maybe' }] } });
      expect(badEvent.body.message).toMatch(/events\.0\.status/u);
      expect((await s.call('GET', '/v1/nowhere')).status).toBe(404);
    });

    describe('batches, progress and conflicts', () => {
      it('publishes a batch once, refuses other content under the same revision, takes a newer one', async () => {
        const req = batchRequest('b-rev');
        expect((await s.call('POST', '/v1/batches', { body: req })).body.outcome).toBe('created');
        expect((await s.call('POST', '/v1/batches', { body: req })).body.outcome).toBe('unchanged');
        const changed = { ...req, items: req.items.slice(0, 3) };
        expect((await s.call('POST', '/v1/batches', { body: changed })).status).toBe(409);
        const rev2 = { ...changed, batch: { ...changed.batch, revision: 2 }, reviewers: [{ id: 'r-ana', name: 'Ana' }] };
        expect((await s.call('POST', '/v1/batches', { body: rev2 })).body).toMatchObject({ outcome: 'updated', revision: 2 });
        const detail = await s.call('GET', '/v1/batches/b-rev', { token: ana });
        expect(detail.body).toMatchObject({ batch: { revision: 2, itemCount: 3 }, schema: { name: 'Triage' } });
        expect((await s.call('GET', '/v1/batches/b-rev', { token: ben })).status).toBe(404);
        expect((await s.call('POST', '/v1/batches', { body: { ...req, reviewers: [{ id: 'r-ana', name: 'A', itemIds: ['nope'] }] } })).body.message).toMatch(/nope/u);
      });

      it("shows the coordinator each reviewer's progress and keeps different verdicts whole as a conflict", async () => {
        await s.call('POST', '/v1/batches', { body: batchRequest('b-agree') });
        const push = (token: string, events: ReturnType<typeof verdict>[]) => s.call('POST', '/v1/events', { token, body: { clientId: clientId(), seq: 1, events } });
        await push(ana, [verdict('b-agree', 'case-1', 'r-ana', null), verdict('b-agree', 'case-2', 'r-ana', 'R91.8')]);
        await push(ben, [verdict('b-agree', 'case-1', 'r-ben', 'Z00.0'), verdict('b-agree', 'case-2', 'r-ben', 'R91.8')]);
        const progress = (await s.call('GET', '/v1/batches/b-agree/progress')).body;
        expect(progress.reviewers).toEqual([
          { reviewerId: 'r-ana', name: 'Ana', assigned: 4, counts: { pending: 2, accepted: 1, corrected: 1, rejected: 0, flagged: 0 } },
          { reviewerId: 'r-ben', name: 'Ben', assigned: 2, counts: { pending: 0, accepted: 0, corrected: 2, rejected: 0, flagged: 0 } },
        ]);
        const conflicts = (await s.call('GET', '/v1/batches/b-agree/conflicts')).body;
        expect(conflicts.conflicts).toHaveLength(1);
        expect(conflicts.conflicts[0]).toMatchObject({ itemId: 'case-1', pairs: [{ reviewers: ['r-ana', 'r-ben'], differs: ['status', 'values'], fields: ['code'] }] });
        expect(conflicts.conflicts[0].reviews.map((r: { reviewerId: string; status: string }) => `${r.reviewerId}:${r.status}`)).toEqual(['r-ana:accepted', 'r-ben:corrected']);
      });
    });

    it('slows down an address that keeps sending bad tokens, and only that address', async () => {
      const from = (ip: string) => s.app.inject({ method: 'GET', url: '/v1/me', remoteAddress: ip, headers: { authorization: 'Bearer loupe_guess', 'loupe-protocol': '1' } });
      for (let i = 0; i < THROTTLE.freeFailures; i++) expect((await from('203.0.113.9')).statusCode).toBe(401);
      expect((await from('203.0.113.9')).statusCode).toBe(401);
      const blocked = await from('203.0.113.9');
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.json().message).toMatch(/too many bad tokens/u);
      expect((await from('203.0.113.10')).statusCode).toBe(401);
    });
  });
}
