import { useCallback, useSyncExternalStore } from 'react';

/**
 * Where the user is, kept in the URL's hash so that a reload (or the desktop shell restoring a window)
 * returns to the same page, and the browser's Back button works in the web shell.
 */
export type Route =
  | { page: 'batches' }
  | { page: 'batch'; batchId: string }
  | { page: 'item'; batchId: string; itemId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  try {
    const [first, batchId, third, itemId] = parts.map(decodeURIComponent);
    if (first === 'batch' && batchId) {
      if (third === 'item' && itemId) return { page: 'item', batchId, itemId };
      return { page: 'batch', batchId };
    }
  } catch {
    // A mangled hash (bad percent-encoding) is a link to nowhere: show the start page.
  }
  return { page: 'batches' };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'batches':
      return '#/';
    case 'batch':
      return `#/batch/${encodeURIComponent(route.batchId)}`;
    case 'item':
      return `#/batch/${encodeURIComponent(route.batchId)}/item/${encodeURIComponent(route.itemId)}`;
  }
}

// `history.replaceState` fires no event, so replaced routes are announced to subscribers directly.
const listeners = new Set<() => void>();

/**
 * Replacing the entry costs the browser a few milliseconds (and browsers throttle a flood of calls), while
 * moving item to item replaces it on every key press. The route changes at once for the app; the URL
 * follows shortly after the moves stop, in one call, and at once before the page goes away or the route is
 * pushed. `from` is the URL the replacement applies to: if anything else changes the URL first, it is dropped.
 */
const REPLACE_DELAY_MS = 250;
let pending: { href: string; from: string; timer: ReturnType<typeof setTimeout> } | null = null;

function flushReplace(): void {
  const p = pending;
  if (!p) return;
  pending = null;
  clearTimeout(p.timer);
  if (window.location.hash === p.from) window.history.replaceState(window.history.state, '', p.href);
}

let flushOnLeave = false;

function subscribe(listener: () => void): () => void {
  if (!flushOnLeave) {
    flushOnLeave = true;
    window.addEventListener('pagehide', flushReplace);
    window.addEventListener('beforeunload', flushReplace);
  }
  const onHashChange = () => {
    if (pending && window.location.hash !== pending.from) {
      clearTimeout(pending.timer);
      pending = null;
    }
    listener();
  };
  listeners.add(listener);
  window.addEventListener('hashchange', onHashChange);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('hashchange', onHashChange);
  };
}

/** The route's hash: a replacement not yet written to the URL counts as done. */
const currentHash = () => {
  const hash = window.location.hash;
  return pending && hash === pending.from ? pending.href : hash;
};

export interface NavigateOptions {
  /** Replace the current history entry: moving item to item should not fill Back with every item seen. */
  replace?: boolean;
}

export type Navigate = (route: Route, options?: NavigateOptions) => void;

export function useRoute(): [Route, Navigate] {
  const hash = useSyncExternalStore(subscribe, currentHash);
  const navigate = useCallback<Navigate>((route, options = {}) => {
    const href = routeHref(route);
    const current = currentHash();
    if (href === current || (href === '#/' && current === '')) return;
    if (options.replace) {
      const from = pending && window.location.hash === pending.from ? pending.from : window.location.hash;
      if (pending) clearTimeout(pending.timer);
      pending = { href, from, timer: setTimeout(flushReplace, REPLACE_DELAY_MS) };
      for (const l of listeners) l();
    } else {
      flushReplace();
      window.location.hash = href;
    }
  }, []);
  return [parseRoute(hash), navigate];
}
