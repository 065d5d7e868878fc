import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ReviewStatus, type Batch, type TaskSchema } from '../../shared/domain';
import { compileQuery, segmentFields, type SegmentFields } from '../../shared/search';
import { MarkedText } from '../concordance';
import { batchSegments, loadGlossary, type LoupeDatabase, type SegmentRow } from '../storage';
import { RefusalList } from './RefusalList';
import { ReplaceConfirm } from './ReplaceConfirm';
import { applyReplacement, planAll, planReplacement, undoReplacement, type Plan, type Refusal, type ReplaceContext, type UndoStep } from './replacements';
import { rangesIn, ResultList } from './ResultList';
import { filterSegments, QaCache, qaContextOf, type QaChoice, type QaContext, type StatusChoice } from './segment-search';
import './search-replace.css';

const TYPING_DELAY_MS = 200;
const PROGRESS_STEP = 25;

/** What the reviewer asked for: kept by the batch page, so it is still there after opening a segment. */
export interface SearchReplaceSettings {
  source: string;
  target: string;
  replacement: string;
  caseSensitive: boolean;
  wholeWord: boolean;
  regex: boolean;
  status: StatusChoice;
  qa: QaChoice;
  /** The segment chosen last among the results. */
  activeId?: string;
}

export const NEW_SEARCH: SearchReplaceSettings = { source: '', target: '', replacement: '', caseSensitive: false, wholeWord: false, regex: false, status: 'all', qa: 'any' };

export interface SearchReplaceProps {
  db: LoupeDatabase;
  batch: Batch;
  schema: TaskSchema;
  reviewer: { id: string; name: string };
  deviceId: string;
  settings: SearchReplaceSettings;
  onSettings: (settings: SearchReplaceSettings) => void;
  /** Opens a segment in the review screen. */
  onOpen: (itemId: string) => void;
  /** Targets and statuses changed: the queue reads them again. */
  onChanged: () => void;
  onClose: () => void;
  onError: (error: unknown) => void;
}

/**
 * Search and replace across a batch (docs/reviewing.md): find in the sources and the targets (case, whole words,
 * regular expressions), filter by status and QA result, see every segment found with its matches marked, and
 * replace in the targets one segment at a time (Ctrl+Enter) or all at once after a confirmation
 * (Ctrl+Shift+Enter). How each replacement is recorded is in replacements.ts.
 */
export function SearchReplace(props: SearchReplaceProps) {
  const { t } = useTranslation('queue');
  const fields = useMemo(() => segmentFields(props.schema), [props.schema]);
  if (!fields) {
    return (
      <section className="search-replace" aria-label={t('replace.title')}>
        <p>{t('replace.noText')}</p>
        <button type="button" onClick={props.onClose}>
          {t('replace.close')}
        </button>
      </section>
    );
  }
  return <Panel {...props} fields={fields} />;
}

type Corpus = { kind: 'loading'; read: number; total: number } | { kind: 'ready'; rows: SegmentRow[]; qa: QaContext | null } | { kind: 'failed'; message: string };
type Running = { kind: 'preparing' | 'replacing' | 'undoing'; done: number; total: number };
type Report = { kind: 'replaced' | 'undone'; n: number; refused: { row: SegmentRow; refusal: Refusal }[]; stopped: boolean } | { kind: 'notice'; text: string };

const STATUSES: readonly StatusChoice[] = ['all', ...ReviewStatus.options];
const QA_CHOICES: readonly QaChoice[] = ['any', 'errors', 'warnings', 'clean'];
const QA_WORDS = { any: 'replace.qaAny', errors: 'replace.qaErrors', warnings: 'replace.qaWarnings', clean: 'replace.qaClean' } as const;

