// The whole desktop shell in one process: main (electron/main/index.ts) starts against the stand-in, the
// preload runs in its window, and the renderer's platform (renderer/platform/electron.ts) talks to main
// through the bridge, as the app does.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Platform } from '../../renderer/platform';
import { INVOKE_CHANNELS } from '../../shared/ipc';
import { startApp, type StandIn } from './start-app';

describe('Loupe started twice', () => {
  it('quits the second instance before it opens anything', async () => {
    const electron = await startApp({
      configure: (e) => {
        e.app.singleInstanceLock = false;
      },
    });
    expect(electron.app.quitted).toBe(true);
    expect(electron.BrowserWindow.instances).toEqual([]);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });
});

describe('Loupe started once', () => {
  let electron: StandIn;
  let platform: Platform;

  beforeAll(async () => {
    electron = await startApp();
    vi.stubGlobal('loupe', electron.contextBridge.exposed.get('loupe'));
    const { createPlatform } = await import('../../renderer/platform/electron');
    platform = createPlatform();
  });

  const mainWindow = () => {
    const [window] = electron.BrowserWindow.instances;
    if (window === undefined) throw new Error('no window was opened');
    return window;
  };

  it('opens one secure window on the app’s own page', () => {
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect(mainWindow().webContents.mainFrame.url).toBe('app://loupe/index.html');
    expect(mainWindow().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(mainWindow().options.webPreferences?.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/);
  });

  it('serves the app:// scheme and hardens the session before the page loads', () => {
    expect(electron.protocol.privileged.map((scheme) => scheme.scheme)).toEqual(['app']);
    expect(electron.protocol.handlers.has('app')).toBe(true);
    expect(electron.session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(electron.session.defaultSession.permissionCheckHandler).not.toBeNull();
    expect(electron.session.defaultSession.headersListener).not.toBeNull();
  });

  it('answers every request channel', () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('keeps its data in a folder named Loupe', () => {
    expect(electron.app.getName()).toBe('Loupe');
    expect(path.basename(electron.app.getPath('userData'))).toBe('Loupe');
  });

  it('loads and saves settings through the bridge into electron-store', async () => {
    const first = await platform.loadSettings();
    expect(first.deviceId).not.toBe('');
    const saved = await platform.saveSettings({ reviewer: { id: 'r-1', name: 'Ana' }, theme: 'dark' });
    expect(saved).toMatchObject({ deviceId: first.deviceId, reviewer: { id: 'r-1', name: 'Ana' }, theme: 'dark' });
    const file = path.join(electron.app.getPath('userData'), 'settings.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ theme: 'dark', deviceId: first.deviceId });
    await expect(platform.loadSettings()).resolves.toEqual(saved);
  });

  it('passes a bad change back to the page as a rejection', async () => {
    await expect(platform.saveSettings({ theme: 'purple' as 'dark' })).rejects.toThrow(/invalid payload/);
  });

  it('saves a file where the user chose, and reports a cancelled dialog', async () => {
    const target = path.join(electron.app.getPath('documents'), 'results.jsonl');
    electron.dialog.nextSave = { canceled: false, filePath: target };
    await expect(
      platform.saveFile({ suggestedName: 'results.jsonl', mimeType: 'application/x-ndjson', data: '{"id":"1"}\n' }),
    ).resolves.toEqual({ saved: true, location: target });
    expect(readFileSync(target, 'utf8')).toBe('{"id":"1"}\n');
    expect(electron.dialog.saveCalls.at(-1)?.parent).toBe(mainWindow());

    electron.dialog.nextSave = { canceled: true };
    await expect(
      platform.saveFile({ suggestedName: 'b.csv', mimeType: 'text/csv', data: new Uint8Array([97]) }),
    ).resolves.toEqual({ saved: false });
    expect(existsSync(path.join(electron.app.getPath('documents'), 'b.csv'))).toBe(false);
  });

  it('keeps IndexedDB without asking', async () => {
    await expect(platform.persistStorage()).resolves.toBe(true);
  });

  it('points the spellchecker at the target language the page asks for', async () => {
    await expect(platform.setSpellCheckLanguages(['de-DE'])).resolves.toEqual(['de-DE']);
    expect(electron.session.defaultSession.spellCheckerLanguages).toEqual(['de-DE']);
    // Chinese has no Hunspell dictionary: the spellchecker stays as it was.
    await expect(platform.setSpellCheckLanguages(['zh-CN'])).resolves.toEqual([]);
    expect(electron.session.defaultSession.spellCheckerLanguages).toEqual(['de-DE']);
    await expect(platform.setSpellCheckLanguages(['not a tag'])).rejects.toThrow(/invalid payload/);
  });

  it('on close: the page writes its drafts first, the window size is kept, then the app quits', async () => {
    const log: string[] = [];
    platform.onFlushRequest(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      log.push('drafts written');
    });
    const window = mainWindow();
    window.on('closed', () => log.push('window closed'));
    window.bounds = { x: 30, y: 40, width: 1111, height: 777 };

    window.close();
    expect(window.isDestroyed()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 80));

    expect(log).toEqual(['drafts written', 'window closed']);
    const file = path.join(electron.app.getPath('userData'), 'settings.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).windowBounds).toEqual({
      x: 30,
      y: 40,
      width: 1111,
      height: 777,
      maximized: false,
    });
    if (process.platform !== 'darwin') expect(electron.app.quitted).toBe(true);
  });
});

describe('Loupe on macOS', () => {
  let electron: StandIn;
  const realPlatform = process.platform;
  const onMac = async () => {
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    electron = await startApp();
    return electron.BrowserWindow.instances[0];
  };
  const restore = () => Object.defineProperty(process, 'platform', { value: realPlatform });

  it('stays running when its window is closed, and opens a new one on activate', async () => {
    try {
      const window = await onMac();
      window?.close();
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(window?.isDestroyed()).toBe(true);
      expect(electron.app.quitted).toBe(false);
      electron.app.emit('activate');
      expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1);
    } finally {
      restore();
    }
  });

  it('quits on Cmd+Q once the page has flushed, although the flush held the window open', async () => {
    try {
      await onMac();
      electron.app.quit();
      expect(electron.app.quitted).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(electron.app.quitted).toBe(true);
    } finally {
      restore();
    }
  });
});

describe('Loupe opened again while running', () => {
  it('brings its window back instead of opening a second one', async () => {
    const electron = await startApp();
    const [window] = electron.BrowserWindow.instances;
    window?.minimize();
    electron.app.emit('second-instance', {}, ['/opt/Loupe/loupe'], '/home/ana');
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect(window?.isMinimized()).toBe(false);
    expect(window?.focused).toBe(true);
  });
});
