import { contextBridge, ipcRenderer } from 'electron';
// Imported file by file, not through shared/ipc/index.ts: these two hold no zod, which keeps this
// sandboxed bundle small and free of code it does not need.
import { BRIDGE_KEY, type LoupeBridge } from '../../shared/ipc/bridge';
import { FLUSH_CHANNEL, FLUSHED_CHANNEL, isInvokeChannel } from '../../shared/ipc/channels';

const flushListeners = new Set<() => Promise<void>>();

// Main asks before the window closes, minimizes or hides. Every listener is awaited, and main is answered
// even if one fails: a failed flush must not keep the window from closing (main also has a timeout).
ipcRenderer.on(FLUSH_CHANNEL, (_event, message: { id?: unknown } | null) => {
  const listeners = [...flushListeners].map(async (listener) => listener());
  void Promise.allSettled(listeners).then(() => ipcRenderer.send(FLUSHED_CHANNEL, { id: message?.id }));
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
};

// The page gets these two functions and nothing else: no ipcRenderer, no event objects, no Node.
contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
