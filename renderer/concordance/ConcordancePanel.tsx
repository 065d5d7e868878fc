import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { adaptText, compileQuery, PLAIN_SEARCH, type SegmentCodes } from '../../shared/search';
import { concordanceIndex, searchConcordance, type ConcordanceIndex, type ConcordanceResult, type LoupeDatabase } from '../storage';
import { MarkedText } from './MarkedText';
import './concordance.css';

/** Hits shown at once: enough to read, few enough to render at every keystroke. */
const SHOWN = 100;
const TYPING_DELAY_MS = 150;

export type UseHow = 'replace' | 'insert';

export interface ConcordancePanelProps {
  db: LoupeDatabase;
  /** What to search for at once: the reviewer's selection, say. */
  initialQuery: string;
  onClose: () => void;
  /**
   * Given on the review screen: takes a found translation into the correction, whole or at the cursor, as
   * text fit for the correction (`into`), with the inline codes that had to be left out (`dropped`).
   */
  onUse?: (text: string, how: UseHow, dropped: readonly string[]) => void;
  /** What the correction's placeholders stand for: a found translation keeps only codes that mean the same here. */
  into?: SegmentCodes;
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The concordance (docs/reviewing.md): a modal dialog in which the reviewer types a word or phrase and sees the
 * confirmed segments of every batch on this machine that hold it, the match marked. ↑/↓ choose a segment while
 * the search box keeps the focus; on the review screen Enter takes its translation as the correction and
 * Shift+Enter inserts it at the cursor. Esc closes, and the focus goes back where it was.
 */
export function ConcordancePanel(props: ConcordancePanelProps) {
  if (typeof document === 'undefined') return null;
  return createPortal(<Panel {...props} />, document.body);
}

type Loaded = { kind: 'loading'; read: number; total: number } | { kind: 'ready'; index: ConcordanceIndex } | { kind: 'failed'; message: string };

function Panel({ db, initialQuery, onClose, onUse, into = { coded: false, codes: [] } }: ConcordancePanelProps) {
  const { t, i18n } = useTranslation('concordance');
  const ids = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  // A translation taken puts the focus in the correction; only a plain close gives it back where it was.
  const used = useRef(false);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading', read: 0, total: 0 });
  const [query, setQuery] = useState(initialQuery);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [wholeWord, setWholeWord] = useState(false);
  const [result, setResult] = useState<{ result: ConcordanceResult; query: string } | null>(null);
  const [searching, setSearching] = useState(false);
  const [active, setActive] = useState(0);
  const number = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    input.current?.focus();
    input.current?.select();
    const onFocusIn = (e: FocusEvent) => {
      if (!used.current && dialog.current && e.target instanceof Node && !dialog.current.contains(e.target)) input.current?.focus();
    };
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      if (!used.current && before?.isConnected) before.focus();
    };
  }, []);

  useEffect(() => {
    let live = true;
    concordanceIndex(db, (read, total) => live && setLoaded({ kind: 'loading', read, total })).then(
      (index) => live && setLoaded({ kind: 'ready', index }),
      (error: unknown) => live && setLoaded({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [db]);

  // Plain text always compiles: no query, or a matcher.
  const matcher = useMemo(() => {
    const compiled = compileQuery(query.trim(), { ...PLAIN_SEARCH, caseSensitive, wholeWord });
    return compiled?.ok ? compiled.matcher : null;
  }, [query, caseSensitive, wholeWord]);
  const index = loaded.kind === 'ready' ? loaded.index : null;
  useEffect(() => {
    if (!index || !matcher) {
      setResult(null);
      setSearching(false);
      return;
    }
    let live = true;
    setSearching(true);
    const timer = setTimeout(() => {
      searchConcordance(index, matcher, SHOWN, () => live).then((found) => {
        if (!live || !found) return;
        setResult({ result: found, query: query.trim() });
        setActive(0);
        setSearching(false);
      }, () => live && setSearching(false));
    }, TYPING_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [index, matcher, query]);

  const hits = result?.result.hits ?? [];
  const chosen = hits[Math.min(active, hits.length - 1)];
  const use = (how: UseHow) => {
    if (!onUse || !chosen) return;
    const { text, dropped } = adaptText(chosen.entry.target, chosen.entry.codes, into);
    used.current = true;
    onClose();
    onUse(text, how, dropped);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const move = (to: number) => {
      e.preventDefault();
      setActive(Math.max(0, Math.min(hits.length - 1, to)));
    };
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'ArrowDown') move(active + 1);
    else if (e.key === 'ArrowUp') move(active - 1);
    else if (e.key === 'PageDown') move(active + 10);
    else if (e.key === 'PageUp') move(active - 10);
    else if (e.key === 'Enter' && e.target === input.current && onUse && chosen) {
      e.preventDefault();
      use(e.shiftKey ? 'insert' : 'replace');
    } else if (e.key === 'Tab' && dialog.current) {
      const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const [first, last] = [items[0], items[items.length - 1]];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first?.focus();
      }
    }
  };

  useEffect(() => {
    document.getElementById(`${ids}-hit-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [ids, active, result]);

  const status = (() => {
    if (loaded.kind === 'failed') return t('failed', { message: loaded.message });
    if (loaded.kind === 'loading') return t('loading', { read: number.format(loaded.read), total: number.format(loaded.total) });
    if (!matcher) return t('empty', { count: loaded.index.size, n: number.format(loaded.index.size) });
    if (searching || !result) return t('searching');
    const { total } = result.result;
    if (total === 0) return t('none', { query: result.query });
    return total > hits.length ? t('foundSome', { shown: number.format(hits.length), n: number.format(total) }) : t('found', { count: total, n: number.format(total) });
  })();

  const listId = `${ids}-list`;
  const hitId = (i: number) => `${ids}-hit-${i}`;
  return (
    <div className="concordance__backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className="concordance" role="dialog" aria-modal="true" aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-intro`} onKeyDown={onKeyDown}>
        <h2 id={`${ids}-title`}>{t('title')}</h2>
        <p id={`${ids}-intro`} className="concordance__muted">
          {t('intro')}
        </p>
        <div className="concordance__search">
          <label htmlFor={`${ids}-query`}>{t('query')}</label>
          <input
            ref={input}
            id={`${ids}-query`}
            type="text"
            role="combobox"
            aria-expanded={hits.length > 0}
            aria-controls={listId}
            aria-autocomplete="none"
            aria-activedescendant={chosen ? hitId(active) : undefined}
            aria-describedby={`${ids}-status`}
            value={query}
            placeholder={t('placeholder')}
            dir="auto"
            spellCheck={false}
            onChange={(e) => setQuery(e.currentTarget.value)}
          />
          <label className="concordance__option">
            <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.currentTarget.checked)} /> {t('matchCase')}
          </label>
          <label className="concordance__option">
            <input type="checkbox" checked={wholeWord} onChange={(e) => setWholeWord(e.currentTarget.checked)} /> {t('wholeWords')}
          </label>
        </div>
        <p id={`${ids}-status`} className="concordance__status" role="status" aria-live="polite">
          {status}
        </p>
        {loaded.kind === 'loading' && loaded.total > 0 && <progress className="concordance__progress" max={loaded.total} value={loaded.read} aria-hidden="true" />}
        <ul id={listId} className="concordance__hits" role="listbox" aria-label={t('results')}>
          {hits.map((hit, i) => {
            const { entry } = hit;
            return (
              <li
                key={`${entry.batchId}\u0000${entry.itemId}\u0000${entry.reviewerName}`}
                id={hitId(i)}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'concordance__hit is-active' : 'concordance__hit'}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  setActive(i);
                  input.current?.focus();
                }}
              >
                <p className="concordance__about">
                  <bdi>{t('about', { batch: entry.batchName, item: entry.itemId, reviewer: entry.reviewerName })}</bdi>
                  {hit.repeats > 0 && ` · ${t('repeats', { count: hit.repeats })}`}
                </p>
                <p className="concordance__text">
                  <span className="concordance__label">{t('source')}</span>{' '}
                  <span lang={entry.sourceLang} dir="auto">
                    <MarkedText text={entry.source} coded={entry.codes.coded} labels={entry.codeLabels} ranges={hit.source} />
                  </span>
                </p>
                <p className="concordance__text">
                  <span className="concordance__label">{t('target')}</span>{' '}
                  <span lang={entry.targetLang} dir="auto">
                    <MarkedText text={entry.target} coded={entry.codes.coded} labels={entry.codeLabels} ranges={hit.target} />
                  </span>
                </p>
              </li>
            );
          })}
        </ul>
        <div className="concordance__footer">
          {onUse && (
            <>
              <button type="button" disabled={!chosen} aria-keyshortcuts="Enter" onClick={() => use('replace')}>
                {t('use')}{' '}
                <span className="concordance__key" aria-hidden="true">
                  <kbd>Enter</kbd>
                </span>
              </button>
              <button type="button" disabled={!chosen} aria-keyshortcuts="Shift+Enter" onClick={() => use('insert')}>
                {t('insert')}{' '}
                <span className="concordance__key" aria-hidden="true">
                  <kbd>Shift</kbd>+<kbd>Enter</kbd>
                </span>
              </button>
            </>
          )}
          <button type="button" aria-keyshortcuts="Escape" onClick={onClose}>
            {t('close')}{' '}
            <span className="concordance__key" aria-hidden="true">
              <kbd>Esc</kbd>
            </span>
          </button>
        </div>
        <p className="concordance__hints" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> {t('hints.move')}
          {onUse && (
            <>
              {' · '}
              <kbd>Enter</kbd> {t('hints.use')} · <kbd>Shift</kbd>+<kbd>Enter</kbd> {t('hints.insert')}
            </>
          )}
          {' · '}
          <kbd>Esc</kbd> {t('hints.close')}
        </p>
      </div>
    </div>
  );
}
