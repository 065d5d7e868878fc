// Opening files from the operating system, end to end in one process: main (electron/main/index.ts)
// against the stand-in, the preload in its window, and the renderer's platform over the bridge.
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OpenFileFailure, OpenedFile, Platform } from '../../renderer/platform';
import { MAX_FILE_BYTES } from '../../shared/batch-file';
import type { MenuItemStandIn } from './electron-stand-in';
import { loadPreload, settle, startApp, type StandIn } from './start-app';

const folder = () => mkdtempSync(path.join(tmpdir(), 'loupe-opened-'));
const write = (dir: string, name: string, text = name) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

/** The page: the renderer's platform over the bridge the preload exposed, recording what it is given. */
async function openPage(electron: StandIn) {
  vi.stubGlobal('loupe', electron.contextBridge.exposed.get('loupe'));
  const { createPlatform } = await import('../../renderer/platform/electron');
  const platform: Platform = createPlatform();
  const opened: OpenedFile[] = [];
  const failed: OpenFileFailure[] = [];
  platform.onOpenFile(
    (file) => opened.push(file),
    (failure) => failed.push(failure),
  );
  await settle();
  return { platform, opened, failed };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a file on the command line at first start', () => {
  it('reaches the page once the page listens, not before', async () => {
    const dir = folder();
    const batch = write(dir, 'week 3.loupe');
    const electron = await startApp({ argv: ['/opt/Loupe/loupe', '--no-sandbox', batch] });
    const sentBeforeReady: unknown[] = [];
    electron.ipcRenderer.on('loupe:file:open', (_event, message) => sentBeforeReady.push(message));
    await settle();
    expect(sentBeforeReady).toEqual([]);

    const page = await openPage(electron);
    expect(page.opened).toEqual([{ name: 'week 3.loupe', path: batch, bytes: new Uint8Array(readFileSync(batch)) }]);
    expect(page.failed).toEqual([]);
    expect(electron.app.recentDocuments).toEqual([batch]);
  });

  it('in development (`electron .`), skips the app folder too', async () => {
    const dir = folder();
    const batch = write(dir, 'a.jsonl', '{"id":"1","output":"x"}\n');
    Object.defineProperty(process, 'defaultApp', { value: true, configurable: true });
    try {
      const electron = await startApp({ argv: ['/x/electron', '.', batch] });
      const page = await openPage(electron);
      expect(page.opened.map((file) => file.name)).toEqual(['a.jsonl']);
      expect(page.failed).toEqual([]);
    } finally {
      Reflect.deleteProperty(process, 'defaultApp');
    }
  });
});

describe('a file that cannot be opened', () => {
  it('reaches the page as a message naming it and saying why; the app carries on', async () => {
    const dir = folder();
    const huge = path.join(dir, 'huge.loupe');
    writeFileSync(huge, '');
    // Sparse: the size is what counts, and it is refused before a byte is read.
    truncateSync(huge, MAX_FILE_BYTES + 1);
    const good = write(dir, 'good.loupe-result');
    const electron = await startApp({ argv: ['/opt/Loupe/loupe', path.join(dir, 'gone.loupe'), huge, good] });
    const page = await openPage(electron);

    expect(page.failed).toEqual([
      { name: 'gone.loupe', problem: 'missing', message: expect.stringMatching(/^Loupe could not open “gone\.loupe”: there is no such file/) },
      { name: 'huge.loupe', problem: 'too-large', message: expect.stringMatching(/^Loupe could not open “huge\.loupe”: it is 2\.2 GB, more than the 2\.2 GB Loupe opens\.$/) },
    ]);
    expect(page.opened.map((file) => file.name)).toEqual(['good.loupe-result']);
    expect(electron.app.recentDocuments).toEqual([good]);
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1);
  });
});

describe('a file opened on macOS (open-file)', () => {
  it('is taken before the app is ready, and delivered once the page listens', async () => {
    const dir = folder();
    const batch = write(dir, 'ward 7.loupe');
    let release = () => {};
    const electron = await startApp({ configure: (e) => (release = e.app.holdReady()), loadPage: false });
    const event = new electron.PreventableEvent();
    electron.app.emit('open-file', event, batch);
    // Handled by Loupe, not by the OS's default.
    expect(event.defaultPrevented).toBe(true);
    await settle();
    expect(electron.BrowserWindow.instances).toHaveLength(0);

    release();
    await loadPreload();
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    const page = await openPage(electron);
    expect(page.opened.map((file) => file.path)).toEqual([batch]);
  });

  it('brings a window back when all were closed', async () => {
    const realPlatform = process.platform;
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    try {
      const electron = await startApp();
      const page = await openPage(electron);
      electron.BrowserWindow.instances[0]?.destroy();
      expect(electron.app.quitted).toBe(false);
      const batch = write(folder(), 'b.loupe');
      electron.app.emit('open-file', new electron.PreventableEvent(), batch);
      await settle();
      expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1);
      // The new window's page has not said it listens yet: the file waits for it.
      expect(page.opened).toEqual([]);
    } finally {
      Object.defineProperty(process, 'platform', { value: realPlatform });
    }
  });
});

