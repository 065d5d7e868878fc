import { describe, expect, it } from 'vitest';
import { createMainWindow, currentBounds, initialBounds, lockNavigation, windowOptions } from '../../electron/main/window';
import { PRELOAD_PATH } from '../../electron/main/paths';
import { BrowserWindowStandIn, PreventableEvent, WebContentsStandIn } from './electron-stand-in';

const asContents = (contents: WebContentsStandIn) => contents as unknown as Electron.WebContents;

describe('the main window', () => {
  it('is sandboxed and context-isolated, without Node, with a CommonJS preload', () => {
    const window = createMainWindow({ preload: PRELOAD_PATH, savedBounds: null, rememberBounds: () => {} });
    const options = (window as unknown as BrowserWindowStandIn).options;
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    // A sandboxed preload is loaded as a classic script: it must be the .cjs bundle.
    expect(options.webPreferences?.preload).toBe(PRELOAD_PATH);
    expect(PRELOAD_PATH).toMatch(/[/\\]preload[/\\]index\.cjs$/);
  });

  it('loads the app’s own page and nothing remote', () => {
    const window = createMainWindow({ preload: PRELOAD_PATH, savedBounds: null, rememberBounds: () => {} });
    expect(window.webContents.mainFrame.url).toBe('app://loupe/index.html');
  });

  it('shows itself only when ready, maximized again if it was', () => {
    const window = createMainWindow({
      preload: PRELOAD_PATH,
      savedBounds: { x: 10, y: 10, width: 900, height: 700, maximized: true },
      rememberBounds: () => {},
    }) as unknown as BrowserWindowStandIn;
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
    expect(window.maximized).toBe(true);
  });

  it('remembers its bounds when it closes', () => {
    const remembered: unknown[] = [];
    const window = createMainWindow({
      preload: PRELOAD_PATH,
      savedBounds: null,
      rememberBounds: (bounds) => remembered.push(bounds),
    }) as unknown as BrowserWindowStandIn;
    window.bounds = { x: 40, y: 50, width: 1000.4, height: 700 };
    window.close();
    expect(remembered).toEqual([{ x: 40, y: 50, width: 1000, height: 700, maximized: false }]);
  });
});

describe('navigation lock', () => {
  const locked = () => {
    const contents = new WebContentsStandIn();
    lockNavigation(asContents(contents));
    return contents;
  };
  const navigate = (contents: WebContentsStandIn, url: string, kind = 'will-navigate') => {
    const event = new PreventableEvent(url);
    contents.emit(kind, event, url);
    return event.defaultPrevented ? 'denied' : 'allowed';
  };

  it('denies navigation to any other origin or scheme', () => {
    const contents = locked();
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5317/',
      'file:///etc/passwd',
      'app://elsewhere/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'not a url',
    ]) {
      expect(navigate(contents, url), url).toBe('denied');
    }
  });

  it('denies other pages of the app’s own origin and redirects away', () => {
    const contents = locked();
    expect(navigate(contents, 'app://loupe/assets/evil.html')).toBe('denied');
    expect(navigate(contents, 'https://example.com/', 'will-redirect')).toBe('denied');
  });

  it('allows the app’s own page (a reload with a fragment or query)', () => {
    const contents = locked();
    expect(navigate(contents, 'app://loupe/index.html')).toBe('allowed');
    expect(navigate(contents, 'app://loupe/index.html?item=3#top')).toBe('allowed');
  });

  it('denies every window.open', () => {
    const contents = locked();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://loupe/index.html' })).toEqual({ action: 'deny' });
  });
});

describe('window bounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

  it('opens at a default size the first time', () => {
    expect(initialBounds(null, screen)).toEqual({ width: 1280, height: 820 });
  });

  it('restores size and position on a screen that is still there', () => {
    expect(initialBounds({ x: 100, y: 80, width: 900, height: 700, maximized: false }, screen)).toEqual({
      x: 100,
      y: 80,
      width: 900,
      height: 700,
    });
  });

  it('drops a position that is off every screen (an unplugged monitor) and keeps the size', () => {
    expect(initialBounds({ x: 3000, y: 80, width: 900, height: 700, maximized: false }, screen)).toEqual({
      width: 900,
      height: 700,
    });
  });

  it('passes the restored bounds to the window, with the minimum size settings accept', () => {
    const options = windowOptions('/p/index.cjs', { width: 900, height: 700 });
    expect(options).toMatchObject({ width: 900, height: 700, minWidth: 400, minHeight: 300, show: false });
  });

  it('reports bounds that always fit the settings schema', () => {
    const window = new BrowserWindowStandIn({});
    window.bounds = { x: -5.6, y: 3.2, width: 120, height: 50_000 };
    expect(currentBounds(window as unknown as Electron.BrowserWindow)).toEqual({
      x: -6,
      y: 3,
      width: 400,
      height: 20_000,
      maximized: false,
    });
  });
});
