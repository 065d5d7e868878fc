import type { Settings, SettingsPatch } from '../../shared/settings';

export interface SaveFileRequest {
  suggestedName: string;
  mimeType: string;
  data: string | Uint8Array;
}

export type SaveFileResult = { saved: true; location: string } | { saved: false };

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
}
