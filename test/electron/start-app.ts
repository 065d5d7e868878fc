import { vi } from 'vitest';

export type StandIn = typeof import('./electron-stand-in');

export const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

export interface StartOptions {
  /** Runs before main loads: set the lock, hold `ready`… */
  configure?: (electron: StandIn) => void;
  /** The command line main sees; the packaged app with no arguments unless given. */
  argv?: string[];
  /** Whether to wait for the app to start and load the preload into its window. */
  loadPage?: boolean;
}

/** Loads main (and the preload) against a fresh stand-in. */
export async function startApp({ configure = () => {}, argv = ['/opt/Loupe/loupe'], loadPage = true }: StartOptions = {}) {
  vi.resetModules();
  const electron = await import('./electron-stand-in');
  configure(electron);
  const realArgv = process.argv;
  process.argv = argv;
  try {
    await import('../../electron/main/index');
  } finally {
    process.argv = realArgv;
  }
  if (loadPage) await loadPreload();
  return electron;
}

/** Lets main finish starting and runs the preload in its window. */
export async function loadPreload(): Promise<void> {
  await settle();
  await import('../../electron/preload/index');
}
