// Several Loupe clients syncing through a network that loses, repeats, reorders and delays requests, with
// the server failing and restarting under them (issue 4). The clients: a coordinator's desk, which publishes
// the batch, links it and collects results by file; Ana's laptop and Ben, reviewers with overlapping shares
// who receive the batch by pulling — each of these three runs a SyncEngine on a virtual clock; and Ana's
// phone, a second device on her token that calls pushOutbox and pullChanges itself. fast-check chooses who
// does what, and the faults each request meets. When the faults stop and every client has synced until
// nothing moves, the replicas must agree with the server and with each other: outboxes drained, every event
// on the server exactly once, every concurrent different verdict a conflict. Each run starts from an empty
// server (the data tables emptied, the tokens kept). Runs on PGlite always, and on PostgreSQL when
// LOUPE_TEST_POSTGRES_URL is set.
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createServer, prepareStore } from '../../server/http';
import { openPgliteStore, openPostgresStore, type Store } from '../../server/store';
import { readResultFile, type ItemLine, type ResultEvent } from '../../shared/batch-file';
import type { Batch, Item, ReviewStatus, TaskSchema } from '../../shared/domain';
import { canonicalJson } from '../../shared/import';
import { byTimeThenId, commit, draftFromReview, initialReview, replay, type Intent, type Review } from '../../shared/review';
import {
  BatchProgress,
  ConflictList,
  Me,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  PublishBatchResponse,
  requestUrl,
  type PublishBatchRequest,
  type ServerRequest,
  type ServerResponse,
  type ServerTransport,
} from '../../shared/sync';
import { resultFileFor } from '../../renderer/export/export-results';
import { LoupeDatabase, StaleReviewError, appendEvent, linkBatch, loadItemState, storeBatch, storeResultFile, type StoredEvent } from '../../renderer/storage';
import { ServerApi, SyncEngine, SyncProblem, loadSyncState, pullChanges, pushOutbox, type RoundOutcome } from '../../renderer/sync';
import { POSTGRES_URL, freshPostgresDatabase, sayWhetherPostgresRuns } from './harness';

sayWhetherPostgresRuns('test/server/sync-simulation.test.ts');

/** Runs per database; each is a fresh set of clients on an emptied server. */
const RUNS = 16;
/** What the clients call the server: the key their sync state is kept under. */
const SERVER = 'https://sync.example.org';
const BATCH = 'b-sim';
const CODES = ['J18.9', 'R91.8', 'Z00.0'] as const;
const SCHEMA: TaskSchema = {
  name: 'Triage',
  fields: [
    { name: 'code', kind: 'label', options: [...CODES] },
    { name: 'note', kind: 'text' },
  ],
  context: [{ name: 'history', kind: 'longtext' }],
  reasonCodes: [],
  requireReasonOnOverride: false,
};
const ANA = { id: 'r-ana', name: 'Ana' };
const BEN = { id: 'r-ben', name: 'Ben' };

// ---- the server, and where its data lives ------------------------------------------------------------

