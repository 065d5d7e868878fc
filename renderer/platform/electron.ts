import { BRIDGE_KEY, type LoupeBridge } from '../../shared/ipc';
import type { Platform } from './platform';

/** The bridge the preload exposed; without it this build is running outside Loupe's desktop window. */
function desktopBridge(): LoupeBridge {
  const bridge = (globalThis as Partial<Record<typeof BRIDGE_KEY, LoupeBridge>>)[BRIDGE_KEY];
  if (bridge === undefined) {
    throw new Error('Loupe’s desktop bridge is missing: this build runs only inside the Loupe desktop app.');
  }
  return bridge;
}

/** The desktop shell's platform: everything goes through the preload bridge to the main process. */
export function createPlatform(): Platform {
  const bridge = desktopBridge();
  return {
    kind: 'electron',
    loadSettings: () => bridge.invoke('loupe:settings:load'),
    saveSettings: (patch) => bridge.invoke('loupe:settings:save', patch),
    saveFile: (request) => bridge.invoke('loupe:file:save', request),
    // Electron keeps an app's IndexedDB for good; there is no eviction to ask to be spared from.
    persistStorage: () => Promise.resolve(true),
    onFlushRequest: (listener) => bridge.onFlush(listener),
    connection: () => bridge.invoke('loupe:server:connection'),
    saveConnection: (settings) => bridge.invoke('loupe:server:save', settings),
    serverRequest: (request) => bridge.invoke('loupe:server:request', request),
    setSpellCheckLanguages: async (languages) => (await bridge.invoke('loupe:spellcheck:languages', { languages: [...languages] })).languages,
    onOpenFile: (listener, onFailure) =>
      bridge.onOpenFile((message) => {
        if ('bytes' in message) listener(message);
        else onFailure?.({ name: message.name, problem: message.problem, message: message.message });
      }),
  };
}
