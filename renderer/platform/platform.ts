import type { OpenFileProblem } from '../../shared/ipc';
import type { Settings, SettingsPatch } from '../../shared/settings';
import type { ConnectionInfo, ConnectionSettings, ServerTransport } from '../../shared/sync';

export interface SaveFileRequest {
  suggestedName: string;
  mimeType: string;
  data: string | Uint8Array;
}

export type SaveFileResult = { saved: true; location: string } | { saved: false };

/** A file the operating system asked the app to open. */
export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
  /** Desktop only: where it was read, to keep in `recentBatches` for File → Open Recent. */
  path?: string;
}

/** A file the operating system asked the app to open that could not be read. */
export interface OpenFileFailure {
  name: string;
  problem: OpenFileProblem;
  /** A sentence that names the file and says why (English; `problem` lets the app word its own). */
  message: string;
}

export type { OpenFileProblem };

/**
 * Everything the renderer needs from the operating system, in one typed interface. The desktop shell
 * implements it over the preload bridge, the web shell over browser APIs, and tests in memory. The app
 * never asks which one it has.
 */
export interface Platform {
  readonly kind: 'electron' | 'web' | 'memory';
  loadSettings(): Promise<Settings>;
  saveSettings(patch: SettingsPatch): Promise<Settings>;
  /** Lets the user keep a file (save dialog in the desktop shell, a download in the browser). */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  /** Asks that local data is never evicted; resolves to whether it will be kept. */
  persistStorage(): Promise<boolean>;
  /**
   * Runs `listener` when the app is about to be hidden or closed, so pending drafts reach the database
   * first. Returns a function that removes it.
   */
  onFlushRequest(listener: () => Promise<void>): () => void;
  /**
   * Runs `listener` for each file the operating system asks the app to open (a double-click in the file
   * manager, the command line, File → Open… and Open Recent in the desktop shell; an installed web app's
   * file handler in the browser), and `onFailure`, if given, for each that could not be read. Files that
   * arrive before anyone listens are kept for the first listener. Returns a function that removes both.
   */
  onOpenFile(listener: (file: OpenedFile) => void, onFailure?: (failure: OpenFileFailure) => void): () => void;
  /**
   * Asks the spellchecker to check these languages (BCP 47 tags; the target language of the text being edited).
   * The desktop shell picks Chromium's dictionaries for them; a browser follows its own settings, so there this
   * does nothing. Resolves to the dictionaries now in use (none: the spellchecker was left as it was).
   */
  setSpellCheckLanguages(languages: readonly string[]): Promise<string[]>;
  /** The sync server connection as the page may know it: the address, never the token. */
  connection(): Promise<ConnectionInfo>;
  /** Saves the server address and token (where the shell keeps secrets), or forgets both with null. */
  saveConnection(settings: ConnectionSettings | null): Promise<ConnectionInfo>;
  /** One request to the saved sync server, with its token and the protocol header added. */
  serverRequest: ServerTransport;
}
