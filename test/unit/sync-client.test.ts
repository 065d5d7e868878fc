// The sync client alone, against a scripted server: backoff, the status indicator, push numbering after
// a server was restored from a backup, and refusals that need a person. The real server under faults is
// test/server/sync-simulation.test.ts.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Batch, Item, StoredSchema, TaskSchema } from '../../shared/domain';
import { readResultFile } from '../../shared/batch-file';
import type { ServerRequest, ServerResponse, ServerTransport } from '../../shared/sync';
import { resultFileFor } from '../../renderer/export/export-results';
import { linkBatch, storeBatch, storeResultFile, type LoupeDatabase } from '../../renderer/storage';
import { PUSH_EVENTS, SyncEngine, backoffDelay, loadSyncState, type RoundOutcome, type SyncStatus } from '../../renderer/sync';
import { PUSH_BYTES } from '../../renderer/sync/push';
import { commitVerdict, databasesPerTest } from './storage-harness';

const { database } = databasesPerTest('sync-client');

const SERVER = 'https://sync.example.org';
const schema: TaskSchema = { name: 'mt', fields: [{ name: 'text', kind: 'longtext' }], context: [{ name: 'source', kind: 'longtext' }], reasonCodes: [], requireReasonOnOverride: false };
const stored: StoredSchema = { id: 'schema-1', schema, createdAt: '2026-11-25T00:00:00Z' };
const ana = { id: 'r-ana', name: 'Ana' };
const ME = { tokenId: 'tok_1', role: 'reviewer', reviewerId: ana.id, name: ana.name };

/** A batch on this machine that syncs through the server, as Ana's (or, linked as a coordinator, everyone's). */
async function syncedBatch(db: LoupeDatabase, role: 'reviewer' | 'coordinator' | null = 'reviewer'): Promise<void> {
  const items = Array.from({ length: 4 }, (_, seq): Item => ({ batchId: 'b1', id: `item-${seq}`, seq, context: { source: `source ${seq}` }, output: { text: `output ${seq}` } }));
  const batch: Batch = { id: 'b1', name: 'demo', schemaId: stored.id, createdAt: '2026-11-25T00:00:00Z', itemCount: 4, source: { format: 'jsonl', fileName: 'demo.jsonl', sha256: 'sha' }, revision: 1 };
  await storeBatch(db, { batch, schema: stored, items });
  if (role === 'reviewer') await linkBatch(db, { batchId: 'b1', server: SERVER, role, reviewer: ana, revision: 1 });
  if (role === 'coordinator') await linkBatch(db, { batchId: 'b1', server: SERVER, role, reviewer: { id: 'coordinator', name: 'Coordinator' }, revision: 1 });
}

const verdict = (db: LoupeDatabase, itemId: string, text?: string) => commitVerdict(db, { batchId: 'b1', schema, reviewer: ana, deviceId: 'laptop', timeSpentMs: 1000 }, itemId, 'confirm', text);

const answer = (status: number, body: unknown): ServerResponse => ({ kind: 'answer', status, body });

/**
 * A server that keeps pushes at most once, as the real one does (docs/sync-protocol.md), and whose answers
 * a test can replace: `script` answers first when it returns something.
 */
function scriptedServer() {
  const server = {
    requests: [] as ServerRequest[],
    /** Pushes taken, in order: their number and event ids. */
    taken: [] as { seq: number; ids: string[] }[],
    lastSeq: 0,
    script: null as ((request: ServerRequest) => ServerResponse | Promise<ServerResponse> | null) | null,
    transport: null as unknown as ServerTransport,
  };
  server.transport = async (request) => {
    server.requests.push(request);
    const scripted = await server.script?.(request);
    if (scripted) return scripted;
    if (request.path === '/v1/me') return answer(200, ME);
    if (request.path === '/v1/changes') return answer(200, { changes: [], cursor: 'djE6MA', hasMore: false });
    if (request.path === '/v1/events') {
      const push = request.body as { seq: number; events: { id: string }[] };
      const ids = push.events.map((e) => e.id);
      const ack = { seq: push.seq, accepted: ids.length, duplicates: 0, clashes: [], receivedAt: '2026-11-26T10:00:00.000Z' };
      const before = server.taken.find((t) => t.seq === push.seq);
      if (push.seq <= server.lastSeq) {
        if (before && before.ids.join() === ids.join()) return answer(200, { ...ack, repeat: true });
        return answer(409, { error: 'conflict', message: `push ${push.seq} was already taken with other events; number new pushes from ${server.lastSeq + 1}`, expectedSeq: server.lastSeq + 1 });
      }
      if (push.seq !== server.lastSeq + 1) {
        return answer(409, { error: 'conflict', message: `push ${push.seq} came before push ${server.lastSeq + 1}`, expectedSeq: server.lastSeq + 1 });
      }
      server.lastSeq = push.seq;
      server.taken.push({ seq: push.seq, ids });
      return answer(200, { ...ack, repeat: false });
    }
    return answer(404, { error: 'not-found', message: `no route ${request.method} ${request.path}` });
  };
  return server;
}

