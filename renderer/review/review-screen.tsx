import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { isTextKind, type Batch, type FieldValues, type Item, type TaskSchema } from '../../shared/domain';
import { unresolvedErrors, type QaFinding, type QaOverride, type QaSpan } from '../../shared/qa';
import type { Review } from '../../shared/review';
import { TARGET_FIELD } from '../../shared/xliff';
import { ConcordancePanel, selectedQuery, type UseHow } from '../concordance';
import type { Platform } from '../platform';
import { attachmentBytes, loadGlossary, type LoupeDatabase, type QueueEntry, type StoredGlossary } from '../storage';
import { ActiveTimer } from './active-time';
import { replaceText } from './code-guard';
import { AttachmentContext, ContextPanel, imageType, type AttachmentLoader } from './context';
import { ReviewController, type Outcome, type Verdict } from './controller';
import type { DraftWriter } from './draft-writer';
import { HistoryPanel } from './history';
import { missingCodes, snap } from './inline-codes';
import { ItemView, type EditCommands, type FocusRequest } from './item-view';
import { KeyHint } from './keys';
import { locate, neighbours, nextUnconfirmed } from './position';
import { buildSourceIndex, propagationTargets, type SourceIndex } from './propagation';
import { PropagationPrompt } from './propagation-prompt';
import { checkItem, errorsKey, qaFieldOf, type QaCheck } from './qa';
import { QaPanel } from './qa-panel';
import { ShortcutSheet } from './shortcut-sheet';
import { StaleNotice, WithdrawnNotice } from './stale-notice';
import { ariaKeyShortcuts, comboIndex, isTypingTarget, shortcutById, shortcutFor, type ShortcutId } from './shortcuts';
import { useReviewT } from './use-review-t';
import { asText } from './values';
import { contextFieldOf, outputFieldOf, SOURCE_FIELD, xliffView } from './xliff-item';
import './review.css';

export interface ReviewScreenProps {
  db: LoupeDatabase;
  batch: Batch;
  schema: TaskSchema;
  reviewer: { id: string; name: string };
  /** Stamped on every event. */
  deviceId: string;
  /** The queue's current filtered order: Next, Previous and the position follow it. */
  entries: readonly QueueEntry[];
  /** The item to show. */
  itemId: string;
  /** The screen moved to another item (Accept, Next, Previous, undo of a verdict on another item). */
  onNavigate: (itemId: string) => void;
  /** An event was committed; `review` is the item's state after it (for the queue's status). */
  onCommitted: (review: Review) => void;
  /** The reviewer left the screen (its draft already committed). */
  onExit: () => void;
  /**
   * Pending drafts are written before the window hides or closes (`onFlushRequest`); the spellchecker follows
   * the language of the text being corrected (`setSpellCheckLanguages`).
   */
  platform: Pick<Platform, 'onFlushRequest' | 'setSpellCheckLanguages'>;
}

/** A text field of this screen that Esc may leave (not a list that Esc closes first, nor a select). */
function leavesField(target: EventTarget | null, root: HTMLElement | null): boolean {
  if (!root || !(target instanceof HTMLElement) || !root.contains(target) || !isTypingTarget(target)) return false;
  return target.tagName !== 'SELECT' && target.getAttribute('role') !== 'combobox';
}

/** The text box of a field, where the screen's commands (restore, codes, matches) edit. */
function textControl(el: HTMLElement | undefined): HTMLTextAreaElement | HTMLInputElement | null {
  if (el instanceof HTMLTextAreaElement) return el;
  return el instanceof HTMLInputElement && el.type === 'text' ? el : null;
}

/** The QA side of the item on screen: its latest check, the errors overridden, what stopped a confirmation. */
interface QaState {
  itemId: string;
  check: QaCheck | null;
  overrides: QaOverride[];
  /** The errors that stopped the last confirmation; asking again over the same ones opens the override form. */
  blocked: QaFinding[] | null;
  overriding: QaFinding[] | null;
}

/** A confirmation whose correction may go to identical segments: the prompt waits for the reviewer's answer. */
interface Offer {
  outcome: Extract<Outcome, { kind: 'committed' }>;
  targets: string[];
  next: string | undefined;
}

/** A glossary that could not be read at all (the database failed) is shown like one whose lines are wrong. */
const unreadable = (error: unknown): StoredGlossary => ({
  fileName: 'glossary',
  read: { ok: false, errors: [{ line: null, message: error instanceof Error ? error.message : String(error) }] },
});

