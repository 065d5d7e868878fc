import type { QueueEntry } from '../storage';

const indexes = new WeakMap<readonly QueueEntry[], Map<string, number>>();

/**
 * Where `itemId` sits in the queue's order, or -1. Navigation moves one step at a time, so the answer is
 * almost always next to the previous one (`hint`) and costs nothing; only a jump (or a queue that changed
 * around the item) builds an index of the list, once per list.
 */
export function locate(entries: readonly QueueEntry[], itemId: string, hint: number): number {
  for (const i of [hint, hint + 1, hint - 1]) {
    if (i >= 0 && i < entries.length && entries[i]?.id === itemId) return i;
  }
  let index = indexes.get(entries);
  if (!index) {
    index = new Map();
    entries.forEach((e, i) => index!.set(e.id, i));
    indexes.set(entries, index);
  }
  return index.get(itemId) ?? -1;
}

/**
 * The items before and after the current one. When the current item is no longer in the list (a filter
 * dropped it after a verdict), its last known place decides: what now sits there comes next.
 */
export function neighbours(entries: readonly QueueEntry[], index: number, lastIndex: number): { previous?: string; next?: string } {
  if (index >= 0) return { previous: entries[index - 1]?.id, next: entries[index + 1]?.id };
  const at = Math.max(0, lastIndex);
  return { previous: entries[at - 1]?.id, next: entries[at]?.id };
}

/** Not confirmed yet: pending, flagged or rejected, or confirmed before the AI output changed. */
function isUnconfirmed(e: QueueEntry): boolean {
  return e.withdrawnIn === undefined && (e.stale === true || (e.status !== 'accepted' && e.status !== 'corrected'));
}

/**
 * The next unconfirmed item after the current one, going round to the start of the list, as CAT tools do;
 * undefined when every other item is confirmed. A current item the list no longer holds starts from its
 * last known place. Withdrawn items are not offered: their revision no longer has them.
 */
export function nextUnconfirmed(entries: readonly QueueEntry[], index: number, lastIndex: number, currentId: string): string | undefined {
  const from = index >= 0 ? index + 1 : Math.max(0, lastIndex);
  for (let step = 0; step < entries.length; step++) {
    const e = entries[(from + step) % entries.length];
    if (e && e.id !== currentId && isUnconfirmed(e)) return e.id;
  }
  return undefined;
}