describe('Loupe opened again with files while running', () => {
  it('brings its window forward and opens the files there, in the one instance', async () => {
    const electron = await startApp();
    const page = await openPage(electron);
    const [window] = electron.BrowserWindow.instances;
    window?.minimize();
    const dir = folder();
    write(dir, 'results.loupe-result');
    electron.app.emit(
      'second-instance',
      {},
      ['/opt/Loupe/loupe', 'results.loupe-result', '--allow-file-access-from-files', '--original-process-start-time=13'],
      dir,
    );
    expect(window?.isMinimized()).toBe(false);
    expect(window?.focused).toBe(true);
    await settle();
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect(page.opened.map((file) => file.path)).toEqual([path.join(dir, 'results.loupe-result')]);
  });
});

describe('the File menu', () => {
  const menu = (electron: StandIn) => electron.Menu.applicationMenu?.items ?? [];
  const item = (items: readonly MenuItemStandIn[] | undefined, label: string) => {
    const found = items?.find((candidate) => candidate.label?.replace(/^&/, '') === label);
    if (found === undefined) throw new Error(`no menu item "${label}"`);
    return found;
  };
  const fileMenu = (electron: StandIn) => item(menu(electron), 'File').submenu;
  const openRecent = (electron: StandIn) => item(fileMenu(electron), 'Open Recent').submenu ?? [];

  it('lists the recent batches’ files under Open Recent; choosing one opens that file and moves it up', async () => {
    const electron = await startApp();
    const page = await openPage(electron);
    const dir = folder();
    const [a, b] = [write(dir, 'a.loupe'), write(dir, 'b.loupe-result')];
    await page.platform.saveSettings({
      recentBatches: [
        { batchId: 'b-2', name: 'B', openedAt: '2026-11-24T10:00:00.000Z', path: b },
        { batchId: 'demo', name: 'Demo', openedAt: '2026-11-23T10:00:00.000Z' },
        { batchId: 'b-1', name: 'A', openedAt: '2026-11-22T10:00:00.000Z', path: a },
      ],
    });
    expect(openRecent(electron).map((entry) => entry.label ?? entry.type)).toEqual(['b.loupe-result', 'a.loupe', 'separator', 'Clear Menu']);

    item(openRecent(electron), 'a.loupe').click?.();
    // Main reads the file from disk before it reaches the page: wait for it, not for a fixed moment.
    await vi.waitFor(() => expect(page.opened.map((file) => file.path)).toEqual([a]));
    expect(electron.app.recentDocuments).toEqual([a]);
    const { recentBatches } = await page.platform.loadSettings();
    expect(recentBatches.map((entry) => entry.batchId)).toEqual(['b-1', 'b-2', 'demo']);
    expect(recentBatches[0]?.openedAt.localeCompare('2026-11-24')).toBe(1);
    expect(openRecent(electron).map((entry) => entry.label)).toEqual(['a.loupe', 'b.loupe-result', undefined, 'Clear Menu']);
  });

  it('Open… shows the open dialog for the kinds Loupe opens and opens what was chosen', async () => {
    const electron = await startApp();
    const page = await openPage(electron);
    const dir = folder();
    const chosen = [write(dir, 'out.jsonl'), write(dir, 'units.xlf')];
    electron.dialog.nextOpen = { canceled: false, filePaths: chosen };
    expect(item(fileMenu(electron), 'Open…').accelerator).toBe('CmdOrCtrl+O');
    item(fileMenu(electron), 'Open…').click?.();
    await settle();
    expect(electron.dialog.openCalls.at(-1)).toEqual({
      parent: electron.BrowserWindow.instances[0],
      options: {
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: expect.any(String), extensions: ['loupe', 'loupe-result', 'jsonl', 'csv', 'xlf', 'xliff'] }],
      },
    });
    expect(page.opened.map((file) => file.path)).toEqual(chosen);

    electron.dialog.nextOpen = { canceled: true, filePaths: [] };
    item(fileMenu(electron), 'Open…').click?.();
    await vi.waitFor(() => expect(page.opened).toHaveLength(2));
  });

  it('Clear Menu forgets the files, not the batches', async () => {
    const electron = await startApp();
    const page = await openPage(electron);
    const a = write(folder(), 'a.loupe');
    await page.platform.saveSettings({ recentBatches: [{ batchId: 'b-1', name: 'A', openedAt: '2026-11-22T10:00:00.000Z', path: a }] });
    item(openRecent(electron), 'a.loupe').click?.();
    await settle();
    expect(electron.app.recentDocuments).toEqual([a]);

    item(openRecent(electron), 'Clear Menu').click?.();
    expect(electron.app.recentDocuments).toEqual([]);
    expect((await page.platform.loadSettings()).recentBatches).toEqual([
      { batchId: 'b-1', name: 'A', openedAt: expect.any(String) },
    ]);
    expect(openRecent(electron)).toEqual([{ label: 'Clear Menu', enabled: false, click: expect.any(Function) }]);
  });
});
