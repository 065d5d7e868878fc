import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createFlusher } from '../../electron/main/flush';
import { registerIpc, type InvokeHandlers } from '../../electron/main/ipc';
import { defaultSettings } from '../../shared/settings';
import { FLUSHED_CHANNEL, INVOKE_CHANNELS, OPEN_FILE_READY_CHANNEL } from '../../shared/ipc';
import { BrowserWindowStandIn, WebContentsStandIn, WebFrameMainStandIn, ipcMain } from './electron-stand-in';

const window = new BrowserWindowStandIn({});
void window.loadURL('app://loupe/index.html');
const received: unknown[] = [];
const handlers: InvokeHandlers = {
  'loupe:settings:load': () => defaultSettings(),
  'loupe:settings:save': (change) => {
    received.push(change);
    return { ...defaultSettings(), ...change };
  },
  'loupe:file:save': (request) => {
    received.push(request);
    return { saved: false };
  },
  'loupe:app:info': () => ({ name: 'Loupe', version: '0.1.0', platform: 'linux', electron: '45.4.1', locale: 'en-US' }),
  'loupe:server:connection': () => ({ url: null, hasToken: false, allowPlainHttp: false, storage: 'os' }),
  'loupe:server:save': (settings) => {
    received.push(settings);
    return { url: settings?.url ?? null, hasToken: settings !== null, allowPlainHttp: settings?.allowPlainHttp ?? false, storage: 'os' };
  },
  'loupe:server:request': (request) => {
    received.push(request);
    return { kind: 'not-configured' };
  },
  'loupe:spellcheck:languages': (request) => {
    received.push(request);
    return { languages: request.languages };
  },
};
const acknowledged: number[] = [];
const flusher = { ...createFlusher(), acknowledge: (id: number) => acknowledged.push(id) };
const readyPages: unknown[] = [];
const fileOpener = { ready: (contents: Electron.WebContents) => void readyPages.push(contents) };

beforeAll(() => {
  registerIpc({ window: () => window as unknown as Electron.BrowserWindow, handlers, flusher, fileOpener });
});

const fromPage = () => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });

describe('IPC in main', () => {
  it('registers a handler for every request channel of the contract, and only those', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('answers a valid request from the app’s page', async () => {
    await expect(ipcMain.invokeAs(fromPage(), 'loupe:app:info')).resolves.toMatchObject({ name: 'Loupe' });
    await expect(ipcMain.invokeAs(fromPage(), 'loupe:settings:save', { theme: 'dark' })).resolves.toMatchObject({
      theme: 'dark',
    });
  });

  it('hands the handler only the fields a change contains (no defaults filled in)', async () => {
    received.length = 0;
    await ipcMain.invokeAs(fromPage(), 'loupe:settings:save', { locale: 'de' });
    expect(received).toEqual([{ locale: 'de' }]);
  });

  it('passes bytes through as bytes', async () => {
    received.length = 0;
    const data = new Uint8Array([1, 2, 3]);
    await ipcMain.invokeAs(fromPage(), 'loupe:file:save', { suggestedName: 'a.bin', mimeType: 'application/octet-stream', data });
    expect(received).toEqual([{ suggestedName: 'a.bin', mimeType: 'application/octet-stream', data }]);
  });

  it('rejects a bad payload with a message naming the channel and the field', async () => {
    received.length = 0;
    await expect(ipcMain.invokeAs(fromPage(), 'loupe:settings:save', { theme: 'purple' })).rejects.toThrow(
      /Loupe refused "loupe:settings:save": invalid payload\.[\s\S]*theme/,
    );
    await expect(ipcMain.invokeAs(fromPage(), 'loupe:settings:save', 'dark')).rejects.toThrow(/invalid payload/);
    // Unknown fields are refused rather than silently dropped: they are a bug on the page's side.
    await expect(ipcMain.invokeAs(fromPage(), 'loupe:settings:save', { themes: 'dark' })).rejects.toThrow(/themes/);
    await expect(ipcMain.invokeAs(fromPage(), 'loupe:app:info', { please: true })).rejects.toThrow(/invalid payload/);
    expect(received).toEqual([]);
  });

  it('refuses a file name that is a path', async () => {
    for (const suggestedName of ['../../.bashrc', 'a/b.jsonl', 'C:\\x.csv', '..', '']) {
      await expect(
        ipcMain.invokeAs(fromPage(), 'loupe:file:save', { suggestedName, mimeType: 'text/plain', data: 'x' }),
        suggestedName,
      ).rejects.toThrow(/suggestedName/);
    }
  });

  it('refuses requests from another web contents, an iframe, or another URL in the window', async () => {
    const other = new WebContentsStandIn();
    await other.loadURL('app://loupe/index.html');
    const foreign = [
      { sender: other, senderFrame: other.mainFrame },
      { sender: window.webContents, senderFrame: new WebFrameMainStandIn('app://loupe/index.html', window.webContents.mainFrame) },
      { sender: window.webContents, senderFrame: new WebFrameMainStandIn('https://evil.example/') },
      { sender: window.webContents, senderFrame: new WebFrameMainStandIn('file:///tmp/page.html') },
      { sender: window.webContents, senderFrame: null },
    ];
    for (const event of foreign) {
      await expect(ipcMain.invokeAs(event, 'loupe:settings:load')).rejects.toThrow(
        'Loupe refused "loupe:settings:load": the sender is not Loupe’s own window.',
      );
    }
  });

  it('takes a flush acknowledgement only from the app’s page, and only a valid one', () => {
    acknowledged.length = 0;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const other = new WebContentsStandIn();
    ipcMain.emit(FLUSHED_CHANNEL, { sender: other, senderFrame: other.mainFrame }, { id: 1 });
    ipcMain.emit(FLUSHED_CHANNEL, fromPage(), { id: 'one' });
    ipcMain.emit(FLUSHED_CHANNEL, fromPage(), { id: 2 });
    expect(acknowledged).toEqual([2]);
    expect(warn.mock.calls.map(([message]) => String(message))).toEqual([
      'Loupe refused "loupe:app:flushed": the sender is not Loupe’s own window.',
      expect.stringMatching(/^Loupe refused "loupe:app:flushed": invalid payload\.[\s\S]*id/),
    ]);
    warn.mockRestore();
  });

  it('takes "ready for opened files" only from the app’s page', () => {
    readyPages.length = 0;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const other = new WebContentsStandIn();
    ipcMain.emit(OPEN_FILE_READY_CHANNEL, { sender: other, senderFrame: other.mainFrame }, undefined);
    const iframe = new WebFrameMainStandIn('app://loupe/index.html', window.webContents.mainFrame);
    ipcMain.emit(OPEN_FILE_READY_CHANNEL, { sender: window.webContents, senderFrame: iframe }, undefined);
    ipcMain.emit(OPEN_FILE_READY_CHANNEL, fromPage(), { please: 'all files' });
    expect(readyPages).toEqual([]);
    ipcMain.emit(OPEN_FILE_READY_CHANNEL, fromPage(), undefined);
    expect(readyPages).toEqual([window.webContents]);
    expect(warn.mock.calls.map(([message]) => String(message))).toEqual([
      'Loupe refused "loupe:file:ready": the sender is not Loupe’s own window.',
      'Loupe refused "loupe:file:ready": the sender is not Loupe’s own window.',
      expect.stringMatching(/^Loupe refused "loupe:file:ready": invalid payload\./),
    ]);
    warn.mockRestore();
  });
});

describe('IPC once the window is gone', () => {
  it('refuses everything', async () => {
    window.destroy();
    await expect(ipcMain.invokeAs(fromPage(), 'loupe:settings:load')).rejects.toThrow(/not Loupe’s own window/);
  });
});