/** A database the server keeps its data in, opened again (same folder, same database) after a restart. */
interface Site {
  name: string;
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

function pgliteSite(): Site {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-sim-'));
  return { name: 'PGlite', open: () => openPgliteStore(dir), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgresSite(adminUrl: string): Promise<Site> {
  const db = await freshPostgresDatabase(adminUrl);
  return { name: 'PostgreSQL', open: () => openPostgresStore(db.url, { max: 4 }), dispose: () => db.drop() };
}

/** Tables a run writes; emptied between runs (tokens stay, so the clients' tokens stay valid). */
const DATA_TABLES = 'batches, batch_reviewers, batch_reviewer_items, items, events, clients, pushes, changes, auth_failures';

/** The real server (Fastify over the store, requests by inject), which can be restarted mid-run. */
class SimServer {
  store!: Store;
  private app!: FastifyInstance;
  private up = false;
  private readonly busy = new Set<Promise<unknown>>();
  restarts = 0;

  constructor(private readonly site: Site) {}

  /** Opens the store and serves it; the first coordinator's token on the very first start. */
  async start(): Promise<string | null> {
    this.store = await this.site.open();
    const prepared = await prepareStore(this.store);
    this.app = createServer({ store: this.store, logger: false, version: 'test' });
    await this.app.ready();
    this.up = true;
    return prepared.firstCoordinator?.token ?? null;
  }

  /** Stops taking requests, lets those under way finish, closes the app and the store. */
  async stop(): Promise<void> {
    this.up = false;
    await this.quiet();
    await this.app.close();
    await this.store.close();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
    this.restarts += 1;
  }

  /** The server's answer, as fetchServer would give it; null when the server is down. */
  deliver(token: string, request: ServerRequest): Promise<ServerResponse> | null {
    if (!this.up) return null;
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const answer = this.app
      .inject({
        method: request.method,
        url: requestUrl('', request),
        headers: {
          authorization: `Bearer ${token}`,
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { payload: body }),
      })
      .then((res): ServerResponse => {
        let parsed: unknown = null;
        try {
          parsed = res.body === '' ? null : JSON.parse(res.body);
        } catch {
          parsed = { error: 'invalid', message: `not JSON: ${res.body.slice(0, 80)}` };
        }
        return { kind: 'answer', status: res.statusCode, body: parsed };
      });
    this.busy.add(answer);
    const done = () => this.busy.delete(answer);
    answer.then(done, done);
    return answer;
  }

  /** Resolves when no request is under way. */
  async quiet(): Promise<void> {
    while (this.busy.size > 0) await Promise.allSettled([...this.busy]);
  }

  async emptyData(): Promise<void> {
    await this.store.exec(`TRUNCATE ${DATA_TABLES}`);
  }

  /** A request that bypasses the faulty network: for setting up and checking. */
  async call<T>(token: string, schema: { parse(v: unknown): T }, request: Omit<ServerRequest, 'timeoutMs'>): Promise<T> {
    const answer = await this.deliver(token, { ...request, timeoutMs: 10_000 });
    if (answer?.kind !== 'answer' || answer.status >= 300) throw new Error(`${request.method} ${request.path}: ${JSON.stringify(answer)}`);
    return schema.parse(answer.body);
  }
}

// ---- the network between clients and server -------------------------------------------------------

type Fault =
  | { kind: 'ok' }
  /** Lost before the server saw it: no route, connection refused. */
  | { kind: 'drop-before' }
  /** Never reached the server, and the client gave up waiting. */
  | { kind: 'timeout-before' }
  /** The server took it and committed; the answer was lost and the client gave up waiting. */
  | { kind: 'drop-after' }
  /** Delivered twice at once (a proxy's retry). */
  | { kind: 'duplicate' }
  /** Stuck in the network: the client gives up waiting; it reaches the server `after` requests later. */
  | { kind: 'late'; after: number }
  /** Answered, and an old copy of it reaches the server again `after` requests later. */
  | { kind: 'replay'; after: number }
  /** Held while `ticks` turns of the event loop let other work go first. */
  | { kind: 'delay'; ticks: number }
  /** A proxy's error; the server never saw the request. */
  | { kind: '5xx-before'; status: number }
  /** The server acted, then the answer became an error on its way back. */
  | { kind: '5xx-after'; status: number };

const OK: Fault = { kind: 'ok' };

/** One turn of a client's fault tape: a request that changes something meets the fault; a read only when `reads`. */
interface Turn {
  fault: Fault;
  reads: boolean;
}

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(OK) },
  { weight: 2, arbitrary: fc.constant<Fault>({ kind: 'drop-before' }) },
  { weight: 2, arbitrary: fc.constant<Fault>({ kind: 'timeout-before' }) },
  { weight: 2, arbitrary: fc.constant<Fault>({ kind: 'drop-after' }) },
  { weight: 2, arbitrary: fc.constant<Fault>({ kind: 'duplicate' }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 8 }).map((after): Fault => ({ kind: 'late', after })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 8 }).map((after): Fault => ({ kind: 'replay', after })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 30 }).map((ticks): Fault => ({ kind: 'delay', ticks })) },
  { weight: 1, arbitrary: fc.constantFrom(500, 502, 503).map((status): Fault => ({ kind: '5xx-before', status })) },
  { weight: 1, arbitrary: fc.constantFrom(500, 503).map((status): Fault => ({ kind: '5xx-after', status })) },
);

/** Three turns in ten reach reads too: reads fail less often, so that rounds get through now and then. */
const turnArb: fc.Arbitrary<Turn> = fc.record({ fault: faultArb, reads: fc.integer({ min: 0, max: 9 }).map((n) => n < 3) });

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What all links share: whether faults are on, and requests that will reach the server later. */
class Network {
  faults = true;
  private calls = 0;
  private late: { due: number; send: () => Promise<unknown> | null }[] = [];
  /** How often each fault was applied, over every run: the test checks it exercised them all. */
  static readonly tally = new Map<Fault['kind'], number>();

  later(after: number, send: () => Promise<unknown> | null): void {
    this.late.push({ due: this.calls + after, send });
  }

  /** Counts a request; old copies whose time has come reach the server first. */
  async beforeCall(): Promise<void> {
    this.calls += 1;
    const due = this.late.filter((l) => l.due <= this.calls);
    this.late = this.late.filter((l) => l.due > this.calls);
    for (const l of due) await l.send()?.catch(() => undefined);
  }

  /** Every copy still in the network reaches the server now. */
  async flush(): Promise<void> {
    while (this.late.length > 0) {
      const all = this.late.splice(0);
      for (const l of all) await l.send()?.catch(() => undefined);
    }
  }

  discard(): void {
    this.late = [];
  }
}

/** One client's connection: its token, the faults its requests meet in turn, and whether its machine is offline. */
class Link {
  offline = false;
  private next = 0;

  constructor(
    private readonly net: Network,
    private readonly server: SimServer,
    private readonly token: string,
    private readonly tape: readonly Turn[],
  ) {}

