import type { InvokeChannel } from './channels';
import type { InvokeRequest, InvokeResponse, OpenedFileMessage } from './contract';

/** The global name under which the preload exposes the bridge: `window.loupe`. */
export const BRIDGE_KEY = 'loupe';

/** Channels without a request body are called with the channel alone. */
export type InvokeArgs<C extends InvokeChannel> =
  InvokeRequest<C> extends undefined ? [] : [payload: InvokeRequest<C>];

/**
 * What the preload gives the page, and all it gives: typed calls on the request channels, one hook for
 * the flush-before-close handshake and one for files the OS asks Loupe to open. No `ipcRenderer`, no
 * events, no Node.
 */
export interface LoupeBridge {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResponse<C>>;
  /**
   * Runs `listener` when main asks for drafts to be written (before close, minimize, hide); main is
   * told once every listener has settled. Returns a function that removes the listener.
   */
  onFlush(listener: () => Promise<void>): () => void;
  /**
   * Runs `listener` for each file main opened (from the command line, the file manager, File → Open…),
   * or could not. The first subscription tells main the page is ready; files that arrive while nobody
   * listens wait for the next subscriber. Returns a function that removes the listener.
   */
  onOpenFile(listener: (message: OpenedFileMessage) => void): () => void;
}
