// The client's push (issue 4): 10,000 events a reviewer gave offline, sent by the app's own sync code
// (renderer/sync pushOutbox over its Dexie outbox, fake-indexeddb in Node) to a real `loupe server`,
// against POSTing the very same bodies raw to the same kind of server, fresh, in the same run.
import 'fake-indexeddb/auto';
import type { Item } from '../shared/domain';
import { fetchServer, IssuedToken, type ServerTransport } from '../shared/sync';
import { LoupeDatabase, type StoredEvent } from '../renderer/storage';
// File by file: the sync index also exports React components, which this Node run has no use for.
import { ServerApi } from '../renderer/sync/client';
import { pushOutbox } from '../renderer/sync/push';
import { BATCH, call, event, publishBody, type TranslationLines } from './server';
import { pgliteServer, type BenchServer } from './server-process';

export interface ClientPushFigures {
  events: number;
  pushes: number;
  bytes: number;
  /** Best round of the app's push, outbox to acknowledged. */
  clientMs: number;
  /** Best round of POSTing the same bodies, one after another, to a fresh server. */
  rawMs: number;
  clientRoundsMs: number[];
  rawRoundsMs: number[];
}

const REVIEWER = 'r-push';

/** A server with the batch published and a reviewer's token. */
async function preparedServer(lines: TranslationLines, items: number): Promise<{ server: BenchServer; token: string }> {
  const server = await pgliteServer();
  await call(server, server.coordinator, 'POST', '/v1/batches', publishBody(lines, items, [REVIEWER]));
  const issued = IssuedToken.parse((await call(server, server.coordinator, 'POST', '/v1/tokens', JSON.stringify({ role: 'reviewer', reviewerId: REVIEWER, name: REVIEWER }))).body);
  return { server, token: issued.token };
}

/** A reviewer's database holding the batch, linked for sync, with `count` events waiting in the outbox. */
async function offlineWork(lines: TranslationLines, count: number, round: number): Promise<LoupeDatabase> {
  const db = new LoupeDatabase(`bench-push-${round}-${Date.now()}`);
  const n = lines.src.length;
  const items: Item[] = Array.from({ length: count }, (_, i) => ({ batchId: BATCH, id: `seg-${i + 1}`, seq: i, context: { source: lines.src[i % n]! }, output: { text: lines.mt[i % n]! } }));
  const events = Array.from({ length: count }, (_, i) => event(lines, i, REVIEWER, `round${round}`));
  await db.transaction('rw', [db.items, db.events, db.outbox, db.syncBatches], async () => {
    await db.items.bulkAdd(items);
    await db.syncBatches.put({ batchId: BATCH, server: 'bench', role: 'reviewer', reviewer: { id: REVIEWER, name: REVIEWER }, revision: 1 });
    const seqs = await db.events.bulkAdd(events.map((e) => ({ ...e }) as StoredEvent), { allKeys: true });
    await db.outbox.bulkAdd(events.map((e, i) => ({ eventId: e.id, eventSeq: seqs[i]!, batchId: BATCH })));
  });
  return db;
}

export async function clientPushBenchmark(options: { lines: TranslationLines; events: number; rounds: number; log: (m: string) => void }): Promise<ClientPushFigures> {
  const { lines, events, rounds, log } = options;
  const clientRoundsMs: number[] = [];
  const rawRoundsMs: number[] = [];
  let bodies: string[] = [];
  for (let round = 0; round < rounds; round += 1) {
    log(`  client push, round ${round + 1} of ${rounds}: ${events.toLocaleString('en')} events from the outbox…`);
    const db = await offlineWork(lines, events, round);
    const first = await preparedServer(lines, events);
    const sent: string[] = [];
    try {
      const connection = { url: first.server.url, token: first.token, allowPlainHttp: false };
      const transport: ServerTransport = (request) => {
        if (request.method === 'POST') sent.push(JSON.stringify(request.body));
        return fetchServer(connection, request);
      };
      const t0 = performance.now();
      const pushed = await pushOutbox(db, new ServerApi(transport), first.server.url, () => undefined);
      clientRoundsMs.push(performance.now() - t0);
      if (pushed !== events || (await db.outbox.count()) !== 0) throw new Error(`the client pushed ${pushed} of ${events} events`);
    } finally {
      await first.server.stop();
      db.close();
      await db.delete();
    }
    bodies = sent;
    log(`  raw, round ${round + 1}: the same ${sent.length} bodies POSTed to a fresh server…`);
    const second = await preparedServer(lines, events);
    try {
      const t0 = performance.now();
      for (const body of sent) await call(second.server, second.token, 'POST', '/v1/events', body);
      rawRoundsMs.push(performance.now() - t0);
    } finally {
      await second.server.stop();
    }
  }
  return {
    events,
    pushes: bodies.length,
    bytes: bodies.reduce((sum, b) => sum + Buffer.byteLength(b), 0),
    clientMs: Math.min(...clientRoundsMs),
    rawMs: Math.min(...rawRoundsMs),
    clientRoundsMs,
    rawRoundsMs,
  };
}
