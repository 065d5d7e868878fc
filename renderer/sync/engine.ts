import { liveQuery, type Subscription } from 'dexie';
import { Me, type ServerTransport } from '../../shared/sync';
import { pendingCount, type LoupeDatabase } from '../storage';
import { ServerApi, SyncProblem } from './client';
import { pullChanges, type PullOutcome } from './pull';
import { pushOutbox } from './push';
import { loadSyncState, saveSyncState } from './state';
import type { SyncStatus } from './status';

export interface SyncEngineOptions {
  db: LoupeDatabase;
  transport: ServerTransport;
  /** The saved server address, or null when none is set. */
  serverUrl: () => Promise<string | null>;
  /** Whether the OS says the machine is online (navigator.onLine in the app). */
  isOnline?: () => boolean;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** Between rounds when all is well: new batches and results are fetched this often. */
  intervalMs?: number;
  /** First wait after a failure; it doubles up to maxDelayMs, with jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  /** Wait after a local change before pushing it, so that a burst of verdicts goes in one push. */
  debounceMs?: number;
  onRound?: (round: RoundOutcome) => void;
}

export type RoundOutcome = { ok: true; pushed: number; pulled: PullOutcome } | { ok: false; problem: SyncProblem };

/**
 * Exponential backoff with "equal jitter": half the doubled delay is fixed, half random, so that clients
 * cut off together do not come back together.
 */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + (ceiling / 2) * random();
}

/**
 * Keeps this machine in sync with the server in the background: push the outbox, then pull, in rounds —
 * at start, after local changes, when the network returns, on demand, and every `intervalMs`; after a
 * failure it waits with exponential backoff and jitter. One round runs at a time.
 */
export class SyncEngine {
  private readonly o: Required<Omit<SyncEngineOptions, 'onRound'>> & Pick<SyncEngineOptions, 'onRound'>;
  private readonly api: ServerApi;
  private current: SyncStatus = { state: 'off', pending: 0 };
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private readonly roundListeners = new Set<(round: RoundOutcome) => void>();
  private running: Promise<RoundOutcome | null> | null = null;
  private again = false;
  private timer: unknown = null;
  private debounce: unknown = null;
  private failures = 0;
  private started = false;
  private outboxWatch: Subscription | null = null;
  private lastPending = 0;

  constructor(options: SyncEngineOptions) {
    this.o = {
      isOnline: () => true,
      random: Math.random,
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
      intervalMs: 60_000,
      baseDelayMs: 2_000,
      maxDelayMs: 5 * 60_000,
      timeoutMs: 30_000,
      debounceMs: 1_000,
      ...options,
    };
    this.api = new ServerApi(options.transport, this.o.timeoutMs);
  }

  get status(): SyncStatus {
    return this.current;
  }

  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  /** Runs `listener` after every round, with how it went. */
  watchRounds(listener: (round: RoundOutcome) => void): () => void {
    this.roundListeners.add(listener);
    return () => this.roundListeners.delete(listener);
  }

  /** Starts background sync; the pending count follows the outbox as stored. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.outboxWatch = liveQuery(() => pendingCount(this.o.db)).subscribe({
      next: (pending) => {
        const grew = pending > this.lastPending;
        this.lastPending = pending;
        this.emit({ ...this.current, pending });
        if (grew) this.soon();
      },
      error: () => undefined,
    });
    void this.syncNow();
  }

  stop(): void {
    this.started = false;
    this.outboxWatch?.unsubscribe();
    this.outboxWatch = null;
    this.clear();
  }

  /** The network is back (the `online` event): try at once rather than at the end of a backoff. */
  online(): void {
    if (this.started) void this.syncNow();
  }

  /** The network is gone (the `offline` event): say so now rather than at the next failed request. */
  offline(): void {
    if (this.current.state !== 'off') this.emit({ state: 'offline', pending: this.current.pending, retryAt: null });
  }