  readonly transport: ServerTransport = async (request) => {
    await this.net.beforeCall();
    if (this.offline) return { kind: 'unreachable', message: 'the network is down' };
    // The tape goes round: faults go on until the test stops them.
    const turn = this.net.faults && this.tape.length > 0 ? this.tape[this.next++ % this.tape.length]! : null;
    const fault = turn && (request.method !== 'GET' || turn.reads) ? turn.fault : OK;
    Network.tally.set(fault.kind, (Network.tally.get(fault.kind) ?? 0) + 1);
    const send = () => this.server.deliver(this.token, request);
    const answered = async (sent: Promise<ServerResponse> | null): Promise<ServerResponse> => {
      if (sent === null) return { kind: 'unreachable', message: 'connection refused (the server is restarting)' };
      try {
        return await sent;
      } catch (error) {
        return { kind: 'unreachable', message: String(error) };
      }
    };
    switch (fault.kind) {
      case 'ok':
        return answered(send());
      case 'drop-before':
        return { kind: 'unreachable', message: 'connection reset' };
      case 'timeout-before':
        return { kind: 'timeout' };
      case 'drop-after':
        await answered(send());
        return { kind: 'timeout' };
      case 'duplicate': {
        const [first] = await Promise.all([answered(send()), answered(send())]);
        return first;
      }
      case 'late':
        this.net.later(fault.after, send);
        return { kind: 'timeout' };
      case 'replay': {
        const answer = await answered(send());
        this.net.later(fault.after, send);
        return answer;
      }
      case 'delay':
        for (let i = 0; i < fault.ticks; i++) await nextTurn();
        return answered(send());
      case '5xx-before':
        return { kind: 'answer', status: fault.status, body: fault.status === 502 ? null : { error: 'unavailable', message: 'the proxy could not reach the server' } };
      case '5xx-after':
        await answered(send());
        return { kind: 'answer', status: fault.status, body: { error: 'internal', message: 'the server failed to answer' } };
    }
  };
}

/** The engines' timers: they fire only when the test moves this clock, so nothing waits for real backoff. */
class Clock {
  private now = 0;
  private ids = 0;
  private readonly timers = new Map<number, { at: number; run: () => void }>();

  readonly setTimer = (run: () => void, ms: number): unknown => {
    const id = ++this.ids;
    this.timers.set(id, { at: this.now + ms, run });
    return id;
  };

  readonly clearTimer = (id: unknown): void => {
    this.timers.delete(id as number);
  };

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= until).sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].run();
    }
    this.now = until;
  }
}

/** A small seeded generator for the engines' jitter. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- the clients ----------------------------------------------------------------------------------

type ClientName = 'coordinator' | 'ana' | 'ana-phone' | 'ben';

interface Client {
  name: ClientName;
  role: 'coordinator' | 'reviewer';
  /** The identity the token acts as. */
  who: { id: string; name: string };
  db: LoupeDatabase;
  link: Link;
  api: ServerApi;
  /** Null for Ana's phone, which syncs by calling pushOutbox and pullChanges itself. */
  engine: SyncEngine | null;
  /** Rounds begun (the engine asks for the server's address first) and ended (onRound). */
  begun: number;
  ended: number;
  outcomes: RoundOutcome[];
}

/** Waits until the client's engine has no round under way, not even one about to begin. */
async function idle(client: Client): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    await nextTurn();
    if (client.begun !== client.ended) continue;
    await nextTurn();
    await nextTurn();
    if (client.begun === client.ended) return;
  }
  throw new Error(`${client.name}: the sync engine's round never ended`);
}

/** Waits until the engine is idle and its indicator shows the outbox as stored (its watch on the outbox has fired). */
async function caughtUp(client: Client): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    await idle(client);
    if (client.engine!.status.pending === (await client.db.outbox.count())) return;
  }
  throw new Error(`${client.name}: the indicator never showed the outbox as stored`);
}

// ---- what the clients do --------------------------------------------------------------------------

type VerdictKind = 'confirm' | 'correct' | 'edit' | 'reject' | 'flag' | 'reopen';

type Action =
  /** A burst of verdicts on successive items; with `whileSyncing`, a sync round runs under the first. */
  | { t: 'verdict'; who: 'ana' | 'ana-phone' | 'ben'; item: number; kinds: VerdictKind[]; code: number; whileSyncing: boolean }
  | { t: 'sync'; who: 'coordinator' | 'ana' | 'ben' }
  | { t: 'phone-sync' }
  | { t: 'tick'; ms: number }
  /** The coordinator clicks "Publish", up to `tries` times until it goes through. */
  | { t: 'publish'; tries: number }
  | { t: 'collect'; from: 'ana' | 'ben' }
  | { t: 'restart' }
  | { t: 'offline'; who: 'coordinator' | 'ana' | 'ben'; on: boolean };

