import { Settings, type SettingsPatch } from '../../shared/settings';
import { ConnectionSettings, type ConnectionInfo, type ServerRequest, type ServerResponse, type ServerTransport } from '../../shared/sync';
import { createOpenFileHub } from './open-file-hub';
import type { OpenFileFailure, OpenedFile, Platform, SaveFileRequest } from './platform';

export interface MemoryPlatformOptions {
  settings?: SettingsPatch;
  /** What `persistStorage` answers, to test the warning shown when storage may be evicted. */
  persist?: boolean;
  /** Makes `saveFile` answer as if the user cancelled the save dialog. */
  cancelSaves?: boolean;
  /**
   * Answers the app's sync server requests, given the saved connection (token included): a test's server.
   * Without it, every request is answered `unreachable`.
   */
  server?: (request: ServerRequest, connection: { url: string; token: string; allowPlainHttp: boolean }) => Promise<ServerResponse>;
  /** A connection saved before the app starts. */
  connection?: { url: string; token: string; allowPlainHttp?: boolean };
}

export interface MemoryPlatform extends Platform {
  /** Every file the app asked to save, in order. */
  readonly savedFiles: SaveFileRequest[];
  /** The settings as last saved. */
  readonly settings: Settings;
  /** Runs the flush listeners, as closing the window would. */
  flush(): Promise<void>;
  /** Hands the app a file, as a double-click in the file manager would. */
  openFile(file: OpenedFile): void;
  /** Tells the app a file it was asked to open could not be read. */
  failToOpenFile(failure: OpenFileFailure): void;
  /** The saved connection with its token, as the shell keeps it. */
  readonly savedConnection: { url: string; token: string; allowPlainHttp: boolean } | null;
  /** Every list of languages the app asked the spellchecker for, in order. */
  readonly spellCheckRequests: string[][];
}

/** A platform held in memory, for tests: nothing touches a disk, a dialog or the browser. */
export function createPlatform(options: MemoryPlatformOptions = {}): MemoryPlatform {
  let settings = Settings.parse(options.settings ?? {});
  const savedFiles: SaveFileRequest[] = [];
  const spellCheckRequests: string[][] = [];
  const listeners = new Set<() => Promise<void>>();
  const openFiles = createOpenFileHub();
  let connection = options.connection ? { allowPlainHttp: false, ...options.connection } : null;
  const info = (): ConnectionInfo => ({ url: connection?.url ?? null, hasToken: connection !== null, allowPlainHttp: connection?.allowPlainHttp ?? false, storage: 'memory' });
  const serverRequest: ServerTransport = async (request) => {
    if (!connection) return { kind: 'not-configured' };
    return options.server ? options.server(request, connection) : { kind: 'unreachable', message: 'no server in this test' };
  };
  return {
    kind: 'memory',
    savedFiles,
    get settings() {
      return settings;
    },
    async loadSettings() {
      return settings;
    },
    async saveSettings(patch) {
      settings = Settings.parse({ ...settings, ...patch });
      return settings;
    },
    async saveFile(request) {
      if (options.cancelSaves) return { saved: false };
      savedFiles.push(request);
      return { saved: true, location: `memory:${request.suggestedName}` };
    },
    async persistStorage() {
      return options.persist ?? true;
    },
    onFlushRequest(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async flush() {
      await Promise.all([...listeners].map((l) => l()));
    },
    onOpenFile: openFiles.subscribe,
    spellCheckRequests,
    async setSpellCheckLanguages(languages) {
      spellCheckRequests.push([...languages]);
      return [...languages];
    },
    openFile: openFiles.opened,
    failToOpenFile: openFiles.failed,
    get savedConnection() {
      return connection;
    },
    async connection() {
      return info();
    },
    async saveConnection(settings) {
      if (settings === null) {
        connection = null;
        return info();
      }
      const next = ConnectionSettings.parse(settings);
      const unchanged = connection?.url === next.url && (connection.allowPlainHttp || !next.allowPlainHttp);
      const token = next.token ?? (unchanged ? connection?.token : undefined);
      if (token === undefined) throw new Error(`Paste the token your coordinator gave you for ${next.url}: a saved token is kept only while the server address stays the same and is not to be sent unencrypted.`);
      connection = { url: next.url, token, allowPlainHttp: next.allowPlainHttp };
      return info();
    },
    serverRequest,
  };
}
