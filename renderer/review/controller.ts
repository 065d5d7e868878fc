import { sameValues, type FieldValues, type Item, type OutputField, type ReviewEvent, type ReviewStatus, type TaskSchema } from '../../shared/domain';
import { unresolvedErrors, type QaFinding, type QaOverride } from '../../shared/qa';
import { commit, draftDiffers, draftFromReview, intentForStatus, type DraftState, type Review } from '../../shared/review';
import { appendEvent, loadItemState, saveDraft, StaleReviewError, withdrawnItems, type LoupeDatabase } from '../storage';
import type { ActiveTimer } from './active-time';
import { DraftWriter } from './draft-writer';
import { takesPropagation } from './propagation';
import { answeringOverrides, knownOverrides, type QaCheck } from './qa';

export type Verdict = 'confirm' | 'reject' | 'flag';

export type FieldProblem = { kind: 'below-min'; min: number } | { kind: 'above-max'; max: number } | { kind: 'not-a-number' };

/** What the reviewer's request came to; the screen turns each into words and focus. */
export type Outcome =
  /** `check`: the QA run a confirmation passed (its warnings, the errors it overrode), where QA runs. */
  | { kind: 'committed'; via: Verdict | 'undo' | 'redo'; event: ReviewEvent; review: Review; check?: QaCheck }
  /** A verdict equal to the current one on an unchanged draft: nothing appended. */
  | { kind: 'unchanged'; via: Verdict; review: Review }
  | { kind: 'reason-required'; message: string }
  /** QA errors no override answers: nothing was committed. */
  | { kind: 'qa-blocked'; itemId: string; check: QaCheck; unresolved: QaFinding[] }
  | { kind: 'invalid'; problems: Readonly<Record<string, FieldProblem>> }
  /** Another window changed the item first; it was reloaded with the reviewer's draft kept. */
  | { kind: 'stale' }
  | { kind: 'failed'; message: string }
  | { kind: 'busy' }
  | { kind: 'nothing-to-undo' }
  | { kind: 'nothing-to-redo' }
  /** The item changed after the verdict that undo or redo would take back, so it does nothing. */
  | { kind: 'history-stale' }
  | { kind: 'draft-reverted' }
  | { kind: 'draft-restored' }
  | { kind: 'navigating'; itemId: string };

export interface ReviewViewState {
  phase: 'idle' | 'loading' | 'ready' | 'missing' | 'failed';
  /** The item asked for last (shown as soon as it is loaded). */
  requestedId: string | null;
  item: Item | null;
  review: Review | null;
  /** The draft writer of the shown item: editors are bound to it, so a late keystroke never reaches another item. */
  writer: DraftWriter | null;
  /** The draft the editors start from; a new `revision` remounts them (new item, undo, redo, reload). */
  initialDraft: DraftState | null;
  revision: number;
  /** A stored draft that differs from the committed state was restored when the item opened. */
  restoredDraft: boolean;
  reasonError: string | null;
  problems: Readonly<Record<string, FieldProblem>>;
  loadError: string | null;
}

export interface ReviewControllerOptions {
  db: LoupeDatabase;
  batchId: string;
  schema: TaskSchema;
  reviewer: { id: string; name: string };
  deviceId: string;
  timer: ActiveTimer;
  onCommitted: (review: Review, event: ReviewEvent) => void;
  /** The controller moved to another item by itself (Accept, or undo of a verdict on another item). */
  onNavigate: (itemId: string) => void;
  /** Outcomes that arrive later than the request that caused them (undo across items, failures on leaving). */
  onOutcome: (outcome: Outcome) => void;
  /** The QA checks of an item's values, or null where QA does not run; a confirmation runs them first. */
  qa?: (item: Item, values: FieldValues) => Promise<QaCheck | null>;
  newId?: () => string;
  nowIso?: () => string;
}

interface Session {
  item: Item;
  review: Review;
  writer: DraftWriter;
  /**
   * The item's active time, fixed when it starts being left: the timer goes on to the next item, which may
   * be loaded while this one is still being written.
   */
  frozenActiveMs?: number;
}

/** What undo or redo brings an item back to (with the QA errors its verdict overrode). */
type Snapshot = Pick<Review, 'status' | 'values' | 'comment' | 'reason' | 'qaOverrides'>;

interface CommitStep {
  kind: 'commit';
  itemId: string;
  /** The item's last event must still be this one, or the step is stale. */
  expect: string;
  target: Snapshot;
}