const reviewerArb = fc.constantFrom<'ana' | 'ana-phone' | 'ben'>('ana', 'ana-phone', 'ben');
const engineClientArb = fc.constantFrom<'coordinator' | 'ana' | 'ben'>('coordinator', 'ana', 'ben');

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      t: fc.constant('verdict' as const),
      who: reviewerArb,
      item: fc.nat(20),
      kinds: fc.array(fc.constantFrom<VerdictKind>('confirm', 'correct', 'correct', 'edit', 'reject', 'flag', 'reopen'), { minLength: 1, maxLength: 4 }),
      code: fc.nat(2),
      whileSyncing: fc.boolean(),
    }),
  },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('sync' as const), who: engineClientArb }) },
  { weight: 2, arbitrary: fc.constant<Action>({ t: 'phone-sync' }) },
  { weight: 4, arbitrary: fc.integer({ min: 100, max: 40_000 }).map((ms): Action => ({ t: 'tick', ms })) },
  { weight: 2, arbitrary: fc.constant<Action>({ t: 'publish', tries: 1 }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('collect' as const), from: fc.constantFrom<'ana' | 'ben'>('ana', 'ben') }) },
  { weight: 1, arbitrary: fc.constant<Action>({ t: 'restart' }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('offline' as const), who: engineClientArb, on: fc.boolean() }) },
);

/** Who reviews an item: Ana, Ben or both (the overlap, where conflicts can arise). */
const shareArb = fc.constantFrom<'ana' | 'ben' | 'both'>('ana', 'ben', 'both');

const scenarioArb = fc.record({
  // The first item is in the overlap, so that both reviewers always have work.
  shares: fc.array(shareArb, { minLength: 2, maxLength: 6 }).map((s) => ['both' as const, ...s]),
  /** Ana without itemIds: every item is hers. */
  anaHasAll: fc.boolean(),
  // At most one restart a run: reopening the store is the slow part of a run.
  actions: fc
    .array(actionArb, { minLength: 8, maxLength: 30 })
    .map((list): Action[] => [{ t: 'publish', tries: 5 }, ...list.filter((a, i) => a.t !== 'restart' || list.findIndex((b) => b.t === 'restart') === i)]),
  tapes: fc.record({
    coordinator: fc.array(turnArb, { maxLength: 12 }),
    ana: fc.array(turnArb, { maxLength: 12 }),
    'ana-phone': fc.array(turnArb, { maxLength: 12 }),
    ben: fc.array(turnArb, { maxLength: 12 }),
  }),
  seed: fc.integer(),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function itemsOf(n: number): ItemLine[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `case-${i + 1}`,
    seq: i,
    context: { history: `History of case ${i + 1}.` },
    output: { code: CODES[i % CODES.length]!, note: `note ${i + 1}` },
  }));
}

function publishRequest(s: Scenario): PublishBatchRequest {
  const items = itemsOf(s.shares.length);
  const ids = (who: 'ana' | 'ben') => items.filter((_, i) => s.shares[i] === who || s.shares[i] === 'both').map((item) => item.id);
  return {
    batch: {
      id: BATCH,
      name: 'Simulated triage',
      schemaId: 'triage',
      createdAt: '2026-11-25T10:00:00.000Z',
      itemCount: items.length,
      source: { format: 'jsonl', fileName: 'triage.jsonl', sha256: 'cd'.repeat(32) },
      revision: 1,
    },
    schema: SCHEMA,
    reviewers: [s.anaHasAll ? { ...ANA } : { ...ANA, itemIds: ids('ana') }, { ...BEN, itemIds: ids('ben') }],
    items,
  };
}

