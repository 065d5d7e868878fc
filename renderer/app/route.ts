import { useCallback, useSyncExternalStore } from 'react';

/**
 * Where the user is, kept in the URL's hash so that a reload (or the desktop shell restoring a window)
 * returns to the same page, and the browser's Back button works in the web shell.
 */
export type Route =
  | { page: 'batches' }
  | { page: 'batch'; batchId: string }
  | { page: 'item'; batchId: string; itemId: string }
  /** The coordinator's desk for a batch: hand out, collect, progress, conflicts, merged export. */
  | { page: 'desk'; batchId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  try {
    const [first, batchId, third, itemId] = parts.map(decodeURIComponent);
    if (first === 'batch' && batchId) {
      if (third === 'item' && itemId) return { page: 'item', batchId, itemId };
      if (third === 'desk') return { page: 'desk', batchId };
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
    case 'desk':
      return `#/batch/${encodeURIComponent(route.batchId)}/desk`;
  }
}

// `history.replaceState` fires no event, so replaced routes are announced to subscribers directly.
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('hashchange', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('hashchange', listener);
  };
}

const currentHash = () => window.location.hash;

export interface NavigateOptions {
  /** Replace the current history entry: moving item to item should not fill Back with every item seen. */
  replace?: boolean;
}

export type Navigate = (route: Route, options?: NavigateOptions) => void;

export function useRoute(): [Route, Navigate] {
  const hash = useSyncExternalStore(subscribe, currentHash);
  const navigate = useCallback<Navigate>((route, options = {}) => {
    const href = routeHref(route);
    if (href === window.location.hash || (href === '#/' && window.location.hash === '')) return;
    if (options.replace) {
      window.history.replaceState(window.history.state, '', href);
      for (const l of listeners) l();
    } else {
      window.location.hash = href;
    }
  }, []);
  return [parseRoute(hash), navigate];
}
