import type { FieldValue } from '../../shared/domain';
import type { DraftState } from '../../shared/review';
import type { StoredDraft } from '../storage';
import { DRAFT_DEBOUNCE_MS, DRAFT_MAX_WAIT_MS } from './timing';

export type DraftSaveState = 'saved' | 'pending' | 'saving' | 'failed';

export interface DraftKey {
  batchId: string;
  itemId: string;
  reviewerId: string;
}

export interface DraftWriterOptions {
  save: (draft: StoredDraft) => Promise<void>;
  /** The item's active time now; written with every draft so that a crash loses none of it. */
  activeMs: () => number;
  /** The active time already stored for the item (from its draft), so an unchanged one is not rewritten. */
  storedActiveMs: number;
  debounceMs?: number;
  maxWaitMs?: number;
}

/**
 * Active time alone (no typing) is written once it grew by this much since the last write: enough to keep
 * the time of an item that was read and left, without a draft row for every item merely passed through.
 */
export const ACTIVE_TIME_WRITE_STEP_MS = 1_000;

export function cloneDraft(d: DraftState): DraftState {
  const values: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(d.values)) values[k] = Array.isArray(v) ? [...v] : v;
  return { values, comment: d.comment, reason: d.reason };
}

/**
 * Keeps one item's draft durable (BRIEF 4). Every change is written through `save` at most
 * `debounceMs` after the last change and `maxWaitMs` after the first unsaved one; `flush` writes at once.
 * Writes are chained, so they reach the database in order and a flush resolves only once everything
 * typed before it is stored.
 *
 * Typing only mutates this object: no React state, so a keystroke costs next to nothing here.
 */
export class DraftWriter {
  private draft: DraftState;
  private version = 0;
  private savedVersion = 0;
  private savedActiveMs: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstUnsavedAt = 0;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private state: DraftSaveState = 'saved';
  private readonly listeners = new Set<() => void>();
  lastError: unknown = null;

  constructor(
    readonly key: DraftKey,
    initial: DraftState,
    private readonly options: DraftWriterOptions,
  ) {
    this.draft = cloneDraft(initial);
    this.savedActiveMs = options.storedActiveMs;
  }

  /** The live draft. Treat as read-only: change it through the setters. */
  get current(): DraftState {
    return this.draft;
  }

  get saveState(): DraftSaveState {
    return this.state;
  }

  /** A copy of the draft and the version it was taken at (to tell later typing apart after a commit). */
  snapshot(): { draft: DraftState; version: number } {
    return { draft: cloneDraft(this.draft), version: this.version };
  }

  setValue(field: string, value: FieldValue): void {
    this.draft.values[field] = value;
    this.touch();
  }

  setComment(comment: string): void {
    this.draft.comment = comment;
    this.touch();
  }

  setReason(reason: string | null): void {
    this.draft.reason = reason;
    this.touch();
  }

  /** Replaces the whole draft (undoing or redoing unsaved work); written like any other change. */
  replace(draft: DraftState): void {
    this.draft = cloneDraft(draft);
    this.touch();
  }

  private touch(): void {
    if (this.closed) return;
    this.version += 1;
    this.setState('pending');
    this.schedule();
  }

  private schedule(): void {
    const now = Date.now();
    if (this.timer === null) this.firstUnsavedAt = now;
    else clearTimeout(this.timer);
    const debounce = this.options.debounceMs ?? DRAFT_DEBOUNCE_MS;
    const maxWait = this.options.maxWaitMs ?? DRAFT_MAX_WAIT_MS;
    const wait = Math.max(0, Math.min(debounce, this.firstUnsavedAt + maxWait - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, wait);
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** True when something typed, or active time, is not in the database yet. */
  get dirty(): boolean {
    return this.version !== this.savedVersion || this.options.activeMs() - this.savedActiveMs >= ACTIVE_TIME_WRITE_STEP_MS;
  }

  /**
   * Writes the draft now if anything is unsaved (typing, or active time that grew by a second or more) and
   * resolves once it and
   * every earlier write are stored. Never rejects: a failed write leaves the state `failed`, `lastError`
   * set, and the draft dirty, so the next change or flush tries again.
   */
  flush(): Promise<void> {
    this.cancelTimer();
    if (this.closed) return this.chain;
    const activeMs = this.options.activeMs();
    if (this.version === this.savedVersion && activeMs - this.savedActiveMs < ACTIVE_TIME_WRITE_STEP_MS) return this.chain;
    const version = this.version;
    const record: StoredDraft = { ...this.key, ...cloneDraft(this.draft), activeMs, updatedAt: new Date().toISOString() };
    this.setState('saving');
    this.chain = this.chain
      .then(() => this.options.save(record))
      .then(
        () => {
          if (version > this.savedVersion) this.savedVersion = version;
          this.savedActiveMs = Math.max(this.savedActiveMs, activeMs);
          this.lastError = null;
          this.setState(this.version === this.savedVersion ? 'saved' : 'pending');
        },
        (error: unknown) => {
          this.lastError = error;
          this.setState('failed');
        },
      );
    return this.chain;
  }

  /** Stops the debounce without writing and waits for writes under way: done before a commit. */
  settle(): Promise<void> {
    this.cancelTimer();
    return this.chain;
  }

  /** After `settle` when nothing was committed: saves again what is still unsaved. */
  resume(): void {
    if (this.closed) return;
    if (this.version !== this.savedVersion) this.schedule();
  }

  /**
   * The draft as of `version` was committed (the event's transaction removed the stored draft): that is
   * now the saved state, and the item's time starts from zero. Typing that came in while the commit ran
   * stays unsaved and is written.
   */
  committed(version: number): void {
    this.savedVersion = version;
    this.savedActiveMs = 0;
    this.lastError = null;
    if (this.version !== version) {
      this.setState('pending');
      this.schedule();
    } else {
      this.setState('saved');
    }
  }

  /** After an undo or redo: `draft` is the committed state now, with nothing unsaved. */
  rebase(draft: DraftState): void {
    this.cancelTimer();
    this.draft = cloneDraft(draft);
    this.version += 1;
    this.savedVersion = this.version;
    this.savedActiveMs = 0;
    this.setState('saved');
  }

  /** No more writes: the item was left. */
  close(): void {
    this.cancelTimer();
    this.closed = true;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private setState(state: DraftSaveState): void {
    if (state === this.state) return;
    this.state = state;
    for (const l of this.listeners) l();
  }
}
