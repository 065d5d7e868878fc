import { fileURLToPath } from 'node:url';

// Resolved against the built main file, out/main/index.js: electron.vite.config.ts writes the preload to
// out/preload/index.cjs and the page to out/renderer/, in a checkout and inside the packaged asar alike.
export const PRELOAD_PATH = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
export const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
