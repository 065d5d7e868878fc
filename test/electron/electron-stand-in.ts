/**
 * A stand-in for the `electron` module, for tests of the main process and the preload in plain Node: the
 * Electron runtime cannot be downloaded where these tests run. vitest.config.ts aliases `electron` to
 * this file (also inside electron-store). It implements the part of Electron's API that Loupe and
 * electron-store use, records what the code under test asks of it, and wires one simulated page: what
 * main sends to the current window's web contents reaches `ipcRenderer`, and what `ipcRenderer` sends
 * or invokes reaches `ipcMain` with that window as sender, structured-cloned like real IPC.
 *
 * It proves that Loupe's code asks Electron for the right things; it cannot prove what Electron and
 * Chromium then do with them (see docs/desktop.md).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** An event whose default action the listener may cancel, as Electron passes to 'close', 'will-navigate'… */
export class PreventableEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class WebFrameMainStandIn {
  constructor(
    public url: string,
    readonly parent: WebFrameMainStandIn | null = null,
  ) {}
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class WebContentsStandIn extends EventEmitter {
  readonly mainFrame = new WebFrameMainStandIn('about:blank');
  windowOpenHandler: WindowOpenHandler | null = null;
  destroyed = false;
  crashed = false;

  send(channel: string, payload: unknown): void {
    if (this === page.contents) deliverLater(() => ipcRenderer.emit(channel, { sender: ipcRenderer }, structuredClone(payload)));
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isCrashed(): boolean {
    return this.crashed;
  }
}

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class BrowserWindowStandIn extends EventEmitter {
  static readonly instances: BrowserWindowStandIn[] = [];
  static getAllWindows(): BrowserWindowStandIn[] {
    return BrowserWindowStandIn.instances.filter((window) => !window.destroyed);
  }

  readonly webContents = new WebContentsStandIn();
  bounds: Bounds;
  destroyed = false;
  visible = false;
  maximized = false;
  minimized = false;
  focused = false;

  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    const number = (key: string, fallback: number) => (typeof options[key] === 'number' ? options[key] : fallback);
    this.bounds = { x: number('x', 100), y: number('y', 100), width: number('width', 800), height: number('height', 600) };
    BrowserWindowStandIn.instances.push(this);
    // The simulated page lives in the newest window.
    page.contents = this.webContents;
    if (options.show !== false) this.visible = true;
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  close(): void {
    if (this.destroyed) return;
    const event = new PreventableEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (BrowserWindowStandIn.getAllWindows().length === 0 && !app.quitInProgress) app.emit('window-all-closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  show(): void {
    this.visible = true;
    this.minimized = false;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.emit('hide');
  }
  minimize(): void {
    this.minimized = true;
    this.emit('minimize');
  }
  restore(): void {
    this.minimized = false;
    this.emit('restore');
  }
  maximize(): void {
    this.maximized = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds(): Bounds {
    return { ...this.bounds };
  }
}

class AppStandIn extends EventEmitter {
  private readonly paths = new Map<string, string>();
  private name = 'loupe-review';
  /** What `requestSingleInstanceLock` answers; a test sets it to false to play the second instance. */
  singleInstanceLock = true;
  quitInProgress = false;
  /** True once a quit went through (no window kept it open). */
  quitted = false;
  /** Run from a checkout (`electron .`), as the tests do. */
  isPackaged = false;
  /** The OS's recent documents, as `addRecentDocument` and `clearRecentDocuments` left them. */
  readonly recentDocuments: string[] = [];

  addRecentDocument(file: string): void {
    this.recentDocuments.push(file);
  }
  clearRecentDocuments(): void {
    this.recentDocuments.length = 0;
  }

  getPath(name: string): string {
    let value = this.paths.get(name);
    if (value === undefined) {
      value = mkdtempSync(path.join(tmpdir(), `loupe-stand-in-${name}-`));
      this.paths.set(name, value);
    }
    return value;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getName(): string {
    return this.name;
  }
  setName(name: string): void {
    this.name = name;
  }
  getVersion(): string {
    return '0.1.0';
  }
  getLocale(): string {
    return 'en-US';
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }
  private ready: Promise<void> = Promise.resolve();
  whenReady(): Promise<void> {
    return this.ready;
  }
  /** Keeps the app from becoming ready until the returned function is called (macOS `open-file` at launch). */
  holdReady(): () => void {
    let release = () => {};
    this.ready = new Promise((resolve) => {
      release = resolve;
    });
    return release;
  }
  /** As Electron: 'before-quit', then every window is asked to close; one that refuses cancels the quit. */
  quit(): void {
    const event = new PreventableEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.quitInProgress = true;
    for (const window of BrowserWindowStandIn.getAllWindows()) window.close();
    this.quitInProgress = false;
    if (BrowserWindowStandIn.getAllWindows().length === 0) this.quitted = true;
  }
}

type InvokeEvent = { sender: unknown; senderFrame: WebFrameMainStandIn | null };
type Handler = (event: InvokeEvent, ...args: unknown[]) => unknown;

class IpcMainStandIn extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  /** Calls a handler as a given sender would; real IPC clones the arguments, so this does too. */
  async invokeAs(event: InvokeEvent, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args.map((arg) => structuredClone(arg)));
  }
}

/** The page's side: sends and invokes as the top frame of the newest window. */
class IpcRendererStandIn extends EventEmitter {
  private pageEvent(): InvokeEvent {
    const contents = page.contents;
    if (contents === null) throw new Error('The stand-in has no window for the page to live in.');
    return { sender: contents, senderFrame: contents.mainFrame };
  }
  send(channel: string, payload: unknown): void {
    const event = this.pageEvent();
    deliverLater(() => ipcMain.emit(channel, event, structuredClone(payload)));
  }
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return ipcMain.invokeAs(this.pageEvent(), channel, ...args);
  }
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (contents: unknown, permission: string) => boolean;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export class SessionStandIn {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  headersListener: HeadersListener | null = null;
  /** Part of the list Chromium's Hunspell dictionaries give on Windows and Linux. */
  availableSpellCheckerLanguages = ['ar', 'de-DE', 'en-GB', 'en-US', 'fr', 'he', 'pt-BR', 'pt-PT'];
  spellCheckerLanguages: string[] = [];
  setSpellCheckerLanguages(languages: string[]): void {
    // As Electron does: a language it has no dictionary for is an error.
    const unknown = languages.find((l) => !this.availableSpellCheckerLanguages.includes(l));
    if (unknown !== undefined) throw new Error(`Invalid language code provided: "${unknown}" is not a valid language code`);
    this.spellCheckerLanguages = [...languages];
  }
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

class ProtocolStandIn {
  readonly privileged: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    this.handlers.set(scheme, handler);
  }
}

interface SaveDialogAnswer {
  canceled: boolean;
  filePath?: string;
}

interface OpenDialogAnswer {
  canceled: boolean;
  filePaths: string[];
}

class DialogStandIn {
  /** What the next save dialog answers, as if the user had chosen it. */
  nextSave: SaveDialogAnswer = { canceled: true };
  readonly saveCalls: { parent: unknown; options: Record<string, unknown> }[] = [];
  /** What the next open dialog answers. */
  nextOpen: OpenDialogAnswer = { canceled: true, filePaths: [] };
  readonly openCalls: { parent: unknown; options: Record<string, unknown> }[] = [];
  showOpenDialog(...args: unknown[]): Promise<OpenDialogAnswer> {
    const [parent, options] = args.length > 1 ? args : [null, args[0]];
    this.openCalls.push({ parent, options: options as Record<string, unknown> });
    return Promise.resolve(this.nextOpen);
  }
  showSaveDialog(...args: unknown[]): Promise<SaveDialogAnswer> {
    const [parent, options] = args.length > 1 ? args : [null, args[0]];
    this.saveCalls.push({ parent, options: options as Record<string, unknown> });
    return Promise.resolve(this.nextSave);
  }
}

/** A menu item as given in a template; `click` is called by tests as choosing the item would. */
export interface MenuItemStandIn {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  enabled?: boolean;
  submenu?: MenuItemStandIn[];
  click?: () => void;
}

/** Keeps the template itself as the "built" menu, so tests can read it and choose items. */
class MenuStandIn {
  static applicationMenu: { items: MenuItemStandIn[] } | null = null;
  static buildFromTemplate(template: MenuItemStandIn[]): { items: MenuItemStandIn[] } {
    return { items: template };
  }
  static setApplicationMenu(menu: { items: MenuItemStandIn[] } | null): void {
    MenuStandIn.applicationMenu = menu;
  }
}

class ContextBridgeStandIn {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    this.exposed.set(key, api);
  }
}

/**
 * The OS's secure storage as `safeStorage`'s asynchronous API (Electron 45 deprecates the synchronous
 * one) shows it. `offers` is what the machine has: a keyring, only Linux's `basic_text` fallback, or
 * nothing. Encryption is real (AES-256-GCM) so that ciphertext on disk reveals nothing and a key that is
 * gone makes decryption fail, as a changed keychain does.
 */
class SafeStorageStandIn {
  offers: 'keyring' | 'basic_text' | 'nothing' = 'keyring';
  /** The keyring's keys, newest first; older ones still decrypt and ask for the data to be encrypted again. */
  private keys: [Buffer, ...Buffer[]] = [randomBytes(32)];
  // Chromium's basic_text key is a fixed, published password; any fixed key plays it.
  private static readonly basicTextKey = Buffer.alloc(32, 7);

  /** A new keyring (another machine, a reset keychain): what was encrypted before cannot be decrypted. */
  replaceKeyring(): void {
    this.keys = [randomBytes(32)];
  }
  /** A rotated key: old data still decrypts, and says it should be encrypted again. */
  rotateKey(): void {
    this.keys = [randomBytes(32), ...this.keys];
  }
  /** The key that encrypts now, then the others that still decrypt. */
  private usableKeys(): [Buffer, ...Buffer[]] {
    if (this.offers === 'nothing') throw new Error('Encryption is not available.');
    return this.offers === 'basic_text' ? [SafeStorageStandIn.basicTextKey] : [...this.keys, SafeStorageStandIn.basicTextKey];
  }

  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(this.offers !== 'nothing');
  }
  getSelectedStorageBackend(): 'basic_text' | 'gnome_libsecret' {
    return this.offers === 'keyring' ? 'gnome_libsecret' : 'basic_text';
  }
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.usableKeys()[0], iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }
  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    const [current, ...older] = this.usableKeys();
    for (const key of [current, ...older]) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
        decipher.setAuthTag(encrypted.subarray(12, 28));
        const result = Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
        return { result, shouldReEncrypt: key !== current };
      } catch {
        // Not this key; try the next.
      }
    }
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  }
}

