// The sync server's workloads (issue 4), against the real `loupe server` over real HTTP on 127.0.0.1:
// publishing a batch of 100,000 MLQE-PE items; several clients pushing 1,000 events at a time (events
// per second); a reviewer pulling the batch's items and a coordinator pulling every change, page by page
// (time and MB/s); and one client pushing 10,000 events in order against the raw baseline of the same
// bytes (bench/raw-post.ts). On PGlite always, on PostgreSQL when a database is named.
import type { ResultEvent } from '../shared/batch-file';
import { ChangesPage, ItemsPage, IssuedToken, MAX_PAGE, MAX_PUSH_EVENTS, PROTOCOL_HEADER, PROTOCOL_VERSION, PublishBatchResponse, PushResponse, type PublishBatchRequest } from '../shared/sync';
import { rawPostBaseline, type RawPostBaseline } from './raw-post';
import { pgliteServer, postgresServer, type BenchServer } from './server-process';

export interface TranslationLines {
  src: string[];
  mt: string[];
  pe: string[];
}

export interface ServerBenchOptions {
  lines: TranslationLines;
  /** Items in the published batch; the push workload gives each one event. */
  items: number;
  /** Clients pushing at once, each as a reviewer of its own. */
  clients: number;
  /** Events of the one client pushing in order, compared with the raw baseline. */
  sequentialEvents: number;
  rounds: number;
  /** A PostgreSQL URL whose role may CREATE DATABASE; null: PGlite only. */
  postgresUrl: string | null;
  log(message: string): void;
}

/** Requests that moved data one way, timed from the first sent to the last answer read (and parsed). */
export interface Transfer {
  requests: number;
  /** Body bytes sent (publishing) or received (pulling). */
  bytes: number;
  ms: number;
  /** Items or changes received, or items published. */
  count: number;
}

export interface PushFigures {
  clients: number;
  events: number;
  ms: number;
  /** Each push's time from sending to its answer. */
  pushMs: number[];
}

export interface StoreFigures {
  store: 'PGlite' | 'PostgreSQL';
  /** The database's own name and version. */
  database: string;
  publish: Transfer;
  push: PushFigures;
  pullItems: Transfer;
  pullChanges: Transfer;
  /** One client, its pushes in order; best of the rounds. */
  sequential: { events: number; pushes: number; bytes: number; ms: number; roundsMs: number[] };
}

export interface ServerBench {
  items: number;
  /** Mean bytes of one event as pushed. */
  eventBytes: number;
  stores: StoreFigures[];
  /** The raw baseline for the sequential pushes' bytes. */
  raw: RawPostBaseline;
}

export const BATCH = 'b-bench-server';
const HOUR = Date.UTC(2026, 10, 25, 9);

interface Answer {
  status: number;
  bytes: number;
  body: unknown;
}

export async function call(server: BenchServer, token: string, method: 'GET' | 'POST', path: string, body?: string): Promise<Answer> {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body }),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return { status: res.status, bytes: bytes.byteLength, body: JSON.parse(text) };
}

export function publishBody(lines: TranslationLines, count: number, reviewers: string[]): string {
  const n = lines.src.length;
  const request: PublishBatchRequest = {
    batch: {
      id: BATCH,
      name: 'Server benchmark',
      schemaId: 'bench-post-editing',
      createdAt: new Date(HOUR).toISOString(),
      itemCount: count,
      source: { format: 'jsonl', fileName: 'bench.jsonl', sha256: '0'.repeat(64) },
      revision: 1,
    },
    schema: { name: 'Post-editing', fields: [{ name: 'text', kind: 'longtext', label: 'Translation' }], context: [{ name: 'source', kind: 'longtext', label: 'Source' }] },
    reviewers: reviewers.map((id) => ({ id, name: id })),
    items: Array.from({ length: count }, (_, i) => ({ id: `seg-${i + 1}`, seq: i, context: { source: lines.src[i % n]! }, output: { text: lines.mt[i % n]! } })),
  };
  return JSON.stringify(request);
}