/** Timers that fire only when the test moves the clock. */
function virtualClock() {
  let now = 0;
  let ids = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    setTimer: (run: () => void, ms: number): unknown => {
      timers.set(++ids, { at: now + ms, run });
      return ids;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    /** The times (from now) at which timers are set. */
    pending: () => [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b),
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= until).sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = until;
    },
  };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An engine on a virtual clock, with every status it showed and a way to wait until no round runs. */
function engineFor(db: LoupeDatabase, transport: ServerTransport, options: { url?: () => string | null; online?: () => boolean; random?: () => number } = {}) {
  const clock = virtualClock();
  const statuses: SyncStatus[] = [];
  const rounds: RoundOutcome[] = [];
  let begun = 0;
  /** Rounds that found no server set: they end without a report. */
  let off = 0;
  const engine = new SyncEngine({
    db,
    transport,
    serverUrl: async () => {
      begun += 1;
      const url = options.url ? options.url() : SERVER;
      if (url === null) off += 1;
      return url;
    },
    isOnline: options.online ?? (() => true),
    random: options.random ?? (() => 0.5),
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    baseDelayMs: 1_000,
    maxDelayMs: 60_000,
    intervalMs: 30_000,
    debounceMs: 500,
    onRound: (r) => rounds.push(r),
  });
  engine.subscribe((s) => statuses.push(s));
  /** Resolves once no round is under way and the indicator shows the outbox as stored. */
  const settled = async () => {
    for (let i = 0; i < 5_000; i++) {
      await turn();
      if (begun !== rounds.length + off || engine.status.pending !== (await db.outbox.count())) continue;
      await turn();
      await turn();
      if (begun === rounds.length + off) return;
    }
    throw new Error('the engine never settled');
  };
  return { engine, clock, statuses, rounds, settled };
}

describe('backoff', () => {
  it('doubles from the base up to the cap, with half of each wait random', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 100, max: 10_000 }), fc.integer({ min: 1, max: 1_000 }), (attempt, random, base, factor) => {
        const max = base * factor;
        const ceiling = Math.min(max, base * 2 ** attempt);
        const delay = backoffDelay(attempt, base, max, () => random);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(delay).toBeLessThanOrEqual(max);
        // Never sooner than half the base: a failing server is not hammered.
        expect(delay).toBeGreaterThanOrEqual(base / 2);
      }),
    );
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, 2_000, 300_000, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000, 150_000]);
    expect(backoffDelay(40, 2_000, 300_000, () => 0.999_999)).toBeCloseTo(300_000, 0);
  });

  it('spreads clients cut off together: different jitter, different waits', () => {
    const waits = [0, 0.25, 0.5, 0.75].map((r) => backoffDelay(3, 2_000, 300_000, () => r));
    expect(new Set(waits).size).toBe(4);
  });
});

describe('the outbox', () => {
  /** Ana's results so far, as the coordinator reads them from her file. */
  async function collected(from: LoupeDatabase) {
    const file = await resultFileFor(from, 'b1', ana);
    const read = await readResultFile(file.data as Uint8Array, { trustedKeys: [], fileName: file.suggestedName });
    if (!read.ok) throw new Error(read.error.message);
    return read;
  }

  it("holds the reviewer's verdicts, and on the coordinator's desk the results collected by file, each once", async () => {
    const laptop = database();
    await syncedBatch(laptop);
    await verdict(laptop, 'item-0');
    await verdict(laptop, 'item-1', 'corrected');
    expect(await laptop.outbox.count()).toBe(2);

    // Collected before the batch was published from this desk: nothing is owed to a server yet…
    const desk = database();
    await syncedBatch(desk, null);
    expect(await storeResultFile(desk, await collected(laptop), 'ana.loupe-result')).toMatchObject({ ok: true, added: 2 });
    expect(await desk.outbox.count()).toBe(0);
    // …publishing it owes them; the same file again owes nothing more; newer results owe what is new.
    await linkBatch(desk, { batchId: 'b1', server: SERVER, role: 'coordinator', reviewer: { id: 'coordinator', name: 'Coordinator' }, revision: 1 });
    expect(await desk.outbox.count()).toBe(2);
    await storeResultFile(desk, await collected(laptop), 'ana.loupe-result');
    expect(await desk.outbox.count()).toBe(2);
    await verdict(laptop, 'item-2');
    await storeResultFile(desk, await collected(laptop), 'ana.loupe-result');
    expect(await desk.outbox.count()).toBe(3);
    const owed = await desk.outbox.toArray();
    expect(new Set(owed.map((o) => o.eventId)).size).toBe(3);
  });
});