function portable({ seq: _seq, ...event }: StoredEvent): ResultEvent {
  return event;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A review as it should be: the reviewer's events on the item, in time order, from the AI's output. */
function expectedReviews(items: readonly Item[], events: readonly ResultEvent[]): Review[] {
  const groups = new Map<string, ResultEvent[]>();
  for (const e of events) {
    const key = `${e.itemId}\u0000${e.reviewerId}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const byItem = new Map(items.map((i) => [i.id, i]));
  const reviews: Review[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const item = byItem.get(first.itemId);
    if (!item) continue;
    reviews.push(replay(initialReview(item, { id: first.reviewerId, name: first.reviewerName }), [...list].sort(byTimeThenId)));
  }
  return sortReviews(reviews);
}

function sortReviews(reviews: readonly Review[]): Review[] {
  const key = (r: Review) => `${r.itemId}\u0000${r.reviewerId}`;
  return [...reviews].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Whether two final verdicts on one item disagree, judged from the reviews alone. */
function disagree(a: Review, b: Review, item: Item): boolean {
  if (a.status === 'pending' || b.status === 'pending') return false;
  if (a.status !== b.status) return true;
  if (a.status !== 'accepted' && a.status !== 'corrected') return false;
  const final = (r: Review) => (r.status === 'accepted' ? item.output : r.values);
  return canonicalJson(final(a)) !== canonicalJson(final(b));
}

/**
 * What pulls could not take, as the engines log it (and Ana's phone reports it). A batch the coordinator
 * published but had not linked yet (the answer to publishing was lost) comes back refused, as it is here
 * already: that is expected. An event not taken would be a replica missing work.
 */
const pullNotes: string[] = [];

/** Totals over every run, to show the simulation did what it claims. */
const seen = { runs: 0, events: 0, conflicts: 0, collected: 0 };

/**
 * A run written out, tried before the random ones: every kind of fault on every client, a restart, results
 * collected by file, and Ana and Ben disagreeing on the first item (corrected against rejected).
 */
const EVERY_FAULT: Fault[] = [
  { kind: 'drop-before' },
  { kind: 'timeout-before' },
  { kind: 'drop-after' },
  { kind: 'duplicate' },
  { kind: 'late', after: 2 },
  { kind: 'replay', after: 3 },
  { kind: 'delay', ticks: 5 },
  { kind: '5xx-before', status: 502 },
  { kind: '5xx-after', status: 500 },
  OK,
];
const WRITTEN_OUT: Scenario = {
  shares: ['both', 'both', 'ana', 'ben'],
  anaHasAll: false,
  actions: [
    { t: 'publish', tries: 5 },
    { t: 'sync', who: 'ana' },
    { t: 'sync', who: 'ben' },
    { t: 'phone-sync' },
    { t: 'verdict', who: 'ana', item: 0, kinds: ['correct', 'confirm'], code: 1, whileSyncing: false },
    { t: 'verdict', who: 'ben', item: 0, kinds: ['reject', 'flag', 'confirm'], code: 0, whileSyncing: true },
    { t: 'verdict', who: 'ana-phone', item: 2, kinds: ['edit', 'confirm'], code: 0, whileSyncing: false },
    { t: 'tick', ms: 5_000 },
    { t: 'verdict', who: 'ben', item: 0, kinds: ['reject'], code: 0, whileSyncing: false },
    { t: 'restart' },
    { t: 'sync', who: 'ana' },
    { t: 'collect', from: 'ana' },
    { t: 'offline', who: 'ben', on: true },
    { t: 'verdict', who: 'ben', item: 1, kinds: ['flag'], code: 0, whileSyncing: true },
    { t: 'tick', ms: 30_000 },
    { t: 'offline', who: 'ben', on: false },
    { t: 'phone-sync' },
    { t: 'sync', who: 'coordinator' },
  ],
  // Every fault meets the pushes and the publishing; reads get through (but the coordinator's), so that
  // the batch reaches the reviewers at once and there is work to push.
  tapes: {
    coordinator: EVERY_FAULT.map((fault, i) => ({ fault, reads: i % 4 === 0 })),
    ana: EVERY_FAULT.map((fault) => ({ fault, reads: false })),
    'ana-phone': EVERY_FAULT.slice(4).map((fault) => ({ fault, reads: false })),
    ben: EVERY_FAULT.slice(1).map((fault) => ({ fault, reads: false })),
  },
  seed: 7,
};

// ---- one run ---------------------------------------------------------------------------------------

interface Tokens {
  coordinator: string;
  ana: string;
  ben: string;
}

async function run(server: SimServer, tokens: Tokens, s: Scenario): Promise<void> {
  await server.emptyData();
  const net = new Network();
  const clock = new Clock();
  const random = mulberry32(s.seed);
  const runId = `${seen.runs}-${Math.random().toString(36).slice(2, 8)}`;
  let eventNo = 0;
  // A clock every client shares, one second a commit: events of one reviewer are in time order.
  const instant = () => new Date(Date.UTC(2026, 10, 26, 9) + eventNo * 1000).toISOString();

  const clients = new Map<ClientName, Client>();
  const make = (name: ClientName, role: Client['role'], who: Client['who'], token: string, withEngine: boolean): Client => {
    const db = new LoupeDatabase(`sim-${name}-${runId}`);
    const link = new Link(net, server, token, s.tapes[name]);
    const client: Client = { name, role, who, db, link, api: new ServerApi(link.transport, 5_000), engine: null, begun: 0, ended: 0, outcomes: [] };
    if (withEngine) {
      client.engine = new SyncEngine({
        db,
        transport: link.transport,
        serverUrl: async () => {
          client.begun += 1;
          return SERVER;
        },
        isOnline: () => !link.offline,
        random,
        setTimer: clock.setTimer,
        clearTimer: clock.clearTimer,
        intervalMs: 30_000,
        baseDelayMs: 1_000,
        maxDelayMs: 20_000,
        timeoutMs: 5_000,
        debounceMs: 500,
        onRound: (outcome) => {
          client.outcomes.push(outcome);
          client.ended += 1;
        },
      });
    }
    clients.set(name, client);
    return client;
  };
  const coordinator = make('coordinator', 'coordinator', { id: 'coordinator', name: 'Coordinator (first start)' }, tokens.coordinator, true);
  const ana = make('ana', 'reviewer', ANA, tokens.ana, true);
  const phone = make('ana-phone', 'reviewer', ANA, tokens.ana, false);
  const ben = make('ben', 'reviewer', BEN, tokens.ben, true);
  const engines = [coordinator, ana, ben];
  const all = [coordinator, ana, phone, ben];

  const body = publishRequest(s);
  const batchItems: Item[] = body.items.map((line) => ({ ...line, batchId: BATCH }) as Item);
  // The coordinator made the batch on this desk; publishing it puts it on the server.
  const localBatch: Batch = { ...body.batch, schemaId: 'schema-triage', itemCount: batchItems.length, revision: 1 };
  await storeBatch(coordinator.db, { batch: localBatch, schema: { id: 'schema-triage', schema: SCHEMA, createdAt: body.batch.createdAt }, items: batchItems });
  let published = false;

  /** One click on "Publish": the batch goes to the server, and from now on this desk syncs it. */
  const publish = async (): Promise<void> => {
    try {
      const answer = await coordinator.api.call(PublishBatchResponse, { method: 'POST', path: '/v1/batches', body });
      expect(['created', 'unchanged']).toContain(answer.outcome);
    } catch (error) {
      if (error instanceof SyncProblem && error.retry) return;
      throw error;
    }
    if (!(await coordinator.db.syncBatches.get(BATCH))) {
      await linkBatch(coordinator.db, { batchId: BATCH, server: SERVER, role: 'coordinator', reviewer: coordinator.who, revision: 1 });
    }
    published = true;
  };

  /** One verdict, committed the way the review screen commits it. */
  const verdict = async (client: Client, itemAt: number, kind: VerdictKind, code: number, sync: Promise<unknown> | null): Promise<void> => {
    const items = await client.db.items.where('[batchId+seq]').between([BATCH, -Infinity], [BATCH, Infinity]).toArray();
    const item = items[itemAt % items.length]!;
    const state = await loadItemState(client.db, BATCH, item.id, client.who);
    if (!state) return;
    const draft = draftFromReview(state.review);
    let intent: Intent = kind === 'correct' || kind === 'confirm' ? 'confirm' : kind === 'edit' ? 'leave' : kind;
    if (kind === 'correct') draft.values.code = CODES[code]!;
    if (kind === 'edit') draft.values.note = `edited ${eventNo}`;
    if (kind === 'reopen' && state.review.status === 'pending') intent = 'flag';
    eventNo += 1;
    const made = commit({ schema: SCHEMA, item, review: state.review, draft, intent, reviewer: client.who, deviceId: client.name, eventId: `ev-${runId}-${eventNo}`, at: instant(), timeSpentMs: 1000 + code });
    if (!made.ok || !made.event) return;
    try {
      await appendEvent(client.db, made.event, { expectedLastEventId: state.review.lastEventId });
    } catch (error) {
      // A pull folded in the reviewer's other device's work meanwhile: the screen asks them to look again.
      if (!(error instanceof StaleReviewError)) throw error;
    }
    await sync;
  };

  const review = async (a: Extract<Action, { t: 'verdict' }>): Promise<void> => {
    const client = clients.get(a.who)!;
    if (!(await client.db.syncBatches.get(BATCH))) {
      // Nothing to review here yet: the reviewer asks for what is new.
      if (client.engine) await client.engine.syncNow();
      else await phoneSync();
      return;
    }
    for (const [i, kind] of a.kinds.entries()) {
      const sync = i === 0 && a.whileSyncing ? (client.engine?.syncNow() ?? phoneSync()) : null;
      await verdict(client, a.item + i, kind, a.code, sync);
    }
  };

  /** Ana's phone syncs by hand: who am I, push the outbox, pull what changed. */
  const phoneSync = async (): Promise<{ ok: boolean; moved: boolean }> => {
    try {
      const me = await phone.api.call(Me, { method: 'GET', path: '/v1/me' });
      const pushed = await pushOutbox(phone.db, phone.api, SERVER, () => undefined);
      const pulled = await pullChanges(phone.db, phone.api, SERVER, me, () => undefined);
      pullNotes.push(...pulled.notes);
      return { ok: true, moved: pushed > 0 || pulled.changes > 0 };
    } catch (error) {
      if (error instanceof SyncProblem && error.retry) return { ok: false, moved: true };
      throw error;
    }
  };

  const collect = async (from: Client): Promise<void> => {
    if ((await from.db.events.count()) === 0) return;
    const file = await resultFileFor(from.db, BATCH, from.who, () => new Date('2026-11-27T00:00:00Z'));
    const read = await readResultFile(file.data as Uint8Array, { trustedKeys: [], fileName: file.suggestedName });
    if (!read.ok) throw new Error(read.error.message);
    const stored = await storeResultFile(coordinator.db, read, file.suggestedName);
    expect(stored).toMatchObject({ ok: true });
    seen.collected += 1;
  };

  pullNotes.length = 0;
  try {
    for (const c of engines) c.engine!.start();

    for (const a of s.actions) {
      switch (a.t) {
        case 'verdict':
          await review(a);
          break;
        case 'sync':
          await clients.get(a.who)!.engine!.syncNow();
          break;
        case 'phone-sync':
          await phoneSync();
          break;
        case 'tick':
          // Due timers fire; the rounds they start run on in the background, under the next actions.
          clock.advance(a.ms);
          break;
        case 'publish':
          for (let i = 0; i < a.tries && !published; i++) await publish();
          break;
        case 'collect':
          await collect(clients.get(a.from)!);
          break;
        case 'restart':
          await server.restart();
          break;
        case 'offline': {
          const c = clients.get(a.who)!;
          c.link.offline = a.on;
          if (a.on) c.engine!.offline();
          else c.engine!.online();
          break;
        }
      }
    }

    // The faults stop. Whatever is still in the network arrives; everyone is back online.
    net.faults = false;
    for (const c of engines) await idle(c);
    await net.flush();
    await server.quiet();
    for (const c of engines) {
      // The machine's network comes back: the app hears the `online` event. The others hear nothing.
      if (c.link.offline) {
        c.link.offline = false;
        c.engine!.online();
      }
    }
    for (const c of engines) await idle(c);
    // Left to themselves, the engines try again within their longest backoff and push everything.
    for (const c of engines) await caughtUp(c);
    clock.advance(20_000);
    for (const c of engines) await idle(c);
    for (const c of engines) expect(await c.db.outbox.count(), `${c.name}: outbox after the engine retried by itself`).toBe(0);
    if (!published) {
      await publish();
      expect(published).toBe(true);
    }

    // Rounds until nothing moves: no client pushes or pulls anything in a whole pass.
    for (let pass = 0; ; pass++) {
      expect(pass, 'sync should go quiet within a few passes once the faults stop').toBeLessThan(8);
      let moved = false;
      for (const c of all) {
        if (c.engine) {
          const outcome = await c.engine.syncNow();
          await idle(c);
          expect(outcome, `${c.name}: a round without faults`).toMatchObject({ ok: true });
          if (outcome?.ok) moved ||= outcome.pushed > 0 || outcome.pulled.changes > 0;
        } else {
          const outcome = await phoneSync();
          expect(outcome.ok, `${c.name}: a sync without faults`).toBe(true);
          moved ||= outcome.moved;
        }
      }
      if (!moved) break;
    }

    await check(server, tokens, s, all, batchItems);
  } finally {
    for (const c of engines) c.engine!.stop();
    net.discard();
    for (const c of engines) await idle(c).catch(() => undefined);
    await server.quiet();
    for (const c of all) {
      c.db.close();
      await c.db.delete();
    }
  }

  seen.runs += 1;
}

// ---- what must hold afterwards ---------------------------------------------------------------------

async function check(server: SimServer, tokens: Tokens, s: Scenario, clients: Client[], items: Item[]): Promise<void> {
  const { store } = server;
  const [coordinator, ana, phone, ben] = clients as [Client, Client, Client, Client];

  expect(pullNotes.splice(0).filter((note) => !note.includes(`the batch "Simulated triage" is here already`))).toEqual([]);

  // Every outbox drains, and no push is left half-done.
  for (const c of clients) {
    expect(await c.db.outbox.count(), `${c.name}: outbox`).toBe(0);
    expect((await loadSyncState(c.db, SERVER)).inflight, `${c.name}: push under way`).toBeNull();
  }
  // The indicator says so.
  for (const c of [coordinator, ana, ben]) {
    expect(c.engine!.status, `${c.name}: status`).toMatchObject({ state: 'up-to-date', pending: 0 });
    // Every problem the faults caused was one a later try could get past: nothing was refused.
    for (const o of c.outcomes) if (!o.ok) expect(o.problem.retry, `${c.name}: ${o.problem.message}`).toBe(true);
  }

  const serverEvents = (await store.query<{ event: string }>('SELECT event FROM events WHERE batch_id = $1', [BATCH])).map((r) => JSON.parse(r.event) as ResultEvent).sort(byId);
  const held = new Map(serverEvents.map((e) => [e.id, canonicalJson(e)]));

  // Each event took effect once: once in the change log, and counted as accepted by exactly one push.
  const logged = (await store.query<{ event_id: string }>("SELECT event_id FROM changes WHERE kind = 'event'")).map((r) => r.event_id).sort();
  expect(logged).toEqual(serverEvents.map((e) => e.id));
  const accepted = (await store.query<{ response: string }>('SELECT response FROM pushes')).reduce((sum, r) => sum + (JSON.parse(r.response) as { accepted: number }).accepted, 0);
  expect(accepted).toBe(serverEvents.length);

  // No change is lost: every event any client stored is on the server, with the same content.
  const local = new Map<ClientName, ResultEvent[]>();
  for (const c of clients) {
    const events = (await c.db.events.where('batchId').equals(BATCH).toArray()).map(portable).sort(byId);
    local.set(c.name, events);
    for (const e of events) expect(held.get(e.id), `${c.name}'s event ${e.id} on the server`).toBe(canonicalJson(e));
  }

  // The replicas converge. The coordinator holds exactly the server's events…
  expect(local.get('coordinator')).toEqual(serverEvents);
  // …each reviewer's devices hold exactly that reviewer's…
  for (const c of [ana, phone, ben]) expect(local.get(c.name), `${c.name}'s events`).toEqual(serverEvents.filter((e) => e.reviewerId === c.who.id));
  // …and every review on every device is what the server's events replay to.
  for (const c of clients) {
    const mine = await c.db.items.where('[batchId+seq]').between([BATCH, -Infinity], [BATCH, Infinity]).toArray();
    const visible = c.role === 'coordinator' ? serverEvents : serverEvents.filter((e) => e.reviewerId === c.who.id);
    const reviews = sortReviews(await c.db.reviews.where('[batchId+itemId+reviewerId]').between([BATCH, '', ''], [BATCH, '\uffff', '\uffff']).toArray());
    expect(reviews, `${c.name}'s reviews`).toEqual(expectedReviews(mine, visible));
  }

  // The server counts each reviewer's work as their own devices hold it.
  const progress = await server.call(tokens.coordinator, BatchProgress, { method: 'GET', path: `/v1/batches/${BATCH}/progress` });
  for (const c of [ana, ben]) {
    const row = progress.reviewers.find((r) => r.reviewerId === c.who.id)!;
    const mine = await c.db.items.where('[batchId+seq]').between([BATCH, -Infinity], [BATCH, Infinity]).count();
    expect(row.assigned).toBe(mine);
    const counts: Record<ReviewStatus, number> = { pending: 0, accepted: 0, corrected: 0, rejected: 0, flagged: 0 };
    for (const r of await c.db.reviews.where('[batchId+reviewerId]').equals([BATCH, c.who.id]).toArray()) counts[r.status] += 1;
    counts.pending = mine - (counts.accepted + counts.corrected + counts.rejected + counts.flagged);
    expect(row.counts, `${c.name}'s progress on the server`).toEqual(counts);
  }

  // Every different verdict of Ana and Ben on an item they both review is a conflict, and nothing else is.
  const reviewOf = async (c: Client, itemId: string) => c.db.reviews.get([BATCH, itemId, c.who.id]);
  const overlap = items.filter((_, i) => s.shares[i] === 'both' || (s.anaHasAll && s.shares[i] === 'ben'));
  const expected: string[] = [];
  for (const item of overlap) {
    const [a, b] = [await reviewOf(ana, item.id), await reviewOf(ben, item.id)];
    if (a && b && disagree(a, b, item)) expected.push(item.id);
  }
  const conflicts = await server.call(tokens.coordinator, ConflictList, { method: 'GET', path: `/v1/batches/${BATCH}/conflicts` });
  expect(conflicts.conflicts.map((c) => c.itemId).sort()).toEqual(expected.sort());
  for (const c of conflicts.conflicts) {
    expect(c.pairs.map((p) => p.reviewers)).toEqual([[ANA.id, BEN.id]]);
    const lastEvents = c.reviews.map((r) => r.lastEventId).sort();
    expect(lastEvents).toEqual([(await reviewOf(ana, c.itemId))!.lastEventId, (await reviewOf(ben, c.itemId))!.lastEventId].sort());
  }
  seen.events += serverEvents.length;
  seen.conflicts += expected.length;
}

// ---- the property, on each database ---------------------------------------------------------------

const postgresUrl = POSTGRES_URL;
const SITES: { name: string; make: () => Promise<Site> }[] = [
  { name: 'PGlite', make: async () => pgliteSite() },
  ...(postgresUrl ? [{ name: 'PostgreSQL', make: () => postgresSite(postgresUrl) }] : []),
];

for (const target of SITES) {
  describe(`sync under faults, on ${target.name}`, () => {
    let site: Site;
    let server: SimServer;
    let tokens: Tokens;

    beforeAll(async () => {
      site = await target.make();
      server = new SimServer(site);
      const coordinator = await server.start();
      if (!coordinator) throw new Error('a fresh store made no coordinator token');
      const issue = async (who: { id: string; name: string }) =>
        (await server.call(coordinator, { parse: (v) => v as { token: string } }, { method: 'POST', path: '/v1/tokens', body: { reviewerId: who.id, name: who.name } })).token;
      tokens = { coordinator, ana: await issue(ANA), ben: await issue(BEN) };
    });

    afterAll(async () => {
      await server?.stop();
      await site?.dispose();
    });

    it('converges with every event once, every conflict shown and every outbox drained', async () => {
      const before = { ...seen };
      // The engines log what a pull could not take; the runs check it (pullNotes).
      const warn = vi.spyOn(console, 'warn').mockImplementation((note: unknown) => void pullNotes.push(String(note)));
      onTestFinished(() => warn.mockRestore());
      await fc.assert(
        fc.asyncProperty(scenarioArb, (s) => run(server, tokens, s)),
        { numRuns: RUNS, examples: [[WRITTEN_OUT]], interruptAfterTimeLimit: 150_000, markInterruptAsFailure: true },
      );
      // The simulation did what it claims: events were made, verdicts disagreed, the server restarted,
      // and every kind of fault was applied.
      expect(seen.runs - before.runs).toBe(RUNS);
      expect(seen.events - before.events).toBeGreaterThan(RUNS);
      expect(seen.conflicts - before.conflicts).toBeGreaterThan(0);
      expect(server.restarts).toBeGreaterThan(0);
      expect(seen.collected - before.collected).toBeGreaterThan(0);
      for (const kind of ['drop-before', 'timeout-before', 'drop-after', 'duplicate', 'late', 'replay', 'delay', '5xx-before', '5xx-after'] as const) {
        expect(Network.tally.get(kind) ?? 0, kind).toBeGreaterThan(0);
      }
    }, 200_000);
  });
}
