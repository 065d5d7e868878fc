import { useId, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { findMatches, searchText, type Matcher } from '../../shared/search';
import { MarkedText } from '../concordance';
import type { SegmentRow } from '../storage';
import { StatusBadge } from './StatusBar';
import { useVirtualListbox } from './virtual-listbox';

const ROW_HEIGHT = 60;
const PAGE = 8;

export interface ResultListProps {
  listRef: RefObject<HTMLDivElement | null>;
  rows: readonly SegmentRow[];
  activeIndex: number;
  onActiveChange: (index: number) => void;
  onOpen: (index: number) => void;
  source: Matcher | null;
  target: Matcher | null;
  sourceLang: string | undefined;
  targetLang: string | undefined;
  label: string;
}

/** Where `matcher` matches in a text, for marking (codes marked, so a marked stretch never cuts one). */
export function rangesIn(text: string, coded: boolean, matcher: Matcher | null) {
  return matcher ? findMatches(searchText(text, coded), matcher).map(({ start, end }) => ({ start, end })) : [];
}

/**
 * The segments a search found, as a listbox that keeps the focus and points at the active row, like the
 * queue's list (ItemList): only the rows on screen are drawn, each with its source and target and the
 * matches marked.
 */
export function ResultList({ listRef, rows, activeIndex, onActiveChange, onOpen, source, target, sourceLang, targetLang, label }: ResultListProps) {
  const { t } = useTranslation('queue');
  const idPrefix = useId();
  const { virtualizer, onKeyDown } = useVirtualListbox({
    listRef,
    count: rows.length,
    keyOf: (index) => rows[index]?.id ?? index,
    rowHeight: ROW_HEIGHT,
    page: PAGE,
    overscan: 6,
    activeIndex,
    onActiveChange,
    onOpen,
  });


  const optionId = (index: number) => `${idPrefix}-result-${index}`;
  return (
    <div
      ref={listRef}
      className="item-list search-results"
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={rows[activeIndex] ? optionId(activeIndex) : undefined}
      aria-keyshortcuts="ArrowUp ArrowDown J K Home End Enter"
      onKeyDown={onKeyDown}
      onFocus={() => activeIndex < 0 && rows.length > 0 && onActiveChange(0)}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={item.key}
              id={optionId(item.index)}
              role="option"
              aria-selected={item.index === activeIndex}
              aria-setsize={rows.length}
              aria-posinset={item.index + 1}
              className={`item-row search-result${item.index === activeIndex ? ' active' : ''}`}
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              onClick={() => onActiveChange(item.index)}
              onDoubleClick={() => onOpen(item.index)}
            >
              <span className="item-id">{row.id}</span>
              <span className="search-result__badges">
                <StatusBadge status={row.status} />
                {row.unsaved && <span className="badge badge-stale">{t('replace.unsaved')}</span>}
              </span>
              <span className="search-result__texts">
                <span className="search-result__text" lang={row.qa.sourceLang ?? sourceLang ?? undefined} dir="auto">
                  <MarkedText text={row.source} coded={row.coded} labels={row.qa.codeLabels ?? {}} ranges={rangesIn(row.source, row.coded, source)} />
                </span>
                <span className="search-result__text" lang={row.qa.targetLang ?? targetLang ?? undefined} dir="auto">
                  <MarkedText text={row.target} coded={row.coded} labels={row.qa.codeLabels ?? {}} ranges={rangesIn(row.target, row.coded, target)} />
                </span>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
