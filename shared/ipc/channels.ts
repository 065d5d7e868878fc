/**
 * The names of every channel between Loupe's main process and its window. This file holds strings only,
 * with no imports, because the sandboxed preload bundles it and should stay small; `contract.ts` gives
 * each name its payload schemas and fails to compile if the two lists differ.
 */

/** Every channel starts with this, so a listener can tell Loupe's messages from anything else. */
export const CHANNEL_PREFIX = 'loupe:';

type Prefixed = `${typeof CHANNEL_PREFIX}${string}`;

/** Renderer → main requests with an answer (`ipcRenderer.invoke` / `ipcMain.handle`). */
export const INVOKE_CHANNELS = [
  'loupe:settings:load',
  'loupe:settings:save',
  'loupe:file:save',
  'loupe:app:info',
  'loupe:server:connection',
  'loupe:server:save',
  'loupe:server:request',
  'loupe:spellcheck:languages',
] as const satisfies readonly Prefixed[];
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/** Main → renderer: "the window is about to close or hide; write your drafts now". */
export const FLUSH_CHANNEL = 'loupe:app:flush' satisfies Prefixed;
/** Renderer → main: the answer to one flush request, sent by the preload, never by page code. */
export const FLUSHED_CHANNEL = 'loupe:app:flushed' satisfies Prefixed;

/** Main → renderer: a file the operating system (or the File menu) asked Loupe to open, or why it could not be read. */
export const OPEN_FILE_CHANNEL = 'loupe:file:open' satisfies Prefixed;
/**
 * Renderer → main: the page listens for opened files now; main holds them until then. Sent by the preload
 * when the page first subscribes, never by page code.
 */
export const OPEN_FILE_READY_CHANNEL = 'loupe:file:ready' satisfies Prefixed;

export const isInvokeChannel = (channel: unknown): channel is InvokeChannel =>
  (INVOKE_CHANNELS as readonly unknown[]).includes(channel);
