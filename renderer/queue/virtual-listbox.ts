import { useEffect, type KeyboardEvent, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface VirtualListboxOptions {
  listRef: RefObject<HTMLDivElement | null>;
  count: number;
  keyOf: (index: number) => string | number;
  rowHeight: number;
  /** Rows PageUp/PageDown move by. */
  page: number;
  overscan: number;
  activeIndex: number;
  onActiveChange: (index: number) => void;
  onOpen: (index: number) => void;
}

/**
 * A listbox that keeps focus on itself and points at the active row: its virtualizer, scrolling the
 * active row into view, and its keys (↑ ↓ or j k, Page Up/Down, Home/End, Enter). The queue's list and
 * search-and-replace's results behave alike because they share this.
 */
export function useVirtualListbox(o: VirtualListboxOptions) {
  const { count, activeIndex, onActiveChange } = o;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => o.listRef.current,
    estimateSize: () => o.rowHeight,
    overscan: o.overscan,
    getItemKey: o.keyOf,
  });

  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < count) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, count, virtualizer]);

  const move = (index: number) => onActiveChange(Math.max(0, Math.min(count - 1, index)));
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || count === 0) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      j: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      k: () => move(activeIndex - 1),
      PageDown: () => move(activeIndex + o.page),
      PageUp: () => move(activeIndex - o.page),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => activeIndex >= 0 && o.onOpen(activeIndex),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };
  return { virtualizer, onKeyDown };
}