interface DraftStep {
  kind: 'draft';
  itemId: string;
  draft: DraftState;
}

const snapshotOf = (r: Review): Snapshot => ({ status: r.status, values: { ...r.values }, comment: r.comment, reason: r.reason, ...(r.qaOverrides ? { qaOverrides: r.qaOverrides } : {}) });


function statusOf(verdict: Verdict, fields: readonly OutputField[], output: FieldValues, values: FieldValues): ReviewStatus {
  if (verdict === 'reject') return 'rejected';
  if (verdict === 'flag') return 'flagged';
  return sameValues(fields, values, output) ? 'accepted' : 'corrected';
}

export function validateValues(fields: readonly OutputField[], values: FieldValues): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const f of fields) {
    if (f.kind !== 'number') continue;
    const v = values[f.name];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) problems[f.name] = { kind: 'not-a-number' };
    else if (f.min !== undefined && v < f.min) problems[f.name] = { kind: 'below-min', min: f.min };
    else if (f.max !== undefined && v > f.max) problems[f.name] = { kind: 'above-max', max: f.max };
  }
  return problems;
}

const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The review screen's logic without React: which item is open, its durable draft, committing verdicts
 * through `commit` and `appendEvent`, leaving items, and undo/redo of verdicts. Requests run one after
 * another (a verdict never overlaps a navigation); a verdict asked for while another request is under way is
 * refused (`busy`), so a double click or a held key never confirms two items.
 */
export class ReviewController {
  private state: ReviewViewState = {
    phase: 'idle',
    requestedId: null,
    item: null,
    review: null,
    writer: null,
    initialDraft: null,
    revision: 0,
    restoredDraft: false,
    reasonError: null,
    problems: {},
    loadError: null,
  };
  private readonly listeners = new Set<() => void>();
  private session: Session | null = null;
  /** Items being left in the background, by id: their drafts and edits still being written. */
  private readonly leaving = new Map<string, Promise<void>>();
  private requested: string | null = null;
  private openToken = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private inFlight = 0;
  private undoStack: CommitStep[] = [];
  private redoStack: Array<CommitStep | DraftStep> = [];
  private pendingHistory: { kind: 'undo' | 'redo'; itemId: string } | null = null;
  /** Problems the editors report that the values cannot show (a number field holding unparsable text). */
  private inputProblems: Record<string, FieldProblem> = {};

  constructor(private readonly o: ReviewControllerOptions) {}

  // ---- React binding ---------------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): ReviewViewState => this.state;

