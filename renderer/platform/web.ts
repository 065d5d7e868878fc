import Dexie, { type Table } from 'dexie';
import { MAX_FILE_BYTES } from '../../shared/batch-file/limits';
import { Settings, defaultSettings, type SettingsPatch } from '../../shared/settings';
import { createOpenFileHub, type OpenFileHub } from './open-file-hub';
import type { Platform, SaveFileRequest, SaveFileResult } from './platform';

const SETTINGS_KEY = 'loupe.settings';

/**
 * Settings live in IndexedDB, not localStorage: Chromium writes localStorage to disk only every few
 * seconds, so a killed browser could lose the reviewer's id and with it every draft filed under it.
 * An IndexedDB transaction is on disk when it completes, like the drafts themselves.
 */
class SettingsStore extends Dexie {
  entries!: Table<{ key: string; value: unknown }, string>;
  constructor() {
    super('loupe-settings');
    this.version(1).stores({ entries: 'key' });
  }
}

/**
 * Settings as kept by this browser. Anything unreadable (hand-edited, from a future version, storage
 * blocked) gives the defaults rather than a broken start: the data that matters lives in IndexedDB.
 * Settings an earlier release kept in localStorage are read once and moved.
 */
async function readSettings(store: SettingsStore): Promise<Settings> {
  try {
    const row = await store.entries.get(SETTINGS_KEY);
    const raw = row ? row.value : JSON.parse(window.localStorage.getItem(SETTINGS_KEY) ?? 'null');
    if (raw === null || raw === undefined) return defaultSettings();
    const parsed = Settings.safeParse(raw);
    return parsed.success ? parsed.data : defaultSettings();
  } catch {
    return defaultSettings();
  }
}

function download({ suggestedName, mimeType, data }: SaveFileRequest): SaveFileResult {
  // A Uint8Array may be a view on a larger buffer; copy exactly its bytes for the Blob.
  const part = typeof data === 'string' ? data : data.slice();
  const url = URL.createObjectURL(new Blob([part], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = suggestedName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser starts reading the blob on click; revoking at once can cancel large downloads in some engines.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { saved: true, location: suggestedName };
}

/** The File Handling API (Chromium, installed web apps); not in TypeScript's DOM types yet. */
interface LaunchQueue {
  setConsumer(consumer: (params: { files: readonly FileSystemFileHandle[] }) => void): void;
}

async function readLaunchedFile(handle: FileSystemFileHandle, hub: OpenFileHub): Promise<void> {
  const { name } = handle;
  try {
    const file = await handle.getFile();
    if (file.size > MAX_FILE_BYTES) {
      hub.failed({ name, problem: 'too-large', message: `Loupe could not open “${name}”: it is larger than Loupe opens.` });
      return;
    }
    hub.opened({ name, bytes: new Uint8Array(await file.arrayBuffer()) });
  } catch (error) {
    hub.failed({ name, problem: 'unreadable', message: `Loupe could not open “${name}”: ${String(error)}` });
  }
}

/**
 * A browser has no file association of its own; an installed web app whose manifest declares file
 * handlers receives the files through `launchQueue`. The consumer is set when the app first listens:
 * until then the browser keeps the launch. Elsewhere nothing ever arrives.
 */
function launchedFiles(): OpenFileHub {
  const hub: OpenFileHub = createOpenFileHub(() => {
    const queue = (window as { launchQueue?: LaunchQueue }).launchQueue;
    queue?.setConsumer(async ({ files }) => {
      for (const handle of files) await readLaunchedFile(handle, hub);
    });
  });
  return hub;
}

/** The web shell: the same app in a browser tab, over the browser's own storage and downloads. */
export function createPlatform(): Platform {
  const store = new SettingsStore();
  const opened = launchedFiles();
  return {
    kind: 'web',
    async loadSettings() {
      return readSettings(store);
    },
    async saveSettings(patch: SettingsPatch) {
      return store.transaction('rw', store.entries, async () => {
        const next = Settings.parse({ ...(await readSettings(store)), ...patch });
        await store.entries.put({ key: SETTINGS_KEY, value: next });
        return next;
      });
    },
    async saveFile(request) {
      return download(request);
    },
    async persistStorage() {
      if (!navigator.storage?.persist) return false;
      if (await navigator.storage.persisted()) return true;
      return navigator.storage.persist();
    },
    onFlushRequest(listener) {
      // `visibilitychange` is the last event a mobile or tab-discarding browser reliably delivers;
      // `pagehide` covers a closing tab or a navigation away.
      const onVisibility = () => {
        if (document.visibilityState === 'hidden') void listener();
      };
      const onPageHide = () => void listener();
      document.addEventListener('visibilitychange', onVisibility);
      window.addEventListener('pagehide', onPageHide);
      return () => {
        document.removeEventListener('visibilitychange', onVisibility);
        window.removeEventListener('pagehide', onPageHide);
      };
    },
    onOpenFile: opened.subscribe,
  };
}
