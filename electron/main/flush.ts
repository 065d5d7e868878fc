import type { BrowserWindow, WebContents } from 'electron';
import { FLUSH_CHANNEL, type FlushMessage } from '../../shared/ipc';

/** How long a closing window waits for the page to write its drafts before it closes anyway. */
export const FLUSH_TIMEOUT_MS = 2_000;

/**
 * The main side of the flush handshake: main sends `loupe:app:flush` with a fresh id, the preload runs
 * the page's flush listeners (which write drafts to IndexedDB) and answers `loupe:app:flushed` with the
 * same id. A page that is hung or gone must not keep the window open, hence the timeout.
 */
export interface Flusher {
  /** Resolves true once the page confirmed, false on timeout or when no page can answer. */
  request(contents: WebContents): Promise<boolean>;
  /** Called by the IPC layer for each validated `loupe:app:flushed`. */
  acknowledge(id: FlushMessage['id']): void;
}

export function createFlusher(timeoutMs = FLUSH_TIMEOUT_MS): Flusher {
  let lastId = 0;
  const pending = new Map<number, () => void>();
  return {
    request(contents) {
      if (contents.isDestroyed() || contents.isCrashed()) return Promise.resolve(false);
      const id = ++lastId;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(false);
        }, timeoutMs);
        pending.set(id, () => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(true);
        });
        contents.send(FLUSH_CHANNEL, { id } satisfies FlushMessage);
      });
    },
    acknowledge(id) {
      pending.get(id)?.();
    },
  };
}

/**
 * Makes `window` ask its page to flush before it closes (the close waits, at most the timeout) and
 * whenever it is minimized or hidden (nothing waits: the page stays alive).
 */
export function flushBeforeLeaving(window: BrowserWindow, flusher: Flusher): void {
  let closing: Promise<void> | null = null;
  let flushed = false;
  window.on('close', (event) => {
    if (flushed) return;
    event.preventDefault();
    closing ??= flusher.request(window.webContents).then(() => {
      flushed = true;
      if (!window.isDestroyed()) window.close();
    });
  });
  const flushQuietly = () => void flusher.request(window.webContents);
  window.on('minimize', flushQuietly);
  window.on('hide', flushQuietly);
}
