import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReviewStatus, type Batch, type StoredSchema } from '../../shared/domain';
import type { Review } from '../../shared/review';
import { routeHref } from '../app/route';
import { ConcordancePanel, selectedQuery } from '../concordance';
import type { Platform } from '../platform';
import { SchemaSummary } from '../import';
import { ReviewScreen } from '../review';
import { batchProgress, getBatch, loadPosition, queueEntries, revisionFlags, savePosition, type LoupeDatabase, type QueueEntry, type StatusCounts, type StatusFilter } from '../storage';
import { EffortTable, SourceWords } from './EffortTable';
import { ItemList } from './ItemList';
import { NEW_SEARCH, SearchReplace, type SearchReplaceSettings } from './SearchReplace';
import { StatusBar } from './StatusBar';
import { useQueueEffort } from './use-effort';

const SEARCH_DELAY_MS = 250;

export interface BatchPageProps {
  db: LoupeDatabase;
  platform: Platform;
  batchId: string;
  /** The item under review; without it the queue is shown. */
  itemId: string | undefined;
  reviewer: { id: string; name: string };
  deviceId: string;
  /** Opens an item; `replace` when moving item to item, so Back returns to the queue. */
  openItem: (itemId: string, replace: boolean) => void;
  showQueue: () => void;
  batchesHref: string;
  onOpened: (batch: Batch) => void;
  onError: (error: unknown) => void;
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

const entryIndexes = new WeakMap<readonly QueueEntry[], Map<string, number>>();

/**
 * Where `itemId` is in `list` (ids never move within one list: entries are only replaced by position).
 * Verdicts walk the list one item at a time, so the place next to `hint` is tried before the index is built.
 */
function indexOf(list: readonly QueueEntry[], itemId: string, hint: number): number {
  for (const i of [hint, hint + 1, hint - 1]) {
    if (i >= 0 && i < list.length && list[i]?.id === itemId) return i;
  }
  let index = entryIndexes.get(list);
  if (!index) {
    index = new Map();
    for (let i = 0; i < list.length; i += 1) index.set((list[i] as QueueEntry).id, i);
    entryIndexes.set(list, index);
  }
  return index.get(itemId) ?? -1;
}

const STATUS_FILTERS: readonly ('all' | ReviewStatus)[] = ['all', ...ReviewStatus.options];

/**
 * One batch: its queue (filtered, searchable, virtualised) and, when an item is open, the review screen
 * walking through the queue's current entries. The filter outlives opening an item, so Next follows it.
 */
export function BatchPage(props: BatchPageProps) {
  const { db, batchId, itemId, reviewer, onError, onOpened } = props;
  const { t, i18n } = useTranslation('queue');
  const [loaded, setLoaded] = useState<{ batch: Batch; stored: StoredSchema } | 'missing' | null>(null);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [search, setSearch] = useState('');
  const query = useDebounced(search, SEARCH_DELAY_MS);
  const [entries, setEntries] = useState<QueueEntry[] | null>(null);
  const entriesRef = useRef(entries);
  entriesRef.current = entries;
  const [counts, setCounts] = useState<StatusCounts | null>(null);
  const [flags, setFlags] = useState<{ stale: number; withdrawn: number }>({ stale: 0, withdrawn: 0 });
  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const replaceButton = useRef<HTMLButtonElement>(null);
  const inQueue = itemId === undefined;
  // Search and replace takes the list's place; what it asked for stays while a segment is opened from it.
  const [replaceOpen, setReplaceOpen] = useState(false);
  const [replaceSettings, setReplaceSettings] = useState<SearchReplaceSettings>(NEW_SEARCH);
  const [concordance, setConcordance] = useState<string | null>(null);
  // Counts changes made here (replacements), so the list and the counts are read again.
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    (async () => {
      const found = await getBatch(db, batchId);
      if (!live) return;
      if (!found) {
        setLoaded('missing');
        return;
      }
      setLoaded({ batch: found.batch, stored: found.schema });
      onOpened(found.batch);
      const position = await loadPosition(db, batchId, reviewer.id);
      if (live) setActiveId((current) => current ?? position);
    })().catch(onError);
    return () => {
      live = false;
    };
  }, [db, batchId, reviewer.id, onOpened, onError]);

  // The entries are reloaded for the queue, not while reviewing: the review screen walks a stable list,
  // and items it decides simply change their badge until the reviewer comes back to the queue.
  const haveEntries = entries !== null;
  useEffect(() => {
    if (loaded === null || loaded === 'missing' || (!inQueue && haveEntries)) return;
    let live = true;
    Promise.all([queueEntries(db, batchId, reviewer.id, { status, text: query }), batchProgress(db, loaded.batch, reviewer.id), revisionFlags(db, batchId, reviewer.id)])
      .then(([next, progress, revision]) => {
        if (!live) return;
        setEntries(next);
        setCounts(progress);
        setFlags(revision);
      })
      .catch(onError);
    return () => {
      live = false;
    };
  }, [db, batchId, reviewer.id, loaded, status, query, inQueue, haveEntries, version, onError]);

  useEffect(() => {
    if (itemId === undefined) return;
    setActiveId(itemId);
    savePosition(db, batchId, reviewer.id, itemId).catch(onError);
  }, [db, batchId, reviewer.id, itemId, onError]);

  const activeIndex = useMemo(() => {
    if (!entries || entries.length === 0) return -1;
    const found = activeId === undefined ? -1 : entries.findIndex((e) => e.id === activeId);
    return found >= 0 ? found : 0;
  }, [entries, activeId]);

  // Keyboard first: the list has focus when the queue appears, unless the reviewer is elsewhere already.
  useEffect(() => {
    if (inQueue && haveEntries && (document.activeElement === document.body || document.activeElement === null)) listRef.current?.focus({ preventScroll: true });
  }, [inQueue, haveEntries]);

  useEffect(() => {
    if (!inQueue) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.defaultPrevented || target?.closest('[role="dialog"], [role="alertdialog"]')) return;
      // Ctrl+K and Ctrl+H type nothing, so they work in text fields too (⌘ on a Mac, where ⌘H hides the window).
      const mod = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
      const key = event.key.toLowerCase();
      if (mod && (key === 'k' || event.code === 'KeyK')) {
        event.preventDefault();
        setConcordance(selectedQuery());
      } else if (mod && (key === 'h' || event.code === 'KeyH')) {
        event.preventDefault();
        setReplaceOpen((open) => !open);
      } else if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !target?.closest('input, textarea, select, [contenteditable="true"]') && searchRef.current) {
        event.preventDefault();
        searchRef.current.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [inQueue]);

  // A verdict changes one row's status. The list can hold 100,000 entries, so that row alone is replaced,
  // in place (found through an index of the list, built once per list), instead of copying the list on every
  // commit; the list keeps its identity (the review screen's position index stays valid) and a counter
  // renders the page again for the badge.
  const [, setStatusChanges] = useState(0);
  const commitHint = useRef(-2);
  const onCommitted = useCallback((review: Review) => {
    const list = entriesRef.current;
    if (!list) return;
    const index = indexOf(list, review.itemId, commitHint.current + 1);
    if (index >= 0) commitHint.current = index;
    const entry = index >= 0 ? list[index] : undefined;
    const stale = review.stale !== undefined;
    if (!entry || (entry.status === review.status && (entry.stale ?? false) === stale)) return;
    const { stale: _was, ...rest } = entry;
    list[index] = { ...rest, status: review.status, ...(stale ? { stale } : {}) };
    setStatusChanges((n) => n + 1);
  }, []);

  const opened = loaded !== null && loaded !== 'missing' ? loaded : null;
  const effort = useQueueEffort(db, opened?.batch ?? null, opened?.stored.schema ?? null, reviewer.id, inQueue, onError);

  if (loaded === null) return <p className="page muted">{t('queue.loading')}</p>;
  if (loaded === 'missing') {
    return (
      <section className="page">
        <h1>{t('queue.missingTitle')}</h1>
        <p>{t('queue.missing')}</p>
        <a href={props.batchesHref}>{t('queue.allBatches')}</a>
      </section>
    );
  }
  const { batch, stored } = loaded;

  if (itemId !== undefined) {
    if (!entries) return <p className="page muted">{t('queue.loading')}</p>;
    return (
      <ReviewScreen
        db={db}
        batch={batch}
        schema={stored.schema}
        reviewer={reviewer}
        deviceId={props.deviceId}
        entries={entries}
        itemId={itemId}
        onNavigate={(next: string) => props.openItem(next, true)}
        onCommitted={onCommitted}
        onExit={props.showQueue}
        platform={props.platform}
      />
    );
  }

  const number = new Intl.NumberFormat(i18n.language);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const closeReplace = () => {
    setReplaceOpen(false);
    // The button is drawn again with the list: focus it once it is there.
    setTimeout(() => replaceButton.current?.focus(), 0);
  };
  const active = activeIndex >= 0 ? entries?.[activeIndex] : undefined;
  const open = (index: number) => {
    const entry = entries?.[index];
    if (entry) props.openItem(entry.id, false);
  };

  return (
    <section className="page queue-page" aria-labelledby="queue-title">
      <nav aria-label={t('queue.breadcrumb')} className="breadcrumb">
        <a href={props.batchesHref}>{t('queue.allBatches')}</a>
      </nav>
      <h1 id="queue-title">{batch.name}</h1>
      <p className="meta">
        {t('queue.meta', {
          count: batch.itemCount,
          items: number.format(batch.itemCount),
          file: batch.source.fileName,
          date: date.format(new Date(batch.createdAt)),
        })}
      </p>
      <p>
        <a href={routeHref({ page: 'desk', batchId })} accessKey="c" aria-keyshortcuts="Alt+C">
          {t('coordinate', { ns: 'desk' })}
        </a>{' '}
        <span className="hints" aria-hidden="true">
          <kbd>Alt</kbd>+<kbd>C</kbd> {t('coordinateHint', { ns: 'desk' })}
        </span>
      </p>
      {counts && <StatusBar counts={counts} total={batch.itemCount} />}
      {effort && (
        <>
          <EffortTable caption={t('effort.mine')} rows={[{ key: reviewer.id, totals: effort.mine }]} />
          <SourceWords source={effort.source} schema={stored.schema} />
        </>
      )}
      {flags.stale > 0 && (
        <div className="notice revision-notice">
          <p>{t('revision.stale', { count: flags.stale })}</p>
          {status !== 'stale' && (
            <button type="button" onClick={() => setStatus('stale')}>
              {t('revision.show')}
            </button>
          )}
        </div>
      )}
      {flags.withdrawn > 0 && (
        <p className="notice revision-notice">{t('revision.withdrawn', { count: flags.withdrawn })}</p>
      )}
      <SchemaSummary schema={stored.schema} />

      <p className="queue-tools">
        <button ref={replaceButton} type="button" aria-keyshortcuts="Control+H" aria-expanded={replaceOpen} onClick={() => setReplaceOpen((open) => !open)}>
          {t('tools.replace')}{' '}
          <span className="hints" aria-hidden="true">
            <kbd>Ctrl</kbd>+<kbd>H</kbd>
          </span>
        </button>
        <button type="button" aria-haspopup="dialog" aria-keyshortcuts="Control+K Meta+K" onClick={() => setConcordance(selectedQuery())}>
          {t('tools.concordance')}{' '}
          <span className="hints" aria-hidden="true">
            <kbd>Ctrl</kbd>+<kbd>K</kbd>
          </span>
        </button>
      </p>

      {replaceOpen ? (
        <SearchReplace
          db={db}
          batch={batch}
          schema={stored.schema}
          reviewer={reviewer}
          deviceId={props.deviceId}
          settings={replaceSettings}
          onSettings={setReplaceSettings}
          onOpen={(id) => props.openItem(id, false)}
          onChanged={bump}
          onClose={closeReplace}
          onError={onError}
        />
      ) : (
        <>
          <div className="toolbar" role="search">
            <label>
              {t('filter.status')}
              <select aria-label={t('filter.status')} value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
                {STATUS_FILTERS.map((s) => (
                  <option key={s} value={s}>
                    {s === 'all' ? t('filter.all') : counts ? t('filter.option', { status: t(`status.${s}`), count: counts[s] }) : t(`status.${s}`)}
                  </option>
                ))}
                {(flags.stale > 0 || status === 'stale') && <option value="stale">{t('filter.stale', { count: flags.stale })}</option>}
                {(flags.withdrawn > 0 || status === 'withdrawn') && <option value="withdrawn">{t('filter.withdrawn', { count: flags.withdrawn })}</option>}
              </select>
            </label>
            <label>
              {t('filter.search')}
              <input
                ref={searchRef}
                type="search"
                aria-label={t('filter.search')}
                value={search}
                placeholder={t('filter.searchPlaceholder')}
                aria-keyshortcuts="/"
                onChange={(e) => setSearch(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape' && search) {
                    e.preventDefault();
                    setSearch('');
                  } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
                    e.preventDefault();
                    listRef.current?.focus();
                  }
                }}
              />
            </label>
            <button type="button" className="primary" disabled={!active} onClick={() => open(activeIndex)}>
              {active && counts && counts.pending < batch.itemCount ? t('queue.continue', { id: active.id }) : t('queue.start')}
            </button>
          </div>

          {entries === null ? (
            <p className="muted">{t('queue.loading')}</p>
          ) : (
            <>
              <p className="result-count" aria-live="polite">
                {t('queue.showing', { count: batch.itemCount, shown: number.format(entries.length), total: number.format(batch.itemCount) })}
              </p>
              {entries.length === 0 ? (
                <p className="empty">{t('queue.noMatch')}</p>
              ) : (
                <ItemList
                  listRef={listRef}
                  db={db}
                  batchId={batchId}
                  schema={stored.schema}
                  entries={entries}
                  activeIndex={activeIndex}
                  onActiveChange={(index) => setActiveId(entries[index]?.id)}
                  onOpen={open}
                  label={t('list.label', { name: batch.name })}
                />
              )}
              <p className="hints" aria-hidden="true">
                <kbd>↑</kbd> <kbd>↓</kbd> / <kbd>j</kbd> <kbd>k</kbd> {t('hints.move')} · <kbd>Enter</kbd> {t('hints.open')} · <kbd>/</kbd> {t('hints.search')} · <kbd>Ctrl</kbd>+<kbd>H</kbd>{' '}
                {t('hints.replace')} · <kbd>Ctrl</kbd>+<kbd>K</kbd> {t('hints.concordance')}
              </p>
            </>
          )}
        </>
      )}
      {concordance !== null && <ConcordancePanel db={db} initialQuery={concordance} onClose={() => setConcordance(null)} />}
    </section>
  );
}