describe('the status indicator', () => {
  it('goes off → offline → syncing → up to date → failing → up to date, always with the pending count', async () => {
    const db = database();
    await syncedBatch(db);
    await verdict(db, 'item-0');
    const server = scriptedServer();
    let url: string | null = null;
    let network = true;
    const transport: ServerTransport = (r) => (network ? server.transport(r) : Promise.resolve({ kind: 'unreachable', message: 'no route to host' }));
    const { engine, clock, statuses, settled } = engineFor(db, transport, { url: () => url, online: () => network });

    // No server set: off, and the verdict waits.
    engine.start();
    await settled();
    expect(engine.status).toEqual({ state: 'off', pending: 1 });
    expect(server.requests).toEqual([]);

    // A server set, but the machine is offline.
    url = SERVER;
    network = false;
    await engine.syncNow();
    expect(engine.status).toMatchObject({ state: 'offline', pending: 1, retryAt: expect.any(Number) });

    // Back online: the verdict is pushed, the indicator says so on the way.
    network = true;
    const from = statuses.length;
    engine.online();
    await settled();
    expect(statuses.slice(from)).toContainEqual({ state: 'syncing', pending: 1, phase: 'pushing', done: 0, total: 1 });
    expect(engine.status).toMatchObject({ state: 'up-to-date', pending: 0 });
    expect(server.taken).toHaveLength(1);

    // The server fails: failing, why, when the next try is, and what waits.
    server.script = (r) => (r.path === '/v1/events' ? answer(503, { error: 'unavailable', message: 'the database is restarting' }) : null);
    await verdict(db, 'item-1');
    await settled();
    clock.advance(500); // the verdict's debounce
    await settled();
    expect(engine.status).toMatchObject({ state: 'failing', pending: 1, message: 'The server failed (503): the database is restarting.', retryAt: expect.any(Number) });

    // It recovers; the engine tries again by itself after its backoff.
    server.script = null;
    clock.advance(1_000);
    await settled();
    expect(engine.status).toMatchObject({ state: 'up-to-date', pending: 0 });
    expect(server.taken).toHaveLength(2);
    engine.stop();
  });

  it('a change stored while a round is pulling is pushed at once, not left waiting under "up to date"', async () => {
    const db = database();
    await syncedBatch(db);
    const server = scriptedServer();
    let during: Promise<unknown> | null = null;
    server.script = (r) => {
      // The reviewer commits a verdict while this round pulls, after its push.
      if (r.path === '/v1/changes' && !during) during = verdict(db, 'item-2');
      return null;
    };
    const { engine, statuses, settled } = engineFor(db, server.transport);
    engine.start();
    await settled();
    await during;
    await settled();
    expect(await db.outbox.count()).toBe(0);
    expect(server.taken).toHaveLength(1);
    expect(statuses.filter((s) => s.state === 'up-to-date' && s.pending > 0)).toEqual([]);
    expect(engine.status).toMatchObject({ state: 'up-to-date', pending: 0 });
    engine.stop();
  });
});

