import { BrowserWindow, screen } from 'electron';
import type { BrowserWindowConstructorOptions, Rectangle, WebContents } from 'electron';
import type { WindowBounds } from '../../shared/settings';
import { APP_ENTRY_URL, isAppEntry } from './protocol';

const DEFAULT_SIZE = { width: 1280, height: 820 };
// The limits of `WindowBounds` in shared/settings, so a saved size always validates.
const MIN_SIZE = { width: 400, height: 300 };
const MAX_SIDE = 20_000;

const overlaps = (a: Rectangle, b: Rectangle): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Where the window opens: the saved size, and the saved position only if it still overlaps a screen
 * (a monitor may have been unplugged since); otherwise the system centres it.
 */
export function initialBounds(saved: WindowBounds | null, workAreas: readonly Rectangle[]): Partial<Rectangle> {
  if (saved === null) return { ...DEFAULT_SIZE };
  const { x, y, width, height } = saved;
  if (x === undefined || y === undefined || !workAreas.some((area) => overlaps({ x, y, width, height }, area))) {
    return { width, height };
  }
  return { x, y, width, height };
}

/** The options of Loupe's one window. Everything here is about what AI output could do if it ever ran. */
export function windowOptions(preload: string, bounds: Partial<Rectangle>): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Loupe',
    // Shown on 'ready-to-show', so the window never flashes empty.
    show: false,
    webPreferences: {
      preload,
      // The page and the preload live in separate JavaScript worlds; the page sees only `window.loupe`.
      contextIsolation: true,
      // The renderer process runs in Chromium's OS sandbox; the preload gets `electron` and little else.
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A file dropped on the window is imported by the page, never opened as a page.
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

/** Keeps `contents` on the app's page: no navigation elsewhere, no new windows, no redirects away. */
export function lockNavigation(contents: WebContents): void {
  const stayHome = (event: { preventDefault(): void; url: string }) => {
    if (!isAppEntry(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

const clampSide = (value: number, min: number) => Math.min(MAX_SIDE, Math.max(min, Math.round(value)));

/** The window's restorable bounds (not the maximized ones), in the shape settings keep. */
export function currentBounds(window: BrowserWindow): WindowBounds {
  const { x, y, width, height } = window.getNormalBounds();
  return {
    x: Math.round(x),
    y: Math.round(y),
    width: clampSide(width, MIN_SIZE.width),
    height: clampSide(height, MIN_SIZE.height),
    maximized: window.isMaximized(),
  };
}

export interface MainWindowOptions {
  preload: string;
  savedBounds: WindowBounds | null;
  /** Called as the window closes, to remember where it was. */
  rememberBounds(bounds: WindowBounds): void;
}

export function createMainWindow({ preload, savedBounds, rememberBounds }: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const window = new BrowserWindow(windowOptions(preload, initialBounds(savedBounds, workAreas)));
  lockNavigation(window.webContents);
  window.once('ready-to-show', () => {
    if (savedBounds?.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => rememberBounds(currentBounds(window)));
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
