import { useId, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskSchema } from '../../shared/domain';
import type { LoupeDatabase, QueueEntry } from '../storage';
import { useRowPreviews } from './previews';
import { StatusBadge } from './StatusBar';
import { useVirtualListbox } from './virtual-listbox';

const ROW_HEIGHT = 44;
const PAGE = 10;

interface ItemListProps {
  /** The scrolling listbox, which the page focuses. */
  listRef: RefObject<HTMLDivElement | null>;
  db: LoupeDatabase;
  batchId: string;
  schema: TaskSchema;
  entries: readonly QueueEntry[];
  activeIndex: number;
  onActiveChange: (index: number) => void;
  onOpen: (index: number) => void;
  label: string;
}

/**
 * The batch's items as a listbox that keeps focus on itself and points at the active row
 * (`aria-activedescendant`), so that virtualisation can drop rows that scroll away without losing focus.
 * Only the rows on screen are rendered; each knows its place in the whole list for assistive technology.
 */
export function ItemList({ listRef, db, batchId, schema, entries, activeIndex, onActiveChange, onOpen, label }: ItemListProps) {
  const { t } = useTranslation('queue');
  const idPrefix = useId();
  const { virtualizer, onKeyDown } = useVirtualListbox({
    listRef,
    count: entries.length,
    keyOf: (index) => entries[index]?.id ?? index,
    rowHeight: ROW_HEIGHT,
    page: PAGE,
    overscan: 8,
    activeIndex,
    onActiveChange,
    onOpen,
  });
  const rows = virtualizer.getVirtualItems();
  const previews = useRowPreviews(
    db,
    batchId,
    schema,
    rows.map((r) => entries[r.index]?.id ?? ''),
  );

  const optionId = (index: number) => `${idPrefix}-row-${index}`;
  const active = entries[activeIndex];

  return (
    <div
      ref={listRef}
      className="item-list"
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={active ? optionId(activeIndex) : undefined}
      aria-keyshortcuts="ArrowUp ArrowDown J K Home End Enter"
      onKeyDown={onKeyDown}
      onFocus={() => activeIndex < 0 && entries.length > 0 && onActiveChange(0)}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map((row) => {
          const entry = entries[row.index];
          if (!entry) return null;
          const preview = previews.get(entry.id);
          return (
            <div
              key={row.key}
              id={optionId(row.index)}
              role="option"
              aria-selected={row.index === activeIndex}
              aria-setsize={entries.length}
              aria-posinset={row.index + 1}
              className={`item-row${row.index === activeIndex ? ' active' : ''}`}
              style={{ height: row.size, transform: `translateY(${row.start}px)` }}
              onClick={() => {
                onActiveChange(row.index);
                onOpen(row.index);
              }}
            >
              <span className="item-id">{entry.id}</span>
              <StatusBadge status={entry.status} />
              <span className="item-preview">
                {entry.stale && <span className="badge badge-stale">{t('list.stale')}</span>}{' '}
                {entry.withdrawnIn !== undefined && <span className="badge badge-withdrawn">{t('list.withdrawn')}</span>}{' '}
                {preview ?? <span className="muted">{t('list.loadingRow')}</span>}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
