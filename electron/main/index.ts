import { app, BrowserWindow, session } from 'electron';
import path from 'node:path';
import type { RecentBatch } from '../../shared/settings';
import { createFlusher, flushBeforeLeaving } from './flush';
import { chooseFilesToOpen, saveFile } from './files';
import { registerIpc } from './ipc';
import { installMenu, menuTemplate } from './menu';
import { createFileOpener, filesFromArgv } from './open-files';
import { PRELOAD_PATH, RENDERER_DIR } from './paths';
import { registerAppScheme, serveApp } from './protocol';
import { recentFiles, touchRecent, withoutPaths } from './recent';
import { openServerConnection } from './server-connection';
import { hardenSession } from './session';
import { setSpellCheckLanguages } from './spellcheck';
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
  // Settings open once the app is ready; every file-opening path below runs after that.
  const ready = app.whenReady().then(() => openSettingsStore());
  // Windows and Linux pass files on the command line, at first start and to a second instance.
  const launchFiles = filesFromArgv(process.argv, { defaultApp: process.defaultApp === true, cwd: process.cwd() });

  const refreshMenu = (settings: SettingsStore) => {
    installMenu(
      menuTemplate(
        { platform: process.platform, development: !app.isPackaged, recent: recentFiles(settings.load().recentBatches) },
        {
          open: () => void chooseFilesToOpen(window).then(openFiles, (error) => console.warn('Loupe could not show the open dialog:', error)),
          openRecent: (file) => openFiles([file]),
          clearRecent: () => {
            app.clearRecentDocuments();
            updateRecent(settings, withoutPaths);
          },
        },
      ),
    );
  };

  /** Changes the recent list (a pure function of it) and the menu; a change that cannot be kept is no error. */
  function updateRecent(settings: SettingsStore, change: (recent: readonly RecentBatch[]) => readonly RecentBatch[]) {
    const { recentBatches } = settings.load();
    const next = change(recentBatches);
    if (next === recentBatches) return;
    try {
      settings.save({ recentBatches: [...next] });
    } catch (error) {
      console.warn('Loupe could not update its recent files:', error);
    }
    refreshMenu(settings);
  }

  const fileOpener = createFileOpener({
    onRead: (file) => {
      app.addRecentDocument(file);
      void ready.then((settings) => updateRecent(settings, (recent) => touchRecent(recent, file, new Date().toISOString())));
    },
  });

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

  const bringForward = (settings: SettingsStore) => {
    if (window === null) return openWindow(settings);
    if (window.isMinimized()) window.restore();
    window.focus();
  };

  /** Brings the window forward and hands the files to the page once it listens. */
  function openFiles(files: readonly string[]): void {
    if (files.length === 0) return;
    void ready.then((settings) => {
      bringForward(settings);
      return fileOpener.open(files);
    });
  }

  // macOS asks through `open-file` (a double-click in Finder, a file dropped on the Dock icon), also
  // before the app is ready, at launch: `openFiles` waits for ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFiles([file]);
  });

  void ready.then((settings) => {
    hardenSession(session.defaultSession);
    serveApp(RENDERER_DIR);
    const server = openServerConnection();
    registerIpc({
      window: () => window,
      flusher,
      fileOpener,
      handlers: {
        'loupe:settings:load': () => settings.load(),
        'loupe:settings:save': (change) => {
          const saved = settings.save(change);
          if (change.recentBatches !== undefined) refreshMenu(settings);
          return saved;
        },
        'loupe:file:save': (request) => saveFile(window, request),
        'loupe:app:info': () => ({
          name: app.getName(),
          version: app.getVersion(),
          platform: process.platform,
          electron: process.versions.electron ?? '',
          locale: app.getLocale(),
        }),
        'loupe:server:connection': () => server.info(),
        'loupe:server:save': (connection) => server.save(connection),
        'loupe:server:request': (request) => server.request(request),
        'loupe:spellcheck:languages': ({ languages }) => ({ languages: setSpellCheckLanguages(session.defaultSession, languages) }),
      },
    });
    refreshMenu(settings);
    if (window === null) openWindow(settings);
    openFiles(launchFiles);

    app.on('second-instance', (_event, argv, workingDirectory) => {
      bringForward(settings);
      openFiles(filesFromArgv(argv, { defaultApp: process.defaultApp === true, cwd: workingDirectory }));
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

// A second Loupe would share the same IndexedDB and settings file; it hands its files over to the first
// (`second-instance`) and quits.
if (app.requestSingleInstanceLock()) start();
else app.quit();