/** A reviewer's verdict on item `index`: the MLQE-PE post-edit as the correction, or an accept when it changed nothing. */
export function event(lines: TranslationLines, index: number, reviewer: string, tag: string): ResultEvent {
  const i = index % lines.mt.length;
  const mt = lines.mt[i]!;
  const pe = lines.pe[i]!;
  const corrected = mt !== pe;
  return {
    id: `ev-${tag}-${index}`,
    batchId: BATCH,
    itemId: `seg-${index + 1}`,
    reviewerId: reviewer,
    reviewerName: reviewer,
    deviceId: `device-${reviewer}`,
    at: new Date(HOUR + index * 1000).toISOString(),
    action: corrected ? 'correct' : 'accept',
    status: corrected ? 'corrected' : 'accepted',
    changes: corrected ? [{ field: 'text', old: mt, new: pe }] : [],
    timeSpentMs: 4000,
  };
}

/** A client's numbered pushes of MAX_PUSH_EVENTS events on items first, first+1, …, serialised beforehand. */
function pushBodies(lines: TranslationLines, reviewer: string, clientId: string, first: number, events: number): string[] {
  const bodies: string[] = [];
  for (let start = 0, seq = 1; start < events; start += MAX_PUSH_EVENTS, seq += 1) {
    const batch = Array.from({ length: Math.min(MAX_PUSH_EVENTS, events - start) }, (_, j) => event(lines, first + start + j, reviewer, clientId));
    bodies.push(JSON.stringify({ clientId, seq, events: batch }));
  }
  return bodies;
}

/** Sends one client's pushes in order; resolves to each push's time. */
async function pushAll(server: BenchServer, token: string, bodies: readonly string[]): Promise<number[]> {
  const times: number[] = [];
  for (const body of bodies) {
    const t0 = performance.now();
    const answer = await call(server, token, 'POST', '/v1/events', body);
    times.push(performance.now() - t0);
    const push = PushResponse.parse(answer.body);
    if (push.repeat || push.accepted !== (JSON.parse(body) as { events: unknown[] }).events.length) throw new Error(`push ${push.seq} was not taken whole: ${JSON.stringify(push)}`);
  }
  return times;
}

async function pullItems(server: BenchServer, token: string): Promise<Transfer> {
  const t0 = performance.now();
  let bytes = (await call(server, token, 'GET', `/v1/batches/${BATCH}`)).bytes;
  let requests = 1;
  let count = 0;
  for (let after = -1; ; ) {
    const answer = await call(server, token, 'GET', `/v1/batches/${BATCH}/items?after=${after}&limit=${MAX_PAGE}`);
    const page = ItemsPage.parse(answer.body);
    requests += 1;
    bytes += answer.bytes;
    count += page.items.length;
    if (!page.hasMore || page.items.length === 0) break;
    after = page.items.at(-1)!.seq;
  }
  return { requests, bytes, ms: performance.now() - t0, count };
}

