import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import {
  FLUSHED_CHANNEL,
  INVOKE_CHANNELS,
  invokeContract,
  messageContract,
  OPEN_FILE_READY_CHANNEL,
  type InvokeChannel,
  type InvokeResponse,
  type ValidInvokeRequest,
} from '../../shared/ipc';
import type { Flusher } from './flush';
import type { FileOpener } from './open-files';
import { isAppUrl } from './protocol';

/** One handler per request channel; each receives its request already validated. */
export type InvokeHandlers = {
  [C in InvokeChannel]: (request: ValidInvokeRequest<C>) => Promise<InvokeResponse<C>> | InvokeResponse<C>;
};

/**
 * Whether a message comes from the app's page in the app's window: the window's own web contents, its
 * top frame (not an iframe), showing an app:// URL. Anything else is refused, whatever it sends.
 */
export function isFromAppWindow(event: IpcMainEvent | IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  return (
    window !== null &&
    !window.isDestroyed() &&
    event.sender === window.webContents &&
    frame !== null &&
    frame.parent === null &&
    isAppUrl(frame.url)
  );
}

// The contract seen through a mapped type, so that indexing it with a generic channel keeps the link
// between a channel and its request type (TypeScript loses it when indexing the literal object).
const requestSchemas: { [C in InvokeChannel]: { request: z.ZodType<ValidInvokeRequest<C>> } } = invokeContract;

/** The one-way messages the page's preload sends to main. */
type PageMessageChannel = typeof FLUSHED_CHANNEL | typeof OPEN_FILE_READY_CHANNEL;
type PageMessage<C extends PageMessageChannel> = z.output<(typeof messageContract)[C]>;
const messageSchemas: { [C in PageMessageChannel]: z.ZodType<PageMessage<C>> } = messageContract;

const refusal = (channel: string, reason: string) => new Error(`Loupe refused "${channel}": ${reason}`);

export interface IpcOptions {
  /** The app's window, or null while there is none. */
  window(): BrowserWindow | null;
  handlers: InvokeHandlers;
  flusher: Flusher;
  fileOpener: Pick<FileOpener, 'ready'>;
}

/** Registers every channel of the contract in shared/ipc. Call once. */
export function registerIpc({ window, handlers, flusher, fileOpener }: IpcOptions): void {
  const handle = <C extends InvokeChannel>(channel: C) => {
    const schema = requestSchemas[channel].request;
    const handler: InvokeHandlers[C] = handlers[channel];
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!isFromAppWindow(event, window())) throw refusal(channel, 'the sender is not Loupe’s own window.');
      const request = schema.safeParse(payload);
      if (!request.success) throw refusal(channel, `invalid payload.\n${z.prettifyError(request.error)}`);
      return handler(request.data);
    });
  };
  for (const channel of INVOKE_CHANNELS) handle(channel);

  // A one-way message cannot be answered with an error, so a bad one is logged and dropped.
  const receive = <C extends PageMessageChannel>(channel: C, accept: (message: PageMessage<C>, sender: WebContents) => void) => {
    ipcMain.on(channel, (event, payload: unknown) => {
      if (!isFromAppWindow(event, window())) {
        console.warn(refusal(channel, 'the sender is not Loupe’s own window.').message);
        return;
      }
      const message = messageSchemas[channel].safeParse(payload);
      if (!message.success) {
        console.warn(refusal(channel, `invalid payload.\n${z.prettifyError(message.error)}`).message);
        return;
      }
      accept(message.data, event.sender);
    });
  };
  receive(FLUSHED_CHANNEL, (message) => flusher.acknowledge(message.id));
  receive(OPEN_FILE_READY_CHANNEL, (_message, sender) => fileOpener.ready(sender));
}