/** `net.fetch` goes through Node's fetch here: the tests' servers are real, Chromium's network stack is not. */
export const net = {
  fetch: (input: string | Request, init?: RequestInit): Promise<Response> => fetch(input, init),
};

/** Delivers a message on a later turn, as IPC does, so no test passes only because delivery was synchronous. */
function deliverLater(deliver: () => void): void {
  setImmediate(deliver);
}

/** The simulated page: it lives in the newest window's web contents. */
const page: { contents: WebContentsStandIn | null } = { contents: null };

export const app = new AppStandIn();
export const ipcMain = new IpcMainStandIn();
export const ipcRenderer = new IpcRendererStandIn();
export const contextBridge = new ContextBridgeStandIn();
export const protocol = new ProtocolStandIn();
export const dialog = new DialogStandIn();
export const session = { defaultSession: new SessionStandIn() };
export const safeStorage = new SafeStorageStandIn();
export const shell = { openPath: (_path: string) => Promise.resolve('') };
export const screen = {
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getAllDisplays() {
    return this.displays;
  },
};
export const BrowserWindow = BrowserWindowStandIn;
export const Menu = MenuStandIn;

// electron-store does `import electron from 'electron'`.
export default { app, BrowserWindow, contextBridge, dialog, ipcMain, ipcRenderer, Menu, net, protocol, safeStorage, screen, session, shell };