/** Text as a text box holds it: its line breaks are \n whatever the document's are. */
const asTyped = (text: string) => text.replace(/\r\n?/gu, '\n');

function SaveIndicator({ writer }: { writer: DraftWriter }) {
  const { t } = useReviewT();
  const state = useSyncExternalStore(writer.subscribe, () => writer.saveState);
  if (state === 'failed') {
    const message = writer.lastError instanceof Error ? writer.lastError.message : String(writer.lastError);
    return (
      <span className="loupe-save is-failed" role="alert">
        {t('save.failed', { message })}
      </span>
    );
  }
  return <span className="loupe-save">{state === 'saved' ? t('save.saved') : t('save.saving')}</span>;
}

/**
 * The review screen (BRIEF 3.5): an item's context, the AI output with its confidence and rationale beside
 * the editable correction with the difference shown live, the verdict buttons, the item's history.
 * Every keystroke is kept in a durable draft; verdicts and leaving an edited item append events.
 */
export function ReviewScreen(props: ReviewScreenProps) {
  const { db, batch, schema, reviewer, deviceId, entries, itemId, platform } = props;
  const { t } = useReviewT();
  const ids = useId();

  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  const [timer] = useState(() => new ActiveTimer());
  const outcomeRef = useRef<(o: Outcome) => void>(() => undefined);
  // The batch's glossary, read once; a confirmation waits for it, so terms are never checked without it.
  const glossaryLoad = useMemo(() => loadGlossary(db, batch.id).catch(unreadable), [db, batch.id]);
  const qaRef = useRef<(item: Item, values: FieldValues) => Promise<QaCheck | null>>(async () => null);
  qaRef.current = async (item, values) => {
    const stored = await glossaryLoad;
    return checkItem(schema, item, values, stored?.read.ok ? stored.read.glossary : null);
  };
  const controller = useMemo(
    () =>
      new ReviewController({
        db,
        batchId: batch.id,
        schema,
        reviewer: { id: reviewer.id, name: reviewer.name },
        deviceId,
        timer,
        onCommitted: (review) => latest.current.onCommitted(review),
        onNavigate: (id) => latest.current.onNavigate(id),
        onOutcome: (o) => outcomeRef.current(o),
        qa: (item, values) => qaRef.current(item, values),
      }),
    [db, batch.id, schema, reviewer.id, reviewer.name, deviceId, timer],
  );
  const view = useSyncExternalStore(controller.subscribe, controller.getState);
  const loadAttachment = useCallback<AttachmentLoader>(
    (path) => attachmentBytes(db, batch.id, path).then((bytes) => (bytes ? new Blob([bytes as Uint8Array<ArrayBuffer>], { type: imageType(path) }) : undefined)),
    [db, batch.id],
  );

  const [announcement, setAnnouncement] = useState('');
  const [alert, setAlert] = useState<string | null>(null);
  const [endNote, setEndNote] = useState<string | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  /** The open concordance: what it searches first, and the text field a translation found goes into. */
  const [concordance, setConcordance] = useState<{ query: string; field: string | undefined } | null>(null);
  const [instructionsOpen, setInstructionsOpen] = useState(true);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ request: FocusRequest; n: number } | null>(null);
  const [glossary, setGlossary] = useState<StoredGlossary | null>(null);
  const [qa, setQaState] = useState<QaState | null>(null);
  const qaStateRef = useRef(qa);
  const setQa = (next: QaState | null) => {
    qaStateRef.current = next;
    setQaState(next);
  };
  /** Warnings of the item just confirmed, shown on the item the screen went on to. */
  const [warned, setWarned] = useState<{ itemId: string; on: string; findings: QaFinding[] } | null>(null);
  const [offer, setOfferState] = useState<Offer | null>(null);
  const offerRef = useRef(offer);
  const setOffer = (next: Offer | null) => {
    offerRef.current = next;
    setOfferState(next);
  };
  const sheetOpenRef = useRef(false);
  sheetOpenRef.current = sheetOpen;
  const announceTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Said again when it is the same words: the region is emptied first, then filled.
  const announce = useCallback((text: string) => {
    setAnnouncement('');
    clearTimeout(announceTimer.current);
    announceTimer.current = setTimeout(() => setAnnouncement(text), 30);
  }, []);
  useEffect(() => () => clearTimeout(announceTimer.current), []);

  const requestFocus = useCallback((request: FocusRequest) => setFocusRequest((f) => ({ request, n: (f?.n ?? 0) + 1 })), []);

  useEffect(() => {
    let live = true;
    void glossaryLoad.then((stored) => live && setGlossary(stored));
    return () => {
      live = false;
    };
  }, [glossaryLoad]);

  // ---- Item and position ---------------------------------------------------------------------------
  useEffect(() => () => controller.detach(), [controller]);
  useEffect(() => {
    void controller.open(itemId);
  }, [controller, itemId]);

  const hint = useRef(0);
  const currentId = view.requestedId ?? itemId;
  const index = locate(entries, currentId, hint.current);
  if (index >= 0) hint.current = index;
  const total = entries.length;
  const positionOf = (id: string) => locate(entries, id, hint.current + 1) + 1;

  // ---- Actions ---------------------------------------------------------------------------------------
  /** `extra`: said after the verdict (what propagation did). */
  const handle = (o: Outcome, next?: string, extra = '') => {
    switch (o.kind) {
      case 'committed':
      case 'unchanged': {
        setAlert(null);
        const status = t(`status.${o.review.status}`);
        if (o.via === 'confirm') {
          const said = [qaConfirmed(o, next), extra].filter(Boolean).join(' ');
          if (next) {
            controller.navigate(next);
            setEndNote(null);
            announce(`${t('announce.verdictAt', { status, index: positionOf(next), total })}${said ? ` ${said}` : ''}`);
          } else {
            const pending = entries.filter((e) => e.id !== o.review.itemId && e.status === 'pending').length;
            const note = pending === 0 ? t('announce.done') : t('announce.donePending', { count: pending });
            setEndNote(note);
            announce([t('announce.verdict', { status }), said, note].filter(Boolean).join(' '));
          }
        } else if (o.via === 'undo') {
          announce(t('announce.undone', { status }));
        } else if (o.via === 'redo') {
          announce(t('announce.redone', { status }));
        } else {
          announce(index >= 0 ? t('announce.verdictAt', { status, index: index + 1, total }) : t('announce.verdict', { status }));
        }
        break;
      }
      case 'reason-required':
        requestFocus({ target: 'reason' });
        break;
      case 'qa-blocked': {
        const before = qaOf(o.itemId);
        // The very errors that stopped the last try: the reviewer asks to confirm anyway.
        const again = before.blocked !== null && errorsKey(before.blocked) === errorsKey(o.unresolved);
        setQa({ ...before, check: o.check, blocked: o.unresolved, overriding: again ? o.unresolved : null });
        if (!again) announce(t('qa.blocked', { count: o.unresolved.length }));
        break;
      }
      case 'invalid': {
        const first = schema.fields.find((f) => o.problems[f.name]);
        if (first) requestFocus({ target: 'field', name: first.name });
        break;
      }
      case 'stale':
        announce(t('announce.stale'));
        break;
      case 'failed':
        setAlert(t('announce.failed', { message: o.message }));
        break;
      case 'nothing-to-undo':
        announce(t('announce.nothingToUndo'));
        break;
      case 'nothing-to-redo':
        announce(t('announce.nothingToRedo'));
        break;
      case 'history-stale':
        announce(t('announce.historyStale'));
        break;
      case 'draft-reverted':
        announce(t('announce.draftReverted'));
        break;
      case 'draft-restored':
        announce(t('announce.draftRestored'));
        break;
      case 'busy':
      case 'navigating':
        break;
    }
  };
  outcomeRef.current = (o) => handle(o);

  const around = () => neighbours(entries, index, hint.current);

  // ---- QA and propagation ----------------------------------------------------------------------------
  const qaOf = (itemId: string): QaState => {
    const current = qaStateRef.current;
    return current?.itemId === itemId ? current : { itemId, check: null, overrides: [], blocked: null, overriding: null };
  };

  /** What a confirmation's QA run comes to: the item's panel keeps it, its warnings are shown on the next item. */
  const qaConfirmed = (o: Extract<Outcome, { kind: 'committed' | 'unchanged' }>, next: string | undefined): string => {
    if (o.kind !== 'committed' || !o.check) return '';
    const itemId = o.review.itemId;
    setQa({ ...qaOf(itemId), check: o.check, blocked: null, overriding: null });
    const warnings = o.check.findings.filter((f) => f.level === 'warning');
    setWarned(warnings.length > 0 ? { itemId, on: next ?? itemId, findings: warnings } : null);
    const overridden = o.event.qaOverrides?.length ?? 0;
    return [warnings.length > 0 ? t('qa.warnedAnnounce', { count: warnings.length }) : '', overridden > 0 ? t('qa.overriddenAnnounce', { count: overridden }) : '']
      .filter(Boolean)
      .join(' ');
  };

  const sourceIndex = useRef<{ key: string; index: Promise<SourceIndex> } | null>(null);
  const indexOfSources = (): Promise<SourceIndex> => {
    const key = `${batch.id} ${batch.revision}`;
    if (sourceIndex.current?.key !== key) sourceIndex.current = { key, index: buildSourceIndex(db, batch.id) };
    return sourceIndex.current.index;
  };
  const propagates = schema.context.some((f) => f.name === SOURCE_FIELD && isTextKind(f.kind));

  /** The identical segments a confirmation's correction may go to (none where QA does not run). */
  const offerTargets = async (o: Extract<Outcome, { kind: 'committed' }>): Promise<string[]> => {
    const item = controller.getState().item;
    if (!propagates || !item || item.id !== o.review.itemId || qaFieldOf(schema, item) === null) return [];
    try {
      return await propagationTargets(db, schema, await indexOfSources(), item, reviewer);
    } catch (error) {
      sourceIndex.current = null;
      setAlert(t('announce.failed', { message: error instanceof Error ? error.message : String(error) }));
      return [];
    }
  };

  /** A prompt left open by another action is an answer of no; the last confirmation's warnings have been seen. */
  const dismissPrompts = () => {
    setWarned(null);
    if (offerRef.current) setOffer(null);
    const current = qaStateRef.current;
    if (current?.overriding) setQa({ ...current, overriding: null });
  };

  const verdict = async (v: Verdict, overrides?: QaOverride[]) => {
    dismissPrompts();
    const { next } = around();
    const o = await controller.act(v, overrides ?? qaOf(currentId).overrides);
    if (o.kind === 'committed' && o.via === 'confirm') {
      const targets = await offerTargets(o);
      if (targets.length > 0) {
        // Where the screen goes waits for the answer: the prompt takes the focus meanwhile.
        setOffer({ outcome: o, targets, next });
        announce(t('announce.verdict', { status: t(`status.${o.review.status}`) }));
        return;
      }
    }
    handle(o, next);
  };

  const answerOffer = async (apply: boolean) => {
    const o = offerRef.current;
    if (!o) return;
    setOffer(null);
    if (!apply) {
      handle(o.outcome, o.next, t('propagation.declined'));
      if (!o.next) requestFocus({ target: 'first' });
      return;
    }
    let said = '';
    let taken = new Set<string>();
    try {
      const { applied, skipped } = await controller.propagate({ event: o.outcome.event, review: o.outcome.review }, o.targets);
      said = [t('propagation.applied', { count: applied }), skipped > 0 ? t('propagation.skipped', { count: skipped }) : ''].filter(Boolean).join(' ');
      taken = new Set(o.targets);
    } catch (error) {
      setAlert(t('announce.failed', { message: error instanceof Error ? error.message : String(error) }));
    }
    // The segments just confirmed are passed over: the next one is still to be done.
    const from = locate(entries, o.outcome.review.itemId, hint.current);
    const next = from >= 0 ? entries.slice(from + 1).find((e) => !taken.has(e.id))?.id : o.next && !taken.has(o.next) ? o.next : undefined;
    handle(o.outcome, next, said);
    if (!next) requestFocus({ target: 'first' });
  };

  const runQaNow = async () => {
    const { item, writer: w } = controller.getState();
    if (!item || !w) return;
    const check = await qaRef.current(item, w.current.values);
    if (!check) return;
    const before = qaOf(item.id);
    const unresolved = unresolvedErrors(check.findings, before.overrides);
    setQa({ ...before, check, blocked: before.blocked && unresolved.length > 0 ? unresolved : null });
    const errors = unresolved.length;
    const warnings = check.findings.filter((f) => f.level === 'warning').length;
    announce(
      check.findings.length === 0
        ? t('qa.announceNone')
        : t('qa.announce', { summary: t('qa.summary', { errors: t('qa.errors', { count: errors }), warnings: t('qa.warnings', { count: warnings }) }) }),
    );
  };

  const selectFinding = (span: QaSpan, check: QaCheck) => {
    const el = textControl(fieldElements.get(check.field));
    if (!el) return;
    el.focus();
    if (el.value !== check.text) {
      announce(t('qa.changed'));
      return;
    }
    el.setSelectionRange(span.start, span.end);
  };

  const override = (given: QaOverride[]) => {
    const before = qaOf(currentId);
    const kept = before.overrides.filter((o) => !given.some((g) => g.rule === o.rule && g.key === o.key));
    const overrides = [...kept, ...given];
    setQa({ ...before, overrides, overriding: null });
    void verdict('confirm', overrides);
  };

  const cancelOverride = () => {
    const before = qaOf(currentId);
    setQa({ ...before, overriding: null });
    if (qaField) requestFocus({ target: 'field', name: qaField });
  };

  const go = (which: 'next' | 'previous') => {
    dismissPrompts();
    const target = around()[which];
    if (!target) {
      announce(which === 'next' ? t('announce.lastItem') : t('announce.firstItem'));
      return;
    }
    setEndNote(null);
    controller.navigate(target);
    announce(t('announce.position', { index: positionOf(target), total }));
  };

  const goUnconfirmed = () => {
    dismissPrompts();
    const target = nextUnconfirmed(entries, index, hint.current, currentId);
    if (!target) {
      announce(t('announce.allConfirmed'));
      return;
    }
    setEndNote(null);
    controller.navigate(target);
    announce(t('announce.unconfirmedAt', { index: positionOf(target), total }));
  };

  const exit = async () => {
    dismissPrompts();
    await controller.leaveCurrent();
    latest.current.onExit();
  };

  // ---- Editing commands: restore the AI output, insert the source's codes, take a match -------------------
  const shown = view.item;
  const xliff = useMemo(() => (shown ? xliffView(shown) : null), [shown]);
  const qaField = useMemo(() => (shown ? qaFieldOf(schema, shown) : null), [schema, shown]);
  const [fieldElements] = useState(() => new Map<string, HTMLElement>());
  const textFields = schema.fields.filter((f) => isTextKind(f.kind)).map((f) => f.name);
  /** The text field F2 restores: the one being typed in, else the first. */
  const restoreTarget = () => textFields.find((name) => fieldElements.get(name) === document.activeElement) ?? textFields[0];

  const edits: EditCommands = {
    restore: (name) => {
      const el = textControl(fieldElements.get(name));
      if (!el || !shown) return;
      const ai = asTyped(asText(shown.output[name]));
      if (el.value === ai) {
        el.focus();
        announce(t('announce.alreadyRestored'));
        return;
      }
      replaceText(el, 0, el.value.length, ai);
      announce(t('announce.restored'));
    },
    insertCodes: () => {
      const el = textControl(fieldElements.get(TARGET_FIELD));
      const source = shown?.context[SOURCE_FIELD];
      if (!xliff || xliff.codes.size === 0 || !el || typeof source !== 'string') {
        announce(t('announce.noCodes'));
        return;
      }
      const missing = missingCodes(source, el.value, xliff.codes);
      if (missing.length === 0) {
        el.focus();
        announce(t('announce.noCodesMissing'));
        return;
      }
      const at = snap(el.value, xliff.codes, el.selectionEnd ?? el.value.length);
      replaceText(el, at, at, missing.join(''));
      const names = missing.map((p) => {
        const code = xliff.codes.get(p);
        return code ? t(`codes.${code.role}`, { n: code.n, label: code.label }) : p;
      });
      announce(t('announce.codesInserted', { count: missing.length, codes: names.join(', ') }));
    },
    useCandidate: (i) => {
      const candidate = xliff?.meta.candidates[i];
      const el = textControl(fieldElements.get(TARGET_FIELD));
      if (!candidate || !el) return;
      const text = asTyped(candidate.text);
      if (el.value !== text) replaceText(el, 0, el.value.length, text);
      else el.focus();
      announce(t('announce.candidateTaken', { n: i + 1 }));
    },
  };
  /** A translation found in the concordance goes into the correction as a match does: the field's Ctrl+Z takes it back. */
  const takeFound = (name: string) => (text: string, how: UseHow, dropped: readonly string[]) => {
    const el = textControl(fieldElements.get(name));
    if (!el) return;
    const typed = asTyped(text);
    if (how === 'replace') replaceText(el, 0, el.value.length, typed);
    else replaceText(el, el.selectionStart ?? el.value.length, el.selectionEnd ?? el.value.length, typed);
    announce(dropped.length > 0 ? t('announce.concordanceCodes', { codes: dropped.join(' ') }) : t('announce.concordanceTaken'));
  };
  const editsRef = useRef(edits);
  editsRef.current = edits;
  // Stable, so the memoised item view does not render again with every render of the screen.
  const commands = useMemo<EditCommands>(
    () => ({
      restore: (name) => editsRef.current.restore(name),
      insertCodes: () => editsRef.current.insertCodes(),
      useCandidate: (i) => editsRef.current.useCandidate(i),
    }),
    [],
  );

  const actions: Record<ShortcutId, (index: number) => void> = {
    accept: () => void verdict('confirm'),
    reject: () => void verdict('reject'),
    flag: () => void verdict('flag'),
    next: () => go('next'),
    previous: () => go('previous'),
    nextUnconfirmed: () => goUnconfirmed(),
    restore: () => {
      const name = restoreTarget();
      if (name) edits.restore(name);
    },
    codes: () => edits.insertCodes(),
    candidate: (i) => edits.useCandidate(i),
    qa: () => void runQaNow(),
    undo: () => void controller.undo().then((o) => handle(o)),
    redo: () => void controller.redo().then((o) => handle(o)),
    help: () => setSheetOpen(true),
    // Read before the panel takes the focus: the field being typed in, and what is selected.
    concordance: () => setConcordance({ query: selectedQuery(), field: restoreTarget() }),
    exit: () => void exit(),
  };
  /**
   * Whether the screen takes a key from the browser: Ctrl+1…9 only when the item has that match (elsewhere they
   * stay the browser's tab keys), F2 only when there is a text field to restore.
   */
  const claims = (id: ShortcutId, i: number): boolean => {
    if (id === 'candidate') return xliff?.meta.candidates[i] !== undefined;
    if (id === 'restore') return restoreTarget() !== undefined;
    if (id === 'qa') return qaField !== null;
    return true;
  };
  const rootRef = useRef<HTMLDivElement>(null);
  const acceptRef = useRef<HTMLButtonElement>(null);
  const actionsRef = useRef({ actions, claims });
  actionsRef.current = { actions, claims };

  // ---- Keyboard, activity and durability --------------------------------------------------------------
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      timer.interaction();
      if (sheetOpenRef.current || e.defaultPrevented || e.isComposing || e.keyCode === 229) return;
      // Another dialog of the app (settings, a prompt) has the keyboard.
      if (e.target instanceof Element && e.target.closest('[role="dialog"], [role="alertdialog"]')) return;
      // Esc in a text field of the screen leaves it for the actions, where plain keys (?, Esc) work.
      if (e.key === 'Escape' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey && leavesField(e.target, rootRef.current)) {
        e.preventDefault();
        acceptRef.current?.focus();
        return;
      }
      const s = shortcutFor(e);
      if (!s) return;
      const i = comboIndex(e, s);
      if (!actionsRef.current.claims(s.id, i)) return;
      e.preventDefault();
      if (e.repeat && !s.repeats) return;
      actionsRef.current.actions[s.id](i);
    };
    const onPointer = () => timer.interaction();
    const onPassive = () => timer.interaction(false);
    const onFocus = () => timer.setFocused(true);
    const onBlur = () => timer.setFocused(false);
    const flush = () => void controller.flush();
    const onVisibility = () => {
      const visible = document.visibilityState !== 'hidden';
      timer.setVisible(visible);
      if (!visible) flush();
    };
    timer.setVisible(document.visibilityState !== 'hidden');
    if (document.hasFocus()) timer.interaction();
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('wheel', onPassive, { passive: true, capture: true });
    window.addEventListener('scroll', onPassive, { passive: true, capture: true });
    window.addEventListener('focus', onFocus);
    window.addEventListener('blur', onBlur);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    const offFlush = platform.onFlushRequest(() => controller.flush());
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('wheel', onPassive, { capture: true });
      window.removeEventListener('scroll', onPassive, { capture: true });
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      offFlush();
    };
  }, [controller, timer, platform]);

  // The spellchecker checks the language of the text being corrected (a segment's own, in a mixed file). A
  // failure changes nothing but the spelling hints, so it is not reported.
  const spellLanguages = [
    ...new Set(
      schema.fields
        .filter((f) => isTextKind(f.kind))
        .map((f) => outputFieldOf(f, xliff).lang)
        .filter((lang): lang is string => lang !== undefined),
    ),
  ].join(' ');
  useEffect(() => {
    if (spellLanguages) void platform.setSpellCheckLanguages(spellLanguages.split(' ')).catch(() => undefined);
  }, [platform, spellLanguages]);

  // The index of identical sources is built once the first item shows, so a confirmation need not wait for it.
  const ready = view.phase === 'ready';
  useEffect(() => {
    // A failure is reported by the confirmation that needs the index, which then tries again.
    if (ready && propagates) indexOfSources().catch(() => undefined);
  }, [ready, propagates, batch.id, batch.revision]);

  // ---- Rendering -------------------------------------------------------------------------------------
  const { item, review, writer, initialDraft } = view;
  const itemQa = item && qaField ? qaOf(item.id) : null;
  const side = (f: { lang?: string | undefined; dir?: 'ltr' | 'rtl' | 'auto' | undefined } | undefined) => ({ lang: f?.lang, dir: f?.dir });
  const targetDeclared = qaField ? schema.fields.find((f) => f.name === qaField) : undefined;
  const sourceDeclared = schema.context.find((f) => f.name === SOURCE_FIELD);
  const loading = view.phase === 'loading';
  const status = review?.status ?? 'pending';
  const instructions = [batch.instructions, schema.instructions].filter((x, i, a): x is string => Boolean(x && x.trim()) && a.indexOf(x) === i);

  const button = (id: ShortcutId, label: string, className = '', extra: { disabled?: boolean } = {}) => (
    <button
      ref={id === 'accept' ? acceptRef : undefined}
      type="button"
      className={`loupe-button ${className}`}
      aria-keyshortcuts={ariaKeyShortcuts(shortcutById(id))}
      aria-disabled={extra.disabled || undefined}
      onClick={() => actions[id](0)}
    >
      {label}
      <KeyHint id={id} />
    </button>
  );

  const { previous, next } = around();

  return (
    <div
      ref={rootRef}
      className="loupe-review"
      aria-busy={loading || undefined}
      onBlur={() => {
        // A control lost focus: what it holds is written now, not after the debounce (BRIEF 4).
        void view.writer?.flush();
      }}
    >
      <header className="loupe-review__header">
        <div className="loupe-review__heading">
          <h1 className="loupe-review__title">{batch.name}</h1>
          <p className="loupe-review__meta">
            <span className="loupe-review__position">
              {index >= 0 ? t('position', { index: index + 1, total }) : t('positionOutside', { total })}
            </span>
            <span>
              {t('itemId')} <code className="loupe-id">{currentId}</code>
            </span>
            {review && <span className={`loupe-status is-${status}`}>{t('statusLabel', { status: t(`status.${status}`) })}</span>}
            {writer && <SaveIndicator writer={writer} />}
          </p>
        </div>
        <div className="loupe-review__tools">
          {button('exit', t('actions.exit'), 'is-quiet')}
          <button
            type="button"
            className="loupe-button is-quiet"
            aria-haspopup="dialog"
            aria-keyshortcuts={ariaKeyShortcuts(shortcutById('help'))}
            onClick={() => setSheetOpen(true)}
          >
            {t('actions.shortcuts')}
            <KeyHint id="help" />
          </button>
          <button
            type="button"
            className="loupe-button is-quiet"
            aria-haspopup="dialog"
            aria-keyshortcuts={ariaKeyShortcuts(shortcutById('concordance'))}
            onClick={() => actions.concordance(0)}
          >
            {t('actions.concordance')}
            <KeyHint id="concordance" />
          </button>
        </div>
      </header>

      {alert && (
        <div className="loupe-alert" role="alert">
          <p>{alert}</p>
          <button type="button" className="loupe-button is-quiet" onClick={() => setAlert(null)}>
            {t('actions.dismiss')}
          </button>
        </div>
      )}
      {view.restoredDraft && <p className="loupe-note">{t('save.restored')}</p>}
      {item && review?.stale && <StaleNotice stale={review.stale} item={item} schema={schema} view={xliff} />}
      {index >= 0 && entries[index]?.withdrawnIn !== undefined && <WithdrawnNotice revision={entries[index].withdrawnIn} />}
      {endNote && <p className="loupe-note">{endNote}</p>}
      {warned && warned.on === currentId && (
        <div className="loupe-note">
          <p>{t('qa.warnedAt', { id: warned.itemId, count: warned.findings.length })}</p>
          <ul>
            {warned.findings.map((f, i) => (
              <li key={i}>{f.message}</li>
            ))}
          </ul>
        </div>
      )}

      {instructions.length > 0 && (
        <section className="loupe-panel loupe-instructions" aria-labelledby={`${ids}-instructions`}>
          <h2 id={`${ids}-instructions`} className="loupe-disclosure-heading">
            <button
              type="button"
              className="loupe-disclosure"
              aria-expanded={instructionsOpen}
              aria-controls={`${ids}-instructions-body`}
              onClick={() => setInstructionsOpen((o) => !o)}
            >
              {t('instructions.heading')}
            </button>
          </h2>
          <div id={`${ids}-instructions-body`} hidden={!instructionsOpen}>
            {instructions.map((text, i) => (
              <p key={i} className="loupe-text">
                {text}
              </p>
            ))}
          </div>
        </section>
      )}

      {view.phase === 'missing' && <p className="loupe-alert">{t('missing', { id: currentId })}</p>}
      {view.phase === 'failed' && <p className="loupe-alert">{t('loadFailed', { message: view.loadError ?? '' })}</p>}
      {!item && (view.phase === 'loading' || view.phase === 'idle') && <p className="loupe-muted">{t('loading')}</p>}

      {item && review && writer && initialDraft && (
        <div
          className={schema.context.length > 0 || Object.keys(item.context).length > 0 ? 'loupe-review__body has-context' : 'loupe-review__body'}
          inert={loading || undefined}
        >
          <AttachmentContext.Provider value={loadAttachment}>
            <ContextPanel schema={schema} item={item} headingId={`${ids}-context`} view={xliff} />
          </AttachmentContext.Provider>
          <ItemView
            resetKey={`${item.id}:${view.revision}`}
            schema={schema}
            item={item}
            review={review}
            writer={writer}
            initialDraft={initialDraft}
            problems={view.problems}
            reasonError={view.reasonError}
            controller={controller}
            focusRequest={focusRequest}
            view={xliff}
            fieldElements={fieldElements}
            commands={commands}
          />
        </div>
      )}

      {item && itemQa && (
        <QaPanel
          check={itemQa.check}
          overrides={itemQa.overrides}
          blocked={itemQa.blocked}
          overriding={itemQa.overriding}
          glossary={glossary}
          target={side(targetDeclared && outputFieldOf(targetDeclared, xliff))}
          source={side(sourceDeclared && contextFieldOf(sourceDeclared, xliff))}
          onRun={() => void runQaNow()}
          onSelect={selectFinding}
          onConfirmAnyway={() => setQa({ ...itemQa, overriding: itemQa.blocked })}
          onOverride={override}
          onCancelOverride={cancelOverride}
        />
      )}
      {offer && <PropagationPrompt count={offer.targets.length} onAnswer={(apply) => void answerOffer(apply)} />}

      <div className="loupe-actions" role="group" aria-label={t('actions.group')}>
        <div className="loupe-actions__verdicts">
          {button('accept', t('actions.accept'), 'is-primary')}
          {button('reject', t('actions.reject'))}
          {button('flag', t('actions.flag'))}
        </div>
        <div className="loupe-actions__moves">
          {button('previous', t('actions.previous'), '', { disabled: !previous })}
          {button('next', t('actions.next'), '', { disabled: !next })}
          {button('nextUnconfirmed', t('actions.nextUnconfirmed'))}
          {button('undo', t('actions.undo'), 'is-quiet')}
          {button('redo', t('actions.redo'), 'is-quiet')}
        </div>
      </div>

      {item && (
        <HistoryPanel
          db={db}
          batchId={batch.id}
          itemId={item.id}
          schema={schema}
          lastEventId={review?.lastEventId ?? null}
          open={historyOpen}
          onToggle={setHistoryOpen}
        />
      )}

      <div className="loupe-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      <ShortcutSheet open={sheetOpen} onClose={() => setSheetOpen(false)} />
      {concordance && (
        <ConcordancePanel
          db={db}
          initialQuery={concordance.query}
          into={concordance.field === TARGET_FIELD && xliff ? { coded: true, codes: xliff.meta.codes } : { coded: false, codes: [] }}
          onClose={() => setConcordance(null)}
          onUse={concordance.field === undefined ? undefined : takeFound(concordance.field)}
        />
      )}
    </div>
  );
}