async function pullChanges(server: BenchServer, token: string): Promise<Transfer> {
  const t0 = performance.now();
  let bytes = 0;
  let requests = 0;
  let count = 0;
  for (let cursor: string | null = null; ; ) {
    const answer: Answer = await call(server, token, 'GET', `/v1/changes?limit=${MAX_PAGE}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
    const page = ChangesPage.parse(answer.body);
    requests += 1;
    bytes += answer.bytes;
    count += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { requests, bytes, ms: performance.now() - t0, count };
}

async function measureStore(store: StoreFigures['store'], server: BenchServer, options: ServerBenchOptions, sequentialBodies: (round: number) => string[]): Promise<StoreFigures> {
  const { lines, items, clients, log } = options;
  const reviewers = Array.from({ length: clients }, (_, k) => `r-${k + 1}`);
  const issue = async (reviewerId: string) => IssuedToken.parse((await call(server, server.coordinator, 'POST', '/v1/tokens', JSON.stringify({ reviewerId, name: reviewerId }))).body).token;
  const tokens = await Promise.all([...reviewers, 'r-seq'].map(issue));

  log(`  ${store}: publishing ${items.toLocaleString('en')} items…`);
  const body = publishBody(lines, items, [...reviewers, 'r-seq']);
  const t0 = performance.now();
  const published = PublishBatchResponse.parse((await call(server, server.coordinator, 'POST', '/v1/batches', body)).body);
  const publish: Transfer = { requests: 1, bytes: Buffer.byteLength(body), ms: performance.now() - t0, count: items };
  if (published.outcome !== 'created') throw new Error(`publishing answered ${published.outcome}`);

  // Every item gets one event: client k pushes a contiguous share, 1,000 events a push, all clients at once.
  const share = Math.ceil(items / clients);
  const bodies = reviewers.map((r, k) => pushBodies(lines, r, `bench-client-${k + 1}`, k * share, Math.min(share, items - k * share)));
  log(`  ${store}: ${clients} clients pushing ${items.toLocaleString('en')} events at once…`);
  const t1 = performance.now();
  const times = await Promise.all(bodies.map((b, k) => pushAll(server, tokens[k]!, b)));
  const push: PushFigures = { clients, events: items, ms: performance.now() - t1, pushMs: times.flat() };

  log(`  ${store}: pulling the batch as a reviewer, and every change as the coordinator…`);
  const pulledItems = await pullItems(server, tokens[0]!);
  if (pulledItems.count !== items) throw new Error(`the reviewer pulled ${pulledItems.count} items, not ${items}`);
  const pulledChanges = await pullChanges(server, server.coordinator);
  if (pulledChanges.count !== items + 1) throw new Error(`the coordinator pulled ${pulledChanges.count} changes, not ${items + 1}`);

  log(`  ${store}: one client pushing ${options.sequentialEvents.toLocaleString('en')} events in order, ${options.rounds} rounds…`);
  const roundsMs: number[] = [];
  let sequentialBytes = 0;
  for (let r = 0; r < options.rounds; r += 1) {
    const round = sequentialBodies(r);
    sequentialBytes = round.reduce((sum, b) => sum + Buffer.byteLength(b), 0);
    const t2 = performance.now();
    await pushAll(server, tokens[clients]!, round);
    roundsMs.push(performance.now() - t2);
  }
  const sequential = { events: options.sequentialEvents, pushes: sequentialBodies(0).length, bytes: sequentialBytes, ms: Math.min(...roundsMs), roundsMs };
  return { store, database: server.database, publish, push, pullItems: pulledItems, pullChanges: pulledChanges, sequential };
}

/** Runs every workload on PGlite and, when `postgresUrl` is given, on PostgreSQL; then the raw baseline. */
export async function serverBenchmark(options: ServerBenchOptions): Promise<ServerBench> {
  // Each round a new client with new event ids, of the same sizes: a push is taken once, a repeat is not work.
  const sequentialBodies = (round: number) => pushBodies(options.lines, 'r-seq', `bench-sequential-${round + 1}`, 0, options.sequentialEvents);
  const stores: StoreFigures[] = [];
  const targets: [StoreFigures['store'], () => Promise<BenchServer>][] = [['PGlite', pgliteServer]];
  if (options.postgresUrl) targets.push(['PostgreSQL', () => postgresServer(options.postgresUrl!)]);
  for (const [name, open] of targets) {
    const server = await open();
    try {
      stores.push(await measureStore(name, server, options, sequentialBodies));
    } finally {
      await server.stop();
    }
  }
  options.log(`  the raw baseline: the same ${options.sequentialEvents.toLocaleString('en')} events' bytes to a route that only reads them…`);
  const raw = await rawPostBaseline(sequentialBodies(0), { rounds: options.rounds });
  const sample = pushBodies(options.lines, 'r-1', 'bench-client-1', 0, MAX_PUSH_EVENTS)[0]!;
  return { items: options.items, eventBytes: Buffer.byteLength(sample) / MAX_PUSH_EVENTS, stores, raw };
}
