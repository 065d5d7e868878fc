import { useEffect, useRef, useState } from 'react';
import type { FieldValue, Item, TaskSchema } from '../../shared/domain';
import type { LoupeDatabase } from '../storage';

const PREVIEW_CHARS = 160;
/** Enough rows for many screens of scrolling back and forth; old ones are dropped first. */
const CACHE_LIMIT = 3000;

function valueText(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** A one-line preview of the AI output: the first fields that have something to show. */
export function previewText(item: Pick<Item, 'output'>, schema: TaskSchema): string {
  const text = schema.fields
    .map((f) => valueText(item.output[f.name]))
    .filter(Boolean)
    .join(' · ')
    .replace(/\s+/gu, ' ')
    .trim();
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}

/**
 * Previews of the rows on screen, loaded as they scroll in: the queue holds only ids and statuses for
 * 100,000 items, and the text of the few dozen visible ones comes from one `bulkGet` into a small cache.
 */
export function useRowPreviews(db: LoupeDatabase, batchId: string, schema: TaskSchema, visibleIds: readonly string[]): ReadonlyMap<string, string> {
  const cache = useRef(new Map<string, string>());
  const [, setVersion] = useState(0);
  const key = visibleIds.join('\n');

  useEffect(() => {
    const missing = visibleIds.filter((id) => !cache.current.has(id));
    if (missing.length === 0) return;
    db.items
      .bulkGet(missing.map((id) => [batchId, id] as [string, string]))
      .then((items) => {
        const map = cache.current;
        items.forEach((item, i) => map.set(missing[i]!, item ? previewText(item, schema) : ''));
        for (const oldest of map.keys()) {
          if (map.size <= CACHE_LIMIT) break;
          map.delete(oldest);
        }
        // Re-render even if the visible rows moved on meanwhile: they may include these.
        setVersion((v) => v + 1);
      })
      // A preview that cannot load leaves its row showing the id and status, which is enough to work.
      .catch(() => undefined);
    // `key` stands for `visibleIds`: a new array with the same ids must not reload.
  }, [db, batchId, schema, key]);

  return cache.current;
}
