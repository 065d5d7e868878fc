import { Settings, type SettingsPatch } from '../../shared/settings';
import { createOpenFileHub } from './open-file-hub';
import type { OpenFileFailure, OpenedFile, Platform, SaveFileRequest } from './platform';

export interface MemoryPlatformOptions {
  settings?: SettingsPatch;
  /** What `persistStorage` answers, to test the warning shown when storage may be evicted. */
  persist?: boolean;
  /** Makes `saveFile` answer as if the user cancelled the save dialog. */
  cancelSaves?: boolean;
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
}

/** A platform held in memory, for tests: nothing touches a disk, a dialog or the browser. */
export function createPlatform(options: MemoryPlatformOptions = {}): MemoryPlatform {
  let settings = Settings.parse(options.settings ?? {});
  const savedFiles: SaveFileRequest[] = [];
  const listeners = new Set<() => Promise<void>>();
  const openFiles = createOpenFileHub();
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
    openFile: openFiles.opened,
    failToOpenFile: openFiles.failed,
  };
}