  private set(patch: Partial<ReviewViewState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Whether a request is under way (the screen shows the item as busy). */
  get busy(): boolean {
    return this.inFlight > 0;
  }

  private run<T>(op: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    const p = this.queue.then(op).finally(() => {
      this.inFlight -= 1;
    });
    this.queue = p.catch(() => undefined);
    return p;
  }

  private base(s: Session) {
    return { ...this.stamp(s.item, s.review), timeSpentMs: s.frozenActiveMs ?? this.o.timer.elapsed() };
  }

  /** Who, where and when, for an event on `item`. */
  private stamp(item: Item, review: Review) {
    return {
      schema: this.o.schema,
      item,
      review,
      reviewer: this.o.reviewer,
      deviceId: this.o.deviceId,
      eventId: (this.o.newId ?? (() => crypto.randomUUID()))(),
      at: (this.o.nowIso ?? (() => new Date().toISOString()))(),
    };
  }

  // ---- Opening and leaving items -----------------------------------------------------------------

  /**
   * Shows `itemId`: the item on screen is left first (its draft written, and committed as an edit when it
   * differs from its committed state), then the new one is read with ONE `loadItemState`.
   */
  open(itemId: string): Promise<void> {
    if (this.requested === itemId) return this.queue.then(() => undefined);
    this.requested = itemId;
    // Each request supersedes the ones before it, so only the last one asked for is loaded.
    const token = ++this.openToken;
    this.set({ phase: 'loading', requestedId: itemId });
    return this.run(async () => {
      if (token !== this.openToken) return;
      const previous = this.session;
      if (!previous) {
        await this.load(itemId, token);
        return;
      }
      this.session = null;
      // Leaving the previous item (its draft written, or an edit committed) goes on while the next one is
      // read: they are different items, so the next item shows without waiting for the write, and the
      // reviewer may act on it at once. `flush` waits for every leave under way, and an item is read again
      // only once leaving it is stored, so no draft is lost and none is read stale.
      this.trackLeave(previous);
      await this.load(itemId, token);
    });
  }

  /** Moves to `itemId` and tells the owner of the screen, which normally passes it back as `itemId`. */
  navigate(itemId: string): void {
    void this.open(itemId);
    this.o.onNavigate(itemId);
  }

  /** Leaves `s` in the background, remembered until it is done (see `open`, `load` and `flush`). */
  private trackLeave(s: Session): void {
    const id = s.item.id;
    // At once, not when the leave starts: the next item resets the shared timer when it is read.
    s.frozenActiveMs ??= this.o.timer.elapsed();
    const before = this.leaving.get(id);
    const done: Promise<void> = (before ?? Promise.resolve())
      .then(() => this.leave(s))
      .catch((error: unknown) => this.o.onOutcome({ kind: 'failed', message: errorMessage(error) }))
      .finally(() => {
        if (this.leaving.get(id) === done) this.leaving.delete(id);
      });
    this.leaving.set(id, done);
  }

  private async load(itemId: string, token = this.openToken): Promise<void> {
    // Leaving this very item may still be under way: what it stores must be read.
    const left = this.leaving.get(itemId);
    if (left) await left;
    if (token !== this.openToken) return;
    let loaded;
    try {
      loaded = await loadItemState(this.o.db, this.o.batchId, itemId, this.o.reviewer);
    } catch (error) {
      if (token === this.openToken) this.set({ phase: 'failed', loadError: errorMessage(error), item: null, review: null, writer: null });
      return;
    }
    if (token !== this.openToken) return;
    if (!loaded) {
      this.set({ phase: 'missing', item: null, review: null, writer: null, initialDraft: null });
      return;
    }
    const { item, review, draft } = loaded;
    const initial: DraftState = draft
      ? { values: { ...review.values, ...draft.values }, comment: draft.comment, reason: draft.reason }
      : draftFromReview(review);
    this.o.timer.reset(draft?.activeMs ?? 0);
    let session: Session | null = null;
    const writer = new DraftWriter({ batchId: this.o.batchId, itemId, reviewerId: this.o.reviewer.id }, initial, {
      save: (d) => saveDraft(this.o.db, d),
      activeMs: () => session?.frozenActiveMs ?? this.o.timer.elapsed(),
      storedActiveMs: draft?.activeMs ?? 0,
    });
    session = { item, review, writer };
    this.session = session;
    this.inputProblems = {};
    this.set({
      phase: 'ready',
      item,
      review,
      writer,
      initialDraft: writer.snapshot().draft,
      revision: this.state.revision + 1,
      restoredDraft: Boolean(draft) && draftDiffers(review, initial, this.o.schema),
      reasonError: null,
      problems: {},
      loadError: null,
    });
    const pending = this.pendingHistory;
    if (pending) {
      this.pendingHistory = null;
      if (pending.itemId === itemId) this.o.onOutcome(pending.kind === 'undo' ? await this.undoNow() : await this.redoNow());
    }
  }

  /** Leaving an item: a draft that differs from the committed state becomes an `edit`/`comment` event. */
  private async leave(s: Session): Promise<void> {
    // Taken before anything is awaited: the next item may reset the shared timer meanwhile.
    s.frozenActiveMs ??= this.o.timer.elapsed();
    await s.writer.settle();
    const { draft, version } = s.writer.snapshot();
    try {
      if (draftDiffers(s.review, draft, this.o.schema)) {
        const result = commit({ ...this.base(s), draft, intent: 'leave' });
        if (result.ok && result.event) {
          const review = await appendEvent(this.o.db, result.event, { expectedLastEventId: s.review.lastEventId });
          s.writer.committed(version);
          s.review = review;
          s.frozenActiveMs = 0;
          // The timer belongs to the next item once that is open: only reset it while none is.
          if (this.session === null || this.session === s) this.o.timer.reset(0);
          this.o.onCommitted(review, result.event);
          return;
        }
      }
      // Nothing to commit: keep the item's active time (and any unsaved typing) in its draft.
      await s.writer.flush();
    } catch (error) {
      // The work stays as a draft; it is restored when the item is opened again.
      await s.writer.flush();
      this.o.onOutcome({ kind: 'failed', message: errorMessage(error) });
    } finally {
      s.writer.close();
    }
  }

  /**
   * The screen goes away: the draft is written at once (the write starts before this returns) and the item
   * is left as by Next. Nothing waits for it; the database finishes the transactions.
   */
  detach(): void {
    const s = this.session;
    this.session = null;
    this.requested = null;
    this.openToken += 1;
    this.pendingHistory = null;
    if (s) {
      void s.writer.flush();
      void this.run(() => this.leave(s));
    }
  }

  /** Writes the open item's draft now and waits for it and for any commit under way (window closing). */
  async flush(): Promise<void> {
    await Promise.all([this.session?.writer.flush(), this.queue, ...this.leaving.values()]);
    // A request under way may have started leaving another item meanwhile.
    if (this.leaving.size > 0) await Promise.all([...this.leaving.values()]);
  }

  /** Leaves the open item (commits a changed draft) and waits until that is done (before exiting). */
  leaveCurrent(): Promise<void> {
    return this.run(async () => {
      const s = this.session;
      if (!s) return;
      await this.leave(s);
      // The item stays on screen; a later request works on a fresh writer.
      await this.load(s.item.id);
      // Items left just before are stored too before the screen goes.
      if (this.leaving.size > 0) await Promise.all([...this.leaving.values()]);
    });
  }

  // ---- Verdicts ----------------------------------------------------------------------------------

  /** `overrides`: the QA errors the reviewer overrode, with their reasons, for a confirmation. */
  act(verdict: Verdict, overrides: readonly QaOverride[] = []): Promise<Outcome> {
    if (this.inFlight > 0 || !this.session) return Promise.resolve({ kind: 'busy' });
    return this.run(() => this.verdictNow(verdict, overrides));
  }

  private async verdictNow(verdict: Verdict, overrides: readonly QaOverride[]): Promise<Outcome> {
    const s = this.session;
    if (!s) return { kind: 'busy' };
    await s.writer.settle();
    const { draft, version } = s.writer.snapshot();
    if (verdict === 'confirm') {
      const problems = { ...validateValues(this.o.schema.fields, draft.values), ...this.inputProblems };
      if (Object.keys(problems).length > 0) {
        s.writer.resume();
        this.set({ problems, reasonError: null });
        return { kind: 'invalid', problems };
      }
    }
    const status = statusOf(verdict, this.o.schema.fields, s.item.output, draft.values);
    // A stale review needs its verdict given again on the new output, even when nothing else changed.
    if (status === s.review.status && !s.review.stale && !draftDiffers(s.review, draft, this.o.schema)) {
      s.writer.resume();
      this.set({ problems: {}, reasonError: null });
      return { kind: 'unchanged', via: verdict, review: s.review };
    }
    // QA runs on what is confirmed, once, here: never while the reviewer types.
    const check = verdict === 'confirm' && this.o.qa ? await this.o.qa(s.item, draft.values) : null;
    if (check) {
      const unresolved = unresolvedErrors(check.findings, overrides);
      if (unresolved.length > 0) {
        s.writer.resume();
        return { kind: 'qa-blocked', itemId: s.item.id, check, unresolved };
      }
    }
    const qaOverrides = check ? answeringOverrides(check.findings, overrides) : [];
    const result = commit({ ...this.base(s), draft, intent: verdict, qaOverrides });
    if (!result.ok) {
      s.writer.resume();
      this.set({ reasonError: result.error.message, problems: {} });
      return { kind: 'reason-required', message: result.error.message };
    }
    if (!result.event) {
      s.writer.resume();
      return { kind: 'unchanged', via: verdict, review: s.review };
    }
    const before = s.review;
    const out = await this.append(s, result.event, version, verdict);
    if (out.kind === 'committed' && out.review.lastEventId) {
      this.undoStack.push({ kind: 'commit', itemId: s.item.id, expect: out.review.lastEventId, target: snapshotOf(before) });
      this.redoStack = [];
    }
    return out.kind === 'committed' && check ? { ...out, check } : out;
  }

  /**
   * Propagation (docs/reviewing.md): confirms each of `targets` with the values of the confirmation `from`,
   * one `confirm` event per item made by `commit` and appended like any verdict (so it is synced and in the
   * history), marked `propagatedFrom`. An item is left alone when it no longer takes the correction (confirmed
   * or given a draft meanwhile), when QA finds an error there that the source's overrides do not answer, or
   * when the batch asks for a reason the source has none of. Each one is undone by Undo like a verdict.
   */
  propagate(from: { event: ReviewEvent; review: Review }, targets: readonly string[]): Promise<{ applied: number; skipped: number }> {
    return this.run(async () => {
      const withdrawn = await withdrawnItems(this.o.db, this.o.batchId);
      const overrides = knownOverrides(from.review.qaOverrides);
      let applied = 0;
      for (const id of targets) {
        // An item being left in the background is stored first: its draft must be seen.
        await this.leaving.get(id);
        if (await this.propagateTo(id, from, overrides, withdrawn.has(id))) applied += 1;
      }
      if (applied > 0) this.redoStack = [];
      return { applied, skipped: targets.length - applied };
    });
  }

  private async propagateTo(itemId: string, from: { event: ReviewEvent; review: Review }, overrides: readonly QaOverride[], withdrawn: boolean): Promise<boolean> {
    const loaded = await loadItemState(this.o.db, this.o.batchId, itemId, this.o.reviewer);
    if (!loaded || !takesPropagation(this.o.schema, loaded, withdrawn)) return false;
    const { item, review, draft } = loaded;
    const values = { ...review.values };
    for (const f of this.o.schema.fields) values[f.name] = from.review.values[f.name] ?? null;
    const check = this.o.qa ? await this.o.qa(item, values) : null;
    if (check && unresolvedErrors(check.findings, overrides).length > 0) return false;
    const result = commit({
      ...this.stamp(item, review),
      draft: { values, comment: review.comment, reason: review.reason ?? from.review.reason },
      intent: 'confirm',
      // Time the reviewer spent reading this item before (kept in its draft) goes with its verdict, as always.
      timeSpentMs: draft?.activeMs ?? 0,
      qaOverrides: check ? answeringOverrides(check.findings, overrides) : [],
      propagatedFrom: { itemId: from.event.itemId, eventId: from.event.id },
    });
    if (!result.ok || !result.event) return false;
    let next: Review;
    try {
      next = await appendEvent(this.o.db, result.event, { expectedLastEventId: review.lastEventId });
    } catch (error) {
      if (error instanceof StaleReviewError) return false;
      throw error;
    }
    if (next.lastEventId) this.undoStack.push({ kind: 'commit', itemId, expect: next.lastEventId, target: snapshotOf(review) });
    this.o.onCommitted(next, result.event);
    return true;
  }

  private async append(s: Session, event: ReviewEvent, version: number, via: Verdict | 'undo' | 'redo'): Promise<Outcome> {
    let review: Review;
    try {
      review = await appendEvent(this.o.db, event, { expectedLastEventId: s.review.lastEventId });
    } catch (error) {
      if (error instanceof StaleReviewError) {
        await s.writer.flush();
        s.writer.close();
        if (this.session === s) {
          this.session = null;
          await this.load(s.item.id);
        }
        return { kind: 'stale' };
      }
      s.writer.resume();
      return { kind: 'failed', message: errorMessage(error) };
    }
    s.review = review;
    this.o.timer.reset(0);
    s.writer.committed(version);
    if (this.session === s) this.set({ review, reasonError: null, problems: {}, restoredDraft: false });
    this.o.onCommitted(review, event);
    return { kind: 'committed', via, event, review };
  }

  // ---- Editing support ---------------------------------------------------------------------------

  /** An editor reports (or clears) a problem its value cannot show. */
  setInputProblem(field: string, problem: FieldProblem | null): void {
    if (problem) this.inputProblems[field] = problem;
    else delete this.inputProblems[field];
    if (!problem && this.state.problems[field]) {
      const { [field]: _gone, ...rest } = this.state.problems;
      this.set({ problems: rest });
    }
  }

  /** The reviewer changed a field: its error (if shown) goes until the next confirm. */
  clearProblem(field: string): void {
    if (!this.state.problems[field]) return;
    const { [field]: _gone, ...rest } = this.state.problems;
    this.set({ problems: rest });
  }

  clearReasonError(): void {
    if (this.state.reasonError) this.set({ reasonError: null });
  }

  // ---- Undo and redo -----------------------------------------------------------------------------
  //
  // The log is append-only, so undoing a verdict appends a compensating event, made by `commit` like any
  // other, that brings the item back to the state before the verdict (status, values, comment, reason):
  // a `reopen` back to pending, or the earlier verdict given again. Redo appends the undone state again.
  // Both are refused when the item changed in between. With unsaved changes on the screen, undo first
  // reverts those (no event: they were never committed), and redo brings them back.

  undo(): Promise<Outcome> {
    if (this.inFlight > 0) return Promise.resolve({ kind: 'busy' });
    return this.run(() => this.undoNow());
  }

  redo(): Promise<Outcome> {
    if (this.inFlight > 0) return Promise.resolve({ kind: 'busy' });
    return this.run(() => this.redoNow());
  }

  private remount(s: Session): void {
    this.inputProblems = {};
    this.set({ initialDraft: s.writer.snapshot().draft, revision: this.state.revision + 1, problems: {}, reasonError: null, restoredDraft: false });
  }

  private async undoNow(): Promise<Outcome> {
    const s = this.session;
    if (s) {
      await s.writer.settle();
      const { draft } = s.writer.snapshot();
      if (draftDiffers(s.review, draft, this.o.schema)) {
        this.redoStack.push({ kind: 'draft', itemId: s.item.id, draft });
        s.writer.replace(draftFromReview(s.review));
        this.remount(s);
        return { kind: 'draft-reverted' };
      }
      s.writer.resume();
    }
    const step = this.undoStack.at(-1);
    if (!step) return { kind: 'nothing-to-undo' };
    if (!s || step.itemId !== s.item.id) {
      this.pendingHistory = { kind: 'undo', itemId: step.itemId };
      this.navigate(step.itemId);
      return { kind: 'navigating', itemId: step.itemId };
    }
    this.undoStack.pop();
    if (s.review.lastEventId !== step.expect) return { kind: 'history-stale' };
    const before = s.review;
    const out = await this.restore(s, step.target, 'undo');
    if (out.kind === 'committed' && out.review.lastEventId) {
      this.redoStack.push({ kind: 'commit', itemId: s.item.id, expect: out.review.lastEventId, target: snapshotOf(before) });
    } else if (out.kind !== 'stale') {
      this.undoStack.push(step);
    }
    return out;
  }

  private async redoNow(): Promise<Outcome> {
    const step = this.redoStack.at(-1);
    if (!step) return { kind: 'nothing-to-redo' };
    const s = this.session;
    if (s) await s.writer.settle();
    if (s && draftDiffers(s.review, s.writer.current, this.o.schema)) {
      // New work since the undo: as in any editor, it ends what could be redone.
      this.redoStack = [];
      s.writer.resume();
      return { kind: 'nothing-to-redo' };
    }
    if (!s || step.itemId !== s.item.id) {
      if (step.kind === 'draft') {
        this.redoStack.pop();
        return { kind: 'nothing-to-redo' };
      }
      this.pendingHistory = { kind: 'redo', itemId: step.itemId };
      this.navigate(step.itemId);
      return { kind: 'navigating', itemId: step.itemId };
    }
    this.redoStack.pop();
    if (step.kind === 'draft') {
      s.writer.replace(step.draft);
      this.remount(s);
      return { kind: 'draft-restored' };
    }
    if (s.review.lastEventId !== step.expect) return { kind: 'history-stale' };
    const before = s.review;
    const out = await this.restore(s, step.target, 'redo');
    if (out.kind === 'committed' && out.review.lastEventId) {
      this.undoStack.push({ kind: 'commit', itemId: s.item.id, expect: out.review.lastEventId, target: snapshotOf(before) });
    } else if (out.kind !== 'stale') {
      this.redoStack.push(step);
    }
    return out;
  }

  /** Appends the event that brings the item to `target`, made by `commit` from the fitting intent. */
  private async restore(s: Session, target: Snapshot, via: 'undo' | 'redo'): Promise<Outcome> {
    const draft: DraftState = { values: { ...s.review.values, ...target.values }, comment: target.comment, reason: target.reason };
    const result = commit({ ...this.base(s), draft, intent: intentForStatus(target.status), qaOverrides: target.qaOverrides ?? [] });
    if (!result.ok) return { kind: 'failed', message: result.error.message };
    if (!result.event) return via === 'undo' ? { kind: 'nothing-to-undo' } : { kind: 'nothing-to-redo' };
    const out = await this.append(s, result.event, s.writer.snapshot().version, via);
    if (out.kind === 'committed') {
      s.writer.rebase(draftFromReview(out.review));
      this.remount(s);
    }
    return out;
  }
}
