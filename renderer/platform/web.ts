import Dexie, { type Table } from 'dexie';
import { MAX_FILE_BYTES } from '../../shared/batch-file/limits';
import { Settings, defaultSettings, type SettingsPatch } from '../../shared/settings';
import { ConnectionSettings, fetchServer, ServerUrl, ServerToken, type ConnectionInfo, type FetchConnection } from '../../shared/sync';
import { createOpenFileHub, type OpenFileHub } from './open-file-hub';
import type { Platform, SaveFileRequest, SaveFileResult } from './platform';

const SETTINGS_KEY = 'loupe.settings';
const CONNECTION_KEY = 'loupe.server';

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

/** The saved server connection, if it still reads as one. */
async function readConnection(store: SettingsStore): Promise<FetchConnection | null> {
  const row = await store.entries.get(CONNECTION_KEY).catch(() => undefined);
  const value = row?.value as Partial<FetchConnection> | undefined;
  const url = ServerUrl.safeParse(value?.url);
  const token = ServerToken.safeParse(value?.token);
  return url.success && token.success ? { url: url.data, token: token.data, allowPlainHttp: value?.allowPlainHttp === true } : null;
}

const BROWSER_STORAGE_WARNING =
  'In a browser the token is kept in this site’s storage, where anyone using this browser profile can reach it. On a shared computer, use the desktop app, or forget the server when you are done.';

function connectionInfo(connection: FetchConnection | null): ConnectionInfo {
  return {
    url: connection?.url ?? null,
    hasToken: connection !== null,
    allowPlainHttp: connection?.allowPlainHttp ?? false,
    storage: 'browser',
    storageWarning: BROWSER_STORAGE_WARNING,
  };
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
    // A page cannot choose the browser's dictionaries; the editor's `lang` is what it can give.
    async setSpellCheckLanguages() {
      return [];
    },
    async connection() {
      return connectionInfo(await readConnection(store));
    },
    async saveConnection(settings) {
      if (settings === null) {
        await store.entries.delete(CONNECTION_KEY);
        return connectionInfo(null);
      }
      const next = ConnectionSettings.parse(settings);
      return store.transaction('rw', store.entries, async () => {
        // As in the desktop shell, the saved token is kept only for the same address and protection.
        const before = await readConnection(store);
        const unchanged = before?.url === next.url && (before.allowPlainHttp || !next.allowPlainHttp);
        const token = next.token ?? (unchanged ? before.token : undefined);
        if (token === undefined) throw new Error(`Paste the token your coordinator gave you for ${next.url}: a saved token is kept only while the server address stays the same and is not to be sent unencrypted.`);
        const connection: FetchConnection = { url: next.url, token, allowPlainHttp: next.allowPlainHttp };
        await store.entries.put({ key: CONNECTION_KEY, value: connection });
        return connectionInfo(connection);
      });
    },
    async serverRequest(request) {
      return fetchServer(await readConnection(store), request);
    },
  };
}
