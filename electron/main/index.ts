import { app, BrowserWindow, session } from 'electron';
import path from 'node:path';
import { createFlusher, flushBeforeLeaving } from './flush';
import { saveFile } from './files';
import { registerIpc } from './ipc';
import { PRELOAD_PATH, RENDERER_DIR } from './paths';
import { registerAppScheme, serveApp } from './protocol';
import { hardenSession } from './session';
import { openSettingsStore, type SettingsStore } from './settings';
import { createMainWindow } from './window';

const PRODUCT_NAME = 'Loupe';

// One name and one data folder whether Loupe runs from a checkout (`electron .`, which would use the
// package name) or installed: settings and IndexedDB live there. Must precede the instance lock and
// anything that reads `userData`.
app.setName(PRODUCT_NAME);
app.setPath('userData', path.join(app.getPath('appData'), PRODUCT_NAME));
registerAppScheme();

function start(): void {
  let window: BrowserWindow | null = null;
  // On macOS closing the last window keeps the app running, unless the window closed because of a quit
  // that the flush handshake interrupted.
  let quitting = false;
  const flusher = createFlusher();

  const openWindow = (settings: SettingsStore) => {
    window = createMainWindow({
      preload: PRELOAD_PATH,
      savedBounds: settings.load().windowBounds,
      rememberBounds: (windowBounds) => {
        try {
          settings.save({ windowBounds });
        } catch (error) {
          // Losing the window size is no reason to keep a closing window open.
          console.warn('Loupe could not remember the window size:', error);
        }
      },
    });
    flushBeforeLeaving(window, flusher);
    window.on('closed', () => {
      window = null;
    });
  };

  void app.whenReady().then(() => {
    const settings = openSettingsStore();
    hardenSession(session.defaultSession);
    serveApp(RENDERER_DIR);
    registerIpc({
      window: () => window,
      flusher,
      handlers: {
        'loupe:settings:load': () => settings.load(),
        'loupe:settings:save': (change) => settings.save(change),
        'loupe:file:save': (request) => saveFile(window, request),
        'loupe:app:info': () => ({
          name: app.getName(),
          version: app.getVersion(),
          platform: process.platform,
          electron: process.versions.electron ?? '',
          locale: app.getLocale(),
        }),
      },
    });
    openWindow(settings);

    app.on('second-instance', () => {
      if (window === null) return openWindow(settings);
      if (window.isMinimized()) window.restore();
      window.focus();
    });
    app.on('activate', () => {
      if (window === null) openWindow(settings);
    });
  });

  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (quitting || process.platform !== 'darwin') app.quit();
  });
}

// A second Loupe would share the same IndexedDB and settings file; it hands over to the first instead.
if (app.requestSingleInstanceLock()) start();
else app.quit();
