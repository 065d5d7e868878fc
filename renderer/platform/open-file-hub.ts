import type { OpenFileFailure, OpenedFile, Platform } from './platform';

type Opening = { file: OpenedFile } | { failure: OpenFileFailure };

/** Fans opened files out to the app's listeners; what arrives before the first listener waits for it. */
export interface OpenFileHub {
  subscribe: Platform['onOpenFile'];
  opened(file: OpenedFile): void;
  failed(failure: OpenFileFailure): void;
}

/** `onFirstListener` runs once, when the app first listens: the point from which it can take files. */
export function createOpenFileHub(onFirstListener: () => void = () => {}): OpenFileHub {
  const listeners = new Set<(opening: Opening) => void>();
  const unclaimed: Opening[] = [];
  let listened = false;
  const dispatch = (opening: Opening) => {
    if (listeners.size === 0) unclaimed.push(opening);
    for (const listener of listeners) listener(opening);
  };
  return {
    subscribe(listener, onFailure) {
      const receive = (opening: Opening) => {
        if ('file' in opening) listener(opening.file);
        else onFailure?.(opening.failure);
      };
      listeners.add(receive);
      for (const opening of unclaimed.splice(0)) receive(opening);
      if (!listened) {
        listened = true;
        onFirstListener();
      }
      return () => {
        listeners.delete(receive);
      };
    },
    opened: (file) => dispatch({ file }),
    failed: (failure) => dispatch({ failure }),
  };
}