describe('push numbering', () => {
  it('a push whose answer was lost goes again with the same number and events, and counts once', async () => {
    const db = database();
    await syncedBatch(db);
    await verdict(db, 'item-0');
    const server = scriptedServer();
    let lose = true;
    const transport: ServerTransport = async (r) => {
      const a = await server.transport(r);
      if (r.path === '/v1/events' && lose) {
        lose = false;
        return { kind: 'timeout' };
      }
      return a;
    };
    const { engine } = engineFor(db, transport);
    expect(await engine.syncNow()).toMatchObject({ ok: false, problem: { kind: 'timeout' } });
    expect(await db.outbox.count()).toBe(1);
    expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: 1 });
    const pushes = server.requests.filter((r) => r.path === '/v1/events').map((r) => r.body as { seq: number; events: { id: string }[] });
    expect(pushes.map((p) => p.seq)).toEqual([1, 1]);
    expect(pushes[1]!.events.map((e) => e.id)).toEqual(pushes[0]!.events.map((e) => e.id));
    expect(server.taken).toHaveLength(1);
    expect(await db.outbox.count()).toBe(0);
    expect((await loadSyncState(db, SERVER)).nextSeq).toBe(2);
  });

  it('after the server was restored from an older backup, pushes go on under the number it expects (409 expectedSeq)', async () => {
    const db = database();
    await syncedBatch(db);
    const server = scriptedServer();
    const { engine } = engineFor(db, server.transport);
    for (const item of ['item-0', 'item-1', 'item-2']) {
      await verdict(db, item);
      expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: 1 });
    }
    // The backup had pushes 1 and 2 of this client, not 3.
    server.lastSeq = 2;
    server.taken.splice(2);
    await verdict(db, 'item-3');
    expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: 1 });
    const pushes = server.requests.filter((r) => r.path === '/v1/events').map((r) => r.body as { seq: number; events: { id: string }[] });
    expect(pushes.map((p) => p.seq)).toEqual([1, 2, 3, 4, 3]);
    // The refused push went again, whole, under the number the server asked for.
    expect(pushes[4]!.events).toEqual(pushes[3]!.events);
    expect(server.taken.map((t) => t.seq)).toEqual([1, 2, 3]);
    expect(await db.outbox.count()).toBe(0);
    expect((await loadSyncState(db, SERVER)).nextSeq).toBe(4);
  });

  it("after this machine's store was restored from a backup, a reused number is renumbered past the server's", async () => {
    const db = database();
    await syncedBatch(db);
    const server = scriptedServer();
    // Pushes 1 to 4 of this client id reached the server before the machine was restored.
    const state = await loadSyncState(db, SERVER);
    await db.kv.put({ key: 'sync.state', value: { ...state, nextSeq: 2 } });
    server.lastSeq = 4;
    server.taken.push(...[1, 2, 3, 4].map((seq) => ({ seq, ids: [`old-${seq}`] })));
    await verdict(db, 'item-0');
    const { engine } = engineFor(db, server.transport);
    expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: 1 });
    const seqs = server.requests.filter((r) => r.path === '/v1/events').map((r) => (r.body as { seq: number }).seq);
    expect(seqs).toEqual([2, 5]);
    expect((await loadSyncState(db, SERVER)).nextSeq).toBe(6);
  });
});

describe('refusals that need a person', () => {
  const cases = [
    {
      status: 401,
      body: { error: 'unauthorized', message: 'this token is not valid (mistyped, or revoked); ask the coordinator for a new one' },
      says: 'The server does not accept your token: this token is not valid (mistyped, or revoked); ask the coordinator for a new one.',
    },
    {
      status: 426,
      body: { error: 'protocol', message: 'this Loupe is too old for the server: it speaks sync protocol 1, the server 2 — update Loupe; nothing was changed', supported: { min: 2, max: 2 } },
      says: 'This Loupe is too old for the server: it speaks sync protocol 1, the server 2 — update Loupe; nothing was changed.',
    },
  ];
  for (const c of cases) {
    it(`${c.status}: failing with the server's words, and not tried again until the reviewer asks`, async () => {
      const db = database();
      await syncedBatch(db);
      await verdict(db, 'item-0');
      const server = scriptedServer();
      server.script = () => answer(c.status, c.body);
      const { engine, clock, settled } = engineFor(db, server.transport);
      engine.start();
      await settled();
      expect(engine.status).toEqual({ state: 'failing', pending: 1, message: c.says, retryAt: null });
      expect(server.requests).toHaveLength(1);

      // An hour passes and the reviewer goes on working: nothing is sent, the indicator stays as it was.
      for (let minute = 0; minute < 60; minute++) {
        clock.advance(60_000);
        if (minute % 20 === 0) await verdict(db, `item-${1 + minute / 20}`);
        await settled();
      }
      expect(server.requests).toHaveLength(1);
      expect(engine.status).toEqual({ state: 'failing', pending: 4, message: c.says, retryAt: null });

      // The token is replaced (or Loupe updated) and the reviewer presses Sync.
      server.script = null;
      expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: 4 });
      await settled();
      expect(engine.status).toMatchObject({ state: 'up-to-date', pending: 0 });
      engine.stop();
    });
  }
});

