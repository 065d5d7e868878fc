import { contextBridge, ipcRenderer } from 'electron';
// Imported file by file, not through shared/ipc/index.ts: these hold no zod (contract.ts only as types),
// which keeps this sandboxed bundle small and free of code it does not need.
import { BRIDGE_KEY, type LoupeBridge } from '../../shared/ipc/bridge';
import {
  FLUSH_CHANNEL,
  FLUSHED_CHANNEL,
  OPEN_FILE_CHANNEL,
  OPEN_FILE_READY_CHANNEL,
  isInvokeChannel,
} from '../../shared/ipc/channels';
import type { OpenFileMessage, OpenedFileMessage } from '../../shared/ipc/contract';

const flushListeners = new Set<() => Promise<void>>();

// Main asks before the window closes, minimizes or hides. Every listener is awaited, and main is answered
// even if one fails: a failed flush must not keep the window from closing (main also has a timeout).
ipcRenderer.on(FLUSH_CHANNEL, (_event, message: { id?: unknown } | null) => {
  const listeners = [...flushListeners].map(async (listener) => listener());
  void Promise.allSettled(listeners).then(() => ipcRenderer.send(FLUSHED_CHANNEL, { id: message?.id }));
});

const openFileListeners = new Set<(message: OpenedFileMessage) => void>();
// A page that re-subscribes (a React effect run twice) must not lose a file that arrived in between.
const unclaimedFiles: OpenedFileMessage[] = [];
let toldMainReady = false;

const handOver = (message: OpenedFileMessage) => {
  if (openFileListeners.size === 0) unclaimedFiles.push(message);
  for (const listener of openFileListeners) listener(message);
};

// Main sends a file in parts, in order (one IPC message may not be too large); the page gets it whole.
let incoming: Uint8Array | null = null;
ipcRenderer.on(OPEN_FILE_CHANNEL, (_event, message: OpenFileMessage) => {
  if ('problem' in message) return handOver(message);
  const { name, path, size, offset, bytes } = message;
  if (offset === 0 && bytes.byteLength === size) return handOver({ name, path, bytes });
  if (offset === 0) incoming = new Uint8Array(size);
  incoming?.set(bytes, offset);
  if (incoming !== null && offset + bytes.byteLength === size) {
    handOver({ name, path, bytes: incoming });
    incoming = null;
  }
});

const bridge: LoupeBridge = {
  invoke: (channel, ...args) =>
    isInvokeChannel(channel)
      ? ipcRenderer.invoke(channel, ...args)
      : Promise.reject(new Error(`Loupe: "${String(channel)}" is not a channel the page may call.`)),
  onFlush: (listener) => {
    flushListeners.add(listener);
    return () => {
      flushListeners.delete(listener);
    };
  },
  onOpenFile: (listener) => {
    openFileListeners.add(listener);
    for (const message of unclaimedFiles.splice(0)) listener(message);
    // Main holds the files it was asked to open until the page can take them: now.
    if (!toldMainReady) {
      toldMainReady = true;
      ipcRenderer.send(OPEN_FILE_READY_CHANNEL, undefined);
    }
    return () => {
      openFileListeners.delete(listener);
    };
  },
};

// The page gets these three functions and nothing else: no ipcRenderer, no event objects, no Node.
contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