  /**
   * Runs a round now (or right after the one under way) and resolves with how it went. A failure's
   * backoff starts again from its first step: the reviewer asked.
   */
  async syncNow(): Promise<RoundOutcome | null> {
    this.failures = 0;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.clear();
    this.running = this.loop();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async loop(): Promise<RoundOutcome | null> {
    let outcome: RoundOutcome | null;
    do {
      this.again = false;
      outcome = await this.round();
    } while (this.again && outcome?.ok);
    this.schedule(outcome);
    return outcome;
  }

  private soon(): void {
    if (!this.started || this.debounce !== null) return;
    this.debounce = this.o.setTimer(() => {
      this.debounce = null;
      // After a failure the backoff decides; a new verdict does not hammer a failing server.
      if (this.current.state !== 'failing' && this.current.state !== 'offline') void this.syncNow();
    }, this.o.debounceMs);
  }

  private clear(): void {
    if (this.timer !== null) this.o.clearTimer(this.timer);
    if (this.debounce !== null) this.o.clearTimer(this.debounce);
    this.timer = null;
    this.debounce = null;
  }

  private schedule(outcome: RoundOutcome | null): void {
    if (!this.started || outcome === null) return;
    // A refusal a later try cannot get past (a revoked token, a protocol this Loupe does not speak, no
    // server set) waits for a person: the status says why, with no retry time, until syncNow or online().
    // Trying again by itself would change nothing, and bad tokens from one address get it slowed down for
    // everyone behind that address.
    if (!outcome.ok && !outcome.problem.retry) return;
    let wait = this.o.intervalMs;
    if (!outcome.ok) {
      this.failures += 1;
      wait = backoffDelay(this.failures - 1, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random);
      const retryAt = Date.now() + wait;
      this.emit({ ...this.current, retryAt } as SyncStatus);
    }
    this.timer = this.o.setTimer(() => {
      this.timer = null;
      if (!this.running) {
        this.running = this.loop().finally(() => {
          this.running = null;
        });
      }
    }, wait);
  }

  private emit(status: SyncStatus): void {
    this.current = status;
    for (const l of this.listeners) l(status);
  }

  private async refreshPending(): Promise<number> {
    this.lastPending = await pendingCount(this.o.db);
    return this.lastPending;
  }

  /** One round: who am I, push everything, pull everything. */
  private async round(): Promise<RoundOutcome | null> {
    try {
      // Inside the try: a settings read or the store failing is a failed round, retried, not an
      // unhandled rejection that ends background sync.
      const server = await this.o.serverUrl();
      const pending = await this.refreshPending();
      if (server === null) {
        this.emit({ state: 'off', pending });
        return null;
      }
      const me = await this.api.call(Me, { method: 'GET', path: '/v1/me' });
      this.emit({ state: 'syncing', pending, phase: 'pushing', done: 0, total: pending });
      // A push the server refuses (an item no longer assigned, say) must not stop this machine from
      // receiving: the pull runs, and the refusal is reported after it.
      let refusal: SyncProblem | null = null;
      const pushed = await pushOutbox(this.o.db, this.api, server, (done) => {
        this.emit({ state: 'syncing', pending: Math.max(0, pending - done), phase: 'pushing', done, total: pending });
      }).catch((error: unknown) => {
        if (!(error instanceof SyncProblem) || error.kind !== 'refused') throw error;
        refusal = error;
        return 0;
      });
      const left = await this.refreshPending();
      this.emit({ state: 'syncing', pending: left, phase: 'pulling', done: 0, total: null });
      const pulled = await pullChanges(this.o.db, this.api, server, me, (done) => {
        this.emit({ state: 'syncing', pending: this.lastPending, phase: 'pulling', done, total: null });
      });
      if (refusal) throw refusal;
      for (const note of pulled.notes) console.warn(`Loupe sync: ${note}`);
      const at = new Date().toISOString();
      await saveSyncState(this.o.db, { ...(await loadSyncState(this.o.db, server)), lastSyncedAt: at });
      this.failures = 0;
      const waiting = await this.refreshPending();
      if (waiting > 0) {
        // Changes stored while this round ran, after its push (a verdict, results collected by file): the
        // outbox watch may not see them as new, as this refresh already counted them. So the round does
        // not end "up to date" with changes waiting for the next interval: another round takes them now.
        this.again = true;
        this.emit({ state: 'syncing', pending: waiting, phase: 'pushing', done: 0, total: waiting });
      } else {
        this.emit({ state: 'up-to-date', pending: 0, at });
      }
      const outcome: RoundOutcome = { ok: true, pushed, pulled };
      this.o.onRound?.(outcome);
      for (const l of this.roundListeners) l(outcome);
      return outcome;
    } catch (error) {
      const problem = error instanceof SyncProblem ? error : new SyncProblem('answer', error instanceof Error ? error.message : String(error), true);
      const left = await this.refreshPending().catch(() => this.lastPending);
      if (problem.kind === 'not-configured') this.emit({ state: 'off', pending: left });
      else if (problem.kind === 'offline' && !this.o.isOnline()) this.emit({ state: 'offline', pending: left, retryAt: null });
      else this.emit({ state: 'failing', pending: left, message: problem.message, retryAt: null });
      const outcome: RoundOutcome = { ok: false, problem };
      this.o.onRound?.(outcome);
      for (const l of this.roundListeners) l(outcome);
      return outcome;
    }
  }
}