describe('what a refusal or a batch file must not stop', () => {
  it('a push the server refuses (403) still lets this machine receive, and says why', async () => {
    const db = database();
    await syncedBatch(db);
    await verdict(db, 'item-0');
    const server = scriptedServer();
    const batchChange = { kind: 'batch', batchId: 'b2', revision: 1, at: '2026-11-26T10:00:00.000Z' };
    server.script = (request) => {
      if (request.path === '/v1/events') return answer(403, { error: 'forbidden', message: 'event e1 is about item "item-0" of batch "b1", which is not assigned to you; nothing of this push was taken' });
      if (request.path === '/v1/changes') return answer(200, { changes: [batchChange], cursor: 'djE6MQ', hasMore: false });
      if (request.path === '/v1/batches/b2') {
        return answer(200, { batch: { id: 'b2', name: 'second', schemaId: 'x', createdAt: '2026-11-26T00:00:00Z', itemCount: 1, source: { format: 'jsonl', fileName: 'b2.jsonl', sha256: 'x' }, revision: 1 }, schema, reviewers: [{ id: ana.id, name: ana.name, itemCount: 1 }], publishedAt: '2026-11-26T10:00:00.000Z' });
      }
      if (request.path === '/v1/batches/b2/items') return answer(200, { items: [{ id: 'n-1', seq: 0, context: { source: 'new source' }, output: { text: 'new output' } }], hasMore: false });
      return null;
    };
    const { engine, settled } = engineFor(db, server.transport);
    const round = await engine.syncNow();
    await settled();
    expect(round).toMatchObject({ ok: false, problem: { kind: 'refused' } });
    expect(engine.status).toMatchObject({ state: 'failing', pending: 1, message: expect.stringMatching(/not assigned to you/) });
    // The new batch arrived all the same, and the refused verdict is still here, owed.
    expect((await db.items.where('batchId').equals('b2').toArray()).map((i) => i.id)).toEqual(['n-1']);
    expect(await db.outbox.count()).toBe(1);
  });

  it('a batch already here from its .loupe file, same revision, is linked as it is and its work from then on syncs', async () => {
    const db = database();
    await syncedBatch(db, null);
    const server = scriptedServer();
    server.script = (request) => {
      if (request.path === '/v1/changes') return answer(200, { changes: [{ kind: 'batch', batchId: 'b1', revision: 1, at: '2026-11-26T10:00:00.000Z' }], cursor: 'djE6MQ', hasMore: false });
      if (request.path === '/v1/batches/b1') {
        return answer(200, { batch: { id: 'b1', name: 'demo', schemaId: 'x', createdAt: '2026-11-25T00:00:00Z', itemCount: 4, source: { format: 'jsonl', fileName: 'demo.jsonl', sha256: 'x' }, revision: 1 }, schema, reviewers: [{ id: ana.id, name: ana.name, itemCount: 4 }], publishedAt: '2026-11-26T10:00:00.000Z' });
      }
      if (request.path === '/v1/batches/b1/items') return answer(200, { items: [0, 1, 2, 3].map((seq) => ({ id: `item-${seq}`, seq, context: { source: `source ${seq}` }, output: { text: `output ${seq}` } })), hasMore: false });
      return null;
    };
    const { engine, settled } = engineFor(db, server.transport);
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    expect(await db.syncBatches.get('b1')).toMatchObject({ role: 'reviewer', reviewer: ana, revision: 1 });
    await verdict(db, 'item-2');
    expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: 1 });
    await settled();
    expect(server.taken.flatMap((t) => t.ids)).toHaveLength(1);
  });
});

describe('push size', () => {
  it('splits long corrections into pushes the server takes (at most PUSH_BYTES of events each), and sends each once', async () => {
    const db = database();
    await syncedBatch(db);
    const long = (n: number) => `${n} `.repeat(Math.floor((0.8 * 1024 * 1024) / 2));
    for (const n of [0, 1, 2]) await verdict(db, `item-${n}`, long(n));
    const server = scriptedServer();
    const { engine, settled } = engineFor(db, server.transport);
    expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: 3 });
    await settled();
    const pushes = server.requests.filter((r) => r.path === '/v1/events').map((r) => r.body as { events: unknown[] });
    expect(pushes.map((p) => p.events.length)).toEqual([2, 1]);
    for (const p of pushes) expect(JSON.stringify(p.events).length).toBeLessThanOrEqual(PUSH_BYTES);
    expect(PUSH_EVENTS).toBe(1000);
  });
});