function Panel({ db, batch, schema, reviewer, deviceId, settings, onSettings, onOpen, onChanged, onClose, onError, fields }: SearchReplaceProps & { fields: SegmentFields }) {
  const { t, i18n } = useTranslation('queue');
  const ids = useId();
  const number = useMemo(() => new Intl.NumberFormat(i18n.language).format, [i18n.language]);
  const [corpus, setCorpus] = useState<Corpus>({ kind: 'loading', read: 0, total: 0 });
  // Rows are changed in place by replacements (a batch may hold 100,000); `version` makes the search run again.
  const [version, setVersion] = useState(0);
  const [found, setFound] = useState<SegmentRow[] | null>(null);
  const [searching, setSearching] = useState<{ done: number; total: number } | null>(null);
  const [running, setRunning] = useState<Running | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [confirming, setConfirming] = useState<Plan | null>(null);
  const [lastRun, setLastRun] = useState<UndoStep[]>([]);
  const stop = useRef(false);
  // Set from the first key to the end of the work: two quick Ctrl+Enter must not replace twice.
  const busy = useRef(false);
  const exclusive =
    (work: () => Promise<unknown>) =>
    async (): Promise<void> => {
      if (busy.current) return;
      busy.current = true;
      try {
        await work();
      } finally {
        busy.current = false;
      }
    };
  const listRef = useRef<HTMLDivElement>(null);
  const targetInput = useRef<HTMLInputElement>(null);
  const set = (patch: Partial<SearchReplaceSettings>) => onSettings({ ...settings, ...patch });

  useEffect(() => targetInput.current?.focus(), []);

  useEffect(() => {
    let live = true;
    Promise.all([
      batchSegments(db, batch.id, schema, fields, reviewer.id, (read, total) => live && setCorpus({ kind: 'loading', read, total })),
      // A glossary that cannot be read leaves the terminology check without terms, as on the review screen.
      loadGlossary(db, batch.id).catch(() => null),
    ]).then(
      ([rows, glossary]) => live && setCorpus({ kind: 'ready', rows, qa: qaContextOf(schema, fields, glossary?.read.ok ? glossary.read.glossary : null) }),
      (error: unknown) => live && setCorpus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [db, batch.id, schema, fields, reviewer.id]);

  const rows = corpus.kind === 'ready' ? corpus.rows : null;
  const qa = corpus.kind === 'ready' ? corpus.qa : null;
  const qaCache = useMemo(() => (qa ? new QaCache(qa) : null), [qa]);
  const { caseSensitive, wholeWord, regex } = settings;
  const sourceQuery = useMemo(() => compileQuery(settings.source, { caseSensitive, wholeWord, regex }), [settings.source, caseSensitive, wholeWord, regex]);
  const targetQuery = useMemo(() => compileQuery(settings.target, { caseSensitive, wholeWord, regex }), [settings.target, caseSensitive, wholeWord, regex]);
  const sourceMatcher = sourceQuery?.ok ? sourceQuery.matcher : null;
  const targetMatcher = targetQuery?.ok ? targetQuery.matcher : null;
  const invalid = sourceQuery?.ok === false || targetQuery?.ok === false;

  // Off the keystroke path: the search waits for a pause in typing, and runs in slices that a newer one stops.
  useEffect(() => {
    if (!rows || invalid) {
      setFound(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      const query = { source: sourceMatcher, target: targetMatcher, status: settings.status, qa: settings.qa };
      filterSegments(rows, query, qaCache, () => live, (done, total) => live && setSearching(done < total ? { done, total } : null)).then((list) => {
        if (live && list) setFound(list);
      }, onError);
    }, TYPING_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [rows, version, invalid, sourceMatcher, targetMatcher, settings.status, settings.qa, qaCache, onError]);

  const activeIndex = useMemo(() => {
    if (!found || found.length === 0) return -1;
    const i = settings.activeId === undefined ? -1 : found.findIndex((r) => r.id === settings.activeId);
    return i >= 0 ? i : 0;
  }, [found, settings.activeId]);
  const active = found?.[activeIndex];
  const preview = useMemo(
    () => (active && targetMatcher ? planReplacement(active, targetMatcher, settings.replacement, qa) : null),
    // `version` too: the active row's target changes in place.
    [active, targetMatcher, settings.replacement, qa, version],
  );

  const context: ReplaceContext = { db, batchId: batch.id, schema, fields, reviewer, deviceId };
  /** Puts changed rows into the batch's rows and searches again. */
  const changed = (next: readonly SegmentRow[]) => {
    if (!rows || next.length === 0) return;
    const at = new Map(next.map((r) => [r.id, r]));
    rows.forEach((row, i) => {
      const replaced = at.get(row.id);
      if (replaced) rows[i] = replaced;
    });
    setVersion((v) => v + 1);
    onChanged();
  };

  const replaceOne = exclusive(async () => {
    if (!active) return;
    if (!targetMatcher) return setReport({ kind: 'notice', text: t('replace.noTarget') });
    const planned = planReplacement(active, targetMatcher, settings.replacement, qa);
    if (!planned) return setReport({ kind: 'notice', text: t('replace.noMatchInTarget') });
    if (!planned.ok) return setReport({ kind: 'replaced', n: 0, refused: [{ row: planned.row, refusal: planned.refusal }], stopped: false });
    setRunning({ kind: 'replacing', done: 0, total: 1 });
    try {
      const applied = await applyReplacement(context, planned.change);
      if (!applied.ok) return setReport({ kind: 'replaced', n: 0, refused: [{ row: active, refusal: applied.refusal }], stopped: false });
      setLastRun([applied.step]);
      setReport({ kind: 'replaced', n: 1, refused: [], stopped: false });
      // As in CAT tools, the next segment found comes next.
      set({ activeId: found?.[activeIndex + 1]?.id ?? active.id });
      changed([applied.row]);
    } catch (error) {
      onError(error);
    } finally {
      setRunning(null);
    }
  });

  const prepareAll = exclusive(async () => {
    if (!found) return;
    if (!targetMatcher) return setReport({ kind: 'notice', text: t('replace.noTarget') });
    setRunning({ kind: 'preparing', done: 0, total: found.length });
    try {
      const plan = await planAll(found, targetMatcher, settings.replacement, qa, () => true, (done, total) => setRunning({ kind: 'preparing', done, total }));
      if (!plan) return;
      if (plan.changes.length === 0) {
        setReport(plan.refused.length > 0 ? { kind: 'replaced', n: 0, refused: plan.refused, stopped: false } : { kind: 'notice', text: t('replace.nothing') });
        return;
      }
      setConfirming(plan);
    } finally {
      setRunning(null);
    }
  });

  const byId = useMemo(() => new Map((rows ?? []).map((r, i) => [r.id, i])), [rows]);

  /**
   * Runs `each` over `list` one segment after another, with progress and Stop, and reports what it did and
   * refused (with `refusedBefore`, found while planning).
   */
  const runAll = async <T,>(
    kind: 'replacing' | 'undoing',
    list: readonly T[],
    refusedBefore: readonly { row: SegmentRow; refusal: Refusal }[],
    each: (x: T) => Promise<{ row: SegmentRow; step?: UndoStep } | { refused: { row: SegmentRow; refusal: Refusal } }>,
  ) => {
    stop.current = false;
    const done: SegmentRow[] = [];
    const steps: UndoStep[] = [];
    const refused = [...refusedBefore];
    setRunning({ kind, done: 0, total: list.length });
    try {
      for (const [i, x] of list.entries()) {
        if (stop.current) break;
        const out = await each(x);
        if ('refused' in out) refused.push(out.refused);
        else {
          done.push(out.row);
          if (out.step) steps.push(out.step);
        }
        // Every segment would draw the page again: the progress moves in steps.
        if ((i + 1) % PROGRESS_STEP === 0 || i + 1 === list.length) setRunning({ kind, done: i + 1, total: list.length });
      }
    } catch (error) {
      onError(error);
    } finally {
      setRunning(null);
      setReport({ kind: kind === 'replacing' ? 'replaced' : 'undone', n: done.length, refused, stopped: stop.current });
      changed(done);
    }
    return steps;
  };

  const replaceAll = (plan: Plan) =>
    exclusive(async () => {
      setConfirming(null);
      const steps = await runAll('replacing', plan.changes, plan.refused, async (change) => {
        const applied = await applyReplacement(context, change);
        return applied.ok ? { row: applied.row, step: applied.step } : { refused: { row: change.row, refusal: applied.refusal } };
      });
      setLastRun(steps);
    })();

  const undoLast = exclusive(async () => {
    if (lastRun.length === 0) return;
    // The newest change first, as undo goes; each row is the one the search holds now.
    const pairs = [...lastRun].reverse().flatMap((step) => {
      const row = rows?.[byId.get(step.itemId) ?? -1];
      return row ? [{ step, row }] : [];
    });
    setLastRun([]);
    await runAll('undoing', pairs, [], async ({ step, row }) => {
      const undone = await undoReplacement(context, step, row);
      return undone.ok ? { row: undone.row } : { refused: { row, refusal: undone.refusal } };
    });
  });

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.defaultPrevented) return;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key === 'Enter') {
      e.preventDefault();
      if (e.repeat) return;
      void (e.shiftKey ? prepareAll() : replaceOne());
    } else if (e.key === 'Escape' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      onClose();
    }
  };
  const toList = (e: KeyboardEvent) => {
    if ((e.key === 'ArrowDown' || e.key === 'Enter') && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) {
      e.preventDefault();
      listRef.current?.focus();
    }
  };

  const errorOf = (q: typeof sourceQuery) => (q?.ok === false ? t('replace.badPattern', { problem: q.problem }) : null);
  const sourceError = errorOf(sourceQuery);
  const targetError = errorOf(targetQuery);
  const sourceLang = schema.context.find((f) => f.name === fields.source)?.lang;
  const targetLang = schema.fields.find((f) => f.name === fields.target)?.lang;
  /** What is under way, if anything: reading the batch, replacing (or preparing, undoing), or a long search. */
  const progress = (() => {
    if (corpus.kind === 'loading') return { text: t('replace.loading', { read: number(corpus.read), total: number(corpus.total) }), done: corpus.read, total: corpus.total };
    if (running) return { text: t(`replace.${running.kind}`, { done: number(running.done), total: number(running.total) }), ...running };
    if (searching) return { text: t('replace.searching', { done: number(searching.done), total: number(searching.total) }), ...searching };
    return null;
  })();

  const field = (id: 'source' | 'target' | 'replacement', error: string | null, extra: { ref?: typeof targetInput; disabled?: boolean } = {}) => (
    <div className="search-replace__field">
      <label htmlFor={`${ids}-${id}`}>{t(`replace.${id}`)}</label>
      <input
        ref={extra.ref}
        id={`${ids}-${id}`}
        type="text"
        dir="auto"
        spellCheck={false}
        disabled={extra.disabled}
        value={settings[id]}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${ids}-${id}-error` : undefined}
        onChange={(e) => set({ [id]: e.currentTarget.value, activeId: undefined })}
        onKeyDown={toList}
      />
      {error && (
        <p id={`${ids}-${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );

  return (
    <section className="search-replace" aria-labelledby={`${ids}-title`} onKeyDown={onKeyDown}>
      <h2 id={`${ids}-title`}>{t('replace.title')}</h2>
      <p className="muted">{t('replace.intro')}</p>
      <div className="search-replace__fields">
        {fields.source !== null && field('source', sourceError)}
        {field('target', targetError, { ref: targetInput })}
        {field('replacement', null)}
      </div>
      <div className="search-replace__options">
        <fieldset>
          <legend>{t('replace.options')}</legend>
          {(['caseSensitive', 'wholeWord', 'regex'] as const).map((option) => (
            <label key={option} className="checkbox-row">
              <input type="checkbox" checked={settings[option]} onChange={(e) => set({ [option]: e.currentTarget.checked })} />
              {t(option === 'caseSensitive' ? 'replace.matchCase' : option === 'wholeWord' ? 'replace.wholeWords' : 'replace.regex')}
            </label>
          ))}
          {regex && <p className="muted">{t('replace.regexHint')}</p>}
        </fieldset>
        <label>
          {t('replace.status')}
          <select value={settings.status} onChange={(e) => set({ status: e.currentTarget.value as StatusChoice })}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === 'all' ? t('replace.allStatuses') : t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('replace.qa')}
          <select value={qa ? settings.qa : 'any'} disabled={corpus.kind === 'ready' && !qa} aria-describedby={corpus.kind === 'ready' && !qa ? `${ids}-qa-none` : undefined} onChange={(e) => set({ qa: e.currentTarget.value as QaChoice })}>
            {QA_CHOICES.map((c) => (
              <option key={c} value={c}>
                {t(QA_WORDS[c])}
              </option>
            ))}
          </select>
        </label>
        {corpus.kind === 'ready' && !qa && (
          <p id={`${ids}-qa-none`} className="muted">
            {t('replace.qaNone')}
          </p>
        )}
      </div>

      <div className="search-replace__actions">
        <button type="button" disabled={!active || running !== null} aria-keyshortcuts="Control+Enter Meta+Enter" onClick={() => void replaceOne()}>
          {t('replace.replaceOne')}{' '}
          <span className="hints" aria-hidden="true">
            <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
          </span>
        </button>
        <button type="button" disabled={!found || found.length === 0 || running !== null} aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter" onClick={() => void prepareAll()}>
          {t('replace.replaceAll')}{' '}
          <span className="hints" aria-hidden="true">
            <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>Enter</kbd>
          </span>
        </button>
        {lastRun.length > 0 && (
          <button type="button" disabled={running !== null} onClick={() => void undoLast()}>
            {t('replace.undo', { count: lastRun.length })}
          </button>
        )}
        {running && running.kind !== 'preparing' && (
          <button type="button" onClick={() => (stop.current = true)}>
            {t('replace.stop')}
          </button>
        )}
        <button type="button" aria-keyshortcuts="Escape" onClick={onClose}>
          {t('replace.close')}{' '}
          <span className="hints" aria-hidden="true">
            <kbd>Esc</kbd>
          </span>
        </button>
      </div>

      <div role="status" aria-live="polite" className="search-replace__status">
        {corpus.kind === 'failed' && <p className="field-error">{t('replace.failed', { message: corpus.message })}</p>}
        {progress && <p>{progress.text}</p>}
        {!progress && found && rows && <p>{t('replace.found', { count: found.length, n: number(found.length), total: number(rows.length) })}</p>}
        {report && <ReportText report={report} />}
      </div>
      {progress && progress.total > 0 && <progress className="search-replace__progress" max={progress.total} value={progress.done} aria-hidden="true" />}

      {found && found.length > 0 && (
        <ResultList
          listRef={listRef}
          rows={found}
          activeIndex={activeIndex}
          onActiveChange={(i) => set({ activeId: found[i]?.id })}
          onOpen={(i) => {
            const row = found[i];
            if (row) onOpen(row.id);
          }}
          source={sourceMatcher}
          target={targetMatcher}
          sourceLang={sourceLang}
          targetLang={targetLang}
          label={t('replace.results')}
        />
      )}
      <p className="hints" aria-hidden="true">
        <kbd>↑</kbd> <kbd>↓</kbd> {t('replace.hints.move')} · <kbd>Enter</kbd> {t('replace.hints.open')} · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {t('replace.hints.replaceOne')} · <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>Enter</kbd> {t('replace.hints.replaceAll')} · <kbd>Esc</kbd> {t('replace.hints.close')}
      </p>

      {active && (
        <section className="search-replace__detail" aria-label={t('replace.active', { id: active.id })}>
          {fields.source !== null && (
            <p lang={active.qa.sourceLang ?? sourceLang ?? undefined} dir="auto">
              <MarkedText text={active.source} coded={active.coded} labels={active.qa.codeLabels ?? {}} ranges={rangesIn(active.source, active.coded, sourceMatcher)} />
            </p>
          )}
          <p lang={active.qa.targetLang ?? targetLang ?? undefined} dir="auto">
            <MarkedText text={active.target} coded={active.coded} labels={active.qa.codeLabels ?? {}} ranges={rangesIn(active.target, active.coded, targetMatcher)} />
          </p>
          {targetMatcher && (
            <div className="search-replace__after">
              <h3>{t('replace.after')}</h3>
              {preview === null ? (
                <p className="muted">{t('replace.noMatchInTarget')}</p>
              ) : preview.ok ? (
                <>
                  <p lang={active.qa.targetLang ?? targetLang ?? undefined} dir="auto">
                    <MarkedText text={preview.change.text} coded={active.coded} labels={active.qa.codeLabels ?? {}} ranges={preview.change.inserted} />
                  </p>
                  <p className="muted">{preview.change.verdict ? t('replace.recordedVerdict') : t('replace.recordedEdit', { status: t(`status.${active.status}`) })}</p>
                </>
              ) : (
                <RefusalList refused={[{ row: preview.row, refusal: preview.refusal }]} />
              )}
            </div>
          )}
        </section>
      )}

      {confirming && (
        <ReplaceConfirm plan={confirming} find={settings.target} replacement={settings.replacement} onCancel={() => setConfirming(null)} onConfirm={() => void replaceAll(confirming)} />
      )}
    </section>
  );
}

function ReportText({ report }: { report: Report }) {
  const { t, i18n } = useTranslation('queue');
  const number = new Intl.NumberFormat(i18n.language).format;
  if (report.kind === 'notice') return <p>{report.text}</p>;
  return (
    <>
      {report.n > 0 && <p>{t(report.kind === 'replaced' ? 'replace.replaced' : 'replace.undone', { count: report.n, n: number(report.n) })}</p>}
      {report.stopped && <p>{t('replace.stopped')}</p>}
      {report.refused.length > 0 && (
        <>
          <p>{t('replace.notChanged', { count: report.refused.length, n: number(report.refused.length) })}</p>
          <RefusalList refused={report.refused} />
        </>
      )}
    </>
  );
}
